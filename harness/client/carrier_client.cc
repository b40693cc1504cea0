#include "harness/client/carrier_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <thread>

namespace tracksim::harness {

struct CarrierClient::Impl {
  explicit Impl(ClientOptions o) : options(std::move(o)), http(options.host, options.port) {
    http.set_keep_alive(true);
    http.set_tcp_nodelay(true);
    const auto ms = [](std::chrono::milliseconds d) {
      return std::pair{static_cast<time_t>(d.count() / 1000),
                       static_cast<time_t>(d.count() % 1000 * 1000)};
    };
    const auto [cs, cus] = ms(options.connect_timeout);
    const auto [rs, rus] = ms(options.read_timeout);
    http.set_connection_timeout(cs, cus);
    http.set_read_timeout(rs, rus);
    if (!options.sleep) {
      options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    }
  }

  std::chrono::milliseconds backoff(int attempt) const {
    const auto d = options.backoff_base * (1LL << std::min(attempt, 16));
    return std::min<std::chrono::milliseconds>(d, options.backoff_max);
  }

  ClientOptions options;
  httplib::Client http;
};

CarrierClient::CarrierClient(ClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}
CarrierClient::~CarrierClient() = default;

namespace {

// Retry-After in whole seconds (the only form the mock and Kuaidi100 send), else nullopt.
std::optional<std::chrono::milliseconds> retry_after(const httplib::Response& r) {
  const std::string v = r.get_header_value("Retry-After");
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::stol(v));
}

// Percent-encodes anything but letters, digits, '-' and '_' (numbers are normally plain).
std::string escape_path_segment(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xFU];
    }
  }
  return out;
}

}  // namespace

FetchResult CarrierClient::track(sim::Carrier carrier, const std::string& number) {
  const std::string path = "/track/" + std::string(sim::code(carrier)) + "/" +
                           escape_path_segment(number) + "?order=asc";
  FetchResult out;
  for (int attempt = 0; attempt < impl_->options.max_attempts; ++attempt) {
    out.attempts = attempt + 1;
    std::chrono::milliseconds wait = impl_->backoff(attempt);
    auto res = impl_->http.Get(path);
    if (!res) {
      out.last_error = "request failed: " + httplib::to_string(res.error());
    } else if (res->status == 404) {
      auto body = parse_kuaidi100(res->body);
      out.status = FetchStatus::not_found;
      if (body) out.answer = std::move(*body);
      return out;
    } else if (res->status == 200) {
      auto body = parse_kuaidi100(res->body);
      if (body) {
        out.status = body->found ? FetchStatus::ok : FetchStatus::not_found;
        out.answer = std::move(*body);
        if (out.answer.found) {
          out.answer.parcel.carrier = carrier;
          if (out.answer.parcel.number.empty()) out.answer.parcel.number = number;
        }
        return out;
      }
      out.last_error = "unreadable answer: " + body.error().message;
    } else {
      out.last_error = "HTTP " + std::to_string(res->status);
      if (res->status == 429) {
        if (auto ra = retry_after(*res)) wait = std::min(*ra, impl_->options.backoff_max);
      } else if (res->status < 500) {
        return out;  // a 4xx other than 404/429 will not change by asking again
      }
    }
    if (attempt + 1 < impl_->options.max_attempts) impl_->options.sleep(wait);
  }
  out.status = FetchStatus::unknown;
  return out;
}

}  // namespace tracksim::harness

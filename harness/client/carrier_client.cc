#include "harness/client/carrier_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
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

// One parsed Kuaidi100 answer as a fetch result (the number filled in where the body lacks it).
FetchResult answered(Result<TrackingAnswer> body, sim::Carrier carrier, const std::string& number,
                     int attempts) {
  FetchResult out;
  out.attempts = attempts;
  if (!body) {
    out.last_error = "unreadable answer: " + body.error().message;
    return out;
  }
  out.status = body->found ? FetchStatus::ok : FetchStatus::not_found;
  out.answer = std::move(*body);
  if (out.answer.found) {
    out.answer.parcel.carrier = carrier;
    if (out.answer.parcel.number.empty()) out.answer.parcel.number = number;
  }
  return out;
}

}  // namespace

std::vector<FetchResult> CarrierClient::track_batch(
    const std::vector<std::pair<sim::Carrier, std::string>>& numbers) {
  nlohmann::json request = {{"order", "asc"}, {"numbers", nlohmann::json::array()}};
  for (const auto& [carrier, number] : numbers) {
    request["numbers"].push_back({{"com", sim::code(carrier)}, {"num", number}});
  }
  const std::string body = request.dump();
  std::string error;
  int attempt = 0;
  for (; attempt < impl_->options.max_attempts; ++attempt) {
    std::chrono::milliseconds wait = impl_->backoff(attempt);
    auto res = impl_->http.Post("/track/batch", body, "application/json");
    if (!res) {
      error = "request failed: " + httplib::to_string(res.error());
    } else if (res->status == 200) {
      auto entries = parse_kuaidi100_batch(res->body, numbers.size());
      if (entries) {
        std::vector<FetchResult> out;
        out.reserve(numbers.size());
        for (std::size_t i = 0; i < numbers.size(); ++i) {
          out.push_back(
              answered(std::move((*entries)[i]), numbers[i].first, numbers[i].second, attempt + 1));
        }
        return out;
      }
      error = "unreadable batch answer: " + entries.error().message;
    } else {
      error = "HTTP " + std::to_string(res->status) + " for a batch";
      if (res->status == 429) {
        if (auto ra = retry_after(*res)) wait = std::min(*ra, impl_->options.backoff_max);
      } else if (res->status < 500) {
        ++attempt;
        break;  // a 4xx other than 429 will not change by asking again
      }
    }
    if (attempt + 1 < impl_->options.max_attempts) impl_->options.sleep(wait);
  }
  FetchResult failed;
  failed.attempts = attempt;
  failed.last_error = error;
  return std::vector<FetchResult>(numbers.size(), failed);
}

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
      FetchResult r = answered(parse_kuaidi100(res->body), carrier, number, attempt + 1);
      if (r.status != FetchStatus::unknown) return r;
      out.last_error = std::move(r.last_error);
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

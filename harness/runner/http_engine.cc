#include "harness/runner/http_engine.h"

#include <httplib.h>

#include <cstdlib>
#include <optional>
#include <thread>

#include "harness/runner/exec_engine.h"
#include "sim/core/address.h"

namespace tracksim::harness {
namespace {

constexpr int kAttempts = 3;
constexpr std::chrono::milliseconds kBackoff[] = {std::chrono::milliseconds(50),
                                                  std::chrono::milliseconds(200)};
constexpr std::chrono::milliseconds kMaxRetryAfter{1000};

struct Target {
  std::string host;
  int port = 80;
  std::string path = "/";
};

Result<Target> parse_url(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind("https://", 0) == 0) {
    return unexpected("--engine " + url + ": https is not spoken; serve the engine over http://");
  }
  if (url.rfind(kScheme, 0) != 0) {
    return unexpected("--engine takes exec:CMD or http://HOST:PORT/PATH; got '" + url + "'");
  }
  std::string_view rest = std::string_view(url).substr(kScheme.size());
  Target t;
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) t.path = std::string(rest.substr(slash));
  const std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9' || p > 65535) {
        p = -1;
        break;
      }
      p = p * 10 + (c - '0');
    }
    if (port.empty() || p <= 0 || p > 65535) {
      return unexpected("--engine " + url + ": the port must be 1 to 65535");
    }
    t.port = p;
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return unexpected("--engine " + url + ": no host");
  t.host = std::string(authority);
  return t;
}

bool worth_retrying(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

}  // namespace

struct HttpEngine::Impl {
  Impl(const Target& t, std::string u, std::chrono::milliseconds timeout)
      : url(std::move(u)), path(t.path), client(t.host, t.port) {
    const auto secs = static_cast<time_t>(timeout.count() / 1000);
    const auto usecs = static_cast<time_t>(timeout.count() % 1000 * 1000);
    client.set_connection_timeout(secs, usecs);
    client.set_read_timeout(secs, usecs);
    client.set_write_timeout(secs, usecs);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
  }

  std::string url;
  std::string path;
  httplib::Client client;
  std::size_t requests = 0;
  std::optional<Error> failed;  // the first failure; every later request reports it
  std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds d) {
    std::this_thread::sleep_for(d);
  };

  Result<std::string> exchange(const std::string& body);
};

Result<std::string> HttpEngine::Impl::exchange(const std::string& body) {
  Error why;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    if (attempt > 0) sleep(kBackoff[attempt - 1]);
    ++requests;
    httplib::Result res = client.Post(path, body, "application/json; charset=utf-8");
    if (!res) {
      // cpp-httplib 0.11 reports a refused connection and a read that timed out alike (Read),
      // so the transport's failure is I/O either way.
      why.kind = ErrorKind::io;
      why.message = "no answer from " + url + " (" + httplib::to_string(res.error()) + ")";
      continue;
    }
    if (res->status == 200) return res->body;
    why.kind = ErrorKind::protocol;
    why.message = "engine " + url + " answered HTTP " + std::to_string(res->status);
    if (!res->body.empty()) why.message += ": " + res->body.substr(0, 200);
    if (!worth_retrying(res->status)) return unexpected(why);
    if (res->status == 429 && res->has_header("Retry-After") && attempt + 1 < kAttempts) {
      const long s = std::strtol(res->get_header_value("Retry-After").c_str(), nullptr, 10);
      sleep(std::min(std::chrono::milliseconds(s * 1000), kMaxRetryAfter));
    }
  }
  why.message += " (after " + std::to_string(kAttempts) + " attempts)";
  return unexpected(why);
}

HttpEngine::HttpEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpEngine::~HttpEngine() = default;

Result<std::unique_ptr<HttpEngine>> HttpEngine::open(const std::string& url) {
  std::chrono::milliseconds timeout{5000};
  if (const char* env = std::getenv("TRACKSIM_ENGINE_TIMEOUT_MS")) {
    const long ms = std::strtol(env, nullptr, 10);
    if (ms > 0) timeout = std::chrono::milliseconds(ms);
  }
  return open(url, timeout);
}

Result<std::unique_ptr<HttpEngine>> HttpEngine::open(const std::string& url,
                                                     std::chrono::milliseconds timeout) {
  auto target = parse_url(url);
  if (!target) return unexpected(target.error());
  const char* token = std::getenv("TRACKSIM_ENGINE_TOKEN");
  const bool has_token = token != nullptr && *token != '\0';
  if (!has_token && !sim::is_loopback_host(target->host)) {
    return unexpected("--engine " + url + ": refusing to send orders to " + target->host +
                      ", which is not loopback, without a token: set TRACKSIM_ENGINE_TOKEN (sent "
                      "as \"Authorization: Bearer TOKEN\") or run the engine on 127.0.0.1");
  }
  auto impl = std::make_unique<Impl>(*target, url, timeout);
  if (has_token) impl->client.set_bearer_token_auth(token);
  return std::unique_ptr<HttpEngine>(new HttpEngine(std::move(impl)));
}

Result<EngineAnswer> HttpEngine::evaluate(const Order& order, const TrackingView& view,
                                          sim::Instant now, const Ruleset& ruleset) {
  Impl& s = *impl_;
  if (s.failed) return unexpected(*s.failed);
  auto body = s.exchange(engine_request(order, view, now, ruleset));
  if (!body) {
    s.failed = body.error();
    return unexpected(*s.failed);
  }
  std::string_view answer = *body;
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) {
    answer.remove_suffix(1);
  }
  auto parsed = parse_engine_answer(answer, ruleset);
  if (!parsed) {
    s.failed = Error{"engine " + s.url + ": " + parsed.error().message, {}, ErrorKind::protocol};
    return unexpected(*s.failed);
  }
  return parsed;
}

std::size_t HttpEngine::requests() const { return impl_->requests; }

void HttpEngine::set_sleep(std::function<void(std::chrono::milliseconds)> sleep) {
  impl_->sleep = std::move(sleep);
}

}  // namespace tracksim::harness

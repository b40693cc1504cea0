#include "harness/runner/exec_engine.h"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/carrier/number.h"
#include "sim/geo/atlas.h"
#include "sim/time/clock.h"
#include "sim/time/timestamp.h"

extern char** environ;

namespace tracksim::harness {
namespace {

constexpr char kEngineGone[] = "the engine exited or closed its stdout before answering";

using Json = nlohmann::ordered_json;

Json address_json(const Address& a) {
  const auto& atlas = sim::geo::Atlas::china();
  Json j = Json::object();
  j["province"] = a.province == sim::geo::kNoProvince
                      ? Json()
                      : Json(std::string(atlas.province(a.province).full_name));
  j["city"] =
      a.city == sim::geo::kNoCity ? Json() : Json(std::string(atlas.city(a.city).full_name));
  j["district"] = a.district.str();
  j["phone_tail"] = a.phone_tail;
  return j;
}

Json promise_json(const Promise& p) {
  switch (p.type) {
    case Promise::Type::same_day:
      return "same_day";
    case Promise::Type::next_day:
      return "next_day";
    case Promise::Type::duration:
      return sim::format_duration(p.within);
    case Promise::Type::ship_by:
      return Json{{"ship_by", sim::format_timestamp(p.ship_by)}};
  }
  return nullptr;
}

Json scan_json(const sim::Scan& s) {
  const auto& atlas = sim::geo::Atlas::china();
  Json j = Json::object();
  j["at"] = sim::format_timestamp(s.at);
  j["visible_at"] = sim::format_timestamp(s.visible_at);
  j["kind"] = std::string(sim::to_string(s.kind));
  if (s.city == sim::geo::kNoCity) {
    j["city"] = nullptr;
    j["province"] = nullptr;
  } else {
    const auto& c = atlas.city(s.city);
    j["city"] = std::string(c.full_name);
    j["province"] = std::string(atlas.province(c.province).full_name);
  }
  j["facility"] = s.facility.str();
  j["facility_type"] = s.facility_type == sim::FacilityType::unspecified
                           ? Json()
                           : Json(std::string(sim::to_string(s.facility_type)));
  j["text"] = s.text;
  return j;
}

std::string excerpt(std::string_view line) {
  return std::string(line.substr(0, 200)) + (line.size() > 200 ? "..." : "");
}

}  // namespace

std::string engine_request(const Order& order, const TrackingView& view, sim::Instant now,
                           const Ruleset& ruleset) {
  Json o = Json::object();
  o["id"] = order.id;
  o["kind"] = std::string(to_string(order.kind));
  o["paid_at"] = sim::format_timestamp(order.paid_at);
  o["promise"] = promise_json(order.promise);
  o["ship_deadline"] = sim::format_timestamp(ship_deadline(order, ruleset));
  o["amount"] = order.amount.to_string();
  o["ship_from"] = address_json(order.ship_from);
  o["ship_to"] = address_json(order.ship_to);
  o["buyer_requested_return"] = order.buyer_requested_return;
  Json req = Json::object();
  req["order"] = std::move(o);
  const bool uploaded = order.upload && order.upload->at <= now;
  if (uploaded) {
    const Upload& u = *order.upload;
    req["upload"] = {{"at", sim::format_timestamp(u.at)},
                     {"carrier", std::string(sim::code(u.carrier))},
                     {"number", u.number},
                     {"valid", sim::is_valid_number(u.carrier, u.number)}};
  } else {
    req["upload"] = nullptr;
  }
  std::vector<const sim::Scan*> shown;
  if (uploaded) {
    for (const sim::Scan& s : view.scans) {
      if (s.visible_at <= now) shown.push_back(&s);
    }
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const sim::Scan* a, const sim::Scan* b) { return a->at < b->at; });
  if (uploaded &&
      (view.consignee_city != sim::geo::kNoCity || !view.consignee_phone_tail.empty())) {
    Address to;
    to.city = view.consignee_city;
    to.phone_tail = std::string(view.consignee_phone_tail);
    const Json a = address_json(to);
    req["consignee"] = {{"city", a["city"]}, {"phone_tail", a["phone_tail"]}};
  } else {
    req["consignee"] = nullptr;
  }
  req["tracking"] = Json::array();
  for (const sim::Scan* s : shown) req["tracking"].push_back(scan_json(*s));
  req["now"] = sim::format_timestamp(now);
  req["ruleset"] = ruleset.name;
  return req.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<EngineAnswer> parse_engine_answer(std::string_view line, const Ruleset& ruleset) {
  const Json j = Json::parse(line.begin(), line.end(), nullptr, false);
  auto bad = [&](const std::string& why) {
    return unexpected(ErrorKind::protocol,
                      "malformed response: " + why + " (got: " + excerpt(line) + ")");
  };
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("outcomes") || !j["outcomes"].is_object()) return bad("outcomes: missing");
  EngineAnswer a;
  for (const auto& [name, value] : j["outcomes"].items()) {
    const auto rule = parse_rule(name);
    if (!rule) return bad("outcomes." + name + ": unknown rule");
    const auto outcome = value.is_string() ? parse_outcome(value.get<std::string>()) : std::nullopt;
    if (!outcome) return bad("outcomes." + name + ": not ok, violated, pending or n/a");
    a.outcomes[static_cast<std::size_t>(*rule)] = *outcome;
  }
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const std::string name(rule_names()[i]);
    if (ruleset.has(static_cast<Rule>(i)) && !j["outcomes"].contains(name)) {
      return bad("outcomes." + name + ": missing");
    }
  }
  if (!j.contains("detectors") || !j["detectors"].is_array()) return bad("detectors: missing");
  for (const Json& d : j["detectors"]) {
    const auto det = d.is_string() ? parse_detector(d.get<std::string>()) : std::nullopt;
    if (!det) return bad("detectors: unknown detector " + d.dump());
    a.detectors.set(static_cast<std::size_t>(*det));
  }
  if (!j.contains("compensation") || !j["compensation"].is_number_integer() ||
      j["compensation"].get<std::int64_t>() < 0) {
    return bad("compensation: missing or not a whole number of yuan >= 0");
  }
  a.compensation_yuan = j["compensation"].get<std::int64_t>();
  return a;
}

Result<std::unique_ptr<ExecEngine>> ExecEngine::start(const std::string& cmd) {
  std::chrono::milliseconds timeout{5000};
  if (const char* env = std::getenv("TRACKSIM_ENGINE_TIMEOUT_MS")) {
    const long ms = std::strtol(env, nullptr, 10);
    if (ms > 0) timeout = std::chrono::milliseconds(ms);
  }
  return start(cmd, timeout);
}

Result<std::unique_ptr<ExecEngine>> ExecEngine::start(const std::string& cmd,
                                                      std::chrono::milliseconds timeout) {
  int fds[2];
  // One socket pair for both directions: send() with MSG_NOSIGNAL never raises SIGPIPE when the
  // engine has died, and CLOEXEC keeps the ends out of engines other threads start.
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return unexpected(std::string("engine: socketpair: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  const std::string script = "exec " + cmd;
  std::vector<char*> argv = {const_cast<char*>("sh"), const_cast<char*>("-c"),
                             const_cast<char*>(script.c_str()), nullptr};
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return unexpected(ErrorKind::io, "engine '" + cmd + "': cannot start: " + std::strerror(rc));
  }
  return std::unique_ptr<ExecEngine>(new ExecEngine(cmd, pid, fds[0], timeout));
}

ExecEngine::~ExecEngine() { stop(); }

void ExecEngine::stop() {
  if (fd_ >= 0) close(fd_), fd_ = -1;
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {  // up to a second to exit on its own
    if (waitpid(pid_, &status, WNOHANG) != 0) {
      pid_ = -1;
      return;
    }
    const timespec ten_ms{0, 10'000'000};
    nanosleep(&ten_ms, nullptr);
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

// An answer is one small JSON object; a longer line is refused before it fills the memory.
constexpr std::size_t kMaxAnswerBytes = 1U << 20U;

Result<std::string> ExecEngine::read_line() {
  const std::int64_t deadline = sim::SystemClock::wall_millis() + timeout_.count();
  for (;;) {
    if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return line;
    }
    const std::int64_t left = deadline - sim::SystemClock::wall_millis();
    if (left <= 0) {
      return unexpected(ErrorKind::timeout,
                        "no answer within " + std::to_string(timeout_.count()) + " ms");
    }
    pollfd p{fd_, POLLIN, 0};
    const int n = poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left, 60'000)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    char buf[4096];
    const ssize_t got = recv(fd_, buf, sizeof buf, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return unexpected(kEngineGone);
    buffer_.append(buf, static_cast<std::size_t>(got));
    if (buffer_.size() > kMaxAnswerBytes && buffer_.find('\n') == std::string::npos) {
      buffer_.clear();
      return unexpected("the engine's answer line is longer than " +
                        std::to_string(kMaxAnswerBytes >> 20U) + " MB");
    }
  }
}

Result<std::string> ExecEngine::exchange(const std::string& line) {
  const std::string out = line + "\n";
  for (std::size_t sent = 0; sent < out.size();) {
    const ssize_t n = send(fd_, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    // An engine that has already exited shows as a broken pipe or a reset here, or as end of
    // file in read_line, depending on timing: one cause, one message.
    if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return unexpected(kEngineGone);
    if (n < 0)
      return unexpected(ErrorKind::io,
                        std::string("cannot write the request: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  return read_line();
}

Result<EngineAnswer> ExecEngine::evaluate(const Order& order, const TrackingView& view,
                                          sim::Instant now, const Ruleset& ruleset) {
  if (!failed_.empty()) return unexpected(failed_);
  auto answer = exchange(engine_request(order, view, now, ruleset));
  Result<EngineAnswer> parsed = answer ? parse_engine_answer(*answer, ruleset)
                                       : Result<EngineAnswer>(unexpected(answer.error()));
  if (!parsed) {
    failed_ = "engine 'exec:" + cmd_ + "', order " + order.id + " at " +
              sim::format_timestamp(now) + ": " + parsed.error().message;
    stop();
    return unexpected(failed_);
  }
  return parsed;
}

}  // namespace tracksim::harness

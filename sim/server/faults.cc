#include "sim/server/faults.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "sim/core/rng.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<FaultKind, std::string_view>, 8> kKinds = {{
    {FaultKind::server_error, "server_error"},
    {FaultKind::rate_limit, "rate_limit"},
    {FaultKind::slow, "slow"},
    {FaultKind::truncate, "truncate"},
    {FaultKind::malformed, "malformed"},
    {FaultKind::unknown_until, "unknown_until"},
    {FaultKind::lock, "lock"},
    {FaultKind::stale, "stale"},
}};

// A duration given as "6h" or as a number of seconds.
Result<Duration> duration_field(const Json& j, const std::string& what) {
  if (j.is_number_integer() && j.get<std::int64_t>() >= 0) return Duration(j.get<std::int64_t>());
  if (j.is_string()) {
    auto d = parse_duration(j.get<std::string>());
    if (!d) return unexpected(what + ": " + d.error().message);
    return d;
  }
  return unexpected(what + ": expected a duration such as \"30m\" or a number of seconds");
}

Result<FaultKind> kind_field(const Json& rule, const std::string& at) {
  if (!rule.contains("kind") || !rule["kind"].is_string()) {
    return unexpected(at +
                      ": \"kind\" is required (server_error, rate_limit, slow, truncate, "
                      "malformed, unknown_until, lock, stale)");
  }
  const auto name = rule["kind"].get<std::string>();
  for (const auto& [kind, spelled] : kKinds) {
    if (spelled == name) return kind;
  }
  return unexpected(at + ": unknown fault kind '" + name + "'");
}

Result<void> probability_field(const Json& rule, const std::string& at, FaultRule& out) {
  if (rule.contains("ppm")) {
    const Json& p = rule["ppm"];
    if (!p.is_number_integer() || p.get<std::int64_t>() < 0 || p.get<std::int64_t>() > 1'000'000)
      return unexpected(at + ".ppm: expected an integer from 0 to 1000000");
    out.ppm = static_cast<std::uint32_t>(p.get<std::int64_t>());
  } else if (rule.contains("probability")) {
    const Json& p = rule["probability"];
    if (!p.is_number() || p.get<double>() < 0.0 || p.get<double>() > 1.0)
      return unexpected(at + ".probability: expected a number from 0 to 1");
    out.ppm = probability_ppm(p.get<double>());
  }
  return {};
}

Result<void> target_fields(const Json& rule, const std::string& at, FaultRule& out) {
  if (rule.contains("carrier")) {
    const Json& c = rule["carrier"];
    auto carrier = c.is_string() ? parse_carrier(c.get<std::string>()) : std::nullopt;
    if (!carrier) return unexpected(at + ".carrier: unknown carrier " + c.dump());
    out.carrier = carrier;
  }
  if (rule.contains("number")) {
    if (!rule["number"].is_string()) return unexpected(at + ".number: expected a string");
    out.number = rule["number"].get<std::string>();
  }
  return probability_field(rule, at, out);
}

Result<void> timing_fields(const Json& rule, const std::string& at, FaultRule& out) {
  if (rule.contains("status")) {
    const Json& s = rule["status"];
    if (!s.is_number_integer() || s.get<int>() < 500 || s.get<int>() > 599)
      return unexpected(at + ".status: expected a 5xx status");
    out.status = s.get<int>();
  }
  if (rule.contains("delay_ms")) {
    const Json& d = rule["delay_ms"];
    if (!d.is_number_integer() || d.get<std::int64_t>() < 0)
      return unexpected(at + ".delay_ms: expected a non-negative integer");
    out.delay = std::min(std::chrono::milliseconds(d.get<std::int64_t>()), kMaxFaultDelay);
  }
  const std::array<std::pair<const char*, Duration*>, 3> durations = {
      {{"retry_after", &out.retry_after}, {"for", &out.span}, {"window", &out.window}}};
  for (const auto& [key, field] : durations) {
    if (!rule.contains(key)) continue;
    auto d = duration_field(rule[key], at + "." + key);
    if (!d) return unexpected(d.error());
    *field = *d;
  }
  if (rule.contains("after")) {
    auto t = rule["after"].is_string() ? parse_timestamp(rule["after"].get<std::string>())
                                       : Result<Instant>(unexpected("expected a timestamp"));
    if (!t) return unexpected(at + ".after: " + t.error().message);
    out.after = *t;
  }
  return {};
}

Result<FaultRule> parse_rule(const Json& rule, const std::string& at) {
  if (!rule.is_object()) return unexpected(at + ": expected an object");
  FaultRule out;
  auto kind = kind_field(rule, at);
  if (!kind) return unexpected(kind.error());
  out.kind = *kind;
  if (auto r = target_fields(rule, at, out); !r) return unexpected(r.error());
  if (auto r = timing_fields(rule, at, out); !r) return unexpected(r.error());
  return out;
}

bool matches(const FaultRule& rule, Carrier carrier, const std::string& number) {
  return (!rule.carrier || *rule.carrier == carrier) &&
         (rule.number.empty() || rule.number == number);
}

}  // namespace

std::string_view to_string(FaultKind kind) {
  for (const auto& [k, spelled] : kKinds) {
    if (k == kind) return spelled;
  }
  return "?";
}

Result<std::vector<FaultRule>> parse_fault_rules(std::string_view json) {
  const Json doc = Json::parse(json.begin(), json.end(), nullptr, false);
  if (doc.is_discarded()) return unexpected("faults: the body is not valid JSON");
  const Json list = doc.is_array() ? doc : Json::array({doc});
  std::vector<FaultRule> rules;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto rule = parse_rule(list[i], "faults[" + std::to_string(i) + "]");
    if (!rule) return unexpected(rule.error());
    rules.push_back(*rule);
  }
  return rules;
}

bool fault_fires(std::uint64_t seed, std::size_t rule_index, Carrier carrier,
                 std::string_view number, Instant now, std::uint32_t ppm) {
  if (ppm >= 1'000'000) return true;
  if (ppm == 0) return false;
  Rng rng = Rng(seed)
                .split(static_cast<std::uint64_t>(rule_index))
                .split(code(carrier))
                .split(number)
                .split(static_cast<std::uint64_t>(now.unix_seconds()));
  return rng.chance_ppm(ppm);
}

void Faults::set(std::vector<FaultRule> rules) {
  std::lock_guard lock(mu_);
  rules_ = std::move(rules);
  last_poll_.clear();
}

void Faults::clear() { set({}); }

std::vector<FaultRule> Faults::rules() const {
  std::lock_guard lock(mu_);
  return rules_;
}

FaultDecision Faults::decide(Carrier carrier, const std::string& number, Instant now,
                             std::optional<Instant> first_scan) {
  std::lock_guard lock(mu_);
  FaultDecision d;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const FaultRule& r = rules_[i];
    if (!matches(r, carrier, number) || !fault_fires(seed_, i, carrier, number, now, r.ppm))
      continue;
    switch (r.kind) {
      case FaultKind::server_error:
        if (!d.error_status) d.error_status = r.status;
        break;
      case FaultKind::rate_limit:
        if (!d.retry_after) d.retry_after = r.retry_after;
        break;
      case FaultKind::slow:
        d.delay = std::min(std::max(d.delay, r.delay), kMaxFaultDelay);
        break;
      case FaultKind::truncate:
        d.truncate = true;
        break;
      case FaultKind::malformed:
        d.malformed = true;
        break;
      case FaultKind::unknown_until: {
        const std::optional<Instant> from = r.after ? r.after : first_scan;
        if (from && now < *from + r.span) d.unknown = true;
        break;
      }
      case FaultKind::lock: {
        auto [it, fresh] = last_poll_.try_emplace({carrier, number}, now);
        if (!fresh && now - it->second < r.window) {
          d.locked = true;
        } else {
          it->second = now;
        }
        break;
      }
      case FaultKind::stale:
        d.stale = std::max(d.stale, r.span);
        break;
    }
  }
  return d;
}

}  // namespace tracksim::sim::server

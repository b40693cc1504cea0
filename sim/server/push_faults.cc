// Push fault rules: parsing from JSON (the admin API; scenario files arrive here as JSON too).
#include <array>
#include <nlohmann/json.hpp>

#include "sim/core/rng.h"
#include "sim/server/md5.h"
#include "sim/server/push.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<PushFaultKind, std::string_view>, 6> kKinds = {{
    {PushFaultKind::drop, "drop"},
    {PushFaultKind::delay, "delay"},
    {PushFaultKind::duplicate, "duplicate"},
    {PushFaultKind::reorder, "reorder"},
    {PushFaultKind::bad_sign, "bad_sign"},
    {PushFaultKind::storm, "storm"},
}};

Result<PushFaultKind> kind_of(const Json& rule, const std::string& at) {
  if (!rule.contains("kind") || !rule["kind"].is_string()) {
    return unexpected(at +
                      ": \"kind\" is required (drop, delay, duplicate, reorder, bad_sign, "
                      "storm)");
  }
  const auto name = rule["kind"].get<std::string>();
  for (const auto& [kind, spelled] : kKinds) {
    if (spelled == name) return kind;
  }
  return unexpected(at + ": unknown push fault kind '" + name +
                    "' (drop, delay, duplicate, reorder, bad_sign, storm)");
}

Result<void> read_key(const std::string& key, const Json& v, const std::string& at,
                      PushFaultRule& r) {
  const std::string where = at + "." + key;
  if (key == "kind") return {};
  if (key == "carrier") {
    auto c = v.is_string() ? parse_carrier(v.get<std::string>()) : std::nullopt;
    if (!c) return unexpected(where + ": unknown carrier " + v.dump());
    r.carrier = *c;
  } else if (key == "number") {
    if (!v.is_string()) return unexpected(where + ": expected a string");
    r.number = v.get<std::string>();
  } else if (key == "ppm") {
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1'000'000)
      return unexpected(where + ": expected an integer from 0 to 1000000");
    r.ppm = static_cast<std::uint32_t>(v.get<std::int64_t>());
  } else if (key == "probability") {
    if (!v.is_number() || v.get<double>() < 0.0 || v.get<double>() > 1.0)
      return unexpected(where + ": expected a number from 0 to 1");
    r.ppm = probability_ppm(v.get<double>());
  } else if (key == "delay") {
    auto d = v.is_string() ? parse_duration(v.get<std::string>())
                           : Result<Duration>(unexpected("expected a duration such as \"2h\""));
    if (!d || d->count() < 0) return unexpected(where + ": expected a duration such as \"2h\"");
    r.delay = *d;
  } else if (key == "count") {
    if (!v.is_number_integer() || v.get<int>() < 1 || v.get<int>() > 1000)
      return unexpected(where + ": expected an integer from 1 to 1000");
    r.count = v.get<int>();
  } else {
    return unexpected(where +
                      ": unknown key (kind, carrier, number, probability, ppm, delay, count)");
  }
  return {};
}

}  // namespace

std::string_view to_string(PushFaultKind kind) {
  for (const auto& [k, spelled] : kKinds) {
    if (k == kind) return spelled;
  }
  return "?";
}

Result<std::vector<PushFaultRule>> parse_push_fault_rules(std::string_view json) {
  const Json doc = Json::parse(json, nullptr, false);
  if (doc.is_discarded()) return unexpected("push faults: the body is not JSON");
  const Json list = doc.is_array() ? doc : Json::array({doc});
  std::vector<PushFaultRule> rules;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "push_faults[" + std::to_string(i) + "]";
    const Json& rule = list[i];
    if (!rule.is_object()) return unexpected(at + ": expected an object with a \"kind\"");
    PushFaultRule r;
    auto kind = kind_of(rule, at);
    if (!kind) return unexpected(kind.error());
    r.kind = *kind;
    for (const auto& [key, value] : rule.items()) {
      if (auto ok = read_key(key, value, at, r); !ok) return unexpected(ok.error());
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

std::string push_sign(std::string_view param, std::string_view salt) {
  std::string text(param);
  text += salt;
  return md5_hex_upper(text);
}

}  // namespace tracksim::sim::server

// Names of rules, detectors, outcomes and order kinds as YAML, JSON and reports spell them.
#include <array>
#include <string_view>

#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"

namespace tracksim::harness {
namespace {

constexpr std::array<std::string_view, kRuleCount> kRules = {
    "ship_timeout", "pickup_timeout", "linehaul_timeout", "transit_stall", "fake_shipment"};
constexpr std::array<std::string_view, kDetectorCount> kDetectors = {
    "scan_before_payment", "reused_number", "recipient_mismatch",
    "repeated_scans",      "copied_track",  "impossible_route",
    "no_pickup_48h",       "no_hub_48h",    "unrequested_return"};
constexpr std::array<std::string_view, 4> kOutcomes = {"ok", "violated", "pending", "n/a"};
constexpr std::array<std::string_view, kOrderKindCount> kKinds = {"in_stock", "custom", "presale",
                                                                  "tiered"};

template <class E, std::size_t N>
std::optional<E> find(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Rule r) { return kRules[static_cast<std::size_t>(r)]; }
std::string_view to_string(Detector d) { return kDetectors[static_cast<std::size_t>(d)]; }
std::string_view to_string(Outcome o) { return kOutcomes[static_cast<std::size_t>(o)]; }
std::string_view to_string(OrderKind k) { return kKinds[static_cast<std::size_t>(k)]; }
std::optional<Rule> parse_rule(std::string_view n) { return find<Rule>(kRules, n); }
std::optional<Detector> parse_detector(std::string_view n) { return find<Detector>(kDetectors, n); }
std::optional<Outcome> parse_outcome(std::string_view n) { return find<Outcome>(kOutcomes, n); }
std::optional<OrderKind> parse_order_kind(std::string_view n) { return find<OrderKind>(kKinds, n); }
const std::array<std::string_view, kRuleCount>& rule_names() { return kRules; }
const std::array<std::string_view, kDetectorCount>& detector_names() { return kDetectors; }
const std::array<std::string_view, kOrderKindCount>& order_kind_names() { return kKinds; }

}  // namespace tracksim::harness

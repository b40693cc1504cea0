// Ruleset: every parameter of docs/rules.md as data (loaded from YAML by harness/scenario). The
// engine reads numbers only from here, never from literals. Immutable once loaded; thread-safe to
// read.
#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "harness/rules/order.h"
#include "sim/core/money.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

enum class Rule : std::uint8_t {
  ship_timeout,
  pickup_timeout,
  linehaul_timeout,
  transit_stall,
  fake_shipment
};
inline constexpr std::size_t kRuleCount = 5;

enum class Detector : std::uint8_t {
  scan_before_payment,
  reused_number,
  recipient_mismatch,
  repeated_scans,
  copied_track,
  impossible_route,
  no_pickup_48h,
  no_hub_48h,
  unrequested_return,
};
inline constexpr std::size_t kDetectorCount = 9;
using DetectorSet = std::bitset<kDetectorCount>;

std::string_view to_string(Rule rule);
std::string_view to_string(Detector detector);
std::optional<Rule> parse_rule(std::string_view name);
std::optional<Detector> parse_detector(std::string_view name);
const std::array<std::string_view, kRuleCount>& rule_names();
const std::array<std::string_view, kDetectorCount>& detector_names();

enum class Anchor : std::uint8_t { paid, upload };
enum class ShippedAt : std::uint8_t { upload, pickup };
enum class PickupEvidence : std::uint8_t { first_physical_scan, pickup_scan_only };

// A compensation cell: pct of the base, clamped to [min, max], rounded half-up to yuan.
struct CompensationCell {
  bool pays = false;
  std::int64_t pct_bp = 0;  // basis points: 1% = 100
  sim::Money min;
  sim::Money max;
};
// One row of the table: a cell per promise-window bucket (W <= b0, b0 < W <= b1, W > b1).
using CompensationRow = std::array<CompensationCell, 3>;

using ProvinceSet = std::bitset<64>;

struct Ruleset {
  std::string name;
  std::string description;
  std::optional<sim::Instant> effective_from;   // inclusive
  std::optional<sim::Instant> effective_until;  // exclusive
  std::bitset<kRuleCount> rules;                // which rules this ruleset has

  // No number below has a default: every value comes from a ruleset file (docs/rules.md's numbers
  // live in harness/rules/rulesets/*.yaml only).
  sim::Duration same_day_cutoff{0};  // time of Beijing day; paid at/after it -> next day
  sim::Duration default_promise{0};
  PickupEvidence pickup_evidence = PickupEvidence::first_physical_scan;

  ShippedAt ship_shipped_at = ShippedAt::upload;
  struct PickupDeadline {
    Anchor from = Anchor::paid;
    sim::Duration within{0};
  };
  std::array<PickupDeadline, kOrderKindCount> pickup_by_kind{};
  sim::Duration linehaul_within{0};  // first hub or transit-ending scan after P
  struct StallLimits {
    sim::Duration remote{0};
    sim::Duration same_region{0};
    sim::Duration other{0};
  } stall;
  ProvinceSet remote_provinces;
  std::array<ProvinceSet, 8> region_groups{};  // unused groups are empty

  DetectorSet detectors;
  std::int64_t max_transit_speed_kmh = 0;
  std::int64_t min_route_distance_km = 0;
  std::int64_t copied_track_min_scans = 0;
  sim::Duration no_pickup_within{0};
  sim::Duration no_hub_within{0};

  struct Compensation {
    std::array<sim::Duration, 2> window_bounds{};
    sim::Duration ship_escalation{0};  // lateness above this pays the escalated row
    CompensationRow ship_late{};
    CompensationRow ship_escalated{};
    std::array<CompensationRow, kRuleCount> by_rule{};  // ship_timeout's entry is unused
  } compensation;

  bool has(Rule r) const { return rules.test(static_cast<std::size_t>(r)); }
  bool detects(Detector d) const { return detectors.test(static_cast<std::size_t>(d)); }
};

}  // namespace tracksim::harness

// Verdict: what the rule engine decides for one order at one instant: per rule the outcome, its
// evidence and its compensation. Value types; thread-safe. Explanations are rendered on demand
// (harness/rules/explain.h) so that evaluation itself allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "harness/rules/ruleset.h"
#include "sim/core/money.h"
#include "sim/time/instant.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

enum class Outcome : std::uint8_t { ok, violated, pending, not_applicable };
std::string_view to_string(Outcome outcome);  // "ok", "violated", "pending", "n/a"
std::optional<Outcome> parse_outcome(std::string_view name);

// Why a rule came out as it did; drives the one-line explanation.
enum class Reason : std::uint8_t {
  none,
  not_in_ruleset,
  no_valid_upload,     // n/a, or the reason a deadline passed
  invalid_number,      // the upload's number fails the carrier's format
  shipped_in_time,     // evidence: the shipping event
  shipped_late,
  not_shipped_yet,     // pending
  not_shipped,         // violated, nothing yet
  no_pickup_yet,       // n/a for rules anchored on P
  no_hub_scan_yet,     // transit_stall n/a
  event_in_time,       // the obligation's event came at or before the deadline
  event_late,          // it came after the deadline
  waiting,             // pending: deadline not passed, event not seen
  missed,              // violated: deadline passed, event not seen
  gap_too_long,        // transit_stall: a gap between scans above the limit
  gaps_within_limit,   // transit_stall ok / pending
  detectors_fired,
  no_detector_fired,
};

struct RuleVerdict {
  Outcome outcome = Outcome::not_applicable;
  Reason reason = Reason::not_in_ruleset;
  std::optional<sim::Instant> deadline;
  std::optional<sim::Instant> event_at;  // the event that met or missed the obligation
  const sim::Scan* scan = nullptr;       // its scan, if a scan (points into the TrackingView)
  const sim::Scan* scan_before = nullptr;  // transit_stall: the scan that opened the long gap
  sim::Duration limit{0};                  // transit_stall: the gap limit applied
  sim::Duration lateness{0};               // ship_timeout: how late (for compensation)
  std::int64_t compensation_yuan = 0;
};

struct DetectorHit {
  const sim::Scan* first = nullptr;   // the scan(s) that show the anomaly, when there are any
  const sim::Scan* second = nullptr;
};

struct Verdict {
  std::array<RuleVerdict, kRuleCount> rules{};
  DetectorSet detectors;  // fake_shipment detectors that fired
  std::array<DetectorHit, kDetectorCount> hits{};
  std::int64_t compensation_yuan = 0;  // the order's total
  // The earliest instant after `now` at which an outcome can change by time passing alone
  // (a deadline plus one second); the runner wakes there.
  std::optional<sim::Instant> next_change;

  const RuleVerdict& operator[](Rule r) const { return rules[static_cast<std::size_t>(r)]; }
  RuleVerdict& operator[](Rule r) { return rules[static_cast<std::size_t>(r)]; }
};

}  // namespace tracksim::harness

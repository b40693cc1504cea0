// Labels by construction: what the generator decided about an order's timeline (TimelineFacts),
// turned into the outcome of every rule at `until` under a ruleset. It never runs the engine;
// it reads only the generator's facts and the ruleset's parameters. Pure; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

// What the generator built for one order's tracking number, kept up to date by every injector.
// "Physical" times are event times of the scans the carrier will show for the uploaded number.
struct TimelineFacts {
  bool valid_upload = false;                      // a valid upload exists (by `until`)
  std::optional<sim::Instant> info_at;            // earliest info_received scan
  std::optional<sim::Instant> first_physical;     // earliest physical scan
  std::optional<sim::Instant> first_pickup_scan;  // earliest `pickup` scan
  std::optional<sim::Instant> forward;            // first hub or transit-ending scan
  bool hub = false;                               // some hub scan exists
  sim::Duration max_gap{0};  // longest gap between physical scans from first hub to first end
  sim::geo::CityId door_city = sim::geo::kNoCity;       // out_for_delivery/locker/delivered city
  sim::geo::CityId consignee_city = sim::geo::kNoCity;  // waybill consignee shown, or none
  std::string consignee_tail;                           // "" when not shown
  DetectorSet injected;  // detectors an injector made fire by construction

  // Moves every physical time by `by` (the whole route happened later or earlier).
  void shift_physical(sim::Duration by);
};

// An order's expected outcomes at `until` (every deadline passed, every scan visible).
struct Label {
  std::array<Outcome, kRuleCount> outcomes{};  // rules the ruleset lacks stay n/a
  DetectorSet detectors;                       // fake_shipment: exactly these fire
  friend bool operator==(const Label&, const Label&) = default;
};

// The stall limit of docs/rules.md for an order, from its ship_from and ship_to provinces.
sim::Duration stall_limit_for(const Order& order, const Ruleset& ruleset);

// The pickup deadline for the order's kind, given its upload time (nullopt: n/a, no anchor).
std::optional<sim::Instant> pickup_deadline_for(const Order& order, const Ruleset& ruleset);

// The label of an order whose tracking the generator describes with `facts`.
Label label_order(const Order& order, const TimelineFacts& facts, const Ruleset& ruleset);

}  // namespace tracksim::harness

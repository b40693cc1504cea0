// The rule engine: a pure function of (order, the carrier's tracking view, now, ruleset, the
// cross-order index) -> Verdict. No I/O, no clock reads, no allocation on the hot path.
// Thread-safe: evaluate() only reads its arguments.
#pragma once

#include <span>
#include <string>

#include "harness/rules/cross_index.h"
#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "sim/time/instant.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

// What the carrier website shows for the uploaded number. Scans may be listed in any order; a
// scan whose visible_at is after `now` is not shown yet and is ignored.
struct TrackingView {
  std::span<const sim::Scan> scans;
  sim::geo::CityId consignee_city = sim::geo::kNoCity;  // waybill consignee, when shown
  std::string_view consignee_phone_tail;                 // "" when not shown
};

// The ship deadline implied by the order's promise under the ruleset.
sim::Instant ship_deadline(const Order& order, const Ruleset& ruleset);

// True when the order has an upload, made at or before `now`, whose number fits its carrier.
bool has_valid_upload(const Order& order, sim::Instant now);

// Judges every rule of the ruleset for the order at `now`. The view must be what the carrier
// shows for order.upload's number (ignored while there is no valid upload at `now`).
Verdict evaluate(const Order& order, const TrackingView& view, sim::Instant now,
                 const Ruleset& ruleset, const CrossOrderIndex& index);

// The amount one violated rule pays, in whole yuan (clamp, then round half-up).
std::int64_t compensation_for(const CompensationCell& cell, sim::Money base);

}  // namespace tracksim::harness

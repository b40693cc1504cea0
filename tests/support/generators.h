// RapidCheck generators of the rule engine's inputs: instants in 2023-2026, orders, uploads,
// scans and whole plausible timelines, built from small independent draws (offsets in seconds,
// indexes into the atlas, optional steps) so that a failure shrinks to a short, readable case.
// Test-only; generators are immutable values, safe to share.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "harness/rules/order.h"
#include "sim/carrier/carrier.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"
#include "sim/timeline/scan.h"
#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {

inline constexpr std::int64_t kHourS = 3600;
inline constexpr std::int64_t kDayS = 86400;

// 2023-01-01T00:00:00+08:00, the earliest payment generated.
sim::Instant generated_epoch();

// A non-negative offset in seconds up to max_hours: mostly whole hours, often a whole hour
// +- 1 s (deadlines are whole hours from their anchors), sometimes any second.
rc::Gen<std::int64_t> offset_s(std::int64_t max_hours);

// A payment instant in 2023-2026, biased to the 16:00 cut-off and to the ends of a Beijing day.
rc::Gen<sim::Instant> paid_instant();

// A city of the atlas (shrinks towards the atlas's first city).
rc::Gen<sim::geo::CityId> city_id();

// An address in a real city; district and phone tail from small pools, so equal and differing
// addresses are both common.
rc::Gen<Address> address();

// same_day, next_day, a duration (often 24h/48h/72h) or ship_by, relative to `paid_at`.
rc::Gen<Promise> promise(sim::Instant paid_at);

// An upload after (or shortly before) payment: a valid number for the carrier, sometimes an
// invalid one; the number is drawn from a seed, so it shrinks with it.
rc::Gen<Upload> upload(sim::Instant paid_at);

// A plausible carrier timeline for a parcel from `from` to `to`, picked up around `anchor`:
// an optional info_received, a pickup (sometimes skipped), hub arrive/depart legs and a delivery
// or a return, with increasing event times, speeds a truck could make, and optional visibility
// lag. Listed in order, sometimes reversed.
rc::Gen<std::vector<sim::Scan>> timeline(sim::Instant anchor, sim::geo::CityId from,
                                         sim::geo::CityId to);

// One order "O1" with its kind, payment, promise, amount, addresses, upload (usually) and the
// timeline its carrier shows (anchored at the upload, or at payment when there is none).
rc::Gen<Shipment> shipment();

// An offset of `now` after payment in seconds (0 .. 20 days, hour-biased like offset_s).
rc::Gen<std::int64_t> now_offset_s();

// Shows a shipment as scenario YAML in RapidCheck's counterexample output.
void showValue(const Shipment& s, std::ostream& os);

}  // namespace tracksim::harness::testing

namespace tracksim::sim {
// Shows an instant as ISO 8601 Beijing time in RapidCheck's counterexample output.
void showValue(Instant t, std::ostream& os);
}  // namespace tracksim::sim

// Per-fault injectors: each changes one order's draft (order, parcel, facts) the way its fault
// name says, reading every threshold from the Ruleset, and updates the facts the labeller reads.
// A draft's parcel scans are [info_received, route in event-time order...] until the benign
// listing faults run. Not thread-safe per draft; distinct drafts may be used from any thread.
#pragma once

#include <vector>

#include "harness/population/fault.h"
#include "harness/population/labeller.h"
#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "sim/core/rng.h"
#include "sim/timeline/parcel.h"

namespace tracksim::harness {

struct OrderDraft {
  Order order;
  sim::Parcel parcel;  // the carrier's record of the uploaded number
  bool has_parcel = true;
  TimelineFacts facts;
};

// Sets the facts the base route implies (pickup, first hub or end, stall gaps, door city).
void summarize_route(OrderDraft& d);

// Upload faults. Each returns false (and changes nothing) when it cannot apply.
bool inject_no_upload(OrderDraft& d);                      // never uploaded; no parcel
bool inject_invalid_number(OrderDraft& d, sim::Rng& rng);  // number fails the format; no parcel
// Uploaded 2h-30h after the ship deadline; the parcel is handed over that much later too.
bool inject_late_upload(OrderDraft& d, const Ruleset& rs, sim::Rng& rng);

// Pickup faults. late_pickup: the effective pickup lands 2h-20h past the pickup deadline.
bool inject_late_pickup(OrderDraft& d, const Ruleset& rs, sim::Rng& rng);
bool inject_never_picked_up(OrderDraft& d);      // only the electronic info_received scan remains
bool inject_missing_pickup_scan(OrderDraft& d);  // the pickup scan is dropped, later ones stay

// Scan faults that fire exactly one fake_shipment detector.
bool inject_recipient_mismatch(OrderDraft& d, sim::Rng& rng);  // consignee city or phone tail
// A transit scan moves to a city too far from its predecessor for max_transit_speed_kmh.
bool inject_impossible_route(OrderDraft& d, const Ruleset& rs, sim::Rng& rng);
bool inject_repeated_scans(OrderDraft& d, sim::Rng& rng);       // a physical scan listed twice
bool inject_scan_before_payment(OrderDraft& d, sim::Rng& rng);  // e-waybill made before payment

// Benign: every outcome at `until` stays as it was.
bool inject_scan_lag(OrderDraft& d, sim::Rng& rng);  // visible 1h-18h after the event
bool inject_out_of_order_listing(OrderDraft& d, sim::Rng& rng);

// Pair faults. The donor is an earlier, fault-free order with a valid upload.
// reused_number: `d` uploads the donor's number (its upload strictly later, its address
// different); only `d` is flagged, its outcomes follow the donor's scans.
bool inject_reused_number(OrderDraft& d, const OrderDraft& donor);
// copied_track: `d` keeps its own number but its physical scans are the donor's, copied; both
// are flagged (the donor needs copied_track_min_scans physical scans).
bool inject_copied_track(OrderDraft& d, OrderDraft& donor, const Ruleset& rs);

// Faults that change only the carrier's timeline, so a scenario's `route.faults` may name them:
// missing_pickup_scan, never_picked_up, scan_lag, out_of_order_listing, repeated_scans and
// impossible_route. The one place a fault name turns into an injector for scenario files,
// `generate` and the property generators alike.
bool is_timeline_fault(Fault f);
// Applies timeline fault `f` to `d` with the injector above; false when it cannot apply (or `f`
// is not a timeline fault).
bool inject_timeline_fault(Fault f, OrderDraft& d, const Ruleset& rs, sim::Rng& rng);

}  // namespace tracksim::harness

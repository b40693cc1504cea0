// The route builder: a realistic Chinese express timeline for one parcel, from (carrier, origin
// city, destination city, pickup time, seed): outlet -> origin hub -> 0..2 intermediate hubs ->
// destination hub -> outlet -> out for delivery -> delivered or locker. Deterministic for a
// request; thread-safe (reads only immutable data).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"
#include "sim/timeline/scan.h"

namespace tracksim::sim {

struct RouteRequest {
  Carrier carrier = Carrier::sf;
  geo::CityId from = geo::kNoCity;
  geo::CityId to = geo::kNoCity;
  Instant pickup_at;          // the first physical scan (the pickup scan) happens here
  std::uint64_t seed = 0;     // every draw of this route comes from this seed
  bool info_received = true;  // an electronic 已下单 scan shortly before the pickup
  bool locker = false;        // end in a locker / station instead of a signature
};

// The scans of the route in event-time order, every visible_at equal to at (lag is a fault,
// added separately), text left empty (the carrier persona words it when served).
// Guarantees (tests/unit/sim/timeline/route_test.cc checks them over 10,000 random routes; fault
// injectors rely on them):
// - shape: [info_received 30m..6h before pickup] pickup and depart at an outlet of `from` ->
//   1..4 hubs (arrive, depart each; facility_type hub; named by hub_name) -> arrive at an outlet
//   of `to` -> out_for_delivery -> delivered (locker when request.locker, facility type locker or
//   station). Only a same-city route may skip the hubs (outlet -> outlet), about 30% of them.
// - the pickup scan is at request.pickup_at in `from`; every scan has a city; the last three
//   scans (outlet arrive, out_for_delivery, delivered/locker) are in `to`.
// - event times strictly increase; no gap between consecutive scans exceeds 36h, so a benign
//   route never trips a 48h stall limit.
// - the first hub scan comes within 20h of pickup; a hub-less route's out_for_delivery within
//   22h (so linehaul_timeout's 24h and no_hub_48h never fire on a benign route).
// - consecutive scans in places over 100 km apart imply under 700 km/h (trucks; SF flies legs
//   over 800 km in 5..9h).
// - nothing happens before info_received (pickup_at - 6h at the earliest): a pickup 6h or more
//   after payment never trips scan_before_payment.
// - same request, same scans (all draws come from request.seed, split per concern).
// Transit: same city about 20h pickup-to-delivery, same province about a day, across provinces
// 2-4 days, remote provinces longer; median about 53h over tests/bench/transit_stats.cc's mix.
std::vector<Scan> build_route(const RouteRequest& request);
// The same scans appended to `out`, reusing its capacity (for generators that keep buffers).
// Scans already in `out` must all happen before request.pickup_at.
void append_route(const RouteRequest& request, std::vector<Scan>& out);

}  // namespace tracksim::sim

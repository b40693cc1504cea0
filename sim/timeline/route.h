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
std::vector<Scan> build_route(const RouteRequest& request);

}  // namespace tracksim::sim

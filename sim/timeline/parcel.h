// Parcel: what one carrier knows of one tracking number: the waybill consignee it shows and its
// scans. The mock carrier website serves these; the judge reads them in process.
// Value type; thread-safe to read.
#pragma once

#include <string>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/geo/ids.h"
#include "sim/timeline/scan.h"

namespace tracksim::sim {

struct Parcel {
  Carrier carrier = Carrier::sf;
  std::string number;
  geo::CityId consignee_city = geo::kNoCity;  // waybill consignee, when the carrier shows it
  std::string consignee_phone_tail;           // "" when not shown
  std::vector<Scan> scans;                    // in any order; sorted for display
};

}  // namespace tracksim::sim

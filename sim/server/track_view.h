// What the website shows of a parcel: each scan's display fields (Kuaidi100 state, the carrier's
// wording, area) and the view of one number at one instant, plus the one function that words a
// scan, shared by the stored world and procedural mode. Value types and pure functions;
// thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/wording.h"
#include "sim/core/rng.h"
#include "sim/timeline/parcel.h"

namespace tracksim::sim::server {

// One scan as the website shows it.
struct ShownScan {
  Instant at;
  Instant visible_at;
  ScanKind kind = ScanKind::info_received;
  FacilityType facility_type = FacilityType::unspecified;
  std::string facility;  // "" when the scan names none
  Kuaidi100Status status{};
  std::string context;    // the scan's text, or the carrier's wording rendered deterministically
  std::string location;   // "杭州市", or "" without a city
  std::string area_code;  // "CN330100000000", or "" without a city
  std::string area_name;  // "浙江,杭州市", or "" without a city
};

// What the website shows of one number at one instant: the visible scans, oldest first.
struct TrackView {
  Carrier carrier = Carrier::sf;
  std::string number;
  std::vector<ShownScan> scans;
  geo::CityId consignee_city = geo::kNoCity;  // waybill consignee, when the carrier shows it
  std::string consignee_phone_tail;           // "" when not shown
  std::uint64_t generation = 0;               // World::generation() when the view was taken

  // Kuaidi100 state of the newest scan ("0" when there is none); "1" once delivered.
  std::string state() const;
  bool delivered() const;
};

// The facts of one scan that its display depends on, borrowed from wherever it is stored.
struct ScanFacts {
  Instant at;
  Instant visible_at;
  ScanKind kind = ScanKind::info_received;
  geo::CityId city = geo::kNoCity;
  FacilityType facility_type = FacilityType::unspecified;
  std::string_view facility;
  std::string_view text;  // "": worded by the carrier
};

// The generator whose split by a scan's file position draws that scan's wording.
Rng wording_rng(Carrier carrier, std::string_view number);

// The scan as shown. `file_index` is its position in the parcel as loaded (not its display
// position): together with `parcel_rng` it fixes the wording's draws.
ShownScan show_scan(Carrier carrier, const Rng& parcel_rng, geo::CityId consignee_city,
                    std::size_t file_index, const ScanFacts& scan);

// Positions 0..n-1 of scans in display order: by `at`, stable on file order.
template <typename AtOf>
std::vector<std::uint32_t> display_order(std::size_t n, AtOf at_of) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), std::uint32_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return at_of(a) < at_of(b); });
  return order;
}

}  // namespace tracksim::sim::server

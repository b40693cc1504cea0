// World: the parcels the mock carrier knows, keyed by (carrier, number), with each scan's display
// fields (Kuaidi100 state, context text, area) prepared once at load. Thread-safe: lookups run
// concurrently under a shared lock; loading and clearing take it exclusively.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "sim/carrier/wording.h"
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

class World {
 public:
  // Adds parcels; a parcel with the (carrier, number) of a known one replaces it.
  void load(const std::vector<Parcel>& parcels);
  void clear();
  std::size_t size() const;

  // The scans of (carrier, number) visible at `as_of` (visible_at <= as_of), or nullopt when the
  // number is unknown.
  std::optional<TrackView> view(Carrier carrier, const std::string& number, Instant as_of) const;
  // How many scans of (carrier, number) are visible at `as_of` (nullopt for unknown numbers).
  // Visible sets only grow with `as_of`, so within one generation the count names the set.
  struct Visible {
    std::size_t count = 0;
    std::uint64_t generation = 0;
  };
  std::optional<Visible> visible(Carrier carrier, const std::string& number, Instant as_of) const;
  // When the parcel's first scan happened (nullopt for unknown numbers or no scans).
  std::optional<Instant> first_scan(Carrier carrier, const std::string& number) const;

  // The scans of one parcel as shown, oldest first (by `at`, stable on file order).
  static std::vector<ShownScan> prepare(const Parcel& parcel);

 private:
  using Key = std::pair<Carrier, std::string>;
  struct Entry {
    std::vector<ShownScan> scans;
    geo::CityId consignee_city = geo::kNoCity;
    std::string consignee_phone_tail;
  };
  mutable std::shared_mutex mu_;
  std::uint64_t generation_ = 0;  // bumped by every load and clear
  std::map<Key, Entry, std::less<>> parcels_;
};

}  // namespace tracksim::sim::server

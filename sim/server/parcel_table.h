// ParcelTable: parcels in compact form for the mock carrier: 24 bytes per scan (times, kind,
// city, facility type and an index into interned facility names and custom texts), the numbers
// in one byte arena and an open-addressing index over them. Display fields are worded on request
// (show_scan), byte for byte what they were when prepared at load. Not thread-safe: const members
// may run concurrently, add and clear need exclusive access.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/server/track_view.h"
#include "sim/timeline/parcel.h"

namespace tracksim::sim::server {

class ParcelTable {
 public:
  using Id = std::uint32_t;
  static constexpr Id kNone = 0xFFFF'FFFF;

  ParcelTable();
  // Interned strings are referenced by view: neither copyable nor movable.
  ParcelTable(const ParcelTable&) = delete;
  ParcelTable& operator=(const ParcelTable&) = delete;

  // Room for `parcels` more parcels of `scans` scans in all (a hint: add grows as it must).
  void reserve(std::size_t parcels, std::size_t scans);
  // Adds one parcel; one with the (carrier, number) of a known one replaces it.
  void add(const Parcel& parcel);
  void clear();
  std::size_t size() const { return records_.size(); }

  // The parcel of (carrier, number), or kNone.
  Id find(Carrier carrier, std::string_view number) const;
  // Of a parcel find returned: its scans visible at `as_of` as shown, oldest first
  // (generation 0); how many are visible; when the first happened (nullopt without scans).
  TrackView view(Id id, Instant as_of) const;
  std::size_t visible_count(Id id, Instant as_of) const;
  // The earliest visible_at after `after` (nullopt: nothing more will show).
  std::optional<Instant> next_visible(Id id, Instant after) const;
  std::optional<Instant> first_scan(Id id) const;

 private:
  struct StoredScan {  // in the parcel's file order: the wording's draws depend on it
    Instant at;
    Instant visible_at;
    std::uint32_t label = 0;  // labels_: (facility, text)
    geo::CityId city = geo::kNoCity;
    ScanKind kind = ScanKind::info_received;
    FacilityType facility_type = FacilityType::unspecified;
  };
  static_assert(sizeof(StoredScan) == 24, "a million parcels of 8 scans must fit in 400 MB");
  struct Record {
    std::uint32_t key = 0;    // chars_ offset of carrier byte + number
    std::uint32_t first = 0;  // scans_ offset
    std::uint32_t count = 0;
    std::uint32_t phone_tail = 0;  // strings_
    std::uint16_t key_size = 0;
    geo::CityId consignee_city = geo::kNoCity;
  };
  static_assert(sizeof(Record) == 20);
  struct Label {
    std::uint32_t facility = 0;  // strings_
    std::uint32_t text = 0;      // strings_
  };

  std::uint32_t intern(std::string_view s);
  std::uint32_t label(std::string_view facility, std::string_view text);
  std::span<const StoredScan> scans_of(const Record& r) const;
  std::string_view number_of(const Record& r) const;
  Carrier carrier_of(const Record& r) const;
  void grow_index(std::size_t parcels);
  void compact_scans();

  std::vector<Record> records_;
  std::vector<StoredScan> scans_;
  std::size_t stale_scans_ = 0;  // in scans_, left behind by replaced parcels
  std::string chars_;
  std::vector<Id> slots_;            // open addressing, linear probing; kNone: empty
  std::deque<std::string> strings_;  // [0] = ""; a deque: views into it stay valid
  std::unordered_map<std::string_view, std::uint32_t> string_ids_;
  std::vector<Label> labels_;  // [0] = ("", "")
  std::unordered_map<std::uint64_t, std::uint32_t> label_ids_;
};

}  // namespace tracksim::sim::server

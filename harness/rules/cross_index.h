// CrossOrderIndex: what the engine must know of other orders and numbers to spot reused numbers
// and copied tracks. Built once per scenario (add everything, then seal()); read-only and
// thread-safe afterwards. Holds pointers into scans the caller keeps alive. Flat storage: clear()
// keeps every buffer, so an index rebuilt per chunk (simulate) stops allocating.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/rules/order.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

class CrossOrderIndex {
 public:
  // Forgets everything added (keeping the buffers); add again, then seal() again.
  void clear();
  // Records an order's valid upload (call only for uploads whose number fits the carrier).
  void add_upload(const Order& order);
  // Records the scans the carrier holds for a number (the parcel behind it).
  void add_track(sim::Carrier carrier, std::string_view number, std::span<const sim::Scan> scans);
  // Sorts and links what was added; call once before the first query.
  void seal();

  // True when the same carrier+number was uploaded before this order's upload (by upload time,
  // ties by order id) for another order whose address differs.
  bool reused_earlier(const Order& order) const;

  // Another number, validly uploaded at or before `now`, whose physical scans visible at `now`
  // (kind, city, facility, event time) equal `mine` (sorted by event time) and number at least
  // `min_scans`. Returns that number's first copied scan, or nullptr.
  // The instants at which a copied_track verdict for this number can change: the visibility
  // times and first uploads of the other numbers that share a physical scan with it.
  std::vector<sim::Instant> related_instants(sim::Carrier carrier, std::string_view number) const;

  const sim::Scan* copied_from(const Order& order, std::span<const sim::Scan* const> mine,
                               sim::Instant now, std::int64_t min_scans) const;

 private:
  struct UploadEntry {
    std::string number;
    sim::Carrier carrier;
    sim::Instant at;
    std::string order_id;
    Address ship_to;
  };
  struct Track {
    sim::Carrier carrier;
    std::string number;
    std::span<const sim::Scan> scans;
    std::optional<sim::Instant> first_upload;
    bool dropped = false;  // seal(): a later track of a carrier+number already added
  };
  struct ScanSlot {  // a physical scan of a track, by scan_key; track == kFree: empty slot
    std::uint64_t key;
    std::uint32_t track;
  };
  static constexpr std::uint32_t kFree = UINT32_MAX;
  static std::uint64_t scan_key(const sim::Scan& s);
  std::optional<std::size_t> find_track(sim::Carrier carrier, std::string_view number) const;
  // Calls f(track index) for every track holding a physical scan with this key, in the order
  // the scans were added.
  template <class F>
  void each_track_with(std::uint64_t key, F&& f) const;

  // The tables below are open addressing (linear probing, power-of-two size, kFree = empty).
  std::vector<UploadEntry> uploads_;              // in add order
  std::vector<std::uint32_t> uploads_by_number_;  // uploads_ indices by number
  std::vector<Track> tracks_;                     // in add order; sealed: one per carrier+number
  std::vector<std::uint32_t> tracks_by_number_;   // tracks_ indices by number
  std::vector<ScanSlot> tracks_by_scan_;          // physical scans by scan_key
  bool sealed_ = false;
};

}  // namespace tracksim::harness

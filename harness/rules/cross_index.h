// CrossOrderIndex: what the engine must know of other orders and numbers to spot reused numbers
// and copied tracks. Built once per scenario (add everything, then seal()); read-only and
// thread-safe afterwards. Holds pointers into scans the caller keeps alive.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <functional>
#include <optional>
#include <unordered_map>
#include <vector>

#include "harness/rules/order.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

class CrossOrderIndex {
 public:
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
  };
  // Lets the maps be searched by string_view without building a key (no allocation per query).
  struct NumberHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using ByNumber = std::unordered_map<std::string, V, NumberHash, std::equal_to<>>;
  static std::uint64_t scan_key(const sim::Scan& s);
  std::optional<std::size_t> find_track(sim::Carrier carrier, std::string_view number) const;

  ByNumber<std::vector<UploadEntry>> uploads_;  // every carrier's uploads of a number
  std::vector<Track> tracks_;
  ByNumber<std::vector<std::size_t>> tracks_by_number_;
  std::unordered_multimap<std::uint64_t, std::size_t> tracks_by_scan_;
  bool sealed_ = false;
};

}  // namespace tracksim::harness

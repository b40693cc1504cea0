// World: the parcels the mock carrier knows, keyed by (carrier, number): a shared immutable base
// (the server's starting world, also what reset restores) under a layer of parcels loaded later,
// both stored compactly (ParcelTable) and worded when asked for. Thread-safe: lookups run
// concurrently under a shared lock; loading, clearing and resetting take it exclusively.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/server/parcel_table.h"
#include "sim/server/track_view.h"
#include "sim/timeline/parcel.h"

namespace tracksim::sim::server {

class World {
 public:
  // Adds parcels; a parcel with the (carrier, number) of a known one replaces it.
  void load(const std::vector<Parcel>& parcels);
  void clear();
  // Forgets every parcel loaded since and makes `base` the world (shared, not copied).
  void reset(std::shared_ptr<const ParcelTable> base);
  std::size_t size() const;

  // The scans of (carrier, number) visible at `as_of` (visible_at <= as_of), or nullopt when the
  // number is unknown.
  std::optional<TrackView> view(Carrier carrier, std::string_view number, Instant as_of) const;
  // How many scans of (carrier, number) are visible at `as_of` (nullopt for unknown numbers).
  // Visible sets only grow with `as_of`, so within one generation the count names the set.
  struct Visible {
    std::size_t count = 0;
    std::uint64_t generation = 0;
  };
  std::optional<Visible> visible(Carrier carrier, std::string_view number, Instant as_of) const;
  // The earliest visible_at of (carrier, number) after `after`: nullopt for unknown numbers,
  // a nullopt inside when nothing more will show.
  std::optional<std::optional<Instant>> next_visible(Carrier carrier, std::string_view number,
                                                     Instant after) const;
  // When the parcel's first scan happened (nullopt for unknown numbers or no scans).
  std::optional<Instant> first_scan(Carrier carrier, std::string_view number) const;

  // The scans of one parcel as shown, oldest first (by `at`, stable on file order).
  static std::vector<ShownScan> prepare(const Parcel& parcel);
  // A table of `parcels` to share as a base (later duplicates replace earlier ones).
  static std::shared_ptr<const ParcelTable> table_of(const std::vector<Parcel>& parcels);

 private:
  // The table that holds (carrier, number) and its id there; {nullptr, kNone} when none does.
  std::pair<const ParcelTable*, ParcelTable::Id> locate(Carrier carrier,
                                                        std::string_view number) const;

  mutable std::shared_mutex mu_;
  std::uint64_t generation_ = 0;             // bumped by every load, clear and reset
  std::shared_ptr<const ParcelTable> base_;  // may be null
  ParcelTable loaded_;                       // shadows base_
  std::size_t shadowed_ = 0;                 // parcels of base_ that loaded_ replaces
};

}  // namespace tracksim::sim::server

// Procedural: timelines for any valid number of the configured carriers, derived from (seed,
// carrier, number) alone and generated on request, never stored beyond a small bounded cache, so
// memory stays flat however many numbers are asked for. Thread-safe: the cache sits behind a mutex.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/server/world.h"
#include "sim/timeline/parcel.h"

namespace tracksim::sim::server {

struct ProceduralOptions {
  bool enabled = false;
  std::uint64_t seed = 0;
  std::vector<Carrier> carriers;  // empty: every carrier
};

// The parcel of (carrier, number) under `seed`: origin and destination cities and the pickup
// (between 10 days before and 3 days after `start`) from a hash, the scans from build_route.
// A pure function.
Parcel procedural_parcel(std::uint64_t seed, Carrier carrier, std::string_view number,
                         Instant start);

class Procedural {
 public:
  Procedural(ProceduralOptions options, Instant start);

  bool enabled() const { return options_.enabled; }
  // Whether this mode answers for the number: enabled, a configured carrier, a valid number.
  bool serves(Carrier carrier, std::string_view number) const;

  // As World::view and World::first_scan, for numbers this mode serves (nullopt otherwise).
  std::optional<TrackView> view(Carrier carrier, const std::string& number, Instant as_of) const;
  std::optional<Instant> first_scan(Carrier carrier, const std::string& number) const;

  std::uint64_t generated() const;  // timelines built so far (cache misses)
  std::size_t cached() const;       // timelines held now; at most kCacheSlots

  static constexpr std::size_t kCacheSlots = 256;

 private:
  using Scans = std::shared_ptr<const std::vector<ShownScan>>;
  Scans scans(Carrier carrier, const std::string& number) const;

  struct Slot {
    Carrier carrier = Carrier::sf;
    std::string number;
    Scans scans;
  };

  ProceduralOptions options_;
  Instant start_;
  mutable std::mutex mu_;
  mutable std::array<Slot, kCacheSlots> cache_;  // direct-mapped by hash of (carrier, number)
  mutable std::uint64_t generated_ = 0;
};

}  // namespace tracksim::sim::server

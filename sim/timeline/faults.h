// Timeline-only fault primitives: drop, duplicate, shift, lag, reorder and teleport scans. They
// know nothing of rules (the per-fault injectors in harness/population decide what to inject and
// label it). Pure functions over the caller's scans; thread-safe for distinct inputs.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "sim/core/rng.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"
#include "sim/timeline/scan.h"

namespace tracksim::sim {

// Removes scans[index]; the rest keep their order.
void drop_scan(std::vector<Scan>& scans, std::size_t index);

// Appends a copy of scans[index] (same kind, city, facility, event time; listed twice).
void duplicate_scan(std::vector<Scan>& scans, std::size_t index);

// Moves every scan (event and visibility time) by `by`.
void shift_scans(std::span<Scan> scans, Duration by);

// Makes every scan visible `lag` after it happened (visible_at = at + lag; lag >= 0).
void add_visibility_lag(std::span<Scan> scans, Duration lag);

// Lists the scans in a random order (Fisher-Yates over rng); event times are unchanged.
void shuffle_listing(std::span<Scan> scans, Rng& rng);

// Re-places the scan in `city`, keeping its kind, facility and times.
void teleport_scan(Scan& scan, geo::CityId city);

// A city more than `min_km` from both `a` and `b`, picked by rng; nullopt when none is.
std::optional<geo::CityId> city_far_from(geo::CityId a, geo::CityId b, double min_km, Rng& rng);

}  // namespace tracksim::sim

#include "sim/timeline/faults.h"

#include <utility>

#include "sim/core/check.h"
#include "sim/geo/atlas.h"

namespace tracksim::sim {

void drop_scan(std::vector<Scan>& scans, std::size_t index) {
  TS_CHECK(index < scans.size());
  scans.erase(scans.begin() + static_cast<std::ptrdiff_t>(index));
}

void duplicate_scan(std::vector<Scan>& scans, std::size_t index) {
  TS_CHECK(index < scans.size());
  Scan copy = scans[index];
  scans.push_back(std::move(copy));
}

void shift_scans(std::span<Scan> scans, Duration by) {
  for (Scan& s : scans) {
    s.at += by;
    s.visible_at += by;
  }
}

void add_visibility_lag(std::span<Scan> scans, Duration lag) {
  TS_CHECK(lag >= Duration(0));
  for (Scan& s : scans) s.visible_at = s.at + lag;
}

void shuffle_listing(std::span<Scan> scans, Rng& rng) {
  for (std::size_t i = scans.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(rng.below(i));
    if (j != i - 1) std::swap(scans[i - 1], scans[j]);
  }
}

void teleport_scan(Scan& scan, geo::CityId city) { scan.city = city; }

std::optional<geo::CityId> city_far_from(geo::CityId a, geo::CityId b, double min_km, Rng& rng) {
  const auto& atlas = geo::Atlas::china();
  const auto cities = atlas.cities();
  const geo::City& ca = atlas.city(a);
  const geo::City& cb = atlas.city(b);
  // Start at a random city and take the first far enough one: one draw, bounded work.
  const auto start = static_cast<std::size_t>(rng.below(cities.size()));
  for (std::size_t k = 0; k < cities.size(); ++k) {
    const geo::City& c = cities[(start + k) % cities.size()];
    if (distance_km(ca, c) > min_km && distance_km(cb, c) > min_km) return c.id;
  }
  return std::nullopt;
}

}  // namespace tracksim::sim

#include "sim/server/procedural.h"

#include <algorithm>

#include "sim/carrier/number.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/timeline/route.h"

namespace tracksim::sim::server {

Parcel procedural_parcel(std::uint64_t seed, Carrier carrier, std::string_view number,
                         Instant start) {
  const Rng rng = Rng(seed).split(code(carrier)).split(number);
  const std::uint64_t cities = geo::Atlas::china().cities().size();
  Rng places = rng.split("places");
  const auto from = static_cast<geo::CityId>(places.below(cities));
  const auto to = static_cast<geo::CityId>(places.below(cities));
  constexpr std::int64_t kDay = 86'400;
  const Instant pickup = start + Duration(rng.split("pickup").between(-10 * kDay, 3 * kDay));
  RouteRequest request;
  request.carrier = carrier;
  request.from = from;
  request.to = to;
  request.pickup_at = pickup;
  request.seed = rng.split("route").next();
  request.locker = rng.split("locker").chance_ppm(200'000);
  Parcel parcel;
  parcel.carrier = carrier;
  parcel.number = std::string(number);
  parcel.consignee_city = to;
  parcel.scans = build_route(request);
  return parcel;
}

Procedural::Procedural(ProceduralOptions options, Instant start)
    : options_(std::move(options)), start_(start) {}

bool Procedural::serves(Carrier carrier, std::string_view number) const {
  if (!options_.enabled) return false;
  const auto& cs = options_.carriers;
  if (!cs.empty() && std::find(cs.begin(), cs.end(), carrier) == cs.end()) return false;
  return is_valid_number(carrier, number);
}

Procedural::Scans Procedural::scans(Carrier carrier, const std::string& number) const {
  if (!serves(carrier, number)) return nullptr;
  const std::size_t slot = Rng(Rng::hash(number)).split(code(carrier)).next() % kCacheSlots;
  {
    std::lock_guard lock(mu_);
    const Slot& s = cache_[slot];
    if (s.scans && s.carrier == carrier && s.number == number) return s.scans;
  }
  auto built = std::make_shared<const std::vector<ShownScan>>(
      World::prepare(procedural_parcel(options_.seed, carrier, number, start_)));
  std::lock_guard lock(mu_);
  cache_[slot] = Slot{carrier, number, built};
  ++generated_;
  return built;
}

std::optional<TrackView> Procedural::view(Carrier carrier, const std::string& number,
                                          Instant as_of) const {
  const Scans all = scans(carrier, number);
  if (!all) return std::nullopt;
  TrackView v;
  v.carrier = carrier;
  v.number = number;
  for (const ShownScan& s : *all) {
    if (s.visible_at <= as_of) v.scans.push_back(s);
  }
  return v;
}

std::optional<Instant> Procedural::first_scan(Carrier carrier, const std::string& number) const {
  const Scans all = scans(carrier, number);
  if (!all || all->empty()) return std::nullopt;
  return all->front().at;
}

std::uint64_t Procedural::generated() const {
  std::lock_guard lock(mu_);
  return generated_;
}

std::size_t Procedural::cached() const {
  std::lock_guard lock(mu_);
  return static_cast<std::size_t>(std::count_if(cache_.begin(), cache_.end(),
                                                [](const Slot& s) { return s.scans != nullptr; }));
}

}  // namespace tracksim::sim::server

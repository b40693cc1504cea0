#include "sim/server/world.h"

#include <algorithm>
#include <mutex>
#include <numeric>

#include "sim/geo/atlas.h"

namespace tracksim::sim::server {

std::string TrackView::state() const {
  return scans.empty() ? "0" : std::to_string(scans.back().status.state);
}

bool TrackView::delivered() const {
  return std::any_of(scans.begin(), scans.end(),
                     [](const ShownScan& s) { return s.kind == ScanKind::delivered; });
}

std::vector<ShownScan> World::prepare(const Parcel& parcel) {
  std::vector<std::size_t> order(parcel.scans.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return parcel.scans[a].at < parcel.scans[b].at;
  });
  const geo::Atlas& atlas = geo::Atlas::china();
  const Rng parcel_rng =
      Rng(Rng::hash(code(parcel.carrier))).split(std::string_view(parcel.number));
  std::vector<ShownScan> shown;
  shown.reserve(order.size());
  for (std::size_t index : order) {
    const Scan& scan = parcel.scans[index];
    ShownScan s;
    s.at = scan.at;
    s.visible_at = scan.visible_at;
    s.kind = scan.kind;
    s.facility_type = scan.facility_type;
    s.facility = scan.facility;
    const bool has_city = scan.city != geo::kNoCity && scan.city < atlas.cities().size();
    const bool in_destination = has_city && scan.city == parcel.consignee_city;
    s.status = kuaidi100_status(scan.kind, in_destination);
    std::string_view city_name;
    if (has_city) {
      const geo::City& city = atlas.city(scan.city);
      city_name = city.full_name;
      s.location = std::string(city.full_name);
      s.area_code = "CN" + std::string(city.code) + std::string(12 - city.code.size(), '0');
      s.area_name =
          std::string(atlas.province(city.province).short_name) + "," + std::string(city.full_name);
    }
    if (!scan.text.empty()) {
      s.context = scan.text;
    } else {
      Rng rng = parcel_rng.split(static_cast<std::uint64_t>(index));
      s.context = render_scan_text(parcel.carrier, scan, city_name, rng);
      // A template's facility slot may be empty (no city): no stray spaces at the ends.
      const auto first = s.context.find_first_not_of(' ');
      s.context = first == std::string::npos
                      ? std::string()
                      : s.context.substr(first, s.context.find_last_not_of(' ') - first + 1);
    }
    shown.push_back(std::move(s));
  }
  return shown;
}

void World::load(const std::vector<Parcel>& parcels) {
  std::vector<std::pair<Key, Entry>> prepared;
  prepared.reserve(parcels.size());
  for (const Parcel& p : parcels) {
    prepared.emplace_back(Key{p.carrier, p.number},
                          Entry{prepare(p), p.consignee_city, p.consignee_phone_tail});
  }
  std::unique_lock lock(mu_);
  for (auto& [key, entry] : prepared) parcels_[key] = std::move(entry);
  ++generation_;
}

void World::clear() {
  std::unique_lock lock(mu_);
  parcels_.clear();
  ++generation_;
}

std::size_t World::size() const {
  std::shared_lock lock(mu_);
  return parcels_.size();
}

std::optional<TrackView> World::view(Carrier carrier, const std::string& number,
                                     Instant as_of) const {
  std::shared_lock lock(mu_);
  auto it = parcels_.find(Key{carrier, number});
  if (it == parcels_.end()) return std::nullopt;
  TrackView v{carrier,    number, {}, it->second.consignee_city, it->second.consignee_phone_tail,
              generation_};
  for (const ShownScan& s : it->second.scans) {
    if (s.visible_at <= as_of) v.scans.push_back(s);
  }
  return v;
}

std::optional<World::Visible> World::visible(Carrier carrier, const std::string& number,
                                             Instant as_of) const {
  std::shared_lock lock(mu_);
  auto it = parcels_.find(Key{carrier, number});
  if (it == parcels_.end()) return std::nullopt;
  const auto count = std::count_if(it->second.scans.begin(), it->second.scans.end(),
                                   [as_of](const ShownScan& s) { return s.visible_at <= as_of; });
  return Visible{static_cast<std::size_t>(count), generation_};
}

std::optional<Instant> World::first_scan(Carrier carrier, const std::string& number) const {
  std::shared_lock lock(mu_);
  auto it = parcels_.find(Key{carrier, number});
  if (it == parcels_.end() || it->second.scans.empty()) return std::nullopt;
  return it->second.scans.front().at;
}

}  // namespace tracksim::sim::server

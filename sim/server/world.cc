#include "sim/server/world.h"

#include <mutex>

namespace tracksim::sim::server {
namespace {

std::size_t scan_count(const std::vector<Parcel>& parcels) {
  std::size_t n = 0;
  for (const Parcel& p : parcels) n += p.scans.size();
  return n;
}

}  // namespace

std::vector<ShownScan> World::prepare(const Parcel& parcel) {
  const auto& scans = parcel.scans;
  const Rng rng = wording_rng(parcel.carrier, parcel.number);
  std::vector<ShownScan> shown;
  shown.reserve(scans.size());
  for (std::uint32_t i :
       display_order(scans.size(), [&](std::uint32_t k) { return scans[k].at; })) {
    const Scan& s = scans[i];
    shown.push_back(
        show_scan(parcel.carrier, rng, parcel.consignee_city, i,
                  {s.at, s.visible_at, s.kind, s.city, s.facility_type, s.facility, s.text}));
  }
  return shown;
}

std::shared_ptr<const ParcelTable> World::table_of(const std::vector<Parcel>& parcels) {
  auto table = std::make_shared<ParcelTable>();
  table->reserve(parcels.size(), scan_count(parcels));
  for (const Parcel& p : parcels) table->add(p);
  return table;
}

void World::load(const std::vector<Parcel>& parcels) {
  std::unique_lock lock(mu_);
  loaded_.reserve(parcels.size(), scan_count(parcels));
  for (const Parcel& p : parcels) {
    const bool shadows = base_ && base_->find(p.carrier, p.number) != ParcelTable::kNone &&
                         loaded_.find(p.carrier, p.number) == ParcelTable::kNone;
    loaded_.add(p);
    if (shadows) ++shadowed_;
  }
  ++generation_;
}

void World::clear() {
  std::unique_lock lock(mu_);
  base_.reset();
  loaded_.clear();
  shadowed_ = 0;
  ++generation_;
}

void World::reset(std::shared_ptr<const ParcelTable> base) {
  std::unique_lock lock(mu_);
  base_ = std::move(base);
  loaded_.clear();
  shadowed_ = 0;
  ++generation_;
}

std::size_t World::size() const {
  std::shared_lock lock(mu_);
  return (base_ ? base_->size() : 0) + loaded_.size() - shadowed_;
}

std::pair<const ParcelTable*, ParcelTable::Id> World::locate(Carrier carrier,
                                                             std::string_view number) const {
  if (const auto id = loaded_.find(carrier, number); id != ParcelTable::kNone) {
    return {&loaded_, id};
  }
  if (base_) {
    if (const auto id = base_->find(carrier, number); id != ParcelTable::kNone) {
      return {base_.get(), id};
    }
  }
  return {nullptr, ParcelTable::kNone};
}

std::optional<TrackView> World::view(Carrier carrier, std::string_view number,
                                     Instant as_of) const {
  std::shared_lock lock(mu_);
  const auto [table, id] = locate(carrier, number);
  if (table == nullptr) return std::nullopt;
  TrackView v = table->view(id, as_of);
  v.generation = generation_;
  return v;
}

std::optional<World::Visible> World::visible(Carrier carrier, std::string_view number,
                                             Instant as_of) const {
  std::shared_lock lock(mu_);
  const auto [table, id] = locate(carrier, number);
  if (table == nullptr) return std::nullopt;
  return Visible{table->visible_count(id, as_of), generation_};
}

std::optional<std::optional<Instant>> World::next_visible(Carrier carrier, std::string_view number,
                                                          Instant after) const {
  std::shared_lock lock(mu_);
  const auto [table, id] = locate(carrier, number);
  if (table == nullptr) return std::nullopt;
  return table->next_visible(id, after);
}

std::optional<Instant> World::first_scan(Carrier carrier, std::string_view number) const {
  std::shared_lock lock(mu_);
  const auto [table, id] = locate(carrier, number);
  if (table == nullptr) return std::nullopt;
  return table->first_scan(id);
}

}  // namespace tracksim::sim::server

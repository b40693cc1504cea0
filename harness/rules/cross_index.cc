#include "harness/rules/cross_index.h"

#include <algorithm>

#include "sim/core/check.h"
#include "sim/core/rng.h"

namespace tracksim::harness {

std::optional<std::size_t> CrossOrderIndex::find_track(sim::Carrier carrier,
                                                       std::string_view number) const {
  auto it = tracks_by_number_.find(number);
  if (it == tracks_by_number_.end()) return std::nullopt;
  for (std::size_t i : it->second) {
    if (tracks_[i].carrier == carrier) return i;
  }
  return std::nullopt;
}

std::uint64_t CrossOrderIndex::scan_key(const sim::Scan& s) {
  std::uint64_t h = sim::Rng::hash(s.facility);
  h ^= static_cast<std::uint64_t>(s.at.unix_seconds()) * 0x9E3779B97F4A7C15ULL;
  h ^= (static_cast<std::uint64_t>(s.kind) << 56) ^ (static_cast<std::uint64_t>(s.city) << 40);
  return h;
}

void CrossOrderIndex::add_upload(const Order& order) {
  TS_CHECK(!sealed_ && order.upload.has_value());
  uploads_[order.upload->number].push_back(
      {order.upload->carrier, order.upload->at, order.id, order.ship_to});
}

void CrossOrderIndex::add_track(sim::Carrier carrier, std::string_view number,
                                std::span<const sim::Scan> scans) {
  TS_CHECK(!sealed_);
  if (find_track(carrier, number)) return;
  tracks_by_number_[std::string(number)].push_back(tracks_.size());
  tracks_.push_back({carrier, std::string(number), scans, std::nullopt});
}

void CrossOrderIndex::seal() {
  for (auto& [number, entries] : uploads_) {
    std::sort(entries.begin(), entries.end(), [](const UploadEntry& a, const UploadEntry& b) {
      return a.at != b.at ? a.at < b.at : a.order_id < b.order_id;
    });
    for (const UploadEntry& e : entries) {
      const auto i = find_track(e.carrier, number);
      if (i && (!tracks_[*i].first_upload || e.at < *tracks_[*i].first_upload)) {
        tracks_[*i].first_upload = e.at;
      }
    }
  }
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    for (const sim::Scan& s : tracks_[i].scans) {
      if (sim::is_physical(s.kind)) tracks_by_scan_.emplace(scan_key(s), i);
    }
  }
  sealed_ = true;
}

bool CrossOrderIndex::reused_earlier(const Order& order) const {
  TS_CHECK(sealed_);
  if (!order.upload) return false;
  auto it = uploads_.find(std::string_view(order.upload->number));
  if (it == uploads_.end()) return false;
  for (const UploadEntry& e : it->second) {
    if (e.carrier != order.upload->carrier) continue;
    const bool before = e.at != order.upload->at ? e.at < order.upload->at : e.order_id < order.id;
    if (!before) break;
    if (e.order_id != order.id && !(e.ship_to == order.ship_to)) return true;
  }
  return false;
}

std::vector<sim::Instant> CrossOrderIndex::related_instants(sim::Carrier carrier,
                                                           std::string_view number) const {
  TS_CHECK(sealed_);
  std::vector<sim::Instant> out;
  const auto self = find_track(carrier, number);
  if (!self) return out;
  std::vector<std::size_t> others;
  for (const sim::Scan& s : tracks_[*self].scans) {
    if (!sim::is_physical(s.kind)) continue;
    auto [lo, hi] = tracks_by_scan_.equal_range(scan_key(s));
    for (auto it = lo; it != hi; ++it) {
      if (it->second != *self) others.push_back(it->second);
    }
  }
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  for (std::size_t i : others) {
    if (tracks_[i].first_upload) out.push_back(*tracks_[i].first_upload);
    for (const sim::Scan& s : tracks_[i].scans) out.push_back(s.visible_at);
  }
  return out;
}

const sim::Scan* CrossOrderIndex::copied_from(const Order& order,
                                              std::span<const sim::Scan* const> mine,
                                              sim::Instant now, std::int64_t min_scans) const {
  TS_CHECK(sealed_);
  if (!order.upload || static_cast<std::int64_t>(mine.size()) < min_scans || mine.empty()) {
    return nullptr;
  }
  auto [lo, hi] = tracks_by_scan_.equal_range(scan_key(*mine.front()));
  for (auto it = lo; it != hi; ++it) {
    const Track& other = tracks_[it->second];
    const bool own = other.carrier == order.upload->carrier && other.number == order.upload->number;
    if (own || !other.first_upload || *other.first_upload > now) continue;
    // The other number's physical scans visible now, in event-time order, must match one to one.
    std::vector<const sim::Scan*> theirs;
    for (const sim::Scan& s : other.scans) {
      if (sim::is_physical(s.kind) && s.visible_at <= now) theirs.push_back(&s);
    }
    std::stable_sort(theirs.begin(), theirs.end(),
                     [](const sim::Scan* a, const sim::Scan* b) { return a->at < b->at; });
    if (theirs.size() != mine.size()) continue;
    const bool same = std::equal(mine.begin(), mine.end(), theirs.begin(),
                                 [](const sim::Scan* a, const sim::Scan* b) {
                                   return a->at == b->at && a->kind == b->kind &&
                                          a->city == b->city && a->facility == b->facility;
                                 });
    if (same) return theirs.front();
  }
  return nullptr;
}

}  // namespace tracksim::harness

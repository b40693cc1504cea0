#include "harness/rules/cross_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <tuple>
#include <utility>

#include "sim/core/check.h"

namespace tracksim::harness {

std::optional<std::size_t> CrossOrderIndex::find_track(sim::Carrier carrier,
                                                       std::string_view number) const {
  auto it = std::lower_bound(tracks_by_number_.begin(), tracks_by_number_.end(),
                             std::tie(number, carrier), [&](std::uint32_t i, const auto& key) {
                               const Track& t = tracks_[i];
                               return std::tie(t.number, t.carrier) < key;
                             });
  if (it == tracks_by_number_.end()) return std::nullopt;
  const Track& t = tracks_[*it];
  if (t.number != number || t.carrier != carrier) return std::nullopt;
  return *it;
}

namespace {

// std::hash over a facility's bytes (unseeded: the same every run), memoised per interned entry
// in a small direct-mapped cache per thread. The value depends on the text alone; the cache only
// spares seal() rehashing the same few thousand names for every scan of every track.
std::uint64_t facility_hash(const sim::Interned& facility) {
  struct Slot {
    const char* text = nullptr;
    std::uint64_t hash = 0;
  };
  thread_local std::array<Slot, 4096> cache{};
  const char* text = facility.c_str();
  Slot& slot = cache[(reinterpret_cast<std::uintptr_t>(text) >> 4) & (cache.size() - 1)];
  if (slot.text != text) slot = {text, std::hash<std::string_view>{}(facility.view())};
  return slot.hash;
}

// The home slot of a key in a table of 2^bits slots (Fibonacci hashing: the product's top bits).
std::size_t home_slot(std::uint64_t key, int bits) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

}  // namespace

std::uint64_t CrossOrderIndex::scan_key(const sim::Scan& s) {
  std::uint64_t h = facility_hash(s.facility);
  h ^= static_cast<std::uint64_t>(s.at.unix_seconds()) * 0x9E3779B97F4A7C15ULL;
  h ^= (static_cast<std::uint64_t>(s.kind) << 56) ^ (static_cast<std::uint64_t>(s.city) << 40);
  return h;
}

template <class F>
void CrossOrderIndex::each_track_with(std::uint64_t key, F&& f) const {
  if (tracks_by_scan_.empty()) return;
  const std::size_t mask = tracks_by_scan_.size() - 1;
  for (std::size_t s = home_slot(key, std::countr_zero(tracks_by_scan_.size()));;
       s = (s + 1) & mask) {
    const ScanSlot& slot = tracks_by_scan_[s];
    if (slot.track == kFree) return;
    if (slot.key == key) f(std::size_t{slot.track});
  }
}

void CrossOrderIndex::clear() {
  uploads_.clear();
  uploads_by_number_.clear();
  tracks_.clear();
  tracks_by_number_.clear();
  tracks_by_scan_.clear();
  sealed_ = false;
}

void CrossOrderIndex::add_upload(const Order& order) {
  TS_CHECK(!sealed_ && order.upload.has_value());
  uploads_.push_back(
      {order.upload->number, order.upload->carrier, order.upload->at, order.id, order.ship_to});
}

void CrossOrderIndex::add_track(sim::Carrier carrier, std::string_view number,
                                std::span<const sim::Scan> scans) {
  TS_CHECK(!sealed_);
  Track& t = tracks_.emplace_back();
  t.carrier = carrier;
  t.number.assign(number);
  t.scans = scans;
}

void CrossOrderIndex::seal() {
  TS_CHECK(!sealed_);
  // Tracks: the first added for a carrier+number stands, later ones are dropped (as if never
  // added); the survivors keep their order.
  tracks_by_number_.resize(tracks_.size());
  for (std::uint32_t i = 0; i < tracks_.size(); ++i) tracks_by_number_[i] = i;
  auto by_number = [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(tracks_[a].number, tracks_[a].carrier, a) <
           std::tie(tracks_[b].number, tracks_[b].carrier, b);
  };
  std::sort(tracks_by_number_.begin(), tracks_by_number_.end(), by_number);
  bool dropped = false;
  for (std::size_t k = 1, kept = 0; k < tracks_by_number_.size(); ++k) {
    Track& t = tracks_[tracks_by_number_[k]];
    const Track& first = tracks_[tracks_by_number_[kept]];
    if (t.number == first.number && t.carrier == first.carrier) {
      t.dropped = dropped = true;
    } else {
      kept = k;
    }
  }
  if (dropped) {
    std::erase_if(tracks_, [](const Track& t) { return t.dropped; });
    tracks_by_number_.resize(tracks_.size());
    for (std::uint32_t i = 0; i < tracks_.size(); ++i) tracks_by_number_[i] = i;
    std::sort(tracks_by_number_.begin(), tracks_by_number_.end(), by_number);
  }
  // Uploads by number, then time, then order id; each track's first upload.
  uploads_by_number_.resize(uploads_.size());
  for (std::uint32_t i = 0; i < uploads_.size(); ++i) uploads_by_number_[i] = i;
  std::sort(uploads_by_number_.begin(), uploads_by_number_.end(),
            [&](std::uint32_t a, std::uint32_t b) {
              const UploadEntry& x = uploads_[a];
              const UploadEntry& y = uploads_[b];
              return std::tie(x.number, x.at, x.order_id) < std::tie(y.number, y.at, y.order_id);
            });
  for (const UploadEntry& e : uploads_) {
    const auto i = find_track(e.carrier, e.number);
    if (i && (!tracks_[*i].first_upload || e.at < *tracks_[*i].first_upload)) {
      tracks_[*i].first_upload = e.at;
    }
  }
  // Physical scans by key, at most half full. Keys first, then the inserts, each slot's line
  // prefetched a few inserts ahead: the table outgrows the caches and each insert would
  // otherwise wait for memory.
  thread_local std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  keys.clear();
  for (std::uint32_t i = 0; i < tracks_.size(); ++i) {
    for (const sim::Scan& s : tracks_[i].scans) {
      if (sim::is_physical(s.kind)) keys.emplace_back(scan_key(s), i);
    }
  }
  std::size_t size = 16;
  while (size < 2 * keys.size()) size *= 2;
  tracks_by_scan_.assign(size, ScanSlot{0, kFree});
  const std::size_t mask = size - 1;
  const int bits = std::countr_zero(size);
  constexpr std::size_t kAhead = 8;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k + kAhead < keys.size()) {
      __builtin_prefetch(&tracks_by_scan_[home_slot(keys[k + kAhead].first, bits)], 1);
    }
    std::size_t at = home_slot(keys[k].first, bits);
    while (tracks_by_scan_[at].track != kFree) at = (at + 1) & mask;
    tracks_by_scan_[at] = {keys[k].first, keys[k].second};
  }
  sealed_ = true;
}

bool CrossOrderIndex::reused_earlier(const Order& order) const {
  TS_CHECK(sealed_);
  if (!order.upload) return false;
  const std::string_view number = order.upload->number;
  auto it = std::lower_bound(uploads_by_number_.begin(), uploads_by_number_.end(), number,
                             [&](std::uint32_t i, std::string_view n) {
                               return std::string_view(uploads_[i].number) < n;
                             });
  for (; it != uploads_by_number_.end() && uploads_[*it].number == number; ++it) {
    const UploadEntry& e = uploads_[*it];
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
    each_track_with(scan_key(s), [&](std::size_t i) {
      if (i != *self) others.push_back(i);
    });
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
  const sim::Scan* found = nullptr;
  std::vector<const sim::Scan*> theirs;
  each_track_with(scan_key(*mine.front()), [&](std::size_t i) {
    const Track& other = tracks_[i];
    const bool own = other.carrier == order.upload->carrier && other.number == order.upload->number;
    if (found != nullptr || own || !other.first_upload || *other.first_upload > now) return;
    // The other number's physical scans visible now, in event-time order, must match one to one.
    theirs.clear();
    for (const sim::Scan& s : other.scans) {
      if (sim::is_physical(s.kind) && s.visible_at <= now) theirs.push_back(&s);
    }
    std::stable_sort(theirs.begin(), theirs.end(),
                     [](const sim::Scan* a, const sim::Scan* b) { return a->at < b->at; });
    if (theirs.size() != mine.size()) return;
    const bool same = std::equal(mine.begin(), mine.end(), theirs.begin(),
                                 [](const sim::Scan* a, const sim::Scan* b) {
                                   return a->at == b->at && a->kind == b->kind &&
                                          a->city == b->city && a->facility == b->facility;
                                 });
    if (same) found = theirs.front();
  });
  return found;
}

}  // namespace tracksim::harness

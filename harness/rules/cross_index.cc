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

namespace {

// Open-addressing tables are at least 16 slots and at most half full.
std::size_t table_size(std::size_t entries) {
  std::size_t size = 16;
  while (size < 2 * entries) size *= 2;
  return size;
}

std::size_t number_home(std::string_view number, std::size_t mask) {
  return std::hash<std::string_view>{}(number)&mask;
}

}  // namespace

std::optional<std::size_t> CrossOrderIndex::find_track(sim::Carrier carrier,
                                                       std::string_view number) const {
  if (tracks_by_number_.empty()) return std::nullopt;
  const std::size_t mask = tracks_by_number_.size() - 1;
  for (std::size_t s = number_home(number, mask);; s = (s + 1) & mask) {
    const std::uint32_t i = tracks_by_number_[s];
    if (i == kFree) return std::nullopt;
    if (tracks_[i].carrier == carrier && tracks_[i].number == number) return i;
  }
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
  // Tracks by number: the first added for a carrier+number stands, later ones are dropped (as if
  // never added); the survivors keep their order.
  auto index_tracks = [&] {
    tracks_by_number_.assign(table_size(tracks_.size()), kFree);
    const std::size_t mask = tracks_by_number_.size() - 1;
    bool dropped = false;
    for (std::uint32_t i = 0; i < tracks_.size(); ++i) {
      Track& t = tracks_[i];
      for (std::size_t s = number_home(t.number, mask);; s = (s + 1) & mask) {
        if (tracks_by_number_[s] == kFree) {
          tracks_by_number_[s] = i;
          break;
        }
        const Track& first = tracks_[tracks_by_number_[s]];
        if (first.carrier == t.carrier && first.number == t.number) {
          t.dropped = dropped = true;
          break;
        }
      }
    }
    return dropped;
  };
  if (index_tracks()) {
    std::erase_if(tracks_, [](const Track& t) { return t.dropped; });
    index_tracks();
  }
  // Uploads by number: every upload of a number lands in the same probe run.
  uploads_by_number_.assign(table_size(uploads_.size()), kFree);
  const std::size_t upload_mask = uploads_by_number_.size() - 1;
  for (std::uint32_t i = 0; i < uploads_.size(); ++i) {
    std::size_t s = number_home(uploads_[i].number, upload_mask);
    while (uploads_by_number_[s] != kFree) s = (s + 1) & upload_mask;
    uploads_by_number_[s] = i;
  }
  // Each track's first upload.
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
  // The uploads of this number (any carrier), by upload time, then order id.
  std::array<std::uint32_t, 16> inline_buf;
  std::vector<std::uint32_t> heap;
  std::size_t n = 0;
  const std::size_t mask = uploads_by_number_.size() - 1;
  for (std::size_t s = number_home(number, mask); uploads_by_number_[s] != kFree;
       s = (s + 1) & mask) {
    const std::uint32_t i = uploads_by_number_[s];
    if (uploads_[i].number != number) continue;
    if (n == inline_buf.size()) heap.assign(inline_buf.begin(), inline_buf.end());
    if (n < inline_buf.size()) {
      inline_buf[n] = i;
    } else {
      heap.push_back(i);
    }
    ++n;
  }
  const std::span<std::uint32_t> same =
      n <= inline_buf.size() ? std::span<std::uint32_t>(inline_buf.data(), n) : heap;
  std::sort(same.begin(), same.end(), [&](std::uint32_t a, std::uint32_t b) {
    return std::tie(uploads_[a].at, uploads_[a].order_id) <
           std::tie(uploads_[b].at, uploads_[b].order_id);
  });
  for (const std::uint32_t i : same) {
    const UploadEntry& e = uploads_[i];
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

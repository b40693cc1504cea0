#include "sim/server/parcel_table.h"

#include <algorithm>
#include <limits>

#include "sim/core/check.h"
#include "sim/core/rng.h"

namespace tracksim::sim::server {
namespace {

constexpr std::size_t kU32 = std::numeric_limits<std::uint32_t>::max();

std::uint64_t key_hash(Carrier carrier, std::string_view number) {
  std::uint64_t h = (0xCBF29CE484222325ULL ^ static_cast<std::uint8_t>(carrier)) * 0x100000001B3ULL;
  for (char c : number) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return Rng(h).next();  // FNV-1a's low bits alone cluster on numbers that differ at the end
}

// Grows geometrically, so that many small adds stay linear.
template <typename V>
void reserve_more(V& v, std::size_t more) {
  if (v.size() + more > v.capacity()) v.reserve(std::max(v.size() + more, v.capacity() * 2));
}

}  // namespace

ParcelTable::ParcelTable() { clear(); }

void ParcelTable::clear() {
  records_ = {};
  scans_ = {};
  stale_scans_ = 0;
  chars_ = {};
  slots_ = {};
  string_ids_ = {};
  strings_ = {};
  strings_.emplace_back();
  string_ids_.emplace(strings_.front(), 0);
  label_ids_ = {};
  labels_ = {Label{}};
  label_ids_.emplace(0, 0);
}

void ParcelTable::reserve(std::size_t parcels, std::size_t scans) {
  reserve_more(records_, parcels);
  reserve_more(scans_, scans);
  grow_index(records_.size() + parcels);
}

void ParcelTable::add(const Parcel& parcel) {
  const std::string_view number = parcel.number;
  TS_CHECK(number.size() < 0xFFFF);
  TS_CHECK(scans_.size() + parcel.scans.size() <= kU32 && chars_.size() + number.size() < kU32);
  grow_index(records_.size() + 1);
  Id id = find(parcel.carrier, number);
  Record r;
  if (id == kNone) {
    r.key = static_cast<std::uint32_t>(chars_.size());
    r.key_size = static_cast<std::uint16_t>(number.size() + 1);
    chars_.push_back(static_cast<char>(parcel.carrier));
    chars_.append(number);
  } else {
    r = records_[id];
    stale_scans_ += r.count;
  }
  r.first = static_cast<std::uint32_t>(scans_.size());
  r.count = static_cast<std::uint32_t>(parcel.scans.size());
  r.phone_tail = intern(parcel.consignee_phone_tail);
  r.consignee_city = parcel.consignee_city;
  for (const Scan& scan : parcel.scans) {
    const std::string_view facility = scan.facility;
    const std::string_view text = scan.text;
    scans_.push_back(StoredScan{scan.at, scan.visible_at, label(facility, text), scan.city,
                                scan.kind, scan.facility_type});
  }
  if (id != kNone) {
    records_[id] = r;
    if (stale_scans_ > 4096 && stale_scans_ * 2 > scans_.size()) compact_scans();
    return;
  }
  id = static_cast<Id>(records_.size());
  records_.push_back(r);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = key_hash(parcel.carrier, number) & mask;
  while (slots_[i] != kNone) i = (i + 1) & mask;
  slots_[i] = id;
}

ParcelTable::Id ParcelTable::find(Carrier carrier, std::string_view number) const {
  if (slots_.empty()) return kNone;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = key_hash(carrier, number) & mask;; i = (i + 1) & mask) {
    const Id id = slots_[i];
    if (id == kNone) return kNone;  // the index is at most 3/4 full: an empty slot comes
    const Record& r = records_[id];
    if (carrier_of(r) == carrier && number_of(r) == number) return id;
  }
}

TrackView ParcelTable::view(Id id, Instant as_of) const {
  const Record& r = records_[id];
  const std::span<const StoredScan> scans = scans_of(r);
  TrackView v;
  v.carrier = carrier_of(r);
  v.number = std::string(number_of(r));
  v.consignee_city = r.consignee_city;
  v.consignee_phone_tail = strings_[r.phone_tail];
  const Rng rng = wording_rng(v.carrier, v.number);
  for (std::uint32_t i :
       display_order(scans.size(), [&](std::uint32_t k) { return scans[k].at; })) {
    const StoredScan& s = scans[i];
    if (s.visible_at > as_of) continue;
    const Label& l = labels_[s.label];
    v.scans.push_back(show_scan(v.carrier, rng, r.consignee_city, i,
                                {s.at, s.visible_at, s.kind, s.city, s.facility_type,
                                 strings_[l.facility], strings_[l.text]}));
  }
  return v;
}

std::size_t ParcelTable::visible_count(Id id, Instant as_of) const {
  const std::span<const StoredScan> scans = scans_of(records_[id]);
  return static_cast<std::size_t>(std::count_if(
      scans.begin(), scans.end(), [as_of](const StoredScan& s) { return s.visible_at <= as_of; }));
}

std::optional<Instant> ParcelTable::next_visible(Id id, Instant after) const {
  std::optional<Instant> next;
  for (const StoredScan& s : scans_of(records_[id])) {
    if (s.visible_at > after && (!next || s.visible_at < *next)) next = s.visible_at;
  }
  return next;
}

std::optional<Instant> ParcelTable::first_scan(Id id) const {
  const std::span<const StoredScan> scans = scans_of(records_[id]);
  if (scans.empty()) return std::nullopt;
  return std::min_element(scans.begin(), scans.end(),
                          [](const StoredScan& a, const StoredScan& b) { return a.at < b.at; })
      ->at;
}

std::uint32_t ParcelTable::intern(std::string_view s) {
  if (auto it = string_ids_.find(s); it != string_ids_.end()) return it->second;
  TS_CHECK(strings_.size() < kU32);
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(s);
  string_ids_.emplace(strings_.back(), id);
  return id;
}

std::uint32_t ParcelTable::label(std::string_view facility, std::string_view text) {
  const Label l{intern(facility), intern(text)};
  const std::uint64_t key = (std::uint64_t{l.facility} << 32U) | l.text;
  if (auto it = label_ids_.find(key); it != label_ids_.end()) return it->second;
  TS_CHECK(labels_.size() < kU32);
  const auto id = static_cast<std::uint32_t>(labels_.size());
  labels_.push_back(l);
  label_ids_.emplace(key, id);
  return id;
}

std::span<const ParcelTable::StoredScan> ParcelTable::scans_of(const Record& r) const {
  return {scans_.data() + r.first, r.count};
}

std::string_view ParcelTable::number_of(const Record& r) const {
  return std::string_view(chars_).substr(r.key + 1U, r.key_size - 1U);
}

Carrier ParcelTable::carrier_of(const Record& r) const {
  return static_cast<Carrier>(static_cast<unsigned char>(chars_[r.key]));
}

// Keeps the index at most 3/4 full, in a power-of-two number of slots.
void ParcelTable::grow_index(std::size_t parcels) {
  if (parcels * 4 <= slots_.size() * 3) return;
  std::size_t size = 16;
  while (parcels * 4 > size * 3) size *= 2;
  slots_.assign(size, kNone);
  const std::size_t mask = size - 1;
  for (Id id = 0; id < records_.size(); ++id) {
    std::size_t i = key_hash(carrier_of(records_[id]), number_of(records_[id])) & mask;
    while (slots_[i] != kNone) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

// Drops the scans of replaced parcels once they make up half the storage.
void ParcelTable::compact_scans() {
  std::vector<StoredScan> kept;
  kept.reserve(scans_.size() - stale_scans_);
  for (Record& r : records_) {
    const std::span<const StoredScan> scans = scans_of(r);
    r.first = static_cast<std::uint32_t>(kept.size());
    kept.insert(kept.end(), scans.begin(), scans.end());
  }
  scans_ = std::move(kept);
  stale_scans_ = 0;
}

}  // namespace tracksim::sim::server

#include "harness/population/population.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <span>
#include <string_view>
#include <utility>

#include "harness/population/injectors.h"
#include "harness/rules/engine.h"
#include "sim/carrier/number.h"
#include "sim/core/check.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"
#include "sim/timeline/route.h"

namespace tracksim::harness {
namespace {

using sim::Duration;
using sim::Instant;

constexpr Duration kMinute{60};
constexpr Duration kHour{3600};
constexpr Duration kDay{86400};

// Where online orders come from and go to: weights per province, the east first.
constexpr std::pair<std::string_view, std::uint32_t> kProvinceWeights[] = {
    {"广东", 14}, {"浙江", 12}, {"江苏", 10},  {"山东", 7}, {"上海", 6}, {"北京", 5},
    {"福建", 5},  {"河南", 5},  {"湖北", 4},   {"湖南", 4}, {"四川", 4}, {"安徽", 4},
    {"河北", 4},  {"江西", 3},  {"天津", 2},   {"重庆", 2}, {"广西", 2}, {"陕西", 2},
    {"辽宁", 2},  {"吉林", 1},  {"黑龙江", 1}, {"山西", 1}, {"云南", 1}, {"贵州", 1},
    {"甘肃", 1},  {"海南", 1},  {"内蒙古", 1}, {"新疆", 1}, {"宁夏", 1}, {"青海", 1},
    {"西藏", 1}};

constexpr std::pair<sim::Carrier, std::uint32_t> kCarrierWeights[] = {
    {sim::Carrier::zto, 25}, {sim::Carrier::yto, 18}, {sim::Carrier::yunda, 15},
    {sim::Carrier::jt, 12},  {sim::Carrier::sf, 12},  {sim::Carrier::sto, 10},
    {sim::Carrier::jd, 5},   {sim::Carrier::ems, 3}};

constexpr std::string_view kDistricts[] = {"城关区", "开发区",         "高新区", "新城区",
                                           "老城区", "经济技术开发区", "滨江区", "中心区"};

// kDistricts interned once.
const std::array<sim::Interned, std::size(kDistricts)>& district_names() {
  static const auto names = [] {
    std::array<sim::Interned, std::size(kDistricts)> out;
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = sim::Interned(kDistricts[k]);
    return out;
  }();
  return names;
}

struct Places {
  // Cumulative weights: to (the buyer) by the table, from (the merchant) by its square, which
  // concentrates sellers in the eastern provinces even more.
  std::vector<std::pair<std::uint64_t, sim::geo::ProvinceId>> to, from;
  std::vector<std::vector<sim::geo::CityId>> cities;  // by province id
};

const Places& places() {
  static const Places p = [] {
    const auto& atlas = sim::geo::Atlas::china();
    Places out;
    out.cities.resize(atlas.provinces().size());
    for (const auto& c : atlas.cities()) out.cities[c.province].push_back(c.id);
    std::uint64_t to_sum = 0;
    std::uint64_t from_sum = 0;
    for (const auto& [name, w] : kProvinceWeights) {
      const auto* prov = atlas.find_province(name);
      TS_CHECK(prov != nullptr && !out.cities[prov->id].empty());
      out.to.emplace_back(to_sum += w, prov->id);
      out.from.emplace_back(from_sum += std::uint64_t{w} * w, prov->id);
    }
    return out;
  }();
  return p;
}

template <class T>
T pick_weighted(const std::vector<std::pair<std::uint64_t, T>>& cumulative, sim::Rng& rng) {
  const std::uint64_t r = rng.below(cumulative.back().first);
  for (const auto& [upto, value] : cumulative) {
    if (r < upto) return value;
  }
  return cumulative.back().second;
}

Address draw_address(const std::vector<std::pair<std::uint64_t, sim::geo::ProvinceId>>& table,
                     sim::Rng& rng) {
  const auto province = pick_weighted(table, rng);
  const auto& cities = places().cities[province];
  Address a;
  a.province = province;
  a.city = cities[static_cast<std::size_t>(rng.below(cities.size()))];
  a.district = district_names()[rng.below(std::size(kDistricts))];
  // Four digits, zero-padded, written in place (short enough to stay in the string's own buffer).
  auto tail = static_cast<unsigned>(rng.below(10000));
  a.phone_tail.assign(4, '0');
  for (std::size_t k = 4; tail != 0; tail /= 10)
    a.phone_tail[--k] = static_cast<char>('0' + tail % 10);
  return a;
}

sim::Carrier draw_carrier(sim::Rng& rng) {
  std::uint64_t r = rng.below(100);
  for (const auto& [carrier, w] : kCarrierWeights) {
    if (r < w) return carrier;
    r -= w;
  }
  return sim::Carrier::zto;
}

// Amounts as shops price them: mostly under 200 yuan, ending in .00 or .90, a long tail above.
sim::Money draw_amount(sim::Rng& rng) {
  const std::uint64_t r = rng.below(100);
  const auto [lo, hi] = r < 40   ? std::pair{9, 49}
                        : r < 80 ? std::pair{49, 199}
                        : r < 95 ? std::pair{199, 999}
                                 : std::pair{999, 4999};
  const std::int64_t yuan = rng.between(lo, hi);
  return sim::Money::from_fen(yuan * 100 + (rng.below(2) == 0 ? 0 : 90));
}

OrderKind draw_kind(const GenerateSpec& spec, sim::Rng& rng) {
  static constexpr std::array<std::uint32_t, kOrderKindCount> kDefault = {70, 10, 10, 10};
  const bool none = std::all_of(spec.kind_weights.begin(), spec.kind_weights.end(),
                                [](std::uint32_t w) { return w == 0; });
  const auto& w = none ? kDefault : spec.kind_weights;
  std::uint64_t total = 0;
  for (auto x : w) total += x;
  std::uint64_t r = rng.below(total);
  for (std::size_t k = 0; k < kOrderKindCount; ++k) {
    if (r < w[k]) return static_cast<OrderKind>(k);
    r -= w[k];
  }
  return OrderKind::in_stock;
}

// 48h mostly; same_day / next_day for some in-stock orders; a custom date for half the others.
Promise draw_promise(OrderKind kind, Instant paid, const Ruleset& rs, sim::Rng& rng) {
  Promise p;
  p.within = rs.default_promise;
  const std::uint64_t r = rng.below(100);
  if (kind == OrderKind::in_stock) {
    if (r < 12) p.type = Promise::Type::same_day;
    if (r >= 12 && r < 24) p.type = Promise::Type::next_day;
  } else if (r < 50) {
    p.type = Promise::Type::ship_by;
    p.ship_by = sim::beijing_day_end(paid, static_cast<int>(rng.between(3, 10)));
  }
  return p;
}

Duration between(sim::Rng& rng, Duration lo, Duration hi) {
  return Duration(rng.between(lo.count(), std::max(lo, hi).count()));
}

}  // namespace

BaseDraw draw_base(const GenerateSpec& spec, const Ruleset& rs, std::size_t index) {
  sim::Rng rng = sim::Rng(spec.seed).split(index).split("base");
  BaseDraw b;
  Order& o = b.order;
  o.kind = draw_kind(spec, rng);
  o.paid_at = spec.start + between(rng, Duration(0), 2 * kDay - Duration(1));
  o.promise = draw_promise(o.kind, o.paid_at, rs, rng);
  o.amount = draw_amount(rng);
  o.ship_from = draw_address(places().from, rng);
  o.ship_to = draw_address(places().to, rng);
  const Instant deadline = ship_deadline(o, rs);
  const Duration window = deadline - o.paid_at;
  o.upload = Upload{};
  Upload& u = *o.upload;
  u.carrier = draw_carrier(rng);
  // Upload well inside the ship deadline: between a twentieth and half of the window.
  u.at = o.paid_at + between(rng, std::max(10 * kMinute, window / 20), window / 2);
  // The e-waybill is printed up to half an hour before the upload, never before payment.
  b.info_at = u.at - between(rng, Duration(0), std::min(30 * kMinute, u.at - o.paid_at));
  // Pickup well inside every deadline it has to meet: at most half the time left to the nearest.
  Instant bound = std::min(deadline, *pickup_deadline_for(o, rs));
  bound = std::min(bound, u.at + rs.no_pickup_within);
  b.pickup_at = u.at + between(rng, 10 * kMinute, std::max(10 * kMinute, (bound - u.at) / 2));
  b.locker = rng.below(5) == 0;
  b.show_city = rng.below(10) < 7;
  b.show_tail = rng.below(2) == 0;
  b.route_seed = rng.next();
  u.number = sim::generate_number(u.carrier, rng);  // last: a rare redraw shifts nothing else
  return b;
}

namespace {

constexpr std::size_t kDonorPool = 64;  // recent fault-free orders a pair fault may borrow from

std::size_t id_width(std::size_t n) {
  std::size_t w = 1;
  for (std::size_t x = n; x >= 10; x /= 10) ++w;
  return std::max<std::size_t>(w, 4);
}

// prefix + index + 1 zero-padded to `width` digits, built in one string.
std::string order_id(const GenerateSpec& spec, std::size_t index, std::size_t width) {
  char digits[24];
  std::size_t n = 0;
  for (std::size_t x = index + 1; x != 0; x /= 10) digits[n++] = static_cast<char>('0' + x % 10);
  std::string id;
  id.reserve(spec.id_prefix.size() + std::max(width, n));
  id.append(spec.id_prefix).append(width - std::min(width, n), '0');
  while (n > 0) id.push_back(digits[--n]);
  return id;
}

// The numbers of a range, for uniqueness: open addressing over strings kept between ranges (a
// cleared slot keeps its buffer), so that a range in steady state allocates nothing here.
class NumberSet {
 public:
  // Empties the set for up to n numbers (load factor at most one half).
  void reset(std::size_t n) {
    for (std::size_t s : used_) slots_[s].clear();
    used_.clear();
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (slots_.size() < cap) slots_.resize(cap);
    mask_ = cap - 1;
  }
  // False when the number is already in (numbers are never empty).
  bool insert(std::string_view number) {
    TS_CHECK(!number.empty() && used_.size() <= mask_ / 2);
    for (std::size_t s = std::hash<std::string_view>{}(number)&mask_;; s = (s + 1) & mask_) {
      if (slots_[s].empty()) {
        slots_[s].assign(number);
        used_.push_back(s);
        return true;
      }
      if (slots_[s] == number) return false;
    }
  }

 private:
  std::vector<std::string> slots_;
  std::vector<std::size_t> used_;
  std::size_t mask_ = 0;
};

// Order `index`'s base draft written over `d` (whose buffers are reused): its order, its parcel
// (e-waybill scan, then the built route), facts.
void base_draft(const GenerateSpec& spec, const Ruleset& rs, std::size_t index, std::size_t width,
                NumberSet& numbers, OrderDraft& d) {
  BaseDraw b = draw_base(spec, rs, index);
  d.order = std::move(b.order);
  d.order.id = order_id(spec, index, width);
  Upload& u = *d.order.upload;
  // Numbers are unique in a population (a clash would read as a reused number).
  sim::Rng retry = sim::Rng(spec.seed).split(index).split("number");
  while (!numbers.insert(u.number)) u.number = sim::generate_number(u.carrier, retry);
  d.parcel.carrier = u.carrier;
  d.parcel.number = u.number;
  d.parcel.consignee_city = b.show_city ? d.order.ship_to.city : sim::geo::kNoCity;
  if (b.show_tail) {
    d.parcel.consignee_phone_tail = d.order.ship_to.phone_tail;
  } else {
    d.parcel.consignee_phone_tail.clear();
  }
  d.has_parcel = true;
  sim::RouteRequest req;
  req.carrier = u.carrier;
  req.from = d.order.ship_from.city;
  req.to = d.order.ship_to.city;
  req.pickup_at = b.pickup_at;
  req.seed = b.route_seed;
  req.info_received = false;  // our own e-waybill scan stands for it
  req.locker = b.locker;
  // Our own e-waybill scan first (before the upload, so before the pickup), then the route.
  d.parcel.scans.clear();
  sim::Scan& info = d.parcel.scans.emplace_back();
  info.at = info.visible_at = b.info_at;
  info.kind = sim::ScanKind::info_received;
  sim::append_route(req, d.parcel.scans);
  d.facts = TimelineFacts{};
  d.facts.valid_upload = true;
  d.facts.consignee_city = d.parcel.consignee_city;
  d.facts.consignee_tail = d.parcel.consignee_phone_tail;
  summarize_route(d);
}

struct FaultStreams {
  FaultSet decided;
  std::array<sim::Rng, kFaultCount> rng{
      sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0),
      sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0), sim::Rng(0)};
};

// The split keys of the fault streams (hashes of the fault names), hashed once.
const std::array<std::uint64_t, kFaultCount>& fault_keys() {
  static const std::array<std::uint64_t, kFaultCount> keys = [] {
    std::array<std::uint64_t, kFaultCount> out{};
    for (std::size_t f = 0; f < kFaultCount; ++f) out[f] = sim::Rng::hash(fault_names()[f]);
    return out;
  }();
  return keys;
}

FaultStreams decide_faults(const GenerateSpec& spec, std::size_t index) {
  const sim::Rng order_rng = sim::Rng(spec.seed).split(index);
  const auto& keys = fault_keys();
  FaultStreams out;
  for (std::size_t f = 0; f < kFaultCount; ++f) {
    out.rng[f] = order_rng.split(keys[f]);
    if (spec.fault_ppm[f] > 0 && out.rng[f].chance_ppm(spec.fault_ppm[f])) out.decided.set(f);
  }
  return out;
}

}  // namespace

namespace detail {

// Generates ranges of one spec; keeps its buffers between ranges (drafts_ beyond n_ too).
class Generator {
 public:
  Generator(const GenerateSpec& spec, const Ruleset& rs,
            const std::vector<FaultSet>* chosen = nullptr)
      : spec_(spec), rs_(rs), chosen_(chosen) {}
  // Orders [begin, end) into drafts_[0, n_), faults_, labels_ and until_.
  void generate(std::size_t begin, std::size_t end);
  // The last range as a Population (moves the drafts out).
  Population take();

  std::span<const OrderDraft> drafts() const { return {drafts_.data(), n_}; }
  const std::vector<Label>& labels() const { return labels_; }
  Instant until() const { return until_; }

 private:
  FaultSet inject(std::size_t i, FaultStreams& fs);
  bool pair_fault(std::size_t i, Fault f);
  std::optional<std::size_t> donor_for(std::size_t i, bool strictly_earlier_upload);

  const GenerateSpec& spec_;
  const Ruleset& rs_;
  const std::vector<FaultSet>* chosen_;  // the caller's faults per order, or null: drawn
  std::size_t begin_ = 0;
  std::size_t n_ = 0;
  std::vector<OrderDraft> drafts_;  // drafts_[k] is order begin_ + k, for k < n_
  std::vector<FaultSet> faults_;    // what was injected into drafts_[k]
  std::vector<Label> labels_;
  Instant until_;
  NumberSet numbers_;
  std::deque<std::size_t> donors_;  // recent fault-free orders, newest last
};

std::optional<std::size_t> Generator::donor_for(std::size_t i, bool strictly_earlier_upload) {
  for (auto it = donors_.rbegin(); it != donors_.rend(); ++it) {
    const OrderDraft& d = drafts_[*it];
    if (strictly_earlier_upload && !(d.order.upload->at < drafts_[i].order.upload->at)) continue;
    const std::size_t j = *it;
    donors_.erase(std::next(it).base());  // a donor lends its tracking once
    return j;
  }
  return std::nullopt;
}

bool Generator::pair_fault(std::size_t i, Fault f) {
  const auto j = donor_for(i, f == Fault::reused_number);
  if (!j) return false;
  if (f == Fault::reused_number) return inject_reused_number(drafts_[i], drafts_[*j]);
  return inject_copied_track(drafts_[i], drafts_[*j], rs_);
}

FaultSet Generator::inject(std::size_t i, FaultStreams& fs) {
  OrderDraft& d = drafts_[i];
  FaultSet want = fs.decided;
  FaultSet done;
  auto has = [&](Fault f) { return want.test(static_cast<std::size_t>(f)); };
  auto mark = [&](Fault f, bool injected) {
    if (injected) done.set(static_cast<std::size_t>(f));
    return injected;
  };
  auto rng = [&](Fault f) -> sim::Rng& { return fs.rng[static_cast<std::size_t>(f)]; };
  for (Fault f : {Fault::reused_number, Fault::copied_track}) {
    if (has(f) && mark(f, pair_fault(i, f))) return done;
  }
  if (has(Fault::no_upload)) return mark(Fault::no_upload, inject_no_upload(d)), done;
  if (has(Fault::invalid_number)) {
    return mark(Fault::invalid_number, inject_invalid_number(d, rng(Fault::invalid_number))), done;
  }
  if (has(Fault::late_upload)) {
    mark(Fault::late_upload, inject_late_upload(d, rs_, rng(Fault::late_upload)));
  }
  if (has(Fault::never_picked_up)) {
    mark(Fault::never_picked_up, inject_never_picked_up(d));
    want.reset(static_cast<std::size_t>(Fault::impossible_route));
    want.reset(static_cast<std::size_t>(Fault::repeated_scans));
  } else if (has(Fault::late_pickup)) {
    mark(Fault::late_pickup, inject_late_pickup(d, rs_, rng(Fault::late_pickup)));
  } else if (has(Fault::missing_pickup_scan)) {
    mark(Fault::missing_pickup_scan, inject_missing_pickup_scan(d));
  }
  if (has(Fault::recipient_mismatch)) {
    mark(Fault::recipient_mismatch, inject_recipient_mismatch(d, rng(Fault::recipient_mismatch)));
  }
  if (has(Fault::impossible_route)) {
    mark(Fault::impossible_route, inject_impossible_route(d, rs_, rng(Fault::impossible_route)));
  }
  if (has(Fault::repeated_scans)) {
    mark(Fault::repeated_scans, inject_repeated_scans(d, rng(Fault::repeated_scans)));
  }
  if (has(Fault::scan_before_payment)) {
    mark(Fault::scan_before_payment,
         inject_scan_before_payment(d, rng(Fault::scan_before_payment)));
  }
  if (has(Fault::scan_lag)) mark(Fault::scan_lag, inject_scan_lag(d, rng(Fault::scan_lag)));
  if (has(Fault::out_of_order_listing)) {
    mark(Fault::out_of_order_listing,
         inject_out_of_order_listing(d, rng(Fault::out_of_order_listing)));
  }
  return done;
}

void Generator::generate(std::size_t begin, std::size_t end) {
  TS_CHECK(begin <= end && end <= spec_.orders);
  begin_ = begin;
  n_ = end - begin;
  const std::size_t n = n_;
  const std::size_t width = id_width(spec_.orders);
  numbers_.reset(n);
  donors_.clear();
  faults_.clear();
  labels_.clear();
  if (drafts_.size() < n) drafts_.resize(n);
  faults_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    base_draft(spec_, rs_, begin_ + i, width, numbers_, drafts_[i]);
    FaultStreams fs = decide_faults(spec_, begin_ + i);
    if (chosen_ != nullptr) fs.decided = (*chosen_)[begin_ + i];
    faults_.push_back(inject(i, fs));
    if (faults_.back().none()) {
      donors_.push_back(i);
      if (donors_.size() > kDonorPool) donors_.pop_front();
    }
  }
  // Labels for `until`: past every deadline (the longest duration of the ruleset, plus a day)
  // after the latest instant any order involves, so every outcome is final and every scan shown.
  Duration margin = std::max({rs_.linehaul_within, rs_.no_pickup_within, rs_.no_hub_within,
                              rs_.stall.remote, rs_.stall.other, rs_.stall.same_region});
  for (const auto& p : rs_.pickup_by_kind) margin = std::max(margin, p.within);
  Instant latest = spec_.start;
  labels_.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const OrderDraft& d = drafts_[k];
    latest = std::max({latest, d.order.paid_at, ship_deadline(d.order, rs_)});
    if (d.order.upload) latest = std::max(latest, d.order.upload->at);
    for (const sim::Scan& s : d.parcel.scans) latest = std::max({latest, s.at, s.visible_at});
    labels_.push_back(label_order(d.order, d.facts, rs_));
  }
  const Duration to_hour = kHour - Duration((latest + margin + kDay).unix_seconds() % 3600);
  until_ = latest + margin + kDay + (to_hour == kHour ? Duration(0) : to_hour);
}

Population Generator::take() {
  Population pop;
  pop.orders.reserve(n_);
  pop.parcels.reserve(n_);
  for (std::size_t k = 0; k < n_; ++k) {
    OrderDraft& d = drafts_[k];
    if (d.has_parcel) {
      pop.parcels.push_back(std::move(d.parcel));
      // The route's buffer was sized for the longest route; a kept population holds only what it
      // uses (about a quarter less memory per order).
      pop.parcels.back().scans.shrink_to_fit();
    }
    pop.orders.push_back(std::move(d.order));
  }
  pop.labels = std::move(labels_);
  pop.faults = std::move(faults_);
  pop.until = until_;
  n_ = 0;
  return pop;
}

}  // namespace detail

using detail::Generator;

Population generate_population(const GenerateSpec& spec, const Ruleset& ruleset) {
  return generate_orders(spec, ruleset, 0, spec.orders);
}

Population generate_orders(const GenerateSpec& spec, const Ruleset& ruleset, std::size_t begin,
                           std::size_t end) {
  Generator g(spec, ruleset);
  g.generate(begin, end);
  return g.take();
}

Population generate_population_with(const GenerateSpec& spec, const Ruleset& ruleset,
                                    const std::vector<FaultSet>& faults) {
  TS_CHECK(spec.orders == faults.size());
  Generator g(spec, ruleset, &faults);
  g.generate(0, spec.orders);
  return g.take();
}

PopulationStream::PopulationStream(const GenerateSpec& spec, const Ruleset& ruleset)
    : impl_(std::make_unique<Generator>(spec, ruleset)) {}
PopulationStream::~PopulationStream() = default;

void PopulationStream::generate(std::size_t begin, std::size_t end) { impl_->generate(begin, end); }
std::span<const OrderDraft> PopulationStream::drafts() const { return impl_->drafts(); }
const std::vector<Label>& PopulationStream::labels() const { return impl_->labels(); }
sim::Instant PopulationStream::until() const { return impl_->until(); }

sim::Instant default_start(const Ruleset& rs) {
  if (!rs.effective_from) return *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  return sim::beijing_midnight(sim::beijing_date(*rs.effective_from + sim::Duration(31 * 86400)));
}

}  // namespace tracksim::harness

#include "sim/timeline/route.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/carrier/wording.h"
#include "sim/core/check.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/geo/hubs.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kNightStart = 20 * kHour;  // line haul leaves hubs 20:00..06:00
constexpr std::int64_t kNightEnd = 6 * kHour;
constexpr std::int64_t kDispatchStart = 3 * kHour;  // hubs send delivery vans 03:00..15:00
constexpr std::int64_t kDispatchEnd = 15 * kHour;
constexpr std::int64_t kRoundsStart = 7 * kHour + 30 * 60;  // couriers go out 07:30..16:00
constexpr std::int64_t kRoundsEnd = 16 * kHour;
constexpr double kAirFromKm = 800;          // SF flies line-haul legs longer than this
constexpr Duration kFeederMax = hours(12);  // outlet <-> hub drive
constexpr Duration kLinehaulMax = hours(30);
constexpr std::uint32_t kHublessSameCityPpm = 300'000;
constexpr std::uint32_t kDayDepartureOriginPpm = 100'000;
constexpr std::uint32_t kDayDepartureTransitPpm = 250'000;

constexpr std::size_t kMaxScans = 14;  // info, pickup, depart, 4 hubs x 2, arrive, out, end
constexpr std::uint64_t kTimingKey = Rng::hash("route.timing");
constexpr std::uint64_t kNamesKey = Rng::hash("route.names");
constexpr std::uint64_t kPathKey = Rng::hash("route.path");

constexpr std::array<std::string_view, 8> kAreas = {"城区", "城东",   "城西",   "城南",
                                                    "城北", "高新区", "开发区", "新区"};

// Each carrier's word for a branch, as its traces name them (PHRASES.md): 顺丰 营业点, 圆通
// 公司, 中通 area + 部 (合肥蜀山四部), 韵达 分部, 申通 营业点, 德邦 快递分部, 宅急送 营业所, ...
std::string_view outlet_suffix(Carrier c) {
  switch (c) {
    case Carrier::sf:
    case Carrier::fengwang:
    case Carrier::sto:
      return "营业点";
    case Carrier::yto:
      return "公司";
    case Carrier::zto:
      return "一部";
    case Carrier::yunda:
      return "分部";
    case Carrier::jt:
    case Carrier::best:
    case Carrier::tiantian:
    case Carrier::ane:
      return "网点";
    case Carrier::ems:
    case Carrier::youzheng:
      return "揽投部";
    case Carrier::deppon:
      return "快递分部";
    case Carrier::zjs:
      return "营业所";
    default:  // jd, uc
      return "营业部";
  }
}

// The first instant >= t whose Beijing time of day is `sod`.
Instant next_time_of_day(Instant t, std::int64_t sod) {
  const std::int64_t now = beijing_seconds_of_day(t);
  return t + Duration(((sod - now) % kDay + kDay) % kDay);
}

// Whether t's Beijing time of day lies in [from, to) (wrapping past midnight when from > to).
bool in_window(Instant t, std::int64_t from, std::int64_t to) {
  const std::int64_t s = beijing_seconds_of_day(t);
  return from < to ? (s >= from && s < to) : (s >= from || s < to);
}

// Tables built once (thread-safe static init) so that a route allocates nothing but its scans:
// great-circle km between every two cities, each carrier's name of every hub, and slots for the
// outlet and locker names, interned on first use (most of them are never needed).
struct RouteTables {
  std::size_t cities = 0;
  std::vector<double> km;                            // km[a * cities + b] == geo::distance_km(a, b)
  std::vector<Interned> hub_names;                   // [carrier * hubs + hub]
  std::unique_ptr<std::atomic<Interned>[]> outlets;  // [(carrier * cities + city) * areas + a]
  std::unique_ptr<std::atomic<Interned>[]> lockers;  // [city * 2 + cabinet]
};

// The name in `slot`, made by `make` and interned the first time. Racing threads intern the
// same text, so they store the same handle: any winner is right.
template <class Make>
Interned slot_name(std::atomic<Interned>& slot, Make&& make) {
  Interned name = slot.load(std::memory_order_acquire);
  if (name.empty()) {
    name = Interned(make());
    slot.store(name, std::memory_order_release);
  }
  return name;
}

const RouteTables& tables() {
  static const RouteTables t = [] {
    const auto& atlas = geo::Atlas::china();
    const auto& net = geo::HubNetwork::china();
    RouteTables out;
    out.cities = atlas.cities().size();
    out.km.reserve(out.cities * out.cities);
    for (const geo::City& a : atlas.cities()) {
      for (const geo::City& b : atlas.cities()) out.km.push_back(geo::distance_km(a, b));
    }
    for (Carrier c : all_carriers()) {
      for (const geo::Hub& h : net.hubs()) {
        const geo::City& city = atlas.city(h.city);
        out.hub_names.emplace_back(
            hub_name(c, city.short_name, atlas.province(city.province).short_name));
      }
    }
    const std::size_t outlets = all_carriers().size() * out.cities * kAreas.size();
    out.outlets = std::make_unique<std::atomic<Interned>[]>(outlets);
    out.lockers = std::make_unique<std::atomic<Interned>[]>(out.cities * 2);
    return out;
  }();
  return t;
}

// Drive time over `km` of great-circle distance at a speed drawn from [lo, hi] km/h.
Duration drive(double km, std::int64_t lo_kmh, std::int64_t hi_kmh, Rng& rng) {
  const auto kmh = static_cast<double>(rng.between(lo_kmh, hi_kmh));
  return Duration(static_cast<std::int64_t>(km * 3600.0 / kmh));
}

class RouteBuilder {
 public:
  RouteBuilder(const RouteRequest& r, std::vector<Scan>& out)
      : req_(r),
        atlas_(geo::Atlas::china()),
        net_(geo::HubNetwork::china()),
        tables_(tables()),
        rng_(Rng(r.seed).split(kTimingKey)),
        names_(Rng(r.seed).split(kNamesKey)),
        paths_(Rng(r.seed).split(kPathKey)),
        t_(r.pickup_at),
        scans_(out) {
    scans_.reserve(scans_.size() + kMaxScans - (r.info_received ? 0 : 1));
  }

  void build();

 private:
  Duration draw(Duration lo, Duration hi) { return Duration(rng_.between(lo.count(), hi.count())); }
  void add(ScanKind kind, geo::CityId city, FacilityType type, Interned facility);
  Interned outlet_name(geo::CityId city);
  Interned locker_name(geo::CityId city, bool cabinet);
  Interned hub_facility(geo::HubId hub) const {
    return tables_.hub_names[static_cast<std::size_t>(req_.carrier) * net_.hubs().size() + hub];
  }
  double km(geo::CityId a, geo::CityId b) const {
    TS_CHECK(a < tables_.cities && b < tables_.cities);
    return tables_.km[std::size_t{a} * tables_.cities + b];
  }
  Duration feeder(double distance_km);
  Duration linehaul(double distance_km);
  Instant linehaul_departure(Instant ready, std::uint32_t day_ppm);
  void origin(bool hubless);
  void hubs();
  void last_mile(geo::CityId from_city, bool hubless);

  const RouteRequest& req_;
  const geo::Atlas& atlas_;
  const geo::HubNetwork& net_;
  const RouteTables& tables_;
  Rng rng_;
  Rng names_;
  Rng paths_;
  Instant t_;
  std::vector<Scan>& scans_;
};

void RouteBuilder::add(ScanKind kind, geo::CityId city, FacilityType type, Interned facility) {
  TS_CHECK(scans_.empty() || t_ > scans_.back().at);
  Scan s;
  s.at = t_;
  s.visible_at = t_;
  s.kind = kind;
  s.city = city;
  s.facility_type = type;
  s.facility = facility;
  scans_.push_back(std::move(s));
}

Interned RouteBuilder::outlet_name(geo::CityId city) {
  const std::size_t area = names_.below(kAreas.size());
  const std::size_t at =
      (static_cast<std::size_t>(req_.carrier) * tables_.cities + city) * kAreas.size() + area;
  return slot_name(tables_.outlets[at], [&] {
    const std::string_view name = atlas_.city(city).short_name;
    const std::string_view suffix = outlet_suffix(req_.carrier);
    std::string out;
    out.reserve(name.size() + kAreas[area].size() + suffix.size());
    return out.append(name).append(kAreas[area]).append(suffix);
  });
}

Interned RouteBuilder::locker_name(geo::CityId city, bool cabinet) {
  return slot_name(tables_.lockers[std::size_t{city} * 2 + (cabinet ? 1 : 0)], [&] {
    return std::string(atlas_.city(city).short_name) + (cabinet ? "丰巢智能柜" : "菜鸟驿站");
  });
}

Duration RouteBuilder::feeder(double distance_km) {
  if (distance_km < 1) return draw(minutes(30), hours(2));
  return std::min(kFeederMax, drive(distance_km, 50, 70, rng_) + draw(minutes(20), hours(1)));
}

Duration RouteBuilder::linehaul(double distance_km) {
  if (req_.carrier == Carrier::sf && distance_km > kAirFromKm) return draw(hours(5), hours(9));
  const Duration d = drive(distance_km, 34, 50, rng_) + draw(hours(1), hours(3));
  return std::clamp(d, Duration(hours(1)), kLinehaulMax);
}

// Trucks leave hubs at night; a share of the daytime arrivals catches a day truck.
Instant RouteBuilder::linehaul_departure(Instant ready, std::uint32_t day_ppm) {
  if (in_window(ready, kNightStart, kNightEnd)) return ready;
  if (rng_.chance_ppm(day_ppm)) return ready + draw(minutes(1), hours(1));
  return next_time_of_day(ready, kNightStart) + draw(minutes(0), hours(5));
}

void RouteBuilder::origin(bool hubless) {
  if (req_.info_received) {
    t_ = req_.pickup_at - draw(minutes(30), hours(6));
    add(ScanKind::info_received, req_.from, FacilityType::unspecified, "");
  }
  t_ = req_.pickup_at;
  const Interned outlet = outlet_name(req_.from);
  add(ScanKind::pickup, req_.from, FacilityType::outlet, outlet);
  // A hub-less same-city parcel rides the next van; others wait for the evening hub run.
  t_ += hubless ? draw(hours(1), hours(4)) : draw(hours(2), hours(7));
  add(ScanKind::depart, req_.from, FacilityType::outlet, outlet);
}

void RouteBuilder::hubs() {
  const geo::HubId first = net_.nearest_hub(req_.from);
  const geo::HubId last = net_.nearest_hub(req_.to);
  geo::CityId here = net_.hub(first).city;
  t_ += feeder(km(req_.from, here));
  add(ScanKind::arrive, here, FacilityType::hub, hub_facility(first));
  const std::span<const geo::HubId> path = net_.path_view(first, last, paths_);
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    // Sorting: quick at the origin hub, slower at a transit hub working through a backlog.
    const Instant ready = t_ + (i == 0 ? draw(minutes(10), hours(3)) : draw(hours(1), hours(6)));
    t_ = linehaul_departure(ready, i == 0 ? kDayDepartureOriginPpm : kDayDepartureTransitPpm);
    add(ScanKind::depart, here, FacilityType::hub, hub_facility(path[i]));
    const geo::CityId next = net_.hub(path[i + 1]).city;
    t_ += linehaul(km(here, next));
    here = next;
    add(ScanKind::arrive, here, FacilityType::hub, hub_facility(path[i + 1]));
  }
  const Instant ready = t_ + draw(hours(1), hours(4));
  t_ = in_window(ready, kDispatchStart, kDispatchEnd)
           ? ready
           : next_time_of_day(ready, kDispatchStart) + draw(minutes(0), hours(4));
  add(ScanKind::depart, here, FacilityType::hub, hub_facility(last));
}

// From the last facility in `from_city` (a hub, or the origin outlet of a hub-less same-city
// route) to the destination outlet, the courier round and the hand-over.
void RouteBuilder::last_mile(geo::CityId from_city, bool hubless) {
  t_ += from_city == req_.to ? draw(minutes(30), hours(2)) : feeder(km(from_city, req_.to));
  const Interned outlet = outlet_name(req_.to);
  add(ScanKind::arrive, req_.to, FacilityType::outlet, outlet);
  const Instant ready = t_ + (hubless ? draw(minutes(20), hours(1)) : draw(hours(1), hours(3)));
  t_ = in_window(ready, kRoundsStart, kRoundsEnd)
           ? ready
           : next_time_of_day(ready, kRoundsStart) + draw(minutes(0), hours(1));
  add(ScanKind::out_for_delivery, req_.to, FacilityType::outlet, outlet);
  if (req_.locker) {
    t_ += draw(minutes(20), hours(3));
    const bool cabinet = names_.chance_ppm(500'000);
    add(ScanKind::locker, req_.to, cabinet ? FacilityType::locker : FacilityType::station,
        locker_name(req_.to, cabinet));
  } else {
    t_ += draw(hours(1), hours(7));
    add(ScanKind::delivered, req_.to, FacilityType::unspecified, "");
  }
}

void RouteBuilder::build() {
  const bool hubless = req_.from == req_.to && rng_.chance_ppm(kHublessSameCityPpm);
  origin(hubless);
  if (!hubless) hubs();
  last_mile(scans_.back().city, hubless);
}

}  // namespace

std::vector<Scan> build_route(const RouteRequest& request) {
  std::vector<Scan> out;
  append_route(request, out);
  return out;
}

void append_route(const RouteRequest& request, std::vector<Scan>& out) {
  TS_CHECK(request.from != geo::kNoCity && request.to != geo::kNoCity);
  RouteBuilder(request, out).build();
}

}  // namespace tracksim::sim

#include "tests/support/generators.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "sim/carrier/number.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"
#include "tests/support/scenario_writer.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;
using sim::Scan;
using sim::ScanKind;

template <class T>
rc::Gen<T> just(T v) {
  return rc::gen::just(std::move(v));
}

rc::Gen<bool> chance(std::size_t yes, std::size_t no) {
  return rc::gen::weightedOneOf<bool>({{no, just(false)}, {yes, just(true)}});
}

// Visibility lag: none most of the time (shrinks to none), else up to 30 hours.
rc::Gen<std::int64_t> lag_s() {
  return rc::gen::weightedOneOf<std::int64_t>({{7, just<std::int64_t>(0)}, {3, offset_s(30)}});
}

// The draws of a promise, independent of the payment so that shrinking never regenerates it.
struct PromiseDraw {
  int type = 0;  // 0 same_day, 1 next_day, 2 duration, 3 ship_by
  std::int64_t within_s = 0;
};

rc::Gen<PromiseDraw> promise_draw() {
  const auto within = rc::gen::weightedOneOf<std::int64_t>(
      {{2, rc::gen::elementOf(std::vector<std::int64_t>{24 * kHourS, 48 * kHourS, 72 * kHourS})},
       {1, rc::gen::map(offset_s(400), [](std::int64_t s) { return s + kHourS; })}});
  return rc::gen::apply(
      [](int t, std::int64_t w) {
        return PromiseDraw{t, w};
      },
      rc::gen::weightedOneOf<int>({{3, just(2)}, {3, just(0)}, {2, just(1)}, {2, just(3)}}),
      within);
}

Promise make_promise(Instant paid_at, const PromiseDraw& d) {
  Promise p;
  p.type = static_cast<Promise::Type>(d.type);
  p.within = Duration(d.within_s);
  if (p.type == Promise::Type::ship_by) p.ship_by = paid_at + p.within;
  return p;
}

struct UploadDraw {
  std::int64_t after_paid_s = 0;
  sim::Carrier carrier = sim::Carrier::sf;
  std::uint64_t seed = 0;
  bool valid = true;
};

rc::Gen<UploadDraw> upload_draw() {
  return rc::gen::apply(
      [](std::int64_t after, sim::Carrier c, int seed, bool valid) {
        return UploadDraw{after, c, static_cast<std::uint64_t>(seed), valid};
      },
      offset_s(96), rc::gen::elementOf(sim::all_carriers()), rc::gen::inRange(0, 1'000'000),
      chance(9, 1));
}

Upload make_upload(Instant paid_at, const UploadDraw& d) {
  sim::Rng rng(d.seed);
  return Upload{
      paid_at + Duration(d.after_paid_s), d.carrier,
      d.valid ? sim::generate_number(d.carrier, rng) : sim::make_invalid_number(d.carrier, rng)};
}

// One step between pickup and the end of forward transit.
struct Leg {
  std::int64_t gap_s = 0;      // after the previous physical scan
  int place = 0;               // 0 origin, 1 destination, 2 `other`
  sim::geo::CityId other = 0;  // for place 2
  bool depart = false;         // depart, else arrive
  int facility = 0;            // 0 typed hub, 1 hub by name, 2 outlet
  std::int64_t lag_s = 0;      // visible_at - at
};

rc::Gen<Leg> leg() {
  return rc::gen::apply(
      [](std::int64_t gap, int place, sim::geo::CityId other, bool depart, int facility,
         std::int64_t lag) { return Leg{gap, place, other, depart, facility, lag}; },
      offset_s(80), rc::gen::inRange(0, 3), city_id(), rc::gen::arbitrary<bool>(),
      rc::gen::inRange(0, 3), lag_s());
}

struct TimelineDraw {
  bool info = true;
  std::int64_t info_delta_s = 0;  // info_received at anchor + this (may be before payment)
  std::int64_t pickup_delay_s = 0;
  bool pickup_scan = true;
  std::int64_t pickup_lag_s = 0;
  std::vector<Leg> legs;
  int end = 0;  // 0 none, 1 out_for_delivery + delivered, 2 locker, 3 returning, 4 failed first
  std::int64_t end_gap_s = 0;
  std::int64_t end_lag_s = 0;
  bool reversed = false;
};

rc::Gen<TimelineDraw> timeline_draw() {
  return rc::gen::apply(
      [](bool info, std::int64_t info_delta, std::int64_t delay, bool pickup_scan,
         std::int64_t pickup_lag, std::vector<Leg> legs, int end, std::int64_t end_gap,
         std::int64_t end_lag, bool reversed) {
        return TimelineDraw{info,       info_delta - 2 * kHourS,
                            delay,      pickup_scan,
                            pickup_lag, std::move(legs),
                            end,        end_gap,
                            end_lag,    reversed};
      },
      chance(7, 3), offset_s(4), offset_s(100), chance(17, 3), lag_s(),
      rc::gen::scale(0.05, rc::gen::container<std::vector<Leg>>(leg())),
      rc::gen::weightedOneOf<int>(
          {{2, just(0)}, {5, just(1)}, {1, just(2)}, {1, just(3)}, {1, just(4)}}),
      offset_s(80), lag_s(), chance(1, 9));
}

// The least plausible time between scans in two cities: 900 km/h over > 100 km, else 1 minute.
std::int64_t min_gap_s(sim::geo::CityId a, sim::geo::CityId b) {
  if (a == b) return 60;
  const auto& atlas = sim::geo::Atlas::china();
  const double km = sim::geo::distance_km(atlas.city(a), atlas.city(b));
  if (km <= 100.0) return 60;
  return static_cast<std::int64_t>(std::ceil(km * 3600.0 / 900.0)) + 60;
}

Scan make_scan(Instant at, std::int64_t lag, ScanKind kind, sim::geo::CityId city, int facility) {
  Scan s;
  s.at = at;
  s.visible_at = at + Duration(lag);
  s.kind = kind;
  s.city = city;
  if (city == sim::geo::kNoCity) return s;
  const std::string name(sim::geo::Atlas::china().city(city).short_name);
  if (facility == 0) s.facility = name + "转运中心", s.facility_type = sim::FacilityType::hub;
  if (facility == 1) s.facility = name + "分拨中心";
  if (facility == 2) s.facility = name + "营业部", s.facility_type = sim::FacilityType::outlet;
  return s;
}

std::vector<Scan> make_timeline(Instant anchor, sim::geo::CityId from, sim::geo::CityId to,
                                const TimelineDraw& d) {
  std::vector<Scan> out;
  if (d.info) {
    out.push_back(make_scan(anchor + Duration(d.info_delta_s), 0, ScanKind::info_received,
                            sim::geo::kNoCity, -1));
  }
  Instant t = anchor + Duration(d.pickup_delay_s);
  sim::geo::CityId here = from;
  bool physical = false;
  if (d.pickup_scan) {
    out.push_back(make_scan(t, d.pickup_lag_s, ScanKind::pickup, from, 2));
    physical = true;
  }
  for (const Leg& l : d.legs) {
    const sim::geo::CityId c = l.place == 0 ? from : (l.place == 1 ? to : l.other);
    if (physical) t += Duration(std::max(l.gap_s, min_gap_s(here, c)));
    out.push_back(
        make_scan(t, l.lag_s, l.depart ? ScanKind::depart : ScanKind::arrive, c, l.facility));
    here = c;
    physical = true;
  }
  auto next = [&](sim::geo::CityId c, std::int64_t gap) {
    if (physical) t += Duration(std::max(gap, min_gap_s(here, c)));
    here = c;
    physical = true;
    return t;
  };
  switch (d.end) {
    case 1:
      out.push_back(
          make_scan(next(to, d.end_gap_s), d.end_lag_s, ScanKind::out_for_delivery, to, 2));
      out.push_back(make_scan(next(to, 2 * kHourS), d.end_lag_s, ScanKind::delivered, to, -1));
      break;
    case 2:
      out.push_back(make_scan(next(to, d.end_gap_s), d.end_lag_s, ScanKind::locker, to, -1));
      break;
    case 3:
      out.push_back(make_scan(next(here, d.end_gap_s), d.end_lag_s, ScanKind::returning, here, 2));
      break;
    case 4:
      out.push_back(make_scan(next(to, d.end_gap_s), d.end_lag_s, ScanKind::failed_attempt, to, 2));
      out.push_back(make_scan(next(to, kDayS), 0, ScanKind::delivered, to, -1));
      break;
    default:
      break;
  }
  if (d.reversed) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

Instant generated_epoch() { return sim::beijing_midnight({2023, 1, 1}); }

rc::Gen<std::int64_t> offset_s(std::int64_t max_hours) {
  const auto hours = rc::gen::inRange<std::int64_t>(0, max_hours + 1);
  return rc::gen::weightedOneOf<std::int64_t>(
      {{6, rc::gen::map(hours, [](std::int64_t h) { return h * kHourS; })},
       {3, rc::gen::apply([](std::int64_t h,
                             std::int64_t e) { return std::max<std::int64_t>(0, h * kHourS + e); },
                          hours, rc::gen::elementOf(std::vector<std::int64_t>{1, -1}))},
       {2, rc::gen::inRange<std::int64_t>(0, max_hours * kHourS + 1)}});
}

rc::Gen<Instant> paid_instant() {
  constexpr std::int64_t kCutoff = 16 * kHourS;
  const auto second_of_day = rc::gen::weightedOneOf<std::int64_t>(
      {{5, rc::gen::inRange<std::int64_t>(0, kDayS)},
       {2, rc::gen::elementOf(
               std::vector<std::int64_t>{kCutoff, kCutoff - 1, 0, kDayS - 1, kCutoff + 1})}});
  return rc::gen::apply(
      [](std::int64_t day, std::int64_t sod) {
        return generated_epoch() + Duration(day * kDayS + sod);
      },
      rc::gen::inRange<std::int64_t>(0, 4 * 365 + 1), second_of_day);
}

rc::Gen<sim::geo::CityId> city_id() {
  const auto n = static_cast<int>(sim::geo::Atlas::china().cities().size());
  return rc::gen::map(rc::gen::inRange(0, n),
                      [](int i) { return static_cast<sim::geo::CityId>(i); });
}

rc::Gen<Address> address() {
  return rc::gen::apply(
      [](sim::geo::CityId c, std::string district, std::string tail) {
        return Address{sim::geo::Atlas::china().city(c).province, c, std::move(district),
                       std::move(tail)};
      },
      city_id(), rc::gen::elementOf(std::vector<std::string>{"中心区", "东区"}),
      rc::gen::elementOf(std::vector<std::string>{"1234", "5678"}));
}

rc::Gen<Promise> promise(Instant paid_at) {
  return rc::gen::map(promise_draw(),
                      [paid_at](const PromiseDraw& d) { return make_promise(paid_at, d); });
}

rc::Gen<Upload> upload(Instant paid_at) {
  return rc::gen::map(upload_draw(),
                      [paid_at](const UploadDraw& d) { return make_upload(paid_at, d); });
}

rc::Gen<std::vector<Scan>> timeline(Instant anchor, sim::geo::CityId from, sim::geo::CityId to) {
  return rc::gen::map(timeline_draw(),
                      [=](const TimelineDraw& d) { return make_timeline(anchor, from, to, d); });
}

rc::Gen<Shipment> shipment() {
  struct Parties {
    Address from;
    bool has_from = true;
    Address to;
    int consignee = 0;  // 0 not shown, 1 the order's city and phone tail, 2 another city
    sim::geo::CityId other = 0;
    bool buyer_return = false;
  };
  const auto parties = rc::gen::apply(
      [](Address from, bool has_from, Address to, int consignee, sim::geo::CityId other,
         bool buyer_return) {
        return Parties{std::move(from), has_from, std::move(to), consignee, other, buyer_return};
      },
      address(), chance(8, 2), address(),
      rc::gen::weightedOneOf<int>({{7, just(0)}, {2, just(1)}, {1, just(2)}}), city_id(),
      chance(1, 9));
  const auto amount_fen = rc::gen::weightedOneOf<std::int64_t>(
      {{4, rc::gen::inRange<std::int64_t>(1, 20'000)},
       {3, rc::gen::inRange<std::int64_t>(1, 1'000'000)},
       {2, rc::gen::elementOf(
               std::vector<std::int64_t>{150, 200, 19'950, 20'000, 20'050, 45'000, 1'000'000})}});
  return rc::gen::apply(
      [](int kind, Instant paid, const PromiseDraw& pd, std::int64_t fen, const Parties& p,
         const std::optional<UploadDraw>& ud, bool anchor_at_payment, const TimelineDraw& td) {
        Shipment s;
        s.order.id = "O1";
        s.order.kind = static_cast<OrderKind>(kind);
        s.order.paid_at = paid;
        s.order.promise = make_promise(paid, pd);
        s.order.amount = sim::Money::from_fen(fen);
        s.order.ship_from = p.has_from ? Address{p.from.province, p.from.city, "", ""} : Address{};
        s.order.ship_to = p.to;
        s.order.buyer_requested_return = p.buyer_return;
        if (ud) s.order.upload = make_upload(paid, *ud);
        const Instant anchor = s.order.upload && !anchor_at_payment ? s.order.upload->at : paid;
        s.scans = make_timeline(anchor, p.from.city, p.to.city, td);
        if (p.consignee == 1)
          s.consignee_city = p.to.city, s.consignee_phone_tail = p.to.phone_tail;
        if (p.consignee == 2) s.consignee_city = p.other, s.consignee_phone_tail = p.to.phone_tail;
        return s;
      },
      rc::gen::weightedOneOf<int>({{4, just(0)}, {2, just(1)}, {1, just(2)}, {1, just(3)}}),
      paid_instant(), promise_draw(), amount_fen, parties,
      rc::gen::weightedOneOf<std::optional<UploadDraw>>(
          {{1, just(std::optional<UploadDraw>())},
           {8, rc::gen::map(upload_draw(),
                            [](UploadDraw d) { return std::optional<UploadDraw>(d); })}}),
      chance(3, 7), timeline_draw());
}

rc::Gen<std::int64_t> now_offset_s() { return offset_s(20 * 24); }

void showValue(const Shipment& s, std::ostream& os) {
  ScenarioDraft d;
  d.name = "generated shipment";
  d.until = s.order.paid_at;
  d.shipments.push_back(s);
  os << "\n" << render_scenario(d);
}

}  // namespace tracksim::harness::testing

namespace tracksim::sim {
void showValue(Instant t, std::ostream& os) { os << format_timestamp(t); }
}  // namespace tracksim::sim

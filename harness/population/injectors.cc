#include "harness/population/injectors.h"

#include <algorithm>
#include <string>

#include "harness/rules/engine.h"
#include "sim/carrier/number.h"
#include "sim/core/check.h"
#include "sim/geo/atlas.h"
#include "sim/timeline/faults.h"

namespace tracksim::harness {
namespace {

using sim::Duration;
using sim::Instant;
using sim::Scan;
using sim::ScanKind;

constexpr std::size_t kInfo = 0;  // the draft's info_received scan; the route follows it

Duration minutes_between(sim::Rng& rng, std::int64_t lo_min, std::int64_t hi_min) {
  return Duration(rng.between(lo_min, hi_min) * 60);
}

bool is_hub_scan(const Scan& s) {
  return (s.kind == ScanKind::arrive || s.kind == ScanKind::depart) &&
         sim::is_hub_facility(s.facility_type, s.facility);
}

bool is_door(ScanKind k) {
  return k == ScanKind::out_for_delivery || k == ScanKind::locker || k == ScanKind::delivered;
}

std::size_t physical_count(const OrderDraft& d) {
  return static_cast<std::size_t>(std::count_if(d.parcel.scans.begin(), d.parcel.scans.end(),
                                                [](const Scan& s) { return is_physical(s.kind); }));
}

// The physical facts of a donor's tracking, for an order that will show the same scans.
void copy_physical_facts(TimelineFacts& to, const TimelineFacts& from) {
  to.first_physical = from.first_physical;
  to.first_pickup_scan = from.first_pickup_scan;
  to.forward = from.forward;
  to.hub = from.hub;
  to.max_gap = from.max_gap;
  to.door_city = from.door_city;
}

}  // namespace

void summarize_route(OrderDraft& d) {
  TimelineFacts& f = d.facts;
  const auto& scans = d.parcel.scans;
  TS_CHECK(!scans.empty() && scans[kInfo].kind == ScanKind::info_received);
  f.info_at = scans[kInfo].at;
  const Scan* first_hub = nullptr;
  const Scan* first_end = nullptr;
  for (std::size_t i = kInfo + 1; i < scans.size(); ++i) {
    const Scan& s = scans[i];
    TS_CHECK(i == kInfo + 1 || scans[i - 1].at <= s.at);  // the route is in event-time order
    if (!sim::is_physical(s.kind)) continue;
    if (!f.first_physical) f.first_physical = s.at;
    if (!f.first_pickup_scan && s.kind == ScanKind::pickup) f.first_pickup_scan = s.at;
    if (!first_hub && is_hub_scan(s)) first_hub = &s;
    if (!first_end && sim::ends_forward_transit(s.kind)) first_end = &s;
    if (is_door(s.kind)) f.door_city = s.city;
  }
  f.hub = first_hub != nullptr;
  if (first_hub || first_end) {
    f.forward =
        first_hub && (!first_end || first_hub->at <= first_end->at) ? first_hub->at : first_end->at;
  }
  f.max_gap = Duration(0);
  if (!first_hub) return;
  TS_CHECK(first_end != nullptr);  // generated routes end forward transit: no open gap
  const Scan* last = nullptr;
  for (std::size_t i = kInfo + 1; i < scans.size(); ++i) {
    const Scan& s = scans[i];
    if (!sim::is_physical(s.kind) || s.at < first_hub->at) continue;
    if (last) f.max_gap = std::max(f.max_gap, s.at - last->at);
    last = &s;
    if (&s == first_end) break;
  }
}

bool inject_no_upload(OrderDraft& d) {
  d.order.upload.reset();
  d.has_parcel = false;
  d.facts.valid_upload = false;
  return true;
}

bool inject_invalid_number(OrderDraft& d, sim::Rng& rng) {
  if (!d.order.upload) return false;
  d.order.upload->number = sim::make_invalid_number(d.order.upload->carrier, rng);
  TS_CHECK(!sim::is_valid_number(d.order.upload->carrier, d.order.upload->number));
  d.has_parcel = false;  // the carrier knows no such number
  d.facts.valid_upload = false;
  return true;
}

bool inject_late_upload(OrderDraft& d, const Ruleset& rs, sim::Rng& rng) {
  if (!d.facts.valid_upload) return false;
  const Instant late = ship_deadline(d.order, rs) + minutes_between(rng, 2 * 60, 30 * 60);
  const Duration delta = late - d.order.upload->at;
  d.order.upload->at = late;
  sim::shift_scans(d.parcel.scans, delta);  // the merchant handed the parcel over later too
  d.facts.shift_physical(delta);
  d.facts.info_at = d.parcel.scans[kInfo].at;
  return true;
}

bool inject_late_pickup(OrderDraft& d, const Ruleset& rs, sim::Rng& rng) {
  if (!d.facts.valid_upload || !d.facts.first_physical) return false;
  const Instant deadline = *pickup_deadline_for(d.order, rs);
  const Instant target =
      std::max(deadline, d.order.upload->at) + minutes_between(rng, 2 * 60, 20 * 60);
  const Duration delta = target - *d.facts.first_physical;
  if (delta <= Duration(0)) return false;
  sim::shift_scans(std::span<Scan>(d.parcel.scans).subspan(kInfo + 1), delta);
  d.facts.shift_physical(delta);
  return true;
}

bool inject_never_picked_up(OrderDraft& d) {
  if (!d.facts.valid_upload) return false;
  d.parcel.scans.resize(kInfo + 1);
  TimelineFacts& f = d.facts;
  f.first_physical.reset();
  f.first_pickup_scan.reset();
  f.forward.reset();
  f.hub = false;
  f.max_gap = Duration(0);
  f.door_city = sim::geo::kNoCity;
  return true;
}

bool inject_missing_pickup_scan(OrderDraft& d) {
  auto& scans = d.parcel.scans;
  if (!d.facts.valid_upload || physical_count(d) < 2) return false;
  const std::size_t i = kInfo + 1;
  if (scans[i].kind != ScanKind::pickup) return false;
  sim::drop_scan(scans, i);
  // A carrier that skipped the pickup scan still proves possession by its next scan.
  d.facts.first_physical = scans[i].at;
  d.facts.first_pickup_scan.reset();
  for (std::size_t k = i; k < scans.size(); ++k) {
    if (scans[k].kind == ScanKind::pickup) {
      d.facts.first_pickup_scan = scans[k].at;
      break;
    }
  }
  return true;
}

bool inject_recipient_mismatch(OrderDraft& d, sim::Rng& rng) {
  if (!d.facts.valid_upload || !d.has_parcel) return false;
  const Address& to = d.order.ship_to;
  if (rng.below(2) == 0 || to.phone_tail.size() != 4) {
    const auto count = sim::geo::Atlas::china().cities().size();
    auto city = static_cast<sim::geo::CityId>(rng.below(count));
    if (city == to.city) city = static_cast<sim::geo::CityId>((city + 1) % count);
    d.parcel.consignee_city = city;
  } else {
    const int tail = std::stoi(to.phone_tail);
    const auto other = (tail + static_cast<int>(rng.between(1, 9999))) % 10000;
    std::string text = std::to_string(other);
    d.parcel.consignee_phone_tail = std::string(4 - text.size(), '0') + text;
  }
  d.facts.consignee_city = d.parcel.consignee_city;
  d.facts.consignee_tail = d.parcel.consignee_phone_tail;
  return true;
}

bool inject_impossible_route(OrderDraft& d, const Ruleset& rs, sim::Rng& rng) {
  auto& scans = d.parcel.scans;
  if (!d.facts.valid_upload) return false;
  // The transit scan closest in time to its predecessor needs the shortest teleport.
  std::size_t pick = 0;
  for (std::size_t i = kInfo + 2; i < scans.size(); ++i) {
    const bool transit = scans[i].kind == ScanKind::arrive || scans[i].kind == ScanKind::depart;
    if (!transit || !sim::is_physical(scans[i - 1].kind)) continue;
    if (pick == 0 || scans[i].at - scans[i - 1].at < scans[pick].at - scans[pick - 1].at) pick = i;
  }
  if (pick == 0) return false;
  const Scan& prev = scans[pick - 1];
  const auto gap_s = static_cast<double>((scans[pick].at - prev.at).count());
  // Clearly too fast: a quarter above the limit and 50 km beyond the minimum distance.
  const double km = std::max(static_cast<double>(rs.min_route_distance_km),
                             static_cast<double>(rs.max_transit_speed_kmh) * gap_s / 3600.0) *
                        1.25 +
                    50.0;
  const auto far = sim::city_far_from(prev.city, prev.city, km, rng);
  if (!far) return false;
  sim::teleport_scan(scans[pick], *far);
  d.facts.injected.set(static_cast<std::size_t>(Detector::impossible_route));
  return true;
}

bool inject_repeated_scans(OrderDraft& d, sim::Rng& rng) {
  if (!d.facts.valid_upload || physical_count(d) == 0) return false;
  const auto n = d.parcel.scans.size() - (kInfo + 1);
  sim::duplicate_scan(d.parcel.scans, kInfo + 1 + static_cast<std::size_t>(rng.below(n)));
  d.facts.injected.set(static_cast<std::size_t>(Detector::repeated_scans));
  return true;
}

bool inject_scan_before_payment(OrderDraft& d, sim::Rng& rng) {
  if (!d.facts.valid_upload) return false;
  Scan& info = d.parcel.scans[kInfo];
  info.at = d.order.paid_at - minutes_between(rng, 60, 48 * 60);
  info.visible_at = info.at;
  d.facts.info_at = info.at;
  return true;
}

bool inject_scan_lag(OrderDraft& d, sim::Rng& rng) {
  auto& scans = d.parcel.scans;
  if (!d.has_parcel || scans.empty()) return false;
  const auto from = static_cast<std::size_t>(rng.below(scans.size()));
  sim::add_visibility_lag(std::span<Scan>(scans).subspan(from), minutes_between(rng, 60, 18 * 60));
  return true;
}

bool inject_out_of_order_listing(OrderDraft& d, sim::Rng& rng) {
  if (!d.has_parcel || d.parcel.scans.size() < 2) return false;
  const auto before = d.parcel.scans;
  sim::shuffle_listing(d.parcel.scans, rng);
  if (d.parcel.scans.size() >= 2 &&
      std::equal(before.begin(), before.end(), d.parcel.scans.begin(),
                 [](const Scan& a, const Scan& b) { return a.at == b.at && a.kind == b.kind; })) {
    std::swap(d.parcel.scans.front(), d.parcel.scans.back());  // never "shuffled" into order
  }
  return true;
}

bool inject_reused_number(OrderDraft& d, const OrderDraft& donor) {
  if (!d.facts.valid_upload || !donor.facts.valid_upload || !donor.has_parcel) return false;
  if (!(donor.order.upload->at < d.order.upload->at)) return false;
  d.order.upload->carrier = donor.order.upload->carrier;
  d.order.upload->number = donor.order.upload->number;
  if (d.order.ship_to == donor.order.ship_to)
    d.order.ship_to.district = d.order.ship_to.district + "东";
  d.has_parcel = false;  // the carrier's record is the donor's parcel
  d.parcel.scans.clear();
  const TimelineFacts& from = donor.facts;
  copy_physical_facts(d.facts, from);
  d.facts.info_at = from.info_at;
  d.facts.consignee_city = from.consignee_city;
  d.facts.consignee_tail = from.consignee_tail;
  d.facts.injected.reset();
  d.facts.injected.set(static_cast<std::size_t>(Detector::reused_number));
  return true;
}

bool inject_copied_track(OrderDraft& d, OrderDraft& donor, const Ruleset& rs) {
  if (!d.facts.valid_upload || !d.has_parcel || !donor.has_parcel) return false;
  if (static_cast<std::int64_t>(physical_count(donor)) < rs.copied_track_min_scans) return false;
  d.parcel.scans.resize(kInfo + 1);
  for (const Scan& s : donor.parcel.scans) {
    if (!sim::is_physical(s.kind)) continue;
    Scan copy = s;
    copy.visible_at = copy.at;
    d.parcel.scans.push_back(std::move(copy));
  }
  copy_physical_facts(d.facts, donor.facts);
  d.facts.injected.set(static_cast<std::size_t>(Detector::copied_track));
  donor.facts.injected.set(static_cast<std::size_t>(Detector::copied_track));
  return true;
}

bool is_timeline_fault(Fault f) {
  return f == Fault::missing_pickup_scan || f == Fault::never_picked_up || f == Fault::scan_lag ||
         f == Fault::out_of_order_listing || f == Fault::repeated_scans ||
         f == Fault::impossible_route;
}

bool inject_timeline_fault(Fault f, OrderDraft& d, const Ruleset& rs, sim::Rng& rng) {
  switch (f) {
    case Fault::missing_pickup_scan:
      return inject_missing_pickup_scan(d);
    case Fault::never_picked_up:
      return inject_never_picked_up(d);
    case Fault::scan_lag:
      return inject_scan_lag(d, rng);
    case Fault::out_of_order_listing:
      return inject_out_of_order_listing(d, rng);
    case Fault::repeated_scans:
      return inject_repeated_scans(d, rng);
    case Fault::impossible_route:
      return inject_impossible_route(d, rs, rng);
    default:
      return false;
  }
}

}  // namespace tracksim::harness

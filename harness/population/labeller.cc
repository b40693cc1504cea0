#include "harness/population/labeller.h"

#include <algorithm>

#include "harness/rules/engine.h"

namespace tracksim::harness {
namespace {

using sim::Duration;
using sim::Instant;

bool in(const ProvinceSet& set, sim::geo::ProvinceId p) {
  return p != sim::geo::kNoProvince && set.test(p);
}

Outcome met_by(std::optional<Instant> event, Instant deadline) {
  return event && *event <= deadline ? Outcome::ok : Outcome::violated;
}

std::optional<Instant> shifted(std::optional<Instant> t, Duration by) {
  return t ? std::optional<Instant>(*t + by) : std::nullopt;
}

DetectorSet detectors_of(const Order& order, const TimelineFacts& f, std::optional<Instant> p,
                         const Ruleset& rs) {
  DetectorSet d = f.injected;
  auto set = [&](Detector det, bool fired) {
    if (fired) d.set(static_cast<std::size_t>(det));
  };
  std::optional<Instant> earliest = f.info_at;
  if (f.first_physical && (!earliest || *f.first_physical < *earliest)) {
    earliest = f.first_physical;
  }
  set(Detector::scan_before_payment, earliest && *earliest < order.paid_at);
  const Address& to = order.ship_to;
  const bool city_shown = f.consignee_city != sim::geo::kNoCity && to.city != sim::geo::kNoCity;
  const bool tail_shown = !f.consignee_tail.empty() && !to.phone_tail.empty();
  const bool door_elsewhere =
      to.city != sim::geo::kNoCity && f.door_city != sim::geo::kNoCity && f.door_city != to.city;
  set(Detector::recipient_mismatch, (city_shown && f.consignee_city != to.city) ||
                                        (tail_shown && f.consignee_tail != to.phone_tail) ||
                                        door_elsewhere);
  const Instant upload_at = order.upload->at;
  set(Detector::no_pickup_48h, !p || *p > upload_at + rs.no_pickup_within);
  set(Detector::no_hub_48h, p && (!f.forward || *f.forward > *p + rs.no_hub_within));
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (!rs.detects(static_cast<Detector>(i))) d.reset(i);
  }
  return d;
}

}  // namespace

void TimelineFacts::shift_physical(Duration by) {
  first_physical = shifted(first_physical, by);
  first_pickup_scan = shifted(first_pickup_scan, by);
  forward = shifted(forward, by);
}

Duration stall_limit_for(const Order& order, const Ruleset& rs) {
  const sim::geo::ProvinceId origin = order.ship_from.province;
  const sim::geo::ProvinceId dest = order.ship_to.province;
  if (in(rs.remote_provinces, origin) || in(rs.remote_provinces, dest)) return rs.stall.remote;
  if (origin == sim::geo::kNoProvince || dest == sim::geo::kNoProvince) return rs.stall.other;
  if (origin == dest) return rs.stall.same_region;
  for (const ProvinceSet& group : rs.region_groups) {
    if (in(group, origin) && in(group, dest)) return rs.stall.same_region;
  }
  return rs.stall.other;
}

std::optional<Instant> pickup_deadline_for(const Order& order, const Ruleset& rs) {
  const auto& rule = rs.pickup_by_kind[static_cast<std::size_t>(order.kind)];
  if (rule.from == Anchor::paid) return order.paid_at + rule.within;
  if (!order.upload) return std::nullopt;
  return order.upload->at + rule.within;
}

Label label_order(const Order& order, const TimelineFacts& f, const Ruleset& rs) {
  Label label;
  label.outcomes.fill(Outcome::not_applicable);
  auto put = [&](Rule r, Outcome o) {
    if (rs.has(r)) label.outcomes[static_cast<std::size_t>(r)] = o;
  };
  const bool valid = f.valid_upload;
  // Before a valid upload the engine sees no scans at all.
  const std::optional<Instant> p =
      !valid ? std::nullopt
             : (rs.pickup_evidence == PickupEvidence::first_physical_scan ? f.first_physical
                                                                          : f.first_pickup_scan);
  const std::optional<Instant> shipped =
      rs.ship_shipped_at == ShippedAt::upload
          ? (valid ? std::optional<Instant>(order.upload->at) : std::nullopt)
          : p;
  put(Rule::ship_timeout, met_by(shipped, ship_deadline(order, rs)));
  const auto& pickup_rule = rs.pickup_by_kind[static_cast<std::size_t>(order.kind)];
  if (pickup_rule.from == Anchor::paid || valid) {
    put(Rule::pickup_timeout, met_by(p, *pickup_deadline_for(order, rs)));
  }
  if (p) put(Rule::linehaul_timeout, met_by(f.forward, *p + rs.linehaul_within));
  if (valid && f.hub) {
    // Generated routes always end forward transit, so no gap is left open at `until`.
    put(Rule::transit_stall,
        f.max_gap <= stall_limit_for(order, rs) ? Outcome::ok : Outcome::violated);
  }
  if (valid && rs.has(Rule::fake_shipment)) {
    label.detectors = detectors_of(order, f, p, rs);
    put(Rule::fake_shipment, label.detectors.any() ? Outcome::violated : Outcome::ok);
  }
  return label;
}

}  // namespace tracksim::harness

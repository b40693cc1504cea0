#include "harness/rules/engine.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "sim/carrier/number.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using sim::Duration;
using sim::Instant;
using sim::Scan;
using sim::ScanKind;

constexpr Duration kOneSecond{1};

// The scans visible at `now`, sorted by event time (stable, so listing order breaks ties).
// Holds up to kInline pointers on the stack; longer timelines spill to the heap.
class VisibleScans {
 public:
  VisibleScans(std::span<const Scan> scans, Instant now) {
    const Scan** out = inline_.data();
    if (scans.size() > inline_.size()) {
      heap_.resize(scans.size());
      out = heap_.data();
    }
    std::size_t n = 0;
    for (const Scan& s : scans) {
      if (s.visible_at <= now) out[n++] = &s;
    }
    // Insertion sort: stable, allocation-free, linear on the common already-sorted input.
    for (std::size_t i = 1; i < n; ++i) {
      const Scan* s = out[i];
      std::size_t j = i;
      for (; j > 0 && out[j - 1]->at > s->at; --j) out[j] = out[j - 1];
      out[j] = s;
    }
    all_ = std::span<const Scan* const>(out, n);
  }
  VisibleScans(const VisibleScans&) = delete;
  VisibleScans& operator=(const VisibleScans&) = delete;

  std::span<const Scan* const> all() const { return all_; }

 private:
  std::array<const Scan*, 128> inline_;
  std::vector<const Scan*> heap_;
  std::span<const Scan* const> all_;
};

bool is_hub_scan(const Scan& s) {
  return (s.kind == ScanKind::arrive || s.kind == ScanKind::depart) &&
         sim::is_hub_facility(s.facility_type, s.facility);
}

// What every rule needs to know, gathered in one pass over the visible scans.
struct Facts {
  Facts(const Order& o, const Ruleset& r, Instant t) : order(o), rs(r), now(t) {}
  const Order& order;
  const Ruleset& rs;
  Instant now;
  bool uploaded = false;
  bool invalid_upload = false;  // an upload exists by now but its number fails the format
  Instant upload_at;
  Instant ship_deadline;
  std::span<const Scan* const> scans;  // visible, sorted; empty without a valid upload
  const Scan* pickup = nullptr;        // effective pickup P
  const Scan* first_hub = nullptr;
  const Scan* first_end = nullptr;  // first scan that ends forward transit
  std::optional<Instant> next_change;

  void wake_after(Instant deadline) {
    if (deadline >= now && (!next_change || deadline + kOneSecond < *next_change)) {
      next_change = deadline + kOneSecond;
    }
  }
};

void gather(Facts& f) {
  for (const Scan* s : f.scans) {
    if (!sim::is_physical(s->kind)) continue;
    const bool counts_as_pickup =
        f.rs.pickup_evidence == PickupEvidence::first_physical_scan || s->kind == ScanKind::pickup;
    if (!f.pickup && counts_as_pickup) f.pickup = s;
    if (!f.first_hub && is_hub_scan(*s)) f.first_hub = s;
    if (!f.first_end && sim::ends_forward_transit(s->kind)) f.first_end = s;
  }
}

// The common shape of a timeout: an obligation met by an event at or before a deadline.
RuleVerdict deadline_rule(Facts& f, Instant deadline, std::optional<Instant> event,
                          const Scan* scan) {
  RuleVerdict v;
  v.deadline = deadline;
  v.event_at = event;
  v.scan = scan;
  if (event && *event <= deadline) {
    v.outcome = Outcome::ok;
    v.reason = Reason::event_in_time;
  } else if (event && f.now > deadline) {
    v.outcome = Outcome::violated;
    v.reason = Reason::event_late;
  } else if (f.now > deadline) {
    v.outcome = Outcome::violated;
    v.reason = Reason::missed;
  } else {
    v.outcome = Outcome::pending;
    v.reason = Reason::waiting;
    f.wake_after(deadline);
  }
  return v;
}

std::size_t window_bucket(const Facts& f) {
  const Duration w = f.ship_deadline - f.order.paid_at;
  const auto& bounds = f.rs.compensation.window_bounds;
  return w <= bounds[0] ? 0 : (w <= bounds[1] ? 1 : 2);
}

RuleVerdict judge_ship(Facts& f) {
  const bool by_upload = f.rs.ship_shipped_at == ShippedAt::upload;
  std::optional<Instant> shipped;
  if (by_upload && f.uploaded) shipped = f.upload_at;
  if (!by_upload && f.pickup) shipped = f.pickup->at;
  RuleVerdict v = deadline_rule(f, f.ship_deadline, shipped, by_upload ? nullptr : f.pickup);
  if (v.reason == Reason::event_in_time) v.reason = Reason::shipped_in_time;
  if (v.reason == Reason::event_late) v.reason = Reason::shipped_late;
  if (v.reason == Reason::waiting) v.reason = Reason::not_shipped_yet;
  if (v.reason == Reason::missed)
    v.reason = f.invalid_upload ? Reason::invalid_number : Reason::not_shipped;
  if (v.outcome == Outcome::violated) {
    v.lateness = (shipped ? *shipped : f.now) - f.ship_deadline;
    // Still unshipped: the payout escalates once lateness passes the threshold.
    if (!shipped) f.wake_after(f.ship_deadline + f.rs.compensation.ship_escalation);
    const auto& row = v.lateness > f.rs.compensation.ship_escalation
                          ? f.rs.compensation.ship_escalated
                          : f.rs.compensation.ship_late;
    v.compensation_yuan = compensation_for(row[window_bucket(f)], f.order.amount);
  }
  return v;
}

RuleVerdict not_applicable(Reason reason) {
  RuleVerdict v;
  v.outcome = Outcome::not_applicable;
  v.reason = reason;
  return v;
}

std::optional<Instant> at_of(const Scan* s) {
  return s ? std::optional<Instant>(s->at) : std::nullopt;
}

RuleVerdict judge_pickup(Facts& f) {
  const auto& rule = f.rs.pickup_by_kind[static_cast<std::size_t>(f.order.kind)];
  if (rule.from == Anchor::upload && !f.uploaded) {
    return not_applicable(f.invalid_upload ? Reason::invalid_number : Reason::no_valid_upload);
  }
  const Instant anchor = rule.from == Anchor::paid ? f.order.paid_at : f.upload_at;
  return deadline_rule(f, anchor + rule.within, at_of(f.pickup), f.pickup);
}

const Scan* earlier(const Scan* a, const Scan* b) {
  if (!a) return b;
  if (!b) return a;
  return b->at < a->at ? b : a;
}

RuleVerdict judge_linehaul(Facts& f) {
  if (!f.pickup) return not_applicable(Reason::no_pickup_yet);
  const Scan* event = earlier(f.first_hub, f.first_end);
  return deadline_rule(f, f.pickup->at + f.rs.linehaul_within, at_of(event), event);
}

Duration stall_limit(const Facts& f) {
  const auto& atlas = sim::geo::Atlas::china();
  sim::geo::ProvinceId origin = f.order.ship_from.province;
  if (origin == sim::geo::kNoProvince) {
    for (const Scan* s : f.scans) {
      if (sim::is_physical(s->kind) && s->city != sim::geo::kNoCity) {
        origin = atlas.city(s->city).province;
        break;
      }
    }
  }
  const sim::geo::ProvinceId dest = f.order.ship_to.province;
  auto in = [](const ProvinceSet& set, sim::geo::ProvinceId p) {
    return p != sim::geo::kNoProvince && set.test(p);
  };
  if (in(f.rs.remote_provinces, origin) || in(f.rs.remote_provinces, dest))
    return f.rs.stall.remote;
  if (origin == sim::geo::kNoProvince || dest == sim::geo::kNoProvince) return f.rs.stall.other;
  if (origin == dest) return f.rs.stall.same_region;
  for (const ProvinceSet& group : f.rs.region_groups) {
    if (in(group, origin) && in(group, dest)) return f.rs.stall.same_region;
  }
  return f.rs.stall.other;
}

RuleVerdict judge_stall(Facts& f) {
  if (!f.first_hub) return not_applicable(Reason::no_hub_scan_yet);
  RuleVerdict v;
  v.limit = stall_limit(f);
  const Scan* last = nullptr;
  for (const Scan* s : f.scans) {
    if (!sim::is_physical(s->kind) || s->at < f.first_hub->at) continue;
    if (last && s->at - last->at > v.limit) {
      v.outcome = Outcome::violated;
      v.reason = Reason::gap_too_long;
      v.scan_before = last;
      v.scan = s;
      v.deadline = last->at + v.limit;
      v.event_at = s->at;
      return v;
    }
    last = s;
    if (s == f.first_end) break;
  }
  if (f.first_end) {  // forward transit ended: no open gap remains
    v.outcome = Outcome::ok;
    v.reason = Reason::gaps_within_limit;
    v.scan = f.first_end;
    v.event_at = f.first_end->at;
    return v;
  }
  // Still in transit: the gap since the last scan is open and counts.
  v.scan_before = last;
  v.deadline = last->at + v.limit;
  if (f.now > *v.deadline) {
    v.outcome = Outcome::violated;
    v.reason = Reason::gap_too_long;
  } else {
    v.outcome = Outcome::pending;
    v.reason = Reason::gaps_within_limit;
    f.wake_after(*v.deadline);
  }
  return v;
}

// ---- fake_shipment detectors: each returns true when it fires, recording its evidence.

bool scan_before_payment(const Facts& f, DetectorHit& hit) {
  for (const Scan* s : f.scans) {
    if (s->at < f.order.paid_at) return hit.first = s, true;
  }
  return false;
}

bool recipient_mismatch(const Facts& f, const TrackingView& view, DetectorHit& hit) {
  const Address& to = f.order.ship_to;
  if (to.city != sim::geo::kNoCity && view.consignee_city != sim::geo::kNoCity &&
      view.consignee_city != to.city) {
    return true;
  }
  if (!to.phone_tail.empty() && !view.consignee_phone_tail.empty() &&
      view.consignee_phone_tail != to.phone_tail) {
    return true;
  }
  if (to.city == sim::geo::kNoCity) return false;
  for (const Scan* s : f.scans) {
    const bool at_door = s->kind == ScanKind::out_for_delivery || s->kind == ScanKind::locker ||
                         s->kind == ScanKind::delivered;
    if (at_door && s->city != sim::geo::kNoCity && s->city != to.city) return hit.first = s, true;
  }
  return false;
}

bool repeated_scans(const Facts& f, DetectorHit& hit) {
  const auto scans = f.scans;
  for (std::size_t i = 0; i < scans.size(); ++i) {
    // Sorted by time: duplicates sit inside one run of equal event times.
    for (std::size_t j = i + 1; j < scans.size() && scans[j]->at == scans[i]->at; ++j) {
      const Scan& a = *scans[i];
      const Scan& b = *scans[j];
      if (a.kind == b.kind && a.city == b.city && a.facility == b.facility) {
        hit = {scans[i], scans[j]};
        return true;
      }
    }
  }
  return false;
}

// geo::distance_km between two cities, memoised in a small direct-mapped cache per thread (the
// same few thousand hub and outlet legs recur in every timeline; the trigonometry was ~7% of
// simulate). The value is the function's own, only not recomputed.
double city_km(const sim::geo::Atlas& atlas, sim::geo::CityId a, sim::geo::CityId b) {
  struct Slot {
    std::uint32_t pair = UINT32_MAX;
    double km = 0;
  };
  thread_local std::array<Slot, 4096> cache{};
  const std::uint32_t pair = (std::uint32_t{a} << 16) | b;
  Slot& slot = cache[(pair * 2654435761U) >> 20];
  if (slot.pair != pair) slot = {pair, sim::geo::distance_km(atlas.city(a), atlas.city(b))};
  return slot.km;
}

bool impossible_route(const Facts& f, DetectorHit& hit) {
  const auto& atlas = sim::geo::Atlas::china();
  const Scan* prev = nullptr;
  for (const Scan* s : f.scans) {
    if (!sim::is_physical(s->kind) || s->city == sim::geo::kNoCity) continue;
    if (prev && prev->city != s->city) {
      const double km = city_km(atlas, prev->city, s->city);
      if (km > static_cast<double>(f.rs.min_route_distance_km)) {
        const auto gap_s = static_cast<double>((s->at - prev->at).count());
        // speed > max  <=>  km * 3600 > max * gap_s (and a non-positive gap is always too fast)
        if (gap_s <= 0 || km * 3600.0 > static_cast<double>(f.rs.max_transit_speed_kmh) * gap_s) {
          hit = {prev, s};
          return true;
        }
      }
    }
    prev = s;
  }
  return false;
}

bool no_pickup_within(Facts& f) {
  const Instant deadline = f.upload_at + f.rs.no_pickup_within;
  if (f.pickup && f.pickup->at <= deadline) return false;
  if (f.now > deadline) return true;
  f.wake_after(deadline);
  return false;
}

bool no_hub_within(Facts& f, DetectorHit& hit) {
  if (!f.pickup) return false;
  const Instant deadline = f.pickup->at + f.rs.no_hub_within;
  const Scan* event = earlier(f.first_hub, f.first_end);
  if (event && event->at <= deadline) return false;
  if (f.now > deadline) return hit.first = f.pickup, true;
  f.wake_after(deadline);
  return false;
}

bool unrequested_return(const Facts& f, DetectorHit& hit) {
  if (f.order.buyer_requested_return) return false;
  for (const Scan* s : f.scans) {
    if (s->kind == ScanKind::returning || s->kind == ScanKind::returned ||
        s->kind == ScanKind::cancelled) {
      return hit.first = s, true;
    }
  }
  return false;
}

RuleVerdict judge_fake(Facts& f, const TrackingView& view, const CrossOrderIndex& index,
                       Verdict& out) {
  if (!f.uploaded) {
    return not_applicable(f.invalid_upload ? Reason::invalid_number : Reason::no_valid_upload);
  }
  auto run = [&](Detector d, auto&& detect) {
    if (!f.rs.detects(d)) return;
    if (detect(out.hits[static_cast<std::size_t>(d)]))
      out.detectors.set(static_cast<std::size_t>(d));
  };
  run(Detector::scan_before_payment, [&](DetectorHit& h) { return scan_before_payment(f, h); });
  run(Detector::reused_number, [&](DetectorHit&) { return index.reused_earlier(f.order); });
  run(Detector::recipient_mismatch, [&](DetectorHit& h) { return recipient_mismatch(f, view, h); });
  run(Detector::repeated_scans, [&](DetectorHit& h) { return repeated_scans(f, h); });
  run(Detector::copied_track, [&](DetectorHit& h) {
    std::array<const Scan*, 128> buf;
    std::size_t n = 0;
    for (const Scan* s : f.scans) {
      if (sim::is_physical(s->kind) && n < buf.size()) buf[n++] = s;
    }
    h.second = index.copied_from(f.order, std::span<const Scan* const>(buf.data(), n), f.now,
                                 f.rs.copied_track_min_scans);
    return h.second != nullptr;
  });
  run(Detector::impossible_route, [&](DetectorHit& h) { return impossible_route(f, h); });
  run(Detector::no_pickup_48h, [&](DetectorHit&) { return no_pickup_within(f); });
  run(Detector::no_hub_48h, [&](DetectorHit& h) { return no_hub_within(f, h); });
  run(Detector::unrequested_return, [&](DetectorHit& h) { return unrequested_return(f, h); });
  RuleVerdict v;
  v.outcome = out.detectors.any() ? Outcome::violated : Outcome::ok;
  v.reason = out.detectors.any() ? Reason::detectors_fired : Reason::no_detector_fired;
  return v;
}

}  // namespace

sim::Instant ship_deadline(const Order& order, const Ruleset& ruleset) {
  const Promise& p = order.promise;
  switch (p.type) {
    case Promise::Type::same_day: {
      const bool before_cutoff =
          sim::beijing_seconds_of_day(order.paid_at) < ruleset.same_day_cutoff.count();
      return sim::beijing_day_end(order.paid_at, before_cutoff ? 0 : 1);
    }
    case Promise::Type::next_day:
      return sim::beijing_day_end(order.paid_at, 1);
    case Promise::Type::duration:
      return order.paid_at + p.within;
    case Promise::Type::ship_by:
      return p.ship_by;
  }
  return order.paid_at + ruleset.default_promise;
}

bool has_valid_upload(const Order& order, sim::Instant now) {
  return order.upload && order.upload->at <= now &&
         sim::is_valid_number(order.upload->carrier, order.upload->number);
}

std::int64_t compensation_for(const CompensationCell& cell, sim::Money base) {
  if (!cell.pays) return 0;
  // Work in fen x basis points so that nothing is rounded before the final half-up step.
  constexpr std::int64_t kScale = 10'000;  // basis points per 100%
  const std::int64_t raw = base.fen() * cell.pct_bp;
  const std::int64_t clamped = std::clamp(raw, cell.min.fen() * kScale, cell.max.fen() * kScale);
  constexpr std::int64_t kYuan = 100 * kScale;
  return (clamped + kYuan / 2) / kYuan;
}

Verdict evaluate(const Order& order, const TrackingView& view, sim::Instant now,
                 const Ruleset& ruleset, const CrossOrderIndex& index) {
  Facts f(order, ruleset, now);
  f.ship_deadline = ship_deadline(order, ruleset);
  f.uploaded = has_valid_upload(order, now);
  f.invalid_upload = !f.uploaded && order.upload && order.upload->at <= now;
  if (f.uploaded) f.upload_at = order.upload->at;
  // Before a valid upload the platform knows no number, so it sees no scans.
  VisibleScans visible(f.uploaded ? view.scans : std::span<const Scan>(), now);
  f.scans = visible.all();
  gather(f);

  Verdict out;
  // Rules the ruleset lacks keep the default verdict (n/a, Reason::not_in_ruleset).
  if (ruleset.has(Rule::ship_timeout)) out[Rule::ship_timeout] = judge_ship(f);
  if (ruleset.has(Rule::pickup_timeout)) out[Rule::pickup_timeout] = judge_pickup(f);
  if (ruleset.has(Rule::linehaul_timeout)) out[Rule::linehaul_timeout] = judge_linehaul(f);
  if (ruleset.has(Rule::transit_stall)) out[Rule::transit_stall] = judge_stall(f);
  if (ruleset.has(Rule::fake_shipment)) {
    out[Rule::fake_shipment] = judge_fake(f, view, index, out);
  }

  const std::size_t bucket = window_bucket(f);
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    RuleVerdict& v = out.rules[i];
    if (v.outcome != Outcome::violated) continue;
    if (static_cast<Rule>(i) != Rule::ship_timeout) {
      v.compensation_yuan = compensation_for(ruleset.compensation.by_rule[i][bucket], order.amount);
    }
    out.compensation_yuan += v.compensation_yuan;
  }
  out.next_change = f.next_change;
  return out;
}

}  // namespace tracksim::harness

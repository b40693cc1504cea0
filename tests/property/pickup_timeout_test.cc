// Properties of pickup_timeout: it depends on the effective pickup P (the earliest visible
// physical scan, or pickup scan) and on its anchor (payment or upload), and on nothing else.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "sim/carrier/number.h"
#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;
using sim::Scan;
using sim::ScanKind;

// A scan of any kind in a random city at `at`, visible after a drawn lag.
Scan any_scan(Instant at) {
  Scan s;
  s.at = at;
  s.visible_at = at + Duration(*rc::gen::weightedOneOf<std::int64_t>(
                          {{3, rc::gen::just<std::int64_t>(0)}, {1, offset_s(48)}}));
  s.kind = static_cast<ScanKind>(*rc::gen::inRange<int>(0, static_cast<int>(sim::kScanKindCount)));
  s.city = *city_id();
  s.facility = "随机网点";
  return s;
}

// Inserts `extra` at a drawn position of the listing (the engine must not care where).
Shipment with_scan(Shipment s, Scan extra) {
  const auto at = *rc::gen::inRange<std::size_t>(0, s.scans.size() + 1);
  s.scans.insert(s.scans.begin() + static_cast<std::ptrdiff_t>(at), std::move(extra));
  return s;
}

// Catches: P taken from the latest or the listed-first scan instead of the earliest, a new scan
// moving the anchor, or any later scan being mistaken for the pickup. P is the minimum over the
// visible (physical) scans, so a scan strictly after P cannot move it; the deadline's anchor
// is payment or upload, which no scan changes.
RC_GTEST_PROP(PickupTimeout, AddingScansAfterTheEffectivePickupNeverChangesIt, ()) {
  const Shipment s = *shipment();
  const Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const RuleVerdict before = s.rule(Rule::pickup_timeout, now, rs);
  const bool p_visible = before.scan != nullptr;
  RC_PRE(p_visible);  // P is visible at `now`
  const Instant p = before.scan->at;
  const Shipment more = with_scan(s, any_scan(p + Duration(1 + *offset_s(200))));
  const RuleVerdict after = more.rule(Rule::pickup_timeout, now, rs);
  const auto draft = [&] {
    return draft_of(more, now, kRulesetNames[which], "a scan after P changed pickup_timeout");
  };
  TS_RC_ASSERT(before.outcome == after.outcome, draft());
  TS_RC_ASSERT(before.deadline == after.deadline, draft());
  TS_RC_ASSERT(before.event_at == after.event_at, draft());
}

// Catches: info_received (an electronic waybill, not a physical scan) counted as the pickup,
// which would stop the pickup clock (and, in douyin-2026, the ship clock) without a parcel.
RC_GTEST_PROP(PickupTimeout, AnInfoReceivedScanNeverCountsAsPickup, ()) {
  const Shipment s = *shipment();
  const Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  Scan info = any_scan(s.order.paid_at + Duration(*offset_s(240)));
  info.kind = ScanKind::info_received;
  info.city = sim::geo::kNoCity;
  info.facility.clear();
  const Shipment more = with_scan(s, info);
  const Verdict a = s.evaluate(now, rs);
  const Verdict b = more.evaluate(now, rs);
  const auto draft = [&] {
    return draft_of(more, now, kRulesetNames[which], "an info_received scan changed a timeout");
  };
  for (Rule r : {Rule::ship_timeout, Rule::pickup_timeout, Rule::linehaul_timeout}) {
    TS_RC_ASSERT(a[r].outcome == b[r].outcome, draft());
    TS_RC_ASSERT(a[r].event_at == b[r].event_at, draft());
  }
}

// What holds when a scan is removed: P can only move later or vanish (it is a minimum over
// fewer scans), while the deadline (anchor + window) does not depend on scans at all. So a
// violated pickup stays violated, a pending one stays pending (no P was visible), an n/a one
// stays n/a (no valid upload), and only ok may change - to violated or pending, never to n/a.
// Catches: P computed as anything but the earliest scan (e.g. the last one, or the first
// listed), or a deadline that moves with the evidence.
RC_GTEST_PROP(PickupTimeout, RemovingAScanNeverTurnsAViolationIntoOk, ()) {
  const Shipment s = *shipment();
  RC_PRE(!s.scans.empty());
  const Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  Shipment fewer = s;
  const auto i = *rc::gen::inRange<std::size_t>(0, s.scans.size());
  fewer.scans.erase(fewer.scans.begin() + static_cast<std::ptrdiff_t>(i));
  const RuleVerdict a = s.rule(Rule::pickup_timeout, now, rs);
  const RuleVerdict b = fewer.rule(Rule::pickup_timeout, now, rs);
  const auto draft = [&] {
    return draft_of(s, now, kRulesetNames[which],
                    "removing scan #" + std::to_string(i) + " improved pickup_timeout");
  };
  TS_RC_ASSERT(a.deadline == b.deadline, draft());
  if (a.outcome != Outcome::ok) TS_RC_ASSERT(b.outcome == a.outcome, draft());
  if (a.outcome == Outcome::ok) TS_RC_ASSERT(b.outcome != Outcome::not_applicable, draft());
  if (a.event_at && b.event_at) TS_RC_ASSERT(*b.event_at >= *a.event_at, draft());
}

// pickup_timeout recomputed from docs/rules.md alone: P = earliest visible physical (or pickup)
// scan of a valid upload, deadline = anchor + within, in time iff P <= deadline, violated iff now >
// deadline. Evaluated at a drawn `now` and exactly at the deadline and one second after. Catches:
// `<` for `<=` at the deadline, violated at now == deadline, the 72h (paid) and 24h (upload)
// anchors swapped, info_received or invisible scans counted as P.
RC_GTEST_PROP(PickupTimeout, FollowsItsDefinitionInRulesMd, ()) {
  const Shipment s = *shipment();
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const auto& rule = rs.pickup_by_kind[static_cast<std::size_t>(s.order.kind)];
  const auto& u = s.order.upload;
  const bool valid = u && sim::is_valid_number(u->carrier, u->number);
  const Instant anchor = rule.from == Anchor::paid ? s.order.paid_at : (u ? u->at : Instant());
  const Instant deadline = anchor + rule.within;
  auto expected = [&](Instant now) {
    const bool uploaded = valid && u->at <= now;
    if (rule.from == Anchor::upload && !uploaded) return Outcome::not_applicable;
    std::optional<Instant> p;
    for (const Scan& sc : s.scans) {
      if (!uploaded || sc.visible_at > now || !sim::is_physical(sc.kind)) continue;
      if (rs.pickup_evidence == PickupEvidence::pickup_scan_only && sc.kind != ScanKind::pickup)
        continue;
      if (!p || sc.at < *p) p = sc.at;
    }
    if (p && *p <= deadline) return Outcome::ok;
    return now > deadline ? Outcome::violated : Outcome::pending;
  };
  for (const Instant now : {now_after(s), deadline, deadline + Duration(1)}) {
    TS_RC_ASSERT(
        s.outcome(Rule::pickup_timeout, now, rs) == expected(now),
        draft_of(s, now, kRulesetNames[which], "pickup_timeout differs from docs/rules.md"));
  }
}

}  // namespace
}  // namespace tracksim::harness::testing

// Property: on a fixed timeline, outcomes change over time only in the ways docs/rules.md
// documents.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <set>
#include <vector>

#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;

// Every instant at which something can change, and one second either side of it.
std::vector<Instant> instants_of(const Shipment& s, const Ruleset& rs) {
  std::set<Instant> base = {s.order.paid_at, ship_deadline(s.order, rs)};
  if (s.order.upload) base.insert(s.order.upload->at);
  for (const sim::Scan& sc : s.scans) base.insert({sc.at, sc.visible_at});
  for (int i = 0; i < 3; ++i) base.insert(s.order.paid_at + Duration(*now_offset_s()));
  std::set<Instant> all;
  for (Instant t : base) {
    // The deadlines in force at t (they may move as evidence appears).
    const Verdict v = s.evaluate(t, rs);
    for (const RuleVerdict& r : v.rules) {
      if (r.deadline) all.insert({*r.deadline, *r.deadline + Duration(1)});
    }
    if (v.next_change) all.insert(*v.next_change);
    all.insert({t - Duration(1), t, t + Duration(1)});
  }
  return {all.begin(), all.end()};
}

// A scan that the engine came to see in (t1, t2] and that happened at or before `by` (when
// given). The engine sees a scan from max(visible_at, valid upload): before the upload it knows
// no number (docs/rules.md "Evidence from the carrier"), so a late upload reveals earlier scans.
bool lagging_scan_appeared(const Shipment& s, Instant t1, Instant t2, std::optional<Instant> by) {
  const auto& u = s.order.upload;
  if (!u || !has_valid_upload(s.order, u->at)) return false;
  for (const sim::Scan& sc : s.scans) {
    const Instant seen = std::max(sc.visible_at, u->at);
    if (seen > t1 && seen <= t2 && (!by || sc.at <= *by)) return true;
  }
  return false;
}

// Whether `from` -> `to` between t1 and t2 is one docs/rules.md allows for `rule`:
// - n/a -> anything (the upload, P or the first hub appeared); never back to n/a;
// - pending -> ok or violated;
// - violated -> ok (overturned) only when a lagging scan that happened by the deadline became
//   visible in between; for transit_stall also violated -> pending (a lagging scan closed the
//   open gap and a new one is still within its limit);
// - ok -> violated never for ship/pickup (evidence only accumulates and their deadlines are
//   fixed); for linehaul_timeout and transit_stall only when a lagging scan appeared (an
//   earlier P or first hub moves the deadline or opens an earlier gap); for fake_shipment
//   whenever a detector starts firing (no_pickup_48h fires by time alone).
bool allowed(Rule rule, const RuleVerdict& from, const RuleVerdict& to, const Shipment& s,
             Instant t1, Instant t2) {
  const Outcome a = from.outcome;
  const Outcome b = to.outcome;
  if (a == b || a == Outcome::not_applicable) return true;
  if (b == Outcome::not_applicable) return false;
  if (a == Outcome::pending) return b == Outcome::ok || b == Outcome::violated;
  const bool lagged = lagging_scan_appeared(s, t1, t2, from.deadline);
  if (a == Outcome::violated && b == Outcome::ok) return lagged;
  if (a == Outcome::violated && b == Outcome::pending) return rule == Rule::transit_stall && lagged;
  if (a == Outcome::ok && b == Outcome::violated) {
    if (rule == Rule::fake_shipment) return true;
    const bool moves = rule == Rule::linehaul_timeout || rule == Rule::transit_stall;
    return moves && lagging_scan_appeared(s, t1, t2, std::nullopt);
  }
  return false;  // ok -> pending
}

// Catches: outcomes that flip back and forth as time passes (a deadline compared with the wrong
// instant, an overturn without new evidence, visibility ignored so that a scan counts before
// the website shows it), and rules falling back to n/a once they applied.
RC_GTEST_PROP(OverTime, OutcomesChangeOnlyInTheDocumentedWays, ()) {
  const Shipment s = *shipment();
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const std::vector<Instant> ts = instants_of(s, rs);
  Verdict last = s.evaluate(ts.front(), rs);
  for (std::size_t k = 1; k < ts.size(); ++k) {
    const Verdict v = s.evaluate(ts[k], rs);
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      const Rule rule = static_cast<Rule>(i);
      const bool ok = allowed(rule, last.rules[i], v.rules[i], s, ts[k - 1], ts[k]);
      TS_RC_ASSERT(ok, draft_of(s, ts[k], kRulesetNames[which],
                                std::string(to_string(rule)) + " went " +
                                    std::string(to_string(last.rules[i].outcome)) + " -> " +
                                    std::string(to_string(v.rules[i].outcome)) + " at until"));
    }
    last = v;
  }
}

}  // namespace
}  // namespace tracksim::harness::testing

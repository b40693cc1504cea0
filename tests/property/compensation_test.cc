// Properties of compensation: whole yuan, inside the cell's minimum and cap, zero where the cell
// pays nothing, and the order's total the sum over its violated rules.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;

// The cell docs/rules.md says pays for `rule` given the verdict (the ship row by lateness).
const CompensationCell& cell_for(const Ruleset& rs, Rule rule, const RuleVerdict& v,
                                 Duration window) {
  const auto& c = rs.compensation;
  const std::size_t bucket =
      window <= c.window_bounds[0] ? 0 : (window <= c.window_bounds[1] ? 1 : 2);
  if (rule == Rule::ship_timeout) {
    return (v.lateness > c.ship_escalation ? c.ship_escalated : c.ship_late)[bucket];
  }
  return c.by_rule[static_cast<std::size_t>(rule)][bucket];
}

// Catches: the minimum or the cap not applied (or applied before the percentage), a payout for
// a rule that is not violated, a total that is not the sum (e.g. the largest, or the last).
RC_GTEST_PROP(Compensation, EachPaymentIsWithinItsCellAndTheTotalIsTheSum, ()) {
  const Shipment s = *shipment();
  const sim::Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const Verdict v = s.evaluate(now, rs);
  const Duration window = ship_deadline(s.order, rs) - s.order.paid_at;
  const auto draft = [&] {
    return draft_of(s, now, kRulesetNames[which],
                    "a payment is outside its cell, or the total is not the sum");
  };
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const Rule rule = static_cast<Rule>(i);
    const RuleVerdict& r = v.rules[i];
    sum += r.compensation_yuan;
    if (r.outcome != Outcome::violated) {
      TS_RC_ASSERT(r.compensation_yuan == 0, draft());
      continue;
    }
    const CompensationCell& cell = cell_for(rs, rule, r, window);
    if (!cell.pays) {
      TS_RC_ASSERT(r.compensation_yuan == 0, draft());
      continue;
    }
    TS_RC_ASSERT(r.compensation_yuan >= cell.min.yuan_rounded(), draft());
    TS_RC_ASSERT(r.compensation_yuan <= cell.max.yuan_rounded(), draft());
  }
  TS_RC_ASSERT(v.compensation_yuan == sum, draft());
}

// compensation_for against the definition worked in exact integers a different way: the
// percentage of the base in 1/10000 fen, clamped to [min, max], then whole yuan rounded half-up
// (remainder of at least half a yuan rounds up).
// Catches: rounding down (or to even) instead of half-up, min or cap ignored, rounding before
// clamping.
RC_GTEST_PROP(Compensation, CompensationForClampsThenRoundsHalfUpToWholeYuan, ()) {
  CompensationCell cell;
  cell.pays = true;
  cell.pct_bp = *rc::gen::weightedOneOf<std::int64_t>(
      {{3, rc::gen::elementOf(std::vector<std::int64_t>{100, 300, 500, 2500})},
       {1, rc::gen::inRange<std::int64_t>(1, 10'001)}});
  const std::int64_t min_yuan = *rc::gen::inRange<std::int64_t>(0, 20);
  const std::int64_t max_yuan = min_yuan + *rc::gen::inRange<std::int64_t>(0, 200);
  cell.min = sim::Money::from_yuan(min_yuan);
  cell.max = sim::Money::from_yuan(max_yuan);
  const std::int64_t fen = *rc::gen::inRange<std::int64_t>(0, 5'000'000);
  // In units of fen/10000: base x pct.
  const std::int64_t raw = fen * cell.pct_bp;
  const std::int64_t lo = min_yuan * 100 * 10'000;
  const std::int64_t hi = max_yuan * 100 * 10'000;
  const std::int64_t clamped = raw < lo ? lo : (raw > hi ? hi : raw);
  constexpr std::int64_t kPerYuan = 100 * 10'000;
  const std::int64_t whole = clamped / kPerYuan;
  const std::int64_t expected = whole + (2 * (clamped % kPerYuan) >= kPerYuan ? 1 : 0);
  RC_ASSERT(compensation_for(cell, sim::Money::from_fen(fen)) == expected);
  CompensationCell none = cell;
  none.pays = false;
  RC_ASSERT(compensation_for(none, sim::Money::from_fen(fen)) == 0);
}

}  // namespace
}  // namespace tracksim::harness::testing

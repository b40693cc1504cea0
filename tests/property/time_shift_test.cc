// Property: the engine's judgement does not depend on the absolute date, only on the spacing of
// instants and on Beijing days, so moving every instant by whole days changes nothing.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;

Shipment shifted(Shipment s, Duration d) {
  s.order.paid_at += d;
  if (s.order.promise.type == Promise::Type::ship_by) s.order.promise.ship_by += d;
  if (s.order.upload) s.order.upload->at += d;
  for (sim::Scan& sc : s.scans) {
    sc.at += d;
    sc.visible_at += d;
  }
  return s;
}

// Catches: deadline or bucket arithmetic tied to the absolute date or the time of day (a
// day boundary taken from a fixed epoch, a month-end or leap-day slip in the Beijing calendar,
// a same_day/next_day deadline built from the wall clock), and deadlines not moving with their
// anchors. Whole days keep Beijing-calendar deadlines aligned, so nothing may change.
RC_GTEST_PROP(TimeShift, MovingEveryInstantByWholeDaysChangesNoOutcomeAndNoCompensation, ()) {
  const Shipment s = *shipment();
  const sim::Instant now = now_after(s);
  const int which = *ruleset_index();
  const std::int64_t days = *rc::gen::inRange<std::int64_t>(-800, 801);
  const Ruleset& rs = ruleset_at(which);
  const Duration d(days * kDayS);

  const Verdict before = s.evaluate(now, rs);
  const Shipment moved = shifted(s, d);
  const Verdict after = moved.evaluate(now + d, rs);
  const auto draft = [&] {
    return draft_of(s, now, kRulesetNames[which],
                    "moved by " + std::to_string(days) + " days, an outcome changed");
  };
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const RuleVerdict& a = before.rules[i];
    const RuleVerdict& b = after.rules[i];
    TS_RC_ASSERT(a.outcome == b.outcome, draft());
    TS_RC_ASSERT(a.compensation_yuan == b.compensation_yuan, draft());
    TS_RC_ASSERT(a.deadline.has_value() == b.deadline.has_value(), draft());
    if (a.deadline) TS_RC_ASSERT(*a.deadline + d == *b.deadline, draft());
  }
  TS_RC_ASSERT(before.detectors == after.detectors, draft());
  TS_RC_ASSERT(before.compensation_yuan == after.compensation_yuan, draft());
}

}  // namespace
}  // namespace tracksim::harness::testing

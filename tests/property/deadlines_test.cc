// Properties of deadlines: same_day/next_day deadlines are Beijing day ends, and no rule is ever
// violated while `now` has not passed its deadline.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;

// Seconds since Beijing midnight, computed here from the Unix time (not with the engine's
// calendar helpers).
std::int64_t beijing_second_of_day(Instant t) {
  const std::int64_t local = t.unix_seconds() + 8 * kHourS;
  return ((local % kDayS) + kDayS) % kDayS;
}

// Catches: a day boundary in UTC (or the server's zone) instead of Beijing, the 16:00 cut-off
// compared with `<=` (an order paid at exactly 16:00:00 still ships the same day), next_day
// counted from the wrong day.
RC_GTEST_PROP(Deadlines, SameDayIsABeijingDayEndWithinTwoDaysOfPayment, ()) {
  const Instant paid = *paid_instant();
  const Ruleset& rs = ruleset_at(*ruleset_index());
  Order o;
  o.paid_at = paid;
  o.promise.type = Promise::Type::same_day;
  const Instant d = ship_deadline(o, rs);
  RC_ASSERT(beijing_second_of_day(d) == kDayS - 1);
  RC_ASSERT(d > paid);
  RC_ASSERT(d - paid <= Duration(2 * kDayS));
  const Instant day_end = paid - Duration(beijing_second_of_day(paid)) + Duration(kDayS - 1);
  const bool before_cutoff = beijing_second_of_day(paid) < rs.same_day_cutoff.count();
  RC_ASSERT(d == day_end + Duration(before_cutoff ? 0 : kDayS));
  o.promise.type = Promise::Type::next_day;
  RC_ASSERT(ship_deadline(o, rs) == day_end + Duration(kDayS));
}

// Catches: violated at now == deadline (`>=` for `>`), a deadline in the report that is not the
// one the outcome was judged against. Evaluated at a drawn `now`, then exactly at every deadline
// the verdict reports.
RC_GTEST_PROP(Deadlines, ViolatedIsNeverReportedWhileNowIsAtOrBeforeTheDeadline, ()) {
  const Shipment s = *shipment();
  const Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const Verdict v = s.evaluate(now, rs);
  std::vector<Instant> deadlines;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const RuleVerdict& r = v.rules[i];
    if (!r.deadline) continue;
    deadlines.push_back(*r.deadline);
    if (r.outcome == Outcome::violated) {
      TS_RC_ASSERT(now > *r.deadline,
                   draft_of(s, now, kRulesetNames[which],
                            std::string(to_string(static_cast<Rule>(i))) + " violated early"));
    }
  }
  for (const Instant at : deadlines) {
    const Verdict w = s.evaluate(at, rs);
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      const RuleVerdict& r = w.rules[i];
      if (r.outcome != Outcome::violated || !r.deadline) continue;
      TS_RC_ASSERT(at > *r.deadline, draft_of(s, at, kRulesetNames[which],
                                              std::string(to_string(static_cast<Rule>(i))) +
                                                  " violated at its deadline"));
    }
  }
}

}  // namespace
}  // namespace tracksim::harness::testing

// ship_deadline() and the douyin-2023 ship_timeout rule, from docs/rules.md "Promised ship time"
// and "Ruleset douyin-2023" 1.
#include <gtest/gtest.h>

#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

Instant deadline_of(const Shipment& s, const Ruleset& r = douyin2023()) {
  return ship_deadline(s.order, r);
}

TEST(ShipDeadline, SameDayPaidBeforeSixteenShipsByThatDayEnd) {
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T15:59:59")).promise_same_day()),
            at("2023-03-01T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T00:00:00")).promise_same_day()),
            at("2023-03-01T23:59:59"));
}

TEST(ShipDeadline, SameDayCutoffIsExclusiveAtSixteen) {
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T16:00:00")).promise_same_day()),
            at("2023-03-02T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T23:59:59")).promise_same_day()),
            at("2023-03-02T23:59:59"));
}

TEST(ShipDeadline, SameDayUsesTheBeijingClockForUtcInput) {
  // 07:59:59Z is 15:59:59 in Beijing: before the cut-off.
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T07:59:59Z")).promise_same_day()),
            at("2023-03-01T23:59:59+08:00"));
  // 08:00:00Z is 16:00:00 in Beijing: the next day.
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T08:00:00Z")).promise_same_day()),
            at("2023-03-02T23:59:59+08:00"));
  // 16:00:00Z is already 00:00 of the next Beijing day, before that day's cut-off.
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T16:00:00Z")).promise_same_day()),
            at("2023-03-02T23:59:59+08:00"));
  // 23:30Z on Feb 28 is 07:30 on Mar 1 in Beijing: the UTC date is not the day that counts.
  EXPECT_EQ(deadline_of(paid(at("2023-02-28T23:30:00Z")).promise_same_day()),
            at("2023-03-01T23:59:59+08:00"));
}

TEST(ShipDeadline, NextDayIsTheEndOfTheFollowingBeijingDay) {
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T00:00:00")).promise_next_day()),
            at("2023-03-02T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T23:59:59")).promise_next_day()),
            at("2023-03-02T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-02-28T10:00:00")).promise_next_day()),
            at("2023-03-01T23:59:59"));
  // 2023-03-01T17:00Z is 01:00 on Mar 2 in Beijing.
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T17:00:00Z")).promise_next_day()),
            at("2023-03-03T23:59:59+08:00"));
}

TEST(ShipDeadline, DurationIsExactFromPayment) {
  const Instant p = at("2023-03-01T10:17:33");
  EXPECT_EQ(deadline_of(paid(p).promise_within(48h)), p + 48h);
  EXPECT_EQ(deadline_of(paid(p).promise_within(72h)), p + 72h);
  EXPECT_EQ(deadline_of(paid(p).promise_within(1h + 1s)), p + 1h + 1s);
}

TEST(ShipDeadline, ShipByIsThatTimestamp) {
  const Instant by = at("2023-03-15T12:00:00Z");
  EXPECT_EQ(
      deadline_of(paid(at("2023-03-01T10:00:00")).kind(OrderKind::presale).promise_ship_by(by)),
      by);
}

TEST(ShipDeadline, SameDayCutoffIsAParameter) {
  Ruleset r = douyin2023();
  r.same_day_cutoff = 12h;
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T11:59:59")).promise_same_day(), r),
            at("2023-03-01T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T12:00:00")).promise_same_day(), r),
            at("2023-03-02T23:59:59"));
  EXPECT_EQ(deadline_of(paid(at("2023-03-01T15:00:00")).promise_same_day(), r),
            at("2023-03-02T23:59:59"));
}

class ShipTimeout2023 : public ::testing::Test {
 protected:
  const Instant paid_at = at("2023-03-01T10:00:00");
  const Instant deadline = paid_at + 48h;
  Shipment order = paid(paid_at);
};

TEST_F(ShipTimeout2023, WithoutUploadIsPendingAtTheDeadlineAndViolatedOneSecondLater) {
  const RuleVerdict before = order.rule(Rule::ship_timeout, deadline, douyin2023());
  EXPECT_EQ(before.outcome, Outcome::pending);
  EXPECT_EQ(before.deadline, deadline);
  const RuleVerdict after = order.rule(Rule::ship_timeout, deadline + 1s, douyin2023());
  EXPECT_EQ(after.outcome, Outcome::violated);
  EXPECT_EQ(after.deadline, deadline);
}

TEST_F(ShipTimeout2023, UploadExactlyAtTheDeadlineIsInTime) {
  order.upload(deadline);
  const RuleVerdict v = order.rule(Rule::ship_timeout, deadline + 100h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, deadline);
}

TEST_F(ShipTimeout2023, UploadOneSecondLateIsViolatedAndLateByOneSecond) {
  order.upload(deadline + 1s);
  const RuleVerdict v = order.rule(Rule::ship_timeout, deadline + 2h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.event_at, deadline + 1s);
  EXPECT_EQ(v.lateness, 1s);
}

TEST_F(ShipTimeout2023, UploadAloneShipsEvenWithoutAnyScan) {
  order.upload(paid_at + 1h);
  EXPECT_EQ(order.outcome(Rule::ship_timeout, paid_at + 1h, douyin2023()), Outcome::ok);
  EXPECT_EQ(order.outcome(Rule::ship_timeout, paid_at + 1000h, douyin2023()), Outcome::ok);
}

TEST_F(ShipTimeout2023, InvalidUploadCountsAsNoUpload) {
  order.upload(paid_at + 1h, kInvalidSfNumber);
  EXPECT_FALSE(has_valid_upload(order.order, deadline));
  EXPECT_EQ(order.outcome(Rule::ship_timeout, deadline, douyin2023()), Outcome::pending);
  const RuleVerdict v = order.rule(Rule::ship_timeout, deadline + 1s, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.reason, Reason::invalid_number);
}

TEST_F(ShipTimeout2023, UploadAfterNowIsNotSeenYet) {
  order.upload(paid_at + 10h);
  EXPECT_FALSE(has_valid_upload(order.order, paid_at + 10h - 1s));
  EXPECT_TRUE(has_valid_upload(order.order, paid_at + 10h));
  EXPECT_EQ(order.outcome(Rule::ship_timeout, paid_at + 5h, douyin2023()), Outcome::pending);
  EXPECT_EQ(order.outcome(Rule::ship_timeout, paid_at + 10h, douyin2023()), Outcome::ok);
}

TEST_F(ShipTimeout2023, LateUploadIsNotSeenBeforeItHappens) {
  order.upload(deadline + 5h);
  // Past the deadline and before the upload: violated with nothing shipped.
  EXPECT_EQ(order.outcome(Rule::ship_timeout, deadline + 1h, douyin2023()), Outcome::violated);
  EXPECT_EQ(order.rule(Rule::ship_timeout, deadline + 6h, douyin2023()).lateness, 5h);
}

TEST_F(ShipTimeout2023, NextChangeIsTheEarliestDeadlinePlusOneSecond) {
  // 48h promise, in-stock pickup by paid + 72h: the ship deadline comes first.
  EXPECT_EQ(order.evaluate(paid_at + 1h, douyin2023()).next_change, deadline + 1s);
  // Once it has passed, the pickup deadline is next.
  EXPECT_EQ(order.evaluate(deadline + 1s, douyin2023()).next_change, paid_at + 72h + 1s);
}

TEST_F(ShipTimeout2023, NextChangeFollowsAShorterPromise) {
  order.promise_within(10h);
  EXPECT_EQ(order.evaluate(paid_at, douyin2023()).next_change, paid_at + 10h + 1s);
}

}  // namespace
}  // namespace tracksim::harness::testing

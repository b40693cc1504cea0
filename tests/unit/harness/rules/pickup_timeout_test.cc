// The douyin-2023 pickup_timeout rule and the evidence it sees, from docs/rules.md "Evidence from
// the carrier" and "Ruleset douyin-2023" 2.
#include <gtest/gtest.h>

#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

class PickupTimeout : public ::testing::Test {
 protected:
  const Instant paid_at = at("2023-03-01T10:00:00");
  const Instant in_stock_deadline = paid_at + 72h;
  Shipment order = paid(paid_at);
};

TEST_F(PickupTimeout, InStockIsPendingAtPaidPlus72hAndViolatedOneSecondLater) {
  order.upload(paid_at + 1h);
  const RuleVerdict at_deadline = order.rule(Rule::pickup_timeout, in_stock_deadline, douyin2023());
  EXPECT_EQ(at_deadline.outcome, Outcome::pending);
  EXPECT_EQ(at_deadline.deadline, in_stock_deadline);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, in_stock_deadline + 1s, douyin2023()),
            Outcome::violated);
}

TEST_F(PickupTimeout, InStockWithoutUploadStillRunsFromPayment) {
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, in_stock_deadline, douyin2023()), Outcome::pending);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, in_stock_deadline + 1s, douyin2023()),
            Outcome::violated);
}

TEST_F(PickupTimeout, PickupExactlyAtTheDeadlineIsInTime) {
  order.upload(paid_at + 1h).pickup(in_stock_deadline);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, in_stock_deadline + 10h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, in_stock_deadline);
  ASSERT_NE(v.scan, nullptr);
  EXPECT_EQ(v.scan->kind, ScanKind::pickup);
}

TEST_F(PickupTimeout, PickupOneSecondLateIsViolated) {
  order.upload(paid_at + 1h).pickup(in_stock_deadline + 1s);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, in_stock_deadline + 10h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.event_at, in_stock_deadline + 1s);
}

TEST_F(PickupTimeout, CustomPresaleAndTieredRunFromTheUploadFor24h) {
  for (OrderKind k : {OrderKind::custom, OrderKind::presale, OrderKind::tiered}) {
    SCOPED_TRACE(to_string(k));
    Shipment s = paid(paid_at).kind(k).promise_ship_by(paid_at + 240h);
    const Instant upload_at = paid_at + 100h;
    s.upload(upload_at);
    const RuleVerdict v = s.rule(Rule::pickup_timeout, upload_at + 24h, douyin2023());
    EXPECT_EQ(v.outcome, Outcome::pending);
    EXPECT_EQ(v.deadline, upload_at + 24h);
    EXPECT_EQ(s.outcome(Rule::pickup_timeout, upload_at + 24h + 1s, douyin2023()),
              Outcome::violated);
    s.pickup(upload_at + 24h);
    EXPECT_EQ(s.outcome(Rule::pickup_timeout, upload_at + 30h, douyin2023()), Outcome::ok);
  }
}

TEST_F(PickupTimeout, CustomIsNotApplicableWithoutAValidUpload) {
  Shipment s = paid(paid_at).kind(OrderKind::custom).promise_ship_by(paid_at + 240h);
  EXPECT_EQ(s.outcome(Rule::pickup_timeout, paid_at + 500h, douyin2023()), Outcome::not_applicable);
  s.upload(paid_at + 1h, kInvalidSfNumber);
  EXPECT_EQ(s.outcome(Rule::pickup_timeout, paid_at + 500h, douyin2023()), Outcome::not_applicable);
  // A valid upload not made yet does not anchor either.
  s.upload(paid_at + 400h);
  EXPECT_EQ(s.outcome(Rule::pickup_timeout, paid_at + 300h, douyin2023()), Outcome::not_applicable);
}

TEST_F(PickupTimeout, InfoReceivedIsNotAPickup) {
  order.upload(paid_at + 1h).scan(ScanKind::info_received, paid_at + 1h, "杭州市");
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, in_stock_deadline + 1s, douyin2023()),
            Outcome::violated);
}

TEST_F(PickupTimeout, FirstHubScanProvesPickupWhenThePickupScanIsMissing) {
  order.upload(paid_at + 1h)
      .scan(ScanKind::info_received, paid_at + 1h, "杭州市")
      .scan(ScanKind::arrive, paid_at + 20h, "杭州市", "杭州转运中心")
      .pickup(paid_at + 80h);  // a late pickup scan after the hub scan changes nothing
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 90h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, paid_at + 20h);
}

TEST_F(PickupTimeout, PickupScanOnlyIgnoresTheHubScan) {
  Ruleset r = douyin2023();
  r.pickup_evidence = PickupEvidence::pickup_scan_only;
  order.upload(paid_at + 1h).scan(ScanKind::arrive, paid_at + 20h, "杭州市", "杭州转运中心");
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, in_stock_deadline + 1s, r), Outcome::violated);
  order.pickup(paid_at + 80h);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 90h, r);
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.event_at, paid_at + 80h);
}

TEST_F(PickupTimeout, ScansBeforeTheUploadCountOnceTheUploadExists) {
  order.pickup(paid_at + 10h).upload(paid_at + 50h);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 60h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, paid_at + 10h);
}

TEST_F(PickupTimeout, NoScanIsSeenBeforeTheUpload) {
  order.pickup(paid_at + 10h).upload(paid_at + 80h);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 40h, douyin2023()), Outcome::pending);
  // Past the deadline and still before the upload: the in-time pickup is not known yet.
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 75h, douyin2023()), Outcome::violated);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 80h, douyin2023()), Outcome::ok);
}

TEST_F(PickupTimeout, ScanNotYetVisibleIsIgnored) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h).visible_at(paid_at + 100h);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 50h, douyin2023()), Outcome::pending);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 100h - 1s, douyin2023()),
            Outcome::violated);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 100h, douyin2023()), Outcome::ok);
}

TEST_F(PickupTimeout, LaggingPickupScanOverturnsTheViolation) {
  order.upload(paid_at + 1h).pickup(paid_at + 70h).visible_at(paid_at + 75h);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 73h, douyin2023()), Outcome::violated);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 75h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, paid_at + 70h);
}

TEST_F(PickupTimeout, ScansListedOutOfOrderStillGiveTheEarliest) {
  order.upload(paid_at + 1h)
      .scan(ScanKind::depart, paid_at + 75h, "杭州市", "杭州转运中心")
      .pickup(paid_at + 71h);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 80h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, paid_at + 71h);
}

TEST_F(PickupTimeout, InStockWindowIsAParameter) {
  Ruleset r = douyin2023();
  r.pickup_by_kind[static_cast<std::size_t>(OrderKind::in_stock)].within = 96h;
  order.upload(paid_at + 1h);
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at, r).deadline, paid_at + 96h);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 96h, r), Outcome::pending);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 96h + 1s, r), Outcome::violated);
  order.pickup(paid_at + 96h);
  EXPECT_EQ(order.outcome(Rule::pickup_timeout, paid_at + 97h, r), Outcome::ok);
}

TEST_F(PickupTimeout, NextChangeIsThePickupDeadlineOnceShipped) {
  order.upload(paid_at + 1h);
  EXPECT_EQ(order.evaluate(paid_at + 2h, douyin2023()).next_change, in_stock_deadline + 1s);
}

TEST_F(PickupTimeout, PickupInTimeIsOkBeforeTheDeadlinePasses) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h);
  const RuleVerdict v = order.rule(Rule::pickup_timeout, paid_at + 3h, douyin2023());
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.deadline, in_stock_deadline);
}

TEST_F(PickupTimeout, NextChangeIsAbsentWhenNothingCanChangeByTimeAlone) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h);
  EXPECT_EQ(order.evaluate(paid_at + 3h, douyin2023()).next_change, std::nullopt);
}

}  // namespace
}  // namespace tracksim::harness::testing

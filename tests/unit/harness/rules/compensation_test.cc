// Compensation (赔付), from docs/rules.md "Compensation": clamp(base x pct, min, max) rounded
// half-up to whole yuan, a row per violation, a bucket per promise window W, the sum per order.
#include <gtest/gtest.h>

#include <tuple>

#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

using sim::Money;

const Ruleset::Compensation& table() { return douyin2023().compensation; }
const CompensationRow& row(Rule r) { return table().by_rule[static_cast<std::size_t>(r)]; }
std::int64_t pays(const CompensationCell& cell, std::int64_t fen) {
  return compensation_for(cell, Money::from_fen(fen));
}

TEST(CompensationFor, RoundsHalfUpToWholeYuan) {
  const CompensationCell& one_pct = table().ship_late[1];  // 1% (2-50)
  EXPECT_EQ(pays(one_pct, 75000), 8);                      // 7.50
  EXPECT_EQ(pays(one_pct, 74999), 7);                      // 7.4999
  EXPECT_EQ(pays(one_pct, 60000), 6);                      // 6.00
}

TEST(CompensationFor, RoundsOnceNotFirstToFenThenToYuan) {
  const CompensationCell& one_pct = table().ship_late[1];
  EXPECT_EQ(pays(one_pct, 74950), 7);  // 7.4950 -> 7 (7.50 if rounded to fen first)
  const CompensationCell& five_pct = row(Rule::pickup_timeout)[1];
  EXPECT_EQ(pays(five_pct, 14990), 7);  // 7.495 -> 7
  EXPECT_EQ(pays(five_pct, 15010), 8);  // 7.505 -> 8
}

TEST(CompensationFor, PaysAtLeastTheMinimum) {
  EXPECT_EQ(pays(table().ship_late[1], 10000), 2);          // 1.00 -> min 2
  EXPECT_EQ(pays(table().ship_late[2], 10000), 3);          // 1.00 -> min 3
  EXPECT_EQ(pays(row(Rule::pickup_timeout)[0], 10000), 3);  // 1.00 -> min 3
  EXPECT_EQ(pays(row(Rule::fake_shipment)[0], 1000), 5);    // 2.50 -> min 5
  EXPECT_EQ(pays(table().ship_escalated[2], 5000), 5);      // 2.50 -> min 5
}

TEST(CompensationFor, PaysAtMostTheCap) {
  EXPECT_EQ(pays(table().ship_late[1], 1000000), 50);          // 100.00 -> 50
  EXPECT_EQ(pays(row(Rule::pickup_timeout)[0], 1000000), 30);  // 100.00 -> 30
  EXPECT_EQ(pays(row(Rule::fake_shipment)[2], 100000), 100);   // 250.00 -> 100
  EXPECT_EQ(pays(table().ship_late[1], 494999), 49);           // 49.4999 -> 49, under the cap
}

TEST(CompensationFor, ANonPayingCellPaysNothing) {
  EXPECT_FALSE(table().ship_late[0].pays);
  EXPECT_EQ(pays(table().ship_late[0], 1000000), 0);
}

TEST(CompensationFor, TheShippedTableMatchesRulesMd) {
  const auto cell = [](const CompensationCell& c) {
    return std::tuple(c.pays, c.pct_bp, c.min.fen(), c.max.fen());
  };
  EXPECT_EQ(cell(table().ship_late[2]), std::tuple(true, 100, 300, 5000));
  EXPECT_EQ(cell(table().ship_escalated[0]), std::tuple(true, 100, 200, 5000));
  EXPECT_EQ(cell(table().ship_escalated[1]), std::tuple(true, 300, 300, 5000));
  EXPECT_EQ(cell(table().ship_escalated[2]), std::tuple(true, 500, 500, 5000));
  EXPECT_EQ(cell(row(Rule::pickup_timeout)[0]), std::tuple(true, 100, 300, 3000));
  EXPECT_EQ(cell(row(Rule::fake_shipment)[1]), std::tuple(true, 2500, 500, 10000));
  const auto& t26 = douyin2026().compensation;
  for (Rule r : {Rule::linehaul_timeout, Rule::transit_stall}) {
    SCOPED_TRACE(to_string(r));
    EXPECT_EQ(cell(t26.by_rule[static_cast<std::size_t>(r)][0]), std::tuple(true, 100, 300, 3000));
    EXPECT_EQ(cell(t26.by_rule[static_cast<std::size_t>(r)][2]), std::tuple(true, 500, 500, 5000));
  }
}

// Through evaluate(): 600.00 yuan makes 1% = 6, 3% = 18, 5% = 30 and 25% = 150 (capped at 100).
class Compensation : public ::testing::Test {
 protected:
  const Instant paid_at = at("2023-03-01T10:00:00");
  Shipment order = paid(paid_at).amount_fen(60000);

  // ship_timeout's compensation for an upload `late` after a deadline `window` after payment.
  std::int64_t ship_pays(sim::Duration window, sim::Duration late) {
    Shipment s = paid(paid_at).amount_fen(60000).promise_within(window);
    s.upload(paid_at + window + late);
    const RuleVerdict v = s.rule(Rule::ship_timeout, paid_at + window + late + 1h, douyin2023());
    EXPECT_EQ(v.outcome, Outcome::violated);
    EXPECT_EQ(v.lateness, late);
    return v.compensation_yuan;
  }
};

TEST_F(Compensation, ShipTimeoutWithin48hWindowLateBy48hOrLessPaysNothing) {
  EXPECT_EQ(ship_pays(48h, 1s), 0);
  EXPECT_EQ(ship_pays(48h, 48h), 0);
  EXPECT_EQ(ship_pays(10h, 48h), 0);
}

TEST_F(Compensation, ShipTimeoutWithin48hWindowLateByMoreThan48hPaysOnePercent) {
  EXPECT_EQ(ship_pays(48h, 48h + 1s), 6);
}

TEST_F(Compensation, ShipTimeoutInTheMiddleWindowPaysOneThenThreePercent) {
  EXPECT_EQ(ship_pays(48h + 1s, 1s), 6);
  EXPECT_EQ(ship_pays(48h + 1s, 48h + 1s), 18);
  EXPECT_EQ(ship_pays(240h, 48h), 6);
  EXPECT_EQ(ship_pays(240h, 48h + 1s), 18);
}

TEST_F(Compensation, ShipTimeoutInTheLongWindowPaysOneThenFivePercent) {
  EXPECT_EQ(ship_pays(240h + 1s, 1h), 6);
  EXPECT_EQ(ship_pays(240h + 1s, 49h), 30);
}

TEST_F(Compensation, ShipTimeoutEscalatesWhileStillUnshipped) {
  order.promise_within(72h);
  const Instant deadline = paid_at + 72h;
  const RuleVerdict early = order.rule(Rule::ship_timeout, deadline + 48h, douyin2023());
  EXPECT_EQ(early.outcome, Outcome::violated);
  EXPECT_EQ(early.compensation_yuan, 6);
  EXPECT_EQ(order.rule(Rule::ship_timeout, deadline + 48h + 1s, douyin2023()).compensation_yuan,
            18);
}

TEST_F(Compensation, ShipByWindowSelectsTheBucket) {
  order.kind(OrderKind::presale).promise_ship_by(paid_at + 300h).upload(paid_at + 301h);
  EXPECT_EQ(order.rule(Rule::ship_timeout, paid_at + 302h, douyin2023()).compensation_yuan, 6);
  order.upload(paid_at + 300h + 48h + 1s);
  EXPECT_EQ(order.rule(Rule::ship_timeout, paid_at + 400h, douyin2023()).compensation_yuan, 30);
}

TEST_F(Compensation, PickupTimeoutPaysByWindow) {
  order.upload(paid_at + 1h);  // in stock: pickup by paid + 72h
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, douyin2023()).compensation_yuan,
            6);
  order.promise_within(72h);
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, douyin2023()).compensation_yuan,
            30);
  order.promise_within(300h);
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, douyin2023()).compensation_yuan,
            30);
  order.promise_within(48h).amount_fen(10000);
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, douyin2023()).compensation_yuan,
            3);
}

TEST_F(Compensation, RulesThatAreNotViolatedPayNothing) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h);
  const Verdict v = order.evaluate(paid_at + 500h, douyin2023());
  EXPECT_EQ(v[Rule::ship_timeout].compensation_yuan, 0);
  EXPECT_EQ(v[Rule::pickup_timeout].compensation_yuan, 0);
  EXPECT_EQ(v[Rule::fake_shipment].compensation_yuan, 0);
  EXPECT_EQ(v.compensation_yuan, 0);
  // Pending pays nothing either.
  EXPECT_EQ(paid(paid_at).amount_fen(60000).evaluate(paid_at + 1h, douyin2023()).compensation_yuan,
            0);
}

TEST_F(Compensation, FakeShipmentPaysOnceHoweverManyDetectorsFire) {
  order.amount_fen(10000).upload(paid_at + 1h).pickup(paid_at + 2h);
  order.scan(ScanKind::info_received, paid_at - 1h, "杭州市");
  order.hub(paid_at + 2h + 1min, "乌鲁木齐市");
  const Verdict v = order.evaluate(paid_at + 10h, douyin2023());
  EXPECT_GE(v.detectors.count(), 2u);
  EXPECT_EQ(v[Rule::fake_shipment].compensation_yuan, 25);
  EXPECT_EQ(v.compensation_yuan, 25);
}

TEST_F(Compensation, SeveralViolatedRulesAreSummed) {
  order.promise_within(72h).upload(paid_at + 73h);  // shipped 1h late; no pickup by paid + 72h
  order.scan(ScanKind::info_received, paid_at - 1h, "杭州市");
  const Verdict v = order.evaluate(paid_at + 74h, douyin2023());
  EXPECT_EQ(v[Rule::ship_timeout].compensation_yuan, 6);
  EXPECT_EQ(v[Rule::pickup_timeout].compensation_yuan, 30);
  EXPECT_EQ(v[Rule::fake_shipment].compensation_yuan, 100);
  EXPECT_EQ(v.compensation_yuan, 136);
}

TEST_F(Compensation, LinehaulAndTransitStallPayTheirRows) {
  const Instant p26 = at("2026-08-03T10:00:00");
  Shipment s = paid(p26).amount_fen(60000).upload(p26 + 1h).pickup(p26 + 2h);
  s.hub(p26 + 30h);  // 28h after P: linehaul missed
  const Verdict v = s.evaluate(p26 + 31h, douyin2026());
  EXPECT_EQ(v[Rule::linehaul_timeout].outcome, Outcome::violated);
  EXPECT_EQ(v[Rule::linehaul_timeout].compensation_yuan, 6);
  // 杭州 -> 北京: 72h; W = 72h pays 5%.
  s.promise_within(72h);
  const Verdict stalled = s.evaluate(p26 + 30h + 72h + 1s, douyin2026());
  EXPECT_EQ(stalled[Rule::transit_stall].outcome, Outcome::violated);
  EXPECT_EQ(stalled[Rule::transit_stall].compensation_yuan, 30);
  EXPECT_EQ(stalled[Rule::linehaul_timeout].compensation_yuan, 30);
}

TEST_F(Compensation, TheTableIsData) {
  Ruleset r = douyin2023();
  r.compensation.by_rule[static_cast<std::size_t>(Rule::pickup_timeout)][0].pct_bp = 200;
  order.upload(paid_at + 1h);
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, r).compensation_yuan, 12);
  r.compensation.window_bounds[0] = 24h;  // W = 48h now falls in the middle bucket
  EXPECT_EQ(order.rule(Rule::pickup_timeout, paid_at + 72h + 1s, r).compensation_yuan, 30);
}

TEST_F(Compensation, Douyin2026LatenessIsMeasuredToThePickup) {
  const Instant p26 = at("2026-08-03T10:00:00");
  Shipment s = paid(p26).amount_fen(60000).upload(p26 + 1h);  // W = 48h
  s.pickup(p26 + 48h + 48h);
  const RuleVerdict in_grace = s.rule(Rule::ship_timeout, p26 + 100h, douyin2026());
  EXPECT_EQ(in_grace.outcome, Outcome::violated);
  EXPECT_EQ(in_grace.lateness, 48h);
  EXPECT_EQ(in_grace.compensation_yuan, 0);
  s.scans.back().at += 1s;
  s.scans.back().visible_at += 1s;
  EXPECT_EQ(s.rule(Rule::ship_timeout, p26 + 100h, douyin2026()).compensation_yuan, 6);
}

TEST_F(Compensation, Douyin2026UploadWithoutPickupStillEscalates) {
  const Instant p26 = at("2026-08-03T10:00:00");
  Shipment s = paid(p26).amount_fen(60000).promise_within(72h).upload(p26 + 1h);
  EXPECT_EQ(s.rule(Rule::ship_timeout, p26 + 72h + 48h, douyin2026()).compensation_yuan, 6);
  EXPECT_EQ(s.rule(Rule::ship_timeout, p26 + 72h + 48h + 1s, douyin2026()).compensation_yuan, 18);
}

}  // namespace
}  // namespace tracksim::harness::testing

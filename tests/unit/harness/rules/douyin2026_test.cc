// The douyin-2026 ruleset, from docs/rules.md "Ruleset douyin-2026": shipped = P, pickup 24h after
// the upload for every kind, linehaul_timeout, transit_stall and the three extra detectors.
#include <gtest/gtest.h>

#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

class Douyin2026 : public ::testing::Test {
 protected:
  const Instant paid_at = at("2026-08-03T10:00:00");
  const Instant ship_deadline_48h = paid_at + 48h;
  Shipment order = paid(paid_at);  // in stock, 48h promise, 杭州 -> 北京
  const Ruleset& rules = douyin2026();

  RuleVerdict rule(Rule r, Instant now) const { return order.rule(r, now, rules); }
  Outcome outcome(Rule r, Instant now) const { return order.outcome(r, now, rules); }
  Verdict verdict(Instant now) const { return order.evaluate(now, rules); }
};

TEST_F(Douyin2026, LinehaulAndTransitStallExistOnlyIn2026) {
  EXPECT_TRUE(rules.has(Rule::linehaul_timeout));
  EXPECT_TRUE(rules.has(Rule::transit_stall));
  EXPECT_FALSE(douyin2023().has(Rule::linehaul_timeout));
  EXPECT_FALSE(douyin2023().has(Rule::transit_stall));
  order.upload(paid_at + 1h);
  EXPECT_EQ(order.outcome(Rule::linehaul_timeout, paid_at + 500h, douyin2023()),
            Outcome::not_applicable);
  EXPECT_EQ(order.outcome(Rule::transit_stall, paid_at + 500h, douyin2023()),
            Outcome::not_applicable);
}

// ship_timeout: shipped = P

TEST_F(Douyin2026, ShipTimeoutUploadAloneDoesNotStopTheClock) {
  order.upload(paid_at + 1h);
  EXPECT_EQ(outcome(Rule::ship_timeout, ship_deadline_48h), Outcome::pending);
  EXPECT_EQ(outcome(Rule::ship_timeout, ship_deadline_48h + 1s), Outcome::violated);
  // The same order under 2023 rules shipped at the upload.
  EXPECT_EQ(order.outcome(Rule::ship_timeout, ship_deadline_48h + 1s, douyin2023()), Outcome::ok);
}

TEST_F(Douyin2026, ShipTimeoutPickupExactlyAtTheDeadlineIsInTime) {
  order.upload(paid_at + 1h).pickup(ship_deadline_48h);
  const RuleVerdict v = rule(Rule::ship_timeout, ship_deadline_48h + 5h);
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, ship_deadline_48h);
}

TEST_F(Douyin2026, ShipTimeoutPickupOneSecondLateIsViolated) {
  order.upload(paid_at + 1h).pickup(ship_deadline_48h + 1s);
  const RuleVerdict v = rule(Rule::ship_timeout, ship_deadline_48h + 5h);
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.event_at, ship_deadline_48h + 1s);
  EXPECT_EQ(v.lateness, 1s);
}

TEST_F(Douyin2026, ShipTimeoutFirstHubScanIsPWhenThePickupScanIsMissing) {
  order.upload(paid_at + 1h).hub(paid_at + 20h);
  const RuleVerdict v = rule(Rule::ship_timeout, paid_at + 30h);
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, paid_at + 20h);
}

TEST_F(Douyin2026, ShipTimeoutPickupBeforeALateUploadCountsOnceUploaded) {
  order.pickup(paid_at + 5h).upload(ship_deadline_48h + 2h);
  EXPECT_EQ(outcome(Rule::ship_timeout, ship_deadline_48h + 1s), Outcome::violated);
  EXPECT_EQ(outcome(Rule::ship_timeout, ship_deadline_48h + 2h), Outcome::ok);
}

// pickup_timeout: P <= upload + 24h for every kind

TEST_F(Douyin2026, PickupTimeoutRunsFromTheUploadForInStockOrders) {
  const Instant upload_at = paid_at + 30h;
  order.upload(upload_at);
  const RuleVerdict v = rule(Rule::pickup_timeout, upload_at + 24h);
  EXPECT_EQ(v.outcome, Outcome::pending);
  EXPECT_EQ(v.deadline, upload_at + 24h);
  EXPECT_EQ(outcome(Rule::pickup_timeout, upload_at + 24h + 1s), Outcome::violated);
  order.pickup(upload_at + 24h);
  EXPECT_EQ(outcome(Rule::pickup_timeout, upload_at + 30h), Outcome::ok);
}

TEST_F(Douyin2026, PickupTimeoutIsNotApplicableWithoutUploadForEveryKind) {
  for (OrderKind k :
       {OrderKind::in_stock, OrderKind::custom, OrderKind::presale, OrderKind::tiered}) {
    SCOPED_TRACE(to_string(k));
    Shipment s = paid(paid_at).kind(k);
    EXPECT_EQ(s.outcome(Rule::pickup_timeout, paid_at + 500h, rules), Outcome::not_applicable);
    s.upload(paid_at + 10h);
    EXPECT_EQ(s.rule(Rule::pickup_timeout, paid_at + 10h, rules).deadline, paid_at + 34h);
  }
}

// linehaul_timeout: first hub or transit-ending scan <= P + 24h

TEST_F(Douyin2026, LinehaulIsNotApplicableUntilThereIsAPickup) {
  order.upload(paid_at + 1h).scan(ScanKind::info_received, paid_at + 1h, "杭州市");
  EXPECT_EQ(outcome(Rule::linehaul_timeout, paid_at + 500h), Outcome::not_applicable);
}

TEST_F(Douyin2026, LinehaulIsPendingAtPPlus24hAndViolatedOneSecondLater) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p);
  const RuleVerdict v = rule(Rule::linehaul_timeout, p + 24h);
  EXPECT_EQ(v.outcome, Outcome::pending);
  EXPECT_EQ(v.deadline, p + 24h);
  EXPECT_EQ(outcome(Rule::linehaul_timeout, p + 24h + 1s), Outcome::violated);
}

TEST_F(Douyin2026, LinehaulHubScanExactlyAtTheDeadlineIsInTime) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p).hub(p + 24h);
  const RuleVerdict v = rule(Rule::linehaul_timeout, p + 30h);
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, p + 24h);
}

TEST_F(Douyin2026, LinehaulHubScanOneSecondLateIsViolated) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p).hub(p + 24h + 1s);
  EXPECT_EQ(outcome(Rule::linehaul_timeout, p + 30h), Outcome::violated);
}

TEST_F(Douyin2026, LinehaulKnowsAnUntypedHubByItsName) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p).scan(ScanKind::depart, p + 5h, "杭州市", "杭州中转场");
  EXPECT_EQ(outcome(Rule::linehaul_timeout, p + 30h), Outcome::ok);
}

TEST_F(Douyin2026, LinehaulIgnoresATypedOutletWhateverItsName) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p);
  order.scan(ScanKind::arrive, p + 5h, "杭州市", "杭州转运网点", sim::FacilityType::outlet);
  EXPECT_EQ(outcome(Rule::linehaul_timeout, p + 24h + 1s), Outcome::violated);
}

TEST_F(Douyin2026, LinehaulSameCityParcelDeliveredWithoutHubIsInTime) {
  const Instant p = paid_at + 5h;
  order.to("杭州市").upload(paid_at + 1h).pickup(p);
  order.scan(ScanKind::delivered, p + 6h, "杭州市", "西湖营业部");
  const RuleVerdict v = rule(Rule::linehaul_timeout, p + 100h);
  EXPECT_EQ(v.outcome, Outcome::ok);
  EXPECT_EQ(v.event_at, p + 6h);
}

// transit_stall

TEST_F(Douyin2026, TransitStallIsNotApplicableUntilAHubScan) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h);
  EXPECT_EQ(outcome(Rule::transit_stall, paid_at + 500h), Outcome::not_applicable);
}

struct StallCase {
  const char* from;
  const char* to;
  sim::Duration limit;
};

class TransitStallLimit : public Douyin2026, public ::testing::WithParamInterface<StallCase> {};

TEST_P(TransitStallLimit, GapOfExactlyTheLimitIsFineAndOneSecondMoreIsAStall) {
  const StallCase c = GetParam();
  const Instant h = paid_at + 10h;
  Shipment fine = paid(paid_at).from(c.from).to(c.to).upload(paid_at + 1h);
  fine.pickup(paid_at + 5h, c.from).hub(h, c.from).hub(h + c.limit, c.to);
  fine.scan(ScanKind::delivered, h + c.limit + 2h, c.to, "营业部");
  const RuleVerdict ok = fine.rule(Rule::transit_stall, h + 1000h, rules);
  EXPECT_EQ(ok.outcome, Outcome::ok);
  EXPECT_EQ(ok.limit, c.limit);

  Shipment stalled = paid(paid_at).from(c.from).to(c.to).upload(paid_at + 1h);
  stalled.pickup(paid_at + 5h, c.from).hub(h, c.from).hub(h + c.limit + 1s, c.to);
  stalled.scan(ScanKind::delivered, h + c.limit + 2h, c.to, "营业部");
  const RuleVerdict bad = stalled.rule(Rule::transit_stall, h + 1000h, rules);
  EXPECT_EQ(bad.outcome, Outcome::violated);
  EXPECT_EQ(bad.limit, c.limit);
  ASSERT_NE(bad.scan_before, nullptr);
  EXPECT_EQ(bad.scan_before->at, h);
}

TEST_P(TransitStallLimit, OpenGapAtNowCounts) {
  const StallCase c = GetParam();
  const Instant h = paid_at + 10h;
  Shipment s = paid(paid_at).from(c.from).to(c.to).upload(paid_at + 1h);
  s.pickup(paid_at + 5h, c.from).hub(h, c.from);
  EXPECT_EQ(s.outcome(Rule::transit_stall, h + c.limit, rules), Outcome::pending);
  EXPECT_EQ(s.outcome(Rule::transit_stall, h + c.limit + 1s, rules), Outcome::violated);
}

INSTANTIATE_TEST_SUITE_P(
    Douyin2026, TransitStallLimit,
    ::testing::Values(StallCase{"杭州市", "乌鲁木齐市", 120h},  // remote destination
                      StallCase{"乌鲁木齐市", "北京市", 120h},  // remote origin
                      StallCase{"杭州市", "上海市", 48h},       // 江苏浙江上海安徽 group
                      StallCase{"杭州市", "宁波市", 48h},       // same province
                      StallCase{"北京市", "北京市", 48h},       // same province
                      StallCase{"杭州市", "广州市", 72h},       // other
                      StallCase{"北京市", "杭州市", 72h}));     // two different groups

TEST_F(Douyin2026, TransitStallOriginIsTheFirstPhysicalScanWithoutShipFrom) {
  const Instant h = paid_at + 10h;
  order.no_ship_from().to("北京市").upload(paid_at + 1h);
  order.scan(ScanKind::info_received, paid_at + 1h, "上海市");  // not physical: not the origin
  order.pickup(paid_at + 5h, "乌鲁木齐市").hub(h, "乌鲁木齐市");
  EXPECT_EQ(rule(Rule::transit_stall, h + 100h).limit, 120h);
  EXPECT_EQ(outcome(Rule::transit_stall, h + 100h), Outcome::pending);
}

TEST_F(Douyin2026, TransitStallOriginIsShipFromWhenGiven) {
  const Instant h = paid_at + 10h;
  order.from("杭州市").to("北京市").upload(paid_at + 1h);
  order.pickup(paid_at + 5h, "乌鲁木齐市").hub(h + 70h, "乌鲁木齐市").hub(h, "杭州市");
  const RuleVerdict v = rule(Rule::transit_stall, h + 100h);
  EXPECT_EQ(v.limit, 72h);
  EXPECT_EQ(v.outcome, Outcome::pending);
  EXPECT_EQ(outcome(Rule::transit_stall, h + 70h + 72h), Outcome::pending);
  EXPECT_EQ(outcome(Rule::transit_stall, h + 70h + 72h + 1s), Outcome::violated);
}

TEST_F(Douyin2026, TransitStallIgnoresTheWaitBeforeTheFirstHub) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p).hub(p + 100h);
  order.scan(ScanKind::delivered, p + 110h, "北京市", "朝阳营业部");
  EXPECT_EQ(outcome(Rule::transit_stall, p + 500h), Outcome::ok);
  EXPECT_EQ(outcome(Rule::linehaul_timeout, p + 500h), Outcome::violated);
}

TEST_F(Douyin2026, TransitStallEndsAtTheFirstTransitEndingScan) {
  const Instant h = paid_at + 10h;
  order.upload(paid_at + 1h).pickup(paid_at + 5h).hub(h);
  order.scan(ScanKind::out_for_delivery, h + 30h, "北京市", "朝阳营业部");
  order.scan(ScanKind::delivered, h + 200h, "北京市", "朝阳营业部");
  EXPECT_EQ(outcome(Rule::transit_stall, h + 500h), Outcome::ok);
}

TEST_F(Douyin2026, TransitStallNoOpenGapAfterDelivery) {
  const Instant h = paid_at + 10h;
  order.upload(paid_at + 1h).pickup(paid_at + 5h).hub(h);
  order.scan(ScanKind::delivered, h + 30h, "北京市", "朝阳营业部");
  EXPECT_EQ(outcome(Rule::transit_stall, h + 1000h), Outcome::ok);
}

TEST_F(Douyin2026, TransitStallOverturnedByALaggingScan) {
  const Instant h = paid_at + 10h;  // 杭州 -> 北京: 72h
  order.upload(paid_at + 1h).pickup(paid_at + 5h).hub(h);
  order.hub(h + 60h, "北京市").visible_at(h + 80h);
  EXPECT_EQ(outcome(Rule::transit_stall, h + 73h), Outcome::violated);
  EXPECT_EQ(outcome(Rule::transit_stall, h + 80h), Outcome::pending);
}

TEST_F(Douyin2026, TransitStallLimitsAreParameters) {
  Ruleset r = rules;
  r.stall.other = 100h;
  const Instant h = paid_at + 10h;
  order.upload(paid_at + 1h).pickup(paid_at + 5h).hub(h);
  EXPECT_EQ(order.outcome(Rule::transit_stall, h + 100h, r), Outcome::pending);
  EXPECT_EQ(order.outcome(Rule::transit_stall, h + 100h + 1s, r), Outcome::violated);
}

TEST_F(Douyin2026, NextChangeIsTheOpenGapsEndWhenEverythingElseIsSettled) {
  const Instant h = paid_at + 10h;  // 杭州 -> 北京: 72h
  order.upload(paid_at + 1h).pickup(paid_at + 5h).hub(h);
  const Verdict v = verdict(h + 1h);
  EXPECT_EQ(v[Rule::ship_timeout].outcome, Outcome::ok);
  EXPECT_EQ(v[Rule::linehaul_timeout].outcome, Outcome::ok);
  EXPECT_EQ(v.next_change, h + 72h + 1s);
}

TEST_F(Douyin2026, NextChangeWhileWaitingForPickupIsTheEarliestDeadline) {
  // Pickup by upload + 24h comes before the ship deadline (paid + 48h).
  order.upload(paid_at + 1h);
  EXPECT_EQ(verdict(paid_at + 2h).next_change, paid_at + 25h + 1s);
}

// The 2026 detectors

TEST_F(Douyin2026, NoPickupWithin48hOfTheUploadFires) {
  const Instant u = paid_at + 1h;
  order.upload(u).scan(ScanKind::info_received, u, "杭州市");
  EXPECT_FALSE(fired(verdict(u + 48h), Detector::no_pickup_48h));
  const Verdict v = verdict(u + 48h + 1s);
  EXPECT_TRUE(fired(v, Detector::no_pickup_48h));
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::violated);
}

TEST_F(Douyin2026, PickupAt48hAfterTheUploadIsNotNoPickup) {
  const Instant u = paid_at + 1h;
  order.upload(u).pickup(u + 48h);
  EXPECT_FALSE(fired(verdict(u + 100h), Detector::no_pickup_48h));
}

TEST_F(Douyin2026, NoHubWithin48hOfPickupFires) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p);
  EXPECT_FALSE(fired(verdict(p + 48h), Detector::no_hub_48h));
  EXPECT_TRUE(fired(verdict(p + 48h + 1s), Detector::no_hub_48h));
}

TEST_F(Douyin2026, HubAt48hAfterPickupIsNotNoHub) {
  const Instant p = paid_at + 5h;
  order.upload(paid_at + 1h).pickup(p).hub(p + 48h);
  EXPECT_FALSE(fired(verdict(p + 100h), Detector::no_hub_48h));
}

TEST_F(Douyin2026, SameCityDeliveryIsNotNoHub) {
  const Instant p = paid_at + 5h;
  order.to("杭州市").upload(paid_at + 1h).pickup(p);
  order.scan(ScanKind::delivered, p + 30h, "杭州市", "西湖营业部");
  const Verdict v = verdict(p + 100h);
  EXPECT_FALSE(fired(v, Detector::no_hub_48h));
  EXPECT_TRUE(v.detectors.none()) << v.detectors;
}

TEST_F(Douyin2026, ReturnTheBuyerDidNotAskForFires) {
  for (ScanKind k : {ScanKind::returning, ScanKind::returned, ScanKind::cancelled}) {
    SCOPED_TRACE(sim::to_string(k));
    Shipment s = paid(paid_at).upload(paid_at + 1h).pickup(paid_at + 2h).hub(paid_at + 5h);
    s.scan(k, paid_at + 20h, "杭州市", "杭州市枢纽", sim::FacilityType::hub);
    const Verdict v = s.evaluate(paid_at + 30h, rules);
    EXPECT_TRUE(fired(v, Detector::unrequested_return));
    EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::violated);
  }
}

TEST_F(Douyin2026, ReturnTheBuyerAskedForIsBenign) {
  order.buyer_asked_for_return().upload(paid_at + 1h).pickup(paid_at + 2h).hub(paid_at + 5h);
  order.hub(paid_at + 30h, "北京市");
  order.scan(ScanKind::returning, paid_at + 40h, "北京市", "朝阳营业部");
  order.scan(ScanKind::returned, paid_at + 90h, "杭州市", "西湖营业部");
  const Verdict v = verdict(paid_at + 200h);
  EXPECT_TRUE(v.detectors.none()) << v.detectors;
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::ok);
  // The return leg after `returning` is not a stall either.
  EXPECT_EQ(v[Rule::transit_stall].outcome, Outcome::ok);
}

TEST_F(Douyin2026, Douyin2023HasNoneOfThe2026Detectors) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h);
  order.scan(ScanKind::returning, paid_at + 10h, "杭州市", "西湖营业部");
  const Verdict v = order.evaluate(paid_at + 200h, douyin2023());
  EXPECT_FALSE(fired(v, Detector::unrequested_return));
  EXPECT_FALSE(fired(v, Detector::no_hub_48h));
  EXPECT_FALSE(fired(verdict(paid_at + 200h), Detector::no_hub_48h));  // returning ends transit
  EXPECT_TRUE(fired(verdict(paid_at + 200h), Detector::unrequested_return));
}

TEST_F(Douyin2026, Douyin2023DetectorsStillFire) {
  order.upload(paid_at + 1h).pickup(paid_at + 2h).hub(paid_at + 3h, "乌鲁木齐市");
  order.scan(ScanKind::info_received, paid_at - 1h, "杭州市");
  const Verdict v = verdict(paid_at + 10h);
  EXPECT_TRUE(fired(v, Detector::scan_before_payment));
  EXPECT_TRUE(fired(v, Detector::impossible_route));
}

TEST_F(Douyin2026, LinehaulKnowsEveryHubWordInAnUntypedName) {
  for (const char* name : {"杭州转运中心", "杭州中转场", "杭州集散中心", "杭州分拨中心"}) {
    SCOPED_TRACE(name);
    Shipment s = paid(paid_at).upload(paid_at + 1h).pickup(paid_at + 5h);
    s.scan(ScanKind::arrive, paid_at + 10h, "杭州市", name);
    EXPECT_EQ(s.outcome(Rule::linehaul_timeout, paid_at + 100h, rules), Outcome::ok);
  }
}

TEST_F(Douyin2026, LinehaulNeedsArriveOrDepartNotAPickupAtAHub) {
  order.upload(paid_at + 1h)
      .scan(ScanKind::pickup, paid_at + 5h, "杭州市", "杭州转运中心", sim::FacilityType::hub);
  EXPECT_EQ(outcome(Rule::linehaul_timeout, paid_at + 29h + 1s), Outcome::violated);
  EXPECT_EQ(outcome(Rule::transit_stall, paid_at + 29h + 1s), Outcome::not_applicable);
}

TEST_F(Douyin2026, PickupScanOnlyDelaysPForShipTimeout) {
  Ruleset r = rules;
  r.pickup_evidence = PickupEvidence::pickup_scan_only;
  order.upload(paid_at + 1h).hub(paid_at + 20h).pickup(paid_at + 50h);
  EXPECT_EQ(order.outcome(Rule::ship_timeout, paid_at + 60h, rules), Outcome::ok);
  const RuleVerdict v = order.rule(Rule::ship_timeout, paid_at + 60h, r);
  EXPECT_EQ(v.outcome, Outcome::violated);
  EXPECT_EQ(v.event_at, paid_at + 50h);
}

}  // namespace
}  // namespace tracksim::harness::testing

// The douyin-2023 fake_shipment detectors, from docs/rules.md "Ruleset douyin-2023" 3: each firing
// and each staying quiet on a benign look-alike.
#include <gtest/gtest.h>

#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {
namespace {

class FakeShipment : public ::testing::Test {
 protected:
  const Instant paid_at = at("2023-03-01T10:00:00");
  const Instant later = paid_at + 200h;  // every scan below is visible by then
  // Uploaded an hour after payment, shipped from 杭州 to 北京.
  Shipment order = paid(paid_at).upload(paid_at + 1h);

  Verdict judge(const Shipment& s, const CrossOrderIndex& index = no_other_orders()) const {
    return s.evaluate(later, douyin2023(), index);
  }
  // A plausible track from 杭州 to 北京 over two days.
  Shipment& plain_track(Shipment& s) const {
    return s.scan(ScanKind::info_received, paid_at + 1h, "杭州市")
        .pickup(paid_at + 3h)
        .hub(paid_at + 6h, "杭州市")
        .hub(paid_at + 30h, "北京市")
        .scan(ScanKind::out_for_delivery, paid_at + 40h, "北京市", "朝阳营业部")
        .scan(ScanKind::delivered, paid_at + 44h, "北京市", "朝阳营业部");
  }
};

TEST_F(FakeShipment, PlainTrackFiresNothing) {
  plain_track(order);
  const Verdict v = judge(order);
  EXPECT_TRUE(v.detectors.none()) << v.detectors;
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::ok);
}

TEST_F(FakeShipment, IsNotApplicableWithoutAValidUpload) {
  Shipment none = paid(paid_at);
  EXPECT_EQ(judge(none)[Rule::fake_shipment].outcome, Outcome::not_applicable);
  Shipment invalid = paid(paid_at).upload(paid_at + 1h, kInvalidSfNumber);
  invalid.scan(ScanKind::pickup, paid_at - 1h, "杭州市");  // would fire with a valid number
  EXPECT_EQ(judge(invalid)[Rule::fake_shipment].outcome, Outcome::not_applicable);
}

TEST_F(FakeShipment, ScanBeforePaymentFiresEvenForInfoReceived) {
  plain_track(order).scan(ScanKind::info_received, paid_at - 1s, "杭州市");
  const Verdict v = judge(order);
  EXPECT_TRUE(fired(v, Detector::scan_before_payment));
  EXPECT_EQ(v.detectors.count(), 1u);
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::violated);
}

TEST_F(FakeShipment, ScanAtTheMomentOfPaymentIsNotBeforeIt) {
  plain_track(order).scan(ScanKind::info_received, paid_at, "杭州市");
  EXPECT_FALSE(fired(judge(order), Detector::scan_before_payment));
}

TEST_F(FakeShipment, ScanBeforePaymentWaitsForItsVisibility) {
  order.pickup(paid_at + 2h).scan(ScanKind::info_received, paid_at - 2h, "杭州市");
  order.visible_at(paid_at + 100h);
  EXPECT_FALSE(fired(order.evaluate(paid_at + 50h, douyin2023()), Detector::scan_before_payment));
  EXPECT_TRUE(fired(order.evaluate(paid_at + 100h, douyin2023()), Detector::scan_before_payment));
}

TEST_F(FakeShipment, ReusedNumberFlagsOnlyTheLaterOrderWithAnotherAddress) {
  Shipment first = paid(paid_at).id("A").to("北京市").upload(paid_at + 1h);
  Shipment second = paid(paid_at).id("B").to("上海市").upload(paid_at + 2h);
  plain_track(first);
  const CrossOrderIndex index = index_of({&first, &second});
  EXPECT_FALSE(fired(judge(first, index), Detector::reused_number));
  const Verdict v = judge(second, index);
  EXPECT_TRUE(fired(v, Detector::reused_number));
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::violated);
}

TEST_F(FakeShipment, ReusedNumberGoesByUploadTimeNotOrderId) {
  Shipment early = paid(paid_at).id("Z").to("北京市").upload(paid_at + 1h);
  Shipment late = paid(paid_at).id("A").to("上海市").upload(paid_at + 2h);
  const CrossOrderIndex index = index_of({&late, &early});
  EXPECT_FALSE(fired(judge(early, index), Detector::reused_number));
  EXPECT_TRUE(fired(judge(late, index), Detector::reused_number));
}

TEST_F(FakeShipment, ReusedNumberTiesAreBrokenByOrderId) {
  Shipment a = paid(paid_at).id("A").to("北京市").upload(paid_at + 1h);
  Shipment b = paid(paid_at).id("B").to("上海市").upload(paid_at + 1h);
  const CrossOrderIndex index = index_of({&b, &a});
  EXPECT_FALSE(fired(judge(a, index), Detector::reused_number));
  EXPECT_TRUE(fired(judge(b, index), Detector::reused_number));
}

TEST_F(FakeShipment, SameAddressIsACombinedShipmentAndNotReuse) {
  Shipment a = paid(paid_at).id("A").to("北京市").upload(paid_at + 1h);
  Shipment b = paid(paid_at).id("B").to("北京市").upload(paid_at + 2h);
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_FALSE(fired(judge(a, index), Detector::reused_number));
  EXPECT_FALSE(fired(judge(b, index), Detector::reused_number));
}

TEST_F(FakeShipment, ReusedNumberCountsAPhoneTailOrDistrictDifference) {
  Shipment a = paid(paid_at).id("A").to(address("北京市", "1234", "朝阳区")).upload(paid_at + 1h);
  Shipment phone =
      paid(paid_at).id("B").to(address("北京市", "9999", "朝阳区")).upload(paid_at + 2h);
  Shipment district =
      paid(paid_at).id("C").to(address("北京市", "1234", "海淀区")).upload(paid_at + 3h);
  const CrossOrderIndex index = index_of({&a, &phone, &district});
  EXPECT_FALSE(fired(judge(a, index), Detector::reused_number));
  EXPECT_TRUE(fired(judge(phone, index), Detector::reused_number));
  EXPECT_TRUE(fired(judge(district, index), Detector::reused_number));
}

TEST_F(FakeShipment, AnotherCarriersNumberIsNotReuse) {
  Shipment a =
      paid(paid_at).id("A").to("北京市").upload(paid_at + 1h, "123456789012", sim::Carrier::zto);
  Shipment b =
      paid(paid_at).id("B").to("上海市").upload(paid_at + 2h, "123456789012", sim::Carrier::sto);
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_FALSE(fired(judge(b, index), Detector::reused_number));
}

TEST_F(FakeShipment, ConsigneeCityOtherThanTheOrdersFiresRecipientMismatch) {
  plain_track(order).consignee("上海市", "1234");
  EXPECT_TRUE(fired(judge(order), Detector::recipient_mismatch));
  order.consignee("北京市", "1234");
  EXPECT_FALSE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, ConsigneePhoneTailOtherThanTheOrdersFiresRecipientMismatch) {
  plain_track(order).consignee("北京市", "5678");
  EXPECT_TRUE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, ConsigneeNotShownIsNoMismatch) {
  plain_track(order);
  order.consignee_city = sim::geo::kNoCity;
  order.consignee_phone_tail = "";
  EXPECT_FALSE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, DeliveryInAnotherCityFiresRecipientMismatch) {
  for (ScanKind k : {ScanKind::out_for_delivery, ScanKind::locker, ScanKind::delivered}) {
    SCOPED_TRACE(sim::to_string(k));
    Shipment s = paid(paid_at).upload(paid_at + 1h).pickup(paid_at + 2h);
    s.hub(paid_at + 10h, "杭州市").scan(k, paid_at + 40h, "上海市", "浦东营业部");
    EXPECT_TRUE(fired(judge(s), Detector::recipient_mismatch));
  }
}

TEST_F(FakeShipment, TransitThroughAnotherCityIsNoMismatch) {
  plain_track(order).hub(paid_at + 20h, "上海市");
  EXPECT_FALSE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, TheSameScanTwiceFiresRepeatedScans) {
  plain_track(order).hub(paid_at + 30h, "北京市");  // a copy of the 北京 hub scan
  EXPECT_TRUE(fired(judge(order), Detector::repeated_scans));
}

TEST_F(FakeShipment, SimilarScansAtDifferentTimesAreNotRepeated) {
  plain_track(order).hub(paid_at + 30h + 1s, "北京市");
  EXPECT_FALSE(fired(judge(order), Detector::repeated_scans));
}

TEST_F(FakeShipment, ArriveAndDepartAtOneMomentAreNotRepeated) {
  plain_track(order).scan(ScanKind::depart, paid_at + 30h, "北京市", "北京市枢纽",
                          sim::FacilityType::hub);
  EXPECT_FALSE(fired(judge(order), Detector::repeated_scans));
}

TEST_F(FakeShipment, CopiedTrackFlagsBothNumbers) {
  Shipment a = paid(paid_at).id("A").upload(paid_at + 1h, kSfNumber);
  Shipment b = paid(paid_at).id("B").to("上海市").upload(paid_at + 2h, kOtherSfNumber);
  plain_track(a);
  plain_track(b);
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_TRUE(fired(judge(a, index), Detector::copied_track));
  EXPECT_TRUE(fired(judge(b, index), Detector::copied_track));
  EXPECT_EQ(judge(a, index)[Rule::fake_shipment].outcome, Outcome::violated);
}

TEST_F(FakeShipment, CopiedTrackNeedsThreePhysicalScans) {
  Shipment a = paid(paid_at).id("A").upload(paid_at + 1h, kSfNumber);
  Shipment b = paid(paid_at).id("B").upload(paid_at + 2h, kOtherSfNumber);
  for (Shipment* s : {&a, &b}) {
    s->scan(ScanKind::info_received, paid_at + 1h, "杭州市").pickup(paid_at + 3h).hub(paid_at + 6h);
  }
  const CrossOrderIndex two = index_of({&a, &b});
  EXPECT_FALSE(fired(judge(a, two), Detector::copied_track));
  EXPECT_FALSE(fired(judge(b, two), Detector::copied_track));
  a.hub(paid_at + 30h, "北京市");
  b.hub(paid_at + 30h, "北京市");
  const CrossOrderIndex three = index_of({&a, &b});
  EXPECT_TRUE(fired(judge(a, three), Detector::copied_track));
  EXPECT_TRUE(fired(judge(b, three), Detector::copied_track));
}

TEST_F(FakeShipment, TracksDifferingInOneScanTimeAreNotCopies) {
  Shipment a = paid(paid_at).id("A").upload(paid_at + 1h, kSfNumber);
  Shipment b = paid(paid_at).id("B").upload(paid_at + 2h, kOtherSfNumber);
  plain_track(a);
  plain_track(b);
  b.scans.back().at += 1min;
  b.scans.back().visible_at += 1min;
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_FALSE(fired(judge(a, index), Detector::copied_track));
  EXPECT_FALSE(fired(judge(b, index), Detector::copied_track));
}

TEST_F(FakeShipment, CopiedTrackMinimumIsAParameter) {
  Ruleset r = douyin2023();
  r.copied_track_min_scans = 2;
  Shipment a = paid(paid_at).id("A").upload(paid_at + 1h, kSfNumber);
  Shipment b = paid(paid_at).id("B").upload(paid_at + 2h, kOtherSfNumber);
  for (Shipment* s : {&a, &b}) s->pickup(paid_at + 3h).hub(paid_at + 6h);
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_TRUE(fired(a.evaluate(later, r, index), Detector::copied_track));
  EXPECT_FALSE(fired(judge(a, index), Detector::copied_track));
}

TEST_F(FakeShipment, HangzhouToUrumqiInOneHourIsAnImpossibleRoute) {
  order.pickup(paid_at + 3h).hub(paid_at + 4h, "乌鲁木齐市");
  const Verdict v = judge(order);
  EXPECT_TRUE(fired(v, Detector::impossible_route));
  EXPECT_EQ(v[Rule::fake_shipment].outcome, Outcome::violated);
}

TEST_F(FakeShipment, HangzhouToUrumqiInTwoDaysIsPlausible) {
  order.pickup(paid_at + 3h).hub(paid_at + 51h, "乌鲁木齐市");
  EXPECT_FALSE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, ZeroGapBetweenFarCitiesIsAnImpossibleRoute) {
  ASSERT_GT(sim::geo::distance_km(city("杭州市"), city("北京市")), 100.0);
  order.pickup(paid_at + 3h).hub(paid_at + 3h, "北京市");
  EXPECT_TRUE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, ZeroGapWithinOneCityIsFine) {
  order.pickup(paid_at + 3h).hub(paid_at + 3h, "杭州市");
  EXPECT_FALSE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, HangzhouToNingboInFiveMinutesIsAnImpossibleRoute) {
  const double km = sim::geo::distance_km(city("杭州市"), city("宁波市"));
  ASSERT_GT(km, 100.0);  // about 150 km
  ASSERT_LT(km, 200.0);
  order.pickup(paid_at + 3h).hub(paid_at + 3h + 5min, "宁波市");
  EXPECT_TRUE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, HangzhouToNingboInFifteenMinutesIsUnderTheSpeedLimit) {
  // <= 200 km in 15 minutes is at most 800 km/h.
  order.pickup(paid_at + 3h).hub(paid_at + 3h + 15min, "宁波市");
  EXPECT_FALSE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, MaxTransitSpeedIsAParameter) {
  // >= 100 km in 15 minutes is at least 400 km/h.
  order.pickup(paid_at + 3h).hub(paid_at + 3h + 15min, "宁波市");
  Ruleset r = douyin2023();
  r.max_transit_speed_kmh = 300;
  EXPECT_TRUE(fired(order.evaluate(later, r), Detector::impossible_route));
}

TEST_F(FakeShipment, ShanghaiToHangzhouInOneMinuteIsImpossibleButInThreeHoursIsNot) {
  Shipment fast = paid(paid_at).upload(paid_at + 1h).pickup(paid_at + 3h, "上海市");
  fast.hub(paid_at + 3h + 1min, "杭州市");
  EXPECT_TRUE(fired(judge(fast), Detector::impossible_route));
  Shipment slow = paid(paid_at).upload(paid_at + 1h).pickup(paid_at + 3h, "上海市");
  slow.hub(paid_at + 6h, "杭州市");
  EXPECT_FALSE(fired(judge(slow), Detector::impossible_route));
}

TEST_F(FakeShipment, ScansListedOutOfOrderAreNotAnImpossibleRoute) {
  // Listed 北京, 杭州 but happened 杭州 then 北京 a day later.
  order.hub(paid_at + 30h, "北京市").pickup(paid_at + 3h);
  EXPECT_FALSE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, InfoReceivedIsNotAStopOnTheRoute) {
  order.pickup(paid_at + 3h)
      .scan(ScanKind::info_received, paid_at + 3h + 10min, "乌鲁木齐市")
      .hub(paid_at + 3h + 20min, "杭州市");
  EXPECT_FALSE(fired(judge(order), Detector::impossible_route));
}

TEST_F(FakeShipment, LongStallAndScanLagFireNothing) {
  order.pickup(paid_at + 3h).visible_at(paid_at + 20h);
  order.hub(paid_at + 6h, "杭州市").hub(paid_at + 100h, "北京市");
  order.scan(ScanKind::delivered, paid_at + 110h, "北京市", "朝阳营业部")
      .visible_at(paid_at + 150h);
  const Verdict v = judge(order);
  EXPECT_TRUE(v.detectors.none()) << v.detectors;
}

TEST_F(FakeShipment, FailedAttemptInAnotherCityIsNoMismatch) {
  plain_track(order).scan(ScanKind::failed_attempt, paid_at + 39h, "上海市", "浦东营业部");
  EXPECT_FALSE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, ConsigneeCityShownWithoutPhoneTailComparesTheCityOnly) {
  plain_track(order).consignee("北京市", "");
  EXPECT_FALSE(fired(judge(order), Detector::recipient_mismatch));
}

TEST_F(FakeShipment, MinRouteDistanceIsAParameter) {
  order.pickup(paid_at + 3h).hub(paid_at + 3h + 5min, "宁波市");
  Ruleset r = douyin2023();
  r.min_route_distance_km = 250;  // 杭州 - 宁波 is about 150 km
  EXPECT_FALSE(fired(order.evaluate(later, r), Detector::impossible_route));
}

TEST_F(FakeShipment, ACopyUploadedAfterNowIsNotSeenYet) {
  Shipment a = paid(paid_at).id("A").upload(paid_at + 1h, kSfNumber);
  Shipment b = paid(paid_at).id("B").upload(later + 10h, kOtherSfNumber);
  plain_track(a);
  plain_track(b);
  const CrossOrderIndex index = index_of({&a, &b});
  EXPECT_FALSE(fired(judge(a, index), Detector::copied_track));
  EXPECT_TRUE(fired(a.evaluate(later + 10h, douyin2023(), index), Detector::copied_track));
}

TEST_F(FakeShipment, ARepeatWaitsForTheCopyToBeVisible) {
  plain_track(order).hub(paid_at + 30h, "北京市").visible_at(later + 1h);
  EXPECT_FALSE(fired(judge(order), Detector::repeated_scans));
  EXPECT_TRUE(fired(order.evaluate(later + 1h, douyin2023()), Detector::repeated_scans));
}

}  // namespace
}  // namespace tracksim::harness::testing

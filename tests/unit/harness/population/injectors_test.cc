// Each fault injector injects what its name says, and the label follows: checked against the
// label's intent and, independently, against the rule engine on the injected timeline.
#include "harness/population/injectors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "harness/rules/engine.h"
#include "sim/timeline/route.h"
#include "tests/support/engine_fixture.h"

namespace tracksim::harness {
namespace {

using testing::address;
using testing::at;
using testing::douyin2023;
using testing::douyin2026;
constexpr sim::Duration kHour{3600};

std::size_t idx(Detector d) { return static_cast<std::size_t>(d); }
Outcome outcome(const Label& l, Rule r) { return l.outcomes[static_cast<std::size_t>(r)]; }

// A clean in-stock order 杭州 -> 北京: paid 2023-02-01 10:00, uploaded +5h, picked up +8h.
OrderDraft clean(std::string number = "SF1234567890123", std::string id = "A1",
                 sim::Duration offset = sim::Duration(0)) {
  OrderDraft d;
  d.order.id = std::move(id);
  d.order.paid_at = at("2023-02-01T10:00:00") + offset;
  d.order.ship_from = address("杭州市");
  d.order.ship_to = address("北京市", "5678");
  d.order.upload = Upload{d.order.paid_at + 5 * kHour, sim::Carrier::sf, number};
  d.parcel.carrier = sim::Carrier::sf;
  d.parcel.number = number;
  sim::Scan info;
  info.at = info.visible_at = d.order.paid_at + 4 * kHour;
  d.parcel.scans.push_back(info);
  sim::RouteRequest req{sim::Carrier::sf,
                        d.order.ship_from.city,
                        d.order.ship_to.city,
                        d.order.paid_at + 8 * kHour,
                        11,
                        false,
                        false};
  for (auto& s : sim::build_route(req)) d.parcel.scans.push_back(s);
  d.facts.valid_upload = true;
  summarize_route(d);
  return d;
}

// The engine's verdict at a late `until` with every draft in the cross-order index.
Verdict engine(const OrderDraft& d, const Ruleset& rs, const std::vector<const OrderDraft*>& all) {
  CrossOrderIndex index;
  for (const OrderDraft* o : all) {
    if (o->order.upload && is_valid_number(o->order.upload->carrier, o->order.upload->number)) {
      index.add_upload(o->order);
    }
    if (o->has_parcel) index.add_track(o->parcel.carrier, o->parcel.number, o->parcel.scans);
  }
  index.seal();
  const sim::Parcel* shown = nullptr;
  for (const OrderDraft* o : all) {
    if (o->has_parcel && d.order.upload && o->parcel.number == d.order.upload->number) {
      shown = &o->parcel;
    }
  }
  TrackingView view;
  if (shown) {
    view.scans = shown->scans;
    view.consignee_city = shown->consignee_city;
    view.consignee_phone_tail = shown->consignee_phone_tail;
  }
  return evaluate(d.order, view, at("2023-03-15T00:00:00"), rs, index);
}

void expect_engine_agrees(const OrderDraft& d, const Ruleset& rs,
                          std::vector<const OrderDraft*> all = {}) {
  if (all.empty()) all = {&d};
  const Label label = label_order(d.order, d.facts, rs);
  const Verdict v = engine(d, rs, all);
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    EXPECT_EQ(label.outcomes[i], v.rules[i].outcome) << rs.name << " " << rule_names()[i];
  }
  EXPECT_EQ(label.detectors, v.detectors) << rs.name;
}

TEST(Injectors, CleanOrderIsOkEverywhere) {
  const OrderDraft d = clean();
  for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
    const Label l = label_order(d.order, d.facts, *rs);
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      if (rs->has(static_cast<Rule>(i))) {
        EXPECT_EQ(l.outcomes[i], Outcome::ok) << rule_names()[i];
      }
    }
    expect_engine_agrees(d, *rs);
  }
}

TEST(Injectors, NoUploadAndInvalidNumberLeaveNothingToSee) {
  OrderDraft a = clean();
  ASSERT_TRUE(inject_no_upload(a));
  OrderDraft b = clean();
  sim::Rng rng(3);
  ASSERT_TRUE(inject_invalid_number(b, rng));
  EXPECT_FALSE(sim::is_valid_number(b.order.upload->carrier, b.order.upload->number));
  for (const OrderDraft* d : {&a, &b}) {
    const Label l = label_order(d->order, d->facts, douyin2023());
    EXPECT_EQ(outcome(l, Rule::ship_timeout), Outcome::violated);
    EXPECT_EQ(outcome(l, Rule::pickup_timeout), Outcome::violated);  // in_stock: from payment
    EXPECT_EQ(outcome(l, Rule::fake_shipment), Outcome::not_applicable);
    expect_engine_agrees(*d, douyin2023());
    expect_engine_agrees(*d, douyin2026());
  }
}

TEST(Injectors, LateUploadLandsHoursAfterTheShipDeadline) {
  for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
    OrderDraft d = clean();
    sim::Rng rng(5);
    ASSERT_TRUE(inject_late_upload(d, *rs, rng));
    EXPECT_GE(d.order.upload->at - ship_deadline(d.order, *rs), 2 * kHour);
    EXPECT_EQ(outcome(label_order(d.order, d.facts, *rs), Rule::ship_timeout), Outcome::violated);
    expect_engine_agrees(d, *rs);
  }
}

TEST(Injectors, LatePickupLandsHoursPastThePickupDeadline) {
  for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
    OrderDraft d = clean();
    sim::Rng rng(6);
    ASSERT_TRUE(inject_late_pickup(d, *rs, rng));
    EXPECT_GE(*d.facts.first_physical - *pickup_deadline_for(d.order, *rs), 2 * kHour);
    const Label l = label_order(d.order, d.facts, *rs);
    EXPECT_EQ(outcome(l, Rule::pickup_timeout), Outcome::violated);
    expect_engine_agrees(d, *rs);
  }
}

TEST(Injectors, NeverPickedUpKeepsOnlyTheElectronicScan) {
  OrderDraft d = clean();
  ASSERT_TRUE(inject_never_picked_up(d));
  ASSERT_EQ(d.parcel.scans.size(), 1U);
  const Label l = label_order(d.order, d.facts, douyin2026());
  EXPECT_EQ(outcome(l, Rule::pickup_timeout), Outcome::violated);
  EXPECT_EQ(outcome(l, Rule::linehaul_timeout), Outcome::not_applicable);
  EXPECT_TRUE(l.detectors.test(idx(Detector::no_pickup_48h)));
  expect_engine_agrees(d, douyin2023());
  expect_engine_agrees(d, douyin2026());
}

TEST(Injectors, MissingPickupScanMovesPickupToTheNextScan) {
  OrderDraft d = clean();
  const sim::Instant second = d.parcel.scans[2].at;
  ASSERT_TRUE(inject_missing_pickup_scan(d));
  EXPECT_EQ(*d.facts.first_physical, second);
  EXPECT_FALSE(d.facts.first_pickup_scan.has_value());
  expect_engine_agrees(d, douyin2023());
  expect_engine_agrees(d, douyin2026());
}

TEST(Injectors, ScanFaultsFireExactlyTheirDetector) {
  struct Case {
    Detector detector;
    bool (*inject)(OrderDraft&, sim::Rng&);
  };
  const Case cases[] = {
      {Detector::recipient_mismatch, &inject_recipient_mismatch},
      {Detector::repeated_scans, &inject_repeated_scans},
      {Detector::scan_before_payment, &inject_scan_before_payment},
      {Detector::impossible_route,
       [](OrderDraft& d, sim::Rng& r) { return inject_impossible_route(d, douyin2023(), r); }},
  };
  for (const Case& c : cases) {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      OrderDraft d = clean();
      sim::Rng rng(seed);
      ASSERT_TRUE(c.inject(d, rng)) << to_string(c.detector);
      for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
        DetectorSet want;
        want.set(idx(c.detector));
        EXPECT_EQ(label_order(d.order, d.facts, *rs).detectors, want) << to_string(c.detector);
        expect_engine_agrees(d, *rs);
      }
    }
  }
}

TEST(Injectors, BenignFaultsChangeNoOutcome) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    OrderDraft d = clean();
    const Label before = label_order(d.order, d.facts, douyin2026());
    sim::Rng rng(seed);
    ASSERT_TRUE(inject_scan_lag(d, rng));
    ASSERT_TRUE(inject_out_of_order_listing(d, rng));
    EXPECT_TRUE(std::any_of(d.parcel.scans.begin(), d.parcel.scans.end(),
                            [](const sim::Scan& s) { return s.visible_at > s.at; }));
    EXPECT_EQ(label_order(d.order, d.facts, douyin2026()), before);
    expect_engine_agrees(d, douyin2023());
    expect_engine_agrees(d, douyin2026());
  }
}

TEST(Injectors, ReusedNumberFlagsOnlyTheLaterOrder) {
  const OrderDraft first = clean("SF1111111111111", "A1");
  OrderDraft second = clean("SF2222222222222", "A2", 30 * kHour);
  second.order.ship_to = address("上海市", "9999");
  ASSERT_TRUE(inject_reused_number(second, first));
  EXPECT_EQ(second.order.upload->number, first.order.upload->number);
  const Label l = label_order(second.order, second.facts, douyin2023());
  EXPECT_TRUE(l.detectors.test(idx(Detector::reused_number)));
  EXPECT_TRUE(l.detectors.test(idx(Detector::recipient_mismatch)));  // delivered in 北京
  EXPECT_TRUE(label_order(first.order, first.facts, douyin2023()).detectors.none());
  for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
    expect_engine_agrees(second, *rs, {&first, &second});
    expect_engine_agrees(first, *rs, {&first, &second});
  }
}

TEST(Injectors, CopiedTrackFlagsBothNumbers) {
  OrderDraft donor = clean("SF1111111111111", "A1");
  OrderDraft copier = clean("SF2222222222222", "A2", kHour);
  ASSERT_TRUE(inject_copied_track(copier, donor, douyin2023()));
  for (const Ruleset* rs : {&douyin2023(), &douyin2026()}) {
    EXPECT_TRUE(
        label_order(donor.order, donor.facts, *rs).detectors.test(idx(Detector::copied_track)));
    EXPECT_TRUE(
        label_order(copier.order, copier.facts, *rs).detectors.test(idx(Detector::copied_track)));
    expect_engine_agrees(copier, *rs, {&donor, &copier});
    expect_engine_agrees(donor, *rs, {&donor, &copier});
  }
}

}  // namespace
}  // namespace tracksim::harness

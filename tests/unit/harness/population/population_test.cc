// The population generator: determinism, split independence, the combination rules, and the
// `generate:` block, `write_scenario_yaml` and `tracksim generate` around it.
#include "harness/population/population.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "harness/scenario/loader.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/writer.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"
#include "tests/support/same_text.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

const Ruleset& rs2023() {
  static const RulesetPtr rs = *load_ruleset("douyin-2023");
  return *rs;
}

GenerateSpec spec(std::size_t orders, double p) {
  GenerateSpec g;
  g.seed = 42;
  g.orders = orders;
  g.start = *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  g.fault_ppm.fill(sim::probability_ppm(p));
  return g;
}

std::string yaml_of(const GenerateSpec& g) {
  Scenario s;
  s.name = "p";
  s.ruleset_name = "douyin-2023";
  s.ruleset = *load_ruleset("douyin-2023");
  s.start = g.start;
  add_population(s, generate_population(g, *s.ruleset), true, "generate");
  return write_scenario_yaml(s);
}

TEST(Population, SameSeedWritesTheSameBytes) {
  EXPECT_TRUE(testing::same_text(yaml_of(spec(300, 0.05)), yaml_of(spec(300, 0.05))));
  GenerateSpec other = spec(300, 0.05);
  other.seed = 43;
  EXPECT_NE(yaml_of(spec(300, 0.05)), yaml_of(other));
}

TEST(Population, ChangingOneFaultProbabilityKeepsEveryBaseDraw) {
  const GenerateSpec a = spec(200, 0.03);
  GenerateSpec b = a;
  b.fault_ppm[static_cast<std::size_t>(Fault::late_pickup)] = sim::probability_ppm(0.5);
  b.fault_ppm[static_cast<std::size_t>(Fault::scan_lag)] = 0;
  for (std::size_t i = 0; i < a.orders; ++i) {
    const BaseDraw x = draw_base(a, rs2023(), i);
    const BaseDraw y = draw_base(b, rs2023(), i);
    EXPECT_EQ(x.order.paid_at, y.order.paid_at);
    EXPECT_EQ(x.order.upload->number, y.order.upload->number);
    EXPECT_EQ(x.pickup_at, y.pickup_at);
    EXPECT_EQ(x.route_seed, y.route_seed);
  }
  // And the generated orders without faults in either run are identical (copied_track donors
  // aside: which earlier order lends its track depends on the other orders' faults).
  const Population pa = generate_population(a, rs2023());
  const Population pb = generate_population(b, rs2023());
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.orders; ++i) {
    const auto copied = static_cast<std::size_t>(Detector::copied_track);
    const bool donor = pa.labels[i].detectors.test(copied) || pb.labels[i].detectors.test(copied);
    if (pa.faults[i].none() && pb.faults[i].none() && !donor) {
      ++same;
      EXPECT_EQ(pa.orders[i].upload->at, pb.orders[i].upload->at);
      EXPECT_EQ(pa.labels[i], pb.labels[i]);
    }
  }
  EXPECT_GT(same, 50U);
}

TEST(Population, OrderIDependsOnlyOnItsOwnStream) {
  // Order 5 of a 10-order and a 100-order population draws the same base.
  GenerateSpec small = spec(10, 0);
  GenerateSpec big = spec(100, 0);
  EXPECT_EQ(draw_base(small, rs2023(), 5).order.paid_at, draw_base(big, rs2023(), 5).order.paid_at);
  EXPECT_EQ(draw_base(small, rs2023(), 5).route_seed, draw_base(big, rs2023(), 5).route_seed);
}

TEST(Population, FaultRatesFollowTheProbabilities) {
  GenerateSpec g = spec(5000, 0);
  g.fault_ppm[static_cast<std::size_t>(Fault::repeated_scans)] = 100'000;  // 10%
  const Population p = generate_population(g, rs2023());
  std::size_t n = 0;
  for (const FaultSet& f : p.faults) n += f.test(static_cast<std::size_t>(Fault::repeated_scans));
  EXPECT_NEAR(static_cast<double>(n) / 5000.0, 0.10, 0.015);
}

TEST(Population, NoUploadExcludesEveryOtherFault) {
  const Population p = generate_population(spec(2000, 0.2), rs2023());
  for (const FaultSet& f : p.faults) {
    if (f.test(static_cast<std::size_t>(Fault::no_upload))) {
      EXPECT_EQ(f.count(), 1U);
    }
    if (f.test(static_cast<std::size_t>(Fault::never_picked_up))) {
      EXPECT_FALSE(f.test(static_cast<std::size_t>(Fault::late_pickup)));
    }
  }
}

constexpr const char* kGenerated = R"(name: gen
ruleset: douyin-2026
start: 2026-03-02T00:00:00+08:00
generate:
  seed: 9
  orders: 150
  kinds: {in_stock: 0.6, presale: 0.2, custom: 0.2}
  faults: {late_pickup: 0.1, copied_track: 0.05, scan_lag: 0.2}
  expect: labels
)";

TEST(GenerateBlock, ExpandsIntoLabelledOrders) {
  auto r = parse_scenarios(kGenerated, "g.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  const Scenario& s = (*r)[0];
  ASSERT_EQ(s.orders.size(), 150U);
  EXPECT_TRUE(s.orders[0].expect.has_value());
  EXPECT_FALSE(s.parcels.empty());
}

TEST(GenerateBlock, UnknownFaultSuggestsTheRightOne) {
  std::string bad = kGenerated;
  bad.replace(bad.find("late_pickup"), 11, "late_pikup");
  auto r = parse_scenarios(bad, "g.yaml");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().to_string(), HasSubstr("g.yaml:8:"));
  EXPECT_THAT(r.error().to_string(), HasSubstr("did you mean 'late_pickup'"));
}

TEST(GenerateBlock, ProbabilityAboveOneIsAnError) {
  std::string bad = kGenerated;
  bad.replace(bad.find("0.1,"), 3, "1.5");
  auto r = parse_scenarios(bad, "g.yaml");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().to_string(), HasSubstr("from 0 to 1"));
}

// Everything but file locations.
void expect_same_model(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.until, b.until);
  EXPECT_EQ(a.ruleset->name, b.ruleset->name);
  ASSERT_EQ(a.orders.size(), b.orders.size());
  for (std::size_t i = 0; i < a.orders.size(); ++i) {
    const Order& x = a.orders[i].order;
    const Order& y = b.orders[i].order;
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.paid_at, y.paid_at);
    EXPECT_EQ(x.promise.type, y.promise.type);
    EXPECT_EQ(x.promise.within, y.promise.within);
    EXPECT_EQ(x.promise.ship_by, y.promise.ship_by);
    EXPECT_EQ(x.amount, y.amount);
    EXPECT_EQ(x.ship_from, y.ship_from);
    EXPECT_EQ(x.ship_to, y.ship_to);
    ASSERT_EQ(x.upload.has_value(), y.upload.has_value());
    if (x.upload) {
      EXPECT_EQ(x.upload->at, y.upload->at);
      EXPECT_EQ(x.upload->carrier, y.upload->carrier);
      EXPECT_EQ(x.upload->number, y.upload->number);
    }
    const auto& ex = a.orders[i].expect;
    const auto& ey = b.orders[i].expect;
    ASSERT_EQ(ex.has_value(), ey.has_value());
    if (ex) {
      EXPECT_EQ(ex->outcomes, ey->outcomes) << x.id;
      EXPECT_EQ(ex->detectors, ey->detectors) << x.id;
    }
  }
  ASSERT_EQ(a.parcels.size(), b.parcels.size());
  for (std::size_t i = 0; i < a.parcels.size(); ++i) {
    const ParcelSpec& p = a.parcels[i];
    const ParcelSpec& q = b.parcels[i];
    EXPECT_EQ(p.number, q.number);
    EXPECT_EQ(p.consignee_city, q.consignee_city);
    EXPECT_EQ(p.consignee_phone_tail, q.consignee_phone_tail);
    ASSERT_EQ(p.scans.size(), q.scans.size());
    for (std::size_t k = 0; k < p.scans.size(); ++k) {
      EXPECT_EQ(p.scans[k].at, q.scans[k].at);
      EXPECT_EQ(p.scans[k].visible_at, q.scans[k].visible_at);
      EXPECT_EQ(p.scans[k].kind, q.scans[k].kind);
      EXPECT_EQ(p.scans[k].city, q.scans[k].city);
      EXPECT_EQ(p.scans[k].facility, q.scans[k].facility);
      EXPECT_EQ(p.scans[k].facility_type, q.scans[k].facility_type);
    }
  }
}

TEST(ScenarioWriter, RoundTripsAGeneratedScenario) {
  auto first = parse_scenarios(kGenerated, "g.yaml");
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  const std::string text = write_scenario_yaml((*first)[0]);
  auto second = parse_scenarios(text, "w.yaml");
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  expect_same_model((*first)[0], (*second)[0]);
  EXPECT_TRUE(testing::same_text(text, write_scenario_yaml((*second)[0])));
}

TEST(ScenarioWriter, QuotesAllDigitNumbersAndEscapesText) {
  Scenario s = (*parse_scenarios(kGenerated, "g.yaml"))[0];
  s.name = "a \"quoted\" name: with colon";
  s.orders[0].order.upload->number = "73190553102532";
  const std::string text = write_scenario_yaml(s);
  EXPECT_THAT(text, HasSubstr("number: \"73190553102532\""));
  auto back = parse_scenarios(text, "w.yaml");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ((*back)[0].name, s.name);
}

}  // namespace
}  // namespace tracksim::harness

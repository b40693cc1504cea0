// End to end: judge_scenario on generated populations meets every label in both rulesets.
#include <gtest/gtest.h>

#include <string>

#include "harness/population/population.h"
#include "harness/runner/judge.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

Scenario generated(const std::string& ruleset, std::size_t orders, double p, std::uint64_t seed) {
  Scenario s;
  s.name = "generated " + ruleset;
  s.ruleset_name = ruleset;
  s.ruleset = *load_ruleset(ruleset);
  s.start = *sim::parse_timestamp(ruleset == "douyin-2023" ? "2023-02-01T00:00:00+08:00"
                                                           : "2026-03-02T00:00:00+08:00");
  GenerateSpec spec;
  spec.seed = seed;
  spec.orders = orders;
  spec.start = s.start;
  spec.fault_ppm.fill(sim::probability_ppm(p));
  add_population(s, generate_population(spec, *s.ruleset), true, "generate");
  return s;
}

std::string first_mismatches(const ScenarioResult& r) {
  std::string out;
  int shown = 0;
  for (const OrderResult& o : r.orders) {
    for (const Mismatch& m : o.mismatches) {
      if (shown++ < 20) {
        out += o.id + ": " + m.key + " expected " + m.expected + " got " + m.actual + "\n";
      }
    }
  }
  return out;
}

void expect_all_labels_met(const std::string& ruleset) {
  const Scenario s = generated(ruleset, 2000, 0.03, 7);
  const ScenarioResult r = judge_scenario(s);
  std::size_t mismatches = 0;
  std::size_t checks = 0;
  std::size_t fake = 0;
  for (const OrderResult& o : r.orders) {
    mismatches += o.mismatches.size();
    checks += o.checks;
    if (o.detectors.any()) ++fake;
  }
  // Every rule is compared for every order (and the detector set where fake_shipment applies).
  EXPECT_GT(checks, 2000U * s.ruleset->rules.count());
  EXPECT_GT(fake, 100U);
  EXPECT_EQ(mismatches, 0U) << first_mismatches(r);
  EXPECT_EQ(r.orders.size(), 2000U);
}

TEST(PopulationEndToEnd, EveryLabelHoldsUnderDouyin2023) { expect_all_labels_met("douyin-2023"); }
TEST(PopulationEndToEnd, EveryLabelHoldsUnderDouyin2026) { expect_all_labels_met("douyin-2026"); }

}  // namespace
}  // namespace tracksim::harness

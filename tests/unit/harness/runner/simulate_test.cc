// The streaming simulate driver: totals independent of the thread count and equal to judging
// the same population with judge_scenario; chunked generation equal to the whole population.
#include "harness/runner/simulate.h"

#include <gtest/gtest.h>

#include <array>

#include "harness/runner/judge.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "harness/scenario/writer.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"
#include "tests/support/same_text.h"

namespace tracksim::harness {
namespace {

const RulesetPtr& rs2026() {
  static const RulesetPtr rs = *load_ruleset("douyin-2026");
  return rs;
}

GenerateSpec spec(std::size_t orders) {
  GenerateSpec g;
  g.seed = 11;
  g.orders = orders;
  g.start = *sim::parse_timestamp("2026-03-01T00:00:00+08:00");
  g.fault_ppm.fill(sim::probability_ppm(0.05));
  return g;
}

Scenario scenario_of(Population p) {
  Scenario s;
  s.name = "p";
  s.ruleset_name = rs2026()->name;
  s.ruleset = rs2026();
  s.start = *sim::parse_timestamp("2026-03-01T00:00:00+08:00");
  add_population(s, std::move(p), true, "generate");
  return s;
}

TEST(Simulate, TotalsAreTheSameOnOneAndTwoThreads) {
  SimulateSpec one;
  one.generate = spec(2'500);
  one.chunk = 300;  // nine chunks: the threads interleave them
  one.threads = 1;
  SimulateSpec two = one;
  two.threads = 2;
  const SimulateTotals a = simulate(one, *rs2026());
  EXPECT_EQ(a.orders, 2'500u);
  EXPECT_EQ(a.label_mismatches, 0u);
  EXPECT_GT(a.rules[static_cast<std::size_t>(Rule::ship_timeout)].count(Outcome::violated), 0u);
  EXPECT_TRUE(a == simulate(two, *rs2026()));
}

TEST(Simulate, TotalsEqualJudgingThePopulationWithJudgeScenario) {
  SimulateSpec s;
  s.generate = spec(400);
  s.threads = 2;
  const SimulateTotals t = simulate(s, *rs2026());
  const ScenarioResult r = judge_scenario(scenario_of(generate_population(s.generate, *rs2026())));
  ASSERT_EQ(r.orders.size(), t.orders);
  std::array<std::array<std::uint64_t, 4>, kRuleCount> outcomes{};
  std::array<std::uint64_t, kDetectorCount> detectors{};
  std::int64_t yuan = 0;
  std::uint64_t failed = 0;
  for (const OrderResult& o : r.orders) {
    for (std::size_t i = 0; i < kRuleCount; ++i)
      ++outcomes[i][static_cast<std::size_t>(o.outcomes[i])];
    for (std::size_t d = 0; d < kDetectorCount; ++d) {
      if (o.detectors.test(d)) ++detectors[d];
    }
    yuan += o.compensation_yuan;
    if (!o.passed()) ++failed;
  }
  for (std::size_t i = 0; i < kRuleCount; ++i) EXPECT_EQ(t.rules[i].outcomes, outcomes[i]) << i;
  EXPECT_EQ(t.detectors, detectors);
  EXPECT_EQ(t.compensation_yuan, yuan);
  EXPECT_GT(yuan, 0);
  EXPECT_EQ(t.label_mismatches, failed);
  EXPECT_EQ(failed, 0u);
}

TEST(Simulate, AMislabelledOrderCountsAsALabelMismatch) {
  Population p = generate_population(spec(50), *rs2026());
  const auto rule = static_cast<std::size_t>(Rule::ship_timeout);
  p.labels[7].outcomes[rule] =
      p.labels[7].outcomes[rule] == Outcome::ok ? Outcome::violated : Outcome::ok;
  SimulateTotals t;
  judge_population_into(p, *rs2026(), t);
  EXPECT_EQ(t.label_mismatches, 1u);
}

TEST(Simulate, OrdersGeneratedInOneRangeEqualTheWholePopulation) {
  const GenerateSpec g = spec(700);
  const std::string whole = write_scenario_yaml(scenario_of(generate_population(g, *rs2026())));
  EXPECT_TRUE(testing::same_text(
      whole, write_scenario_yaml(scenario_of(generate_orders(g, *rs2026(), 0, 700)))));
}

TEST(Simulate, ALaterChunkKeepsEachOrdersBaseDraws) {
  const GenerateSpec g = spec(1'000);
  const Population tail = generate_orders(g, *rs2026(), 600, 650);
  ASSERT_EQ(tail.orders.size(), 50u);
  EXPECT_EQ(tail.orders[0].id, "G0601");
  EXPECT_EQ(tail.orders[0].paid_at, draw_base(g, *rs2026(), 600).order.paid_at);
}

}  // namespace
}  // namespace tracksim::harness

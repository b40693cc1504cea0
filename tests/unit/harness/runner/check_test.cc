// tracksim check's pieces: seeded cases that pass in process and over HTTP, and the shrinker on
// an injected failure.
#include "harness/runner/check.h"

#include <gtest/gtest.h>

#include "harness/runner/judge.h"
#include "harness/scenario/writer.h"
#include "tests/support/same_text.h"

namespace tracksim::harness {
namespace {

// A case with several orders, one of them mislabelled: ship_timeout expected the other way.
Scenario mislabelled_case(std::size_t& bad) {
  for (std::size_t i = 0;; ++i) {
    Scenario s = check_case(5, i);
    if (s.orders.size() < 6) continue;
    bad = s.orders.size() / 2;
    auto& e = s.orders[bad].expect->outcomes[static_cast<std::size_t>(Rule::ship_timeout)];
    e = e == Outcome::ok ? Outcome::violated : Outcome::ok;
    return s;
  }
}

TEST(Check, SameSeedGivesTheSameCases) {
  EXPECT_TRUE(testing::same_text(write_scenario_yaml(check_case(3, 4)),
                                 write_scenario_yaml(check_case(3, 4))));
  EXPECT_NE(write_scenario_yaml(check_case(3, 4)), write_scenario_yaml(check_case(3, 5)));
}

TEST(Check, GeneratedCasesPassAgainstTheirLabels) {
  for (std::size_t i = 0; i < 20; ++i) EXPECT_FALSE(scenario_fails(check_case(9, i))) << i;
}

TEST(Check, ShrinkingAMislabelledOrderKeepsAFailingCaseOfThatOrderAlone) {
  std::size_t bad = 0;
  const Scenario s = mislabelled_case(bad);
  ASSERT_TRUE(scenario_fails(s));
  // Both paths see it: the in-process judge and the run over HTTP against the mock carrier.
  const CheckFailure how = check_scenario(s);
  EXPECT_TRUE(how.in_process);
  EXPECT_TRUE(how.over_http);
  const Scenario small = shrink_scenario(s, scenario_fails);
  EXPECT_TRUE(scenario_fails(small));
  ASSERT_LT(small.orders.size(), s.orders.size());
  ASSERT_EQ(small.orders.size(), 1u);
  EXPECT_EQ(small.orders[0].order.id, s.orders[bad].order.id);
  EXPECT_LE(small.parcels.size(), 1u);
  EXPECT_FALSE(judge_scenario(small).passed());
}

TEST(Check, ShrinkingDropsScansThatDoNotMatterToTheFailure) {
  std::size_t bad = 0;
  const Scenario s = mislabelled_case(bad);
  const Scenario small = shrink_scenario(s, scenario_fails);
  ASSERT_EQ(small.orders.size(), 1u);
  if (!small.orders[0].order.upload) GTEST_SKIP() << "the mislabelled order has no upload";
  std::size_t before = 0;
  for (const ParcelSpec& p : s.parcels) {
    if (p.number == small.orders[0].order.upload->number) before = p.scans.size();
  }
  std::size_t after = 0;
  for (const ParcelSpec& p : small.parcels) after += p.scans.size();
  if (before == 0) GTEST_SKIP() << "the mislabelled order has no parcel of its own";
  EXPECT_LT(after, before);
}

}  // namespace
}  // namespace tracksim::harness

// The scenario writer's output is a scenario that loads and judges like the engine evaluates:
// a counterexample written to disk replays the failure with `tracksim judge`.
#include "tests/support/scenario_writer.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using namespace std::chrono_literals;

TEST(ScenarioWriter, QuotesNumbersAndWritesBeijingTimes) {
  Shipment s = paid(at("2023-04-10T08:00:00+08:00"));
  s.upload(at("2023-04-10T20:00:00"), "73190553102532", sim::Carrier::zto);
  s.pickup(at("2023-04-11T09:30:00")).visible_at(at("2023-04-11T12:00:00"));
  ScenarioDraft d;
  d.name = "writer";
  d.until = at("2023-04-12T00:00:00");
  d.shipments.push_back(s);
  const std::string yaml = render_scenario(d);
  EXPECT_NE(yaml.find("number: \"73190553102532\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("phone_tail: \"1234\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("at: 2023-04-11T09:30:00+08:00"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("visible_at: 2023-04-11T12:00:00+08:00"), std::string::npos) << yaml;
  auto loaded = parse_scenarios(yaml, "writer.yaml");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string() << "\n" << yaml;
  EXPECT_EQ(loaded->front().orders.front().order.upload->number, "73190553102532");
}

TEST(ScenarioWriter, WritesTheExpectationAsTheLoaderReadsIt) {
  Shipment s = paid(at("2023-04-10T08:00:00"));
  s.upload(at("2023-04-10T09:00:00")).pickup(at("2023-04-14T09:00:00"));
  const sim::Instant now = at("2023-04-15T00:00:00");
  ScenarioDraft d = draft_of(s, now, "douyin-2023", "late pickup");
  d.expect.push_back(expectation_of(s.evaluate(now, douyin2023()), douyin2023()));
  auto loaded = parse_scenarios(render_scenario(d), "expect.yaml");
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  const ScenarioResult r = judge_scenario(loaded->front());
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.orders.front().outcomes[static_cast<std::size_t>(Rule::pickup_timeout)],
            Outcome::violated);
  EXPECT_GT(r.orders.front().checks, 0u);
}

// Catches: a writer that loses a scan field (visible_at, facility type, city), misquotes a
// number, or shifts times by the offset, so that a written counterexample would not replay.
RC_GTEST_PROP(ScenarioWriter, WrittenScenariosJudgeToTheSameOutcomesAsDirectEvaluation, ()) {
  const Shipment s = *shipment();
  const sim::Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const ScenarioDraft d = draft_of(s, now, kRulesetNames[which], "writer round trip");
  const std::string yaml = render_scenario(d);
  auto loaded = parse_scenarios(yaml, "roundtrip.yaml");
  RC_ASSERT(loaded.has_value());
  const ScenarioResult r = judge_scenario(loaded->front());
  const Verdict v = s.evaluate(now, rs, index_of({&s}));
  const OrderResult& o = r.orders.front();
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    TS_RC_ASSERT(o.outcomes[i] == v.rules[i].outcome, d);
  }
  TS_RC_ASSERT(o.detectors == v.detectors, d);
  TS_RC_ASSERT(o.compensation_yuan == v.compensation_yuan, d);
}

}  // namespace
}  // namespace tracksim::harness::testing

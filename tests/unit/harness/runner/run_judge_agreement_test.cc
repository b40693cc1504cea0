// `run` (over HTTP, polling the embedded mock carrier) and `judge` (in process) must agree on
// every order: outcomes, detectors, compensation, verdict history and mismatches, as the JSON
// report shows them, over every scenario file and over a generated population with every fault.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "harness/population/population.h"
#include "harness/report/report.h"
#include "harness/runner/http_runner.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"
#include "tests/support/same_text.h"

namespace tracksim::harness {
namespace {

RunnerOptions no_sleep() {
  RunnerOptions o;
  o.sleep = [](std::chrono::milliseconds) {};
  return o;
}

std::string report_of(ScenarioResult r) {
  RunResult run;
  run.scenarios.push_back(std::move(r));
  return json_report(run);
}

// The first order whose report differs, for a readable failure.
std::string first_difference(const ScenarioResult& judged, const ScenarioResult& ran) {
  if (judged.orders.size() != ran.orders.size()) return "order counts differ";
  for (std::size_t i = 0; i < judged.orders.size(); ++i) {
    ScenarioResult a = judged;
    ScenarioResult b = ran;
    a.orders = {judged.orders[i]};
    b.orders = {ran.orders[i]};
    const std::string ja = report_of(a);
    const std::string jb = report_of(b);
    if (ja != jb) return "judge:\n" + ja + "\nrun:\n" + jb;
  }
  return "errors or scenario fields differ";
}

void expect_agreement(const Scenario& s, const RunnerOptions& o) {
  const ScenarioResult judged = judge_scenario(s);
  const ScenarioResult ran = run_scenario_http(s, o);
  EXPECT_TRUE(ran.errors.empty()) << s.name << ": " << (ran.errors.empty() ? "" : ran.errors[0]);
  EXPECT_TRUE(testing::same_text(report_of(judged), report_of(ran)))
      << s.file << " (" << s.name << ")\n"
      << first_difference(judged, ran);
}

// Scripted scenarios on the default hourly schedule; the generated population files (300 orders
// each) on their instants only, which keeps the suite within minutes on two shared cores.
TEST(RunJudgeAgreement, EveryScenarioFileGetsTheSameReportOverHttp) {
  auto loaded = load_scenarios({std::string(TRACKSIM_SOURCE_DIR) + "/scenarios"});
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  ASSERT_GT(loaded->size(), 10U);
  for (const Scenario& s : *loaded) {
    RunnerOptions o = no_sleep();
    if (s.orders.size() > 100) o.poll_every = sim::Duration(0);
    expect_agreement(s, o);
  }
}

Scenario population(const std::string& ruleset, std::size_t orders) {
  Scenario s;
  s.name = "population " + ruleset;
  s.ruleset_name = ruleset;
  s.ruleset = *load_ruleset(ruleset);
  s.start = *sim::parse_timestamp(ruleset == "douyin-2023" ? "2023-02-01T00:00:00+08:00"
                                                           : "2026-03-02T00:00:00+08:00");
  GenerateSpec spec;
  spec.seed = 11;
  spec.orders = orders;
  spec.start = s.start;
  spec.fault_ppm.fill(sim::probability_ppm(0.03));
  add_population(s, generate_population(spec, *s.ruleset), true, "generate");
  return s;
}

// 500 orders per ruleset, polled at their instants only, keep the suite fast; larger runs are
// by hand: `tracksim run` and `tracksim judge` on a generate block, comparing the --json reports.
RunnerOptions instants_only() {
  RunnerOptions o = no_sleep();
  o.poll_every = sim::Duration(0);
  return o;
}

TEST(RunJudgeAgreement, GeneratedPopulationWithEveryFaultAgreesIn2023) {
  expect_agreement(population("douyin-2023", 500), instants_only());
}

TEST(RunJudgeAgreement, GeneratedPopulationWithEveryFaultAgreesIn2026) {
  expect_agreement(population("douyin-2026", 500), instants_only());
}

// Large scenarios run in shards (one embedded carrier each); the shards' results, put back in
// scenario order, must be exactly the unsharded run's and judge's. Three shards of 100 orders
// here (by default only from 2,000 orders, one shard per core), on the hourly schedule, so
// deferred polls and flushes differ between the shards and the single agenda.
TEST(RunJudgeAgreement, ShardedRunGivesTheSameReportAsOneAgenda) {
  const Scenario s = population("douyin-2026", 300);
  RunnerOptions sharded = no_sleep();
  sharded.shard_from = 2;
  sharded.shards = 3;  // 300 orders: 100 per shard, whatever the machine's cores
  RunnerOptions single = no_sleep();
  single.shard_from = SIZE_MAX;
  const ScenarioResult a = run_scenario_http(s, sharded);
  const ScenarioResult b = run_scenario_http(s, single);
  ASSERT_EQ(a.orders.size(), 300U);
  EXPECT_TRUE(a.errors.empty());
  EXPECT_TRUE(testing::same_text(report_of(b), report_of(a))) << first_difference(b, a);
  EXPECT_TRUE(testing::same_text(report_of(judge_scenario(s)), report_of(a)))
      << first_difference(judge_scenario(s), a);
}

// A carrier that always fails must not read as "no scans" (which would, e.g., call a shipped
// parcel never picked up): the runner re-polls, then records an error and fails the scenario.
TEST(HttpRunner, AnAnswerThatStaysUnknownIsAnErrorNotAnEmptyTimeline) {
  auto loaded = load_scenarios({std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/ship_timeout"});
  ASSERT_TRUE(loaded) << loaded.error().to_string();
  ASSERT_FALSE(loaded->empty());
  RunnerOptions o = no_sleep();
  int sleeps = 0;
  o.sleep = [&sleeps](std::chrono::milliseconds) { ++sleeps; };
  sim::server::FaultRule always;
  always.kind = sim::server::FaultKind::server_error;
  o.faults = {always};
  const ScenarioResult r = run_scenario_http(loaded->front(), o);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors[0].find("stayed unknown"), std::string::npos) << r.errors[0];
  EXPECT_FALSE(r.passed());
  EXPECT_GT(sleeps, 0);  // the client backed off between attempts, through the injected sleep
}

}  // namespace
}  // namespace tracksim::harness

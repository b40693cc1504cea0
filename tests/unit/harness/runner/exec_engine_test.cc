#include "harness/runner/exec_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <sstream>
#include <vector>

#include "harness/cli/app.h"
#include "harness/scenario/ruleset_loader.h"
#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

using testing::cli;
using testing::CliRun;

// Picked up 71.5 h after payment: in time, but not if the deadline were an hour earlier.
constexpr const char* kScenario = R"(name: pickup 30 minutes before the deadline
start: 2023-02-01T18:04:20+08:00
orders:
  - id: A1
    paid_at: +0h
    ship_to: {city: 北京市}
    upload: {at: +20h, carrier: sf, number: SF1234567890123}
    expect: {ship_timeout: ok, pickup_timeout: ok, fake_shipment: ok, compensation: 0}
    expect_at:
      - {at: +72h, pickup_timeout: ok}
parcels:
  - carrier: sf
    number: SF1234567890123
    scans:
      - {at: +71h30m, kind: pickup, city: 杭州市}
      - {at: +80h, kind: arrive, city: 北京市, facility: 北京转运中心}
)";

const std::string kEngine = TRACKSIM_BUILTIN_ENGINE;

TEST(ExecEngine, TheBuiltInEngineBehindTheProtocolMeetsEveryExpectation) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  const CliRun r = cli({"judge", file, "--no-color", "--engine", "exec:" + kEngine});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST(ExecEngine, ADeadlineOneHourOffIsReportedAsMismatches) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  const CliRun r = cli(
      {"judge", file, "--no-color", "-v", "--engine", "exec:" + kEngine + " --pickup-hours-off 1"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("pickup_timeout at 2023-02-04 18:04:20: expected ok, got violated"));
  EXPECT_THAT(r.out, HasSubstr("the external engine says violated"));
}

TEST(ExecEngine, MalformedAnswersCrashesAndSilenceAreScenarioErrors) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  CliRun r = cli({"judge", file, "--no-color", "--engine", "exec:echo '{\"outcomes\": 3}'"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("malformed response: outcomes: missing"));
  r = cli({"judge", file, "--no-color", "--engine", "exec:true"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("the engine exited or closed its stdout before answering"));
  // An engine that never answers: the bound is real time, so keep it short here.
  ::setenv("TRACKSIM_ENGINE_TIMEOUT_MS", "200", 1);
  r = cli({"judge", file, "--no-color", "--engine", "exec:sleep 30"});
  ::unsetenv("TRACKSIM_ENGINE_TIMEOUT_MS");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("no answer within 200 ms"));
}

TEST(ExecEngine, AnEngineFlagThatIsNotExecIsAUsageError) {
  for (const char* command : {"judge", "run"}) {
    const CliRun r = cli({command, "scenarios", "--engine", "python3 x.py"});
    EXPECT_EQ(r.code, 2) << command;
    EXPECT_THAT(r.err, HasSubstr("--engine takes exec:CMD")) << command;
  }
}

// `run` polls the mock carrier over HTTP and asks the external engine about what came back.
TEST(ExecEngineOverHttp, TheBuiltInEngineBehindTheProtocolMeetsEveryExpectation) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  const CliRun r = cli({"run", file, "--no-color", "--engine", "exec:" + kEngine});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 passed, 0 failed"));
}

TEST(ExecEngineOverHttp, ADeadlineOneHourOffIsReportedAsMismatches) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  const CliRun r = cli(
      {"run", file, "--no-color", "-v", "--engine", "exec:" + kEngine + " --pickup-hours-off 1"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("pickup_timeout at 2023-02-04 18:04:20: expected ok, got violated"));
  EXPECT_THAT(r.out, HasSubstr("the external engine says violated"));
}

TEST(ExecEngineOverHttp, AnEngineThatDiesIsTheScenariosError) {
  testing::TempDir dir;
  const std::string file = dir.write("a.yaml", kScenario);
  const CliRun r = cli({"run", file, "--no-color", "--engine", "exec:true"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.out, HasSubstr("the engine exited or closed its stdout before answering"));
}

TEST(EngineProtocol, AnswersNameTheMissingOrBadField) {
  const RulesetPtr rs = load_ruleset("douyin-2023").value();
  auto a = parse_engine_answer(
      R"({"outcomes": {"ship_timeout": "ok", "pickup_timeout": "late", "fake_shipment": "ok"},
          "detectors": [], "compensation": 0})",
      *rs);
  ASSERT_FALSE(a);
  EXPECT_THAT(a.error().message, HasSubstr("outcomes.pickup_timeout: not ok, violated"));
  a = parse_engine_answer(
      R"({"outcomes": {"ship_timeout": "ok", "pickup_timeout": "n/a", "fake_shipment": "violated"},
          "detectors": ["copied_track"], "compensation": 5})",
      *rs);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->outcomes[1], Outcome::not_applicable);
  EXPECT_TRUE(a->detectors.test(static_cast<std::size_t>(Detector::copied_track)));
  EXPECT_EQ(a->compensation_yuan, 5);
  EXPECT_FALSE(parse_engine_answer(R"({"outcomes": {"ship_timeout": "ok"}, "detectors": [],
                                       "compensation": 0})",
                                   *rs));
}

}  // namespace
}  // namespace tracksim::harness

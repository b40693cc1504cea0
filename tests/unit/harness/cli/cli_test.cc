#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "harness/cli/app.h"
#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using testing::cli;
using testing::CliRun;

// One scenario whose pickup is one hour late; `pickup` is what the file expects of it.
std::string scenario(const std::string& name, const std::string& pickup,
                     const std::string& tag = "late") {
  return "name: " + name + "\ntags: [" + tag + R"(]
start: 2023-02-01T18:04:20+08:00
orders:
  - id: A1
    paid_at: +0h
    upload: {at: +20h, carrier: sf, number: SF1234567890123}
    expect: {ship_timeout: ok, pickup_timeout: )" +
         pickup + R"(}
parcels:
  - carrier: sf
    number: SF1234567890123
    scans: [{at: +73h, kind: pickup, city: 杭州市}]
)";
}

TEST(Cli, VersionNamesTheReleaseAndTheCommit) {
  const CliRun r = cli({"--version"});
  EXPECT_EQ(r.code, 0);
  // "unknown" where the sources are not a git checkout (the mutation check builds a copy).
  EXPECT_THAT(r.out, ::testing::MatchesRegex("tracksim [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit "
                                             "(unknown|[0-9a-f]+(-dirty)?)\\)\n"));
}

TEST(Cli, JudgeExitsZeroWhenEveryExpectationHolds) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("late pickup", "violated"));
  const CliRun r = cli({"judge", dir.path(), "--no-color"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("scenarios: 1 passed, 0 failed"));
}

TEST(Cli, JudgeNamesOrderRuleExpectedAndActualOnAMismatch) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("late pickup", "ok"));
  const CliRun r = cli({"judge", dir.path(), "--no-color"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(
      r.out,
      HasSubstr("order A1  pickup_timeout at 2023-02-11 19:04:20: expected ok, got violated"));
  EXPECT_THAT(r.out, HasSubstr("violated (want ok)"));
  EXPECT_THAT(r.out, HasSubstr("FAIL"));
}

TEST(Cli, InvalidInputExitsTwoWithLocation) {
  testing::TempDir dir;
  const std::string file = dir.write("bad.yaml", scenario("bad", "okay"));
  for (const char* cmd : {"judge", "validate"}) {
    const CliRun r = cli({cmd, file});
    EXPECT_EQ(r.code, 2) << cmd;
    EXPECT_THAT(r.err, HasSubstr(file + ":8:48: unknown outcome 'okay'")) << cmd;
  }
}

TEST(Cli, MissingPathAndUnknownOptionExitTwo) {
  EXPECT_EQ(cli({"judge", "/nonexistent/scenarios"}).code, 2);
  EXPECT_EQ(cli({"judge", "--frobnicate"}).code, 2);
  EXPECT_EQ(cli({}).code, 2);
  EXPECT_EQ(cli({"--help"}).code, 0);
}

TEST(Cli, JsonReportHasTheContractedShape) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("late pickup", "ok"));
  const std::string json = dir.path("report.json");
  ASSERT_EQ(cli({"judge", dir.path("a.yaml"), "--json", json}).code, 1);
  std::ifstream in(json);
  const auto report = nlohmann::json::parse(in);
  EXPECT_EQ(report["summary"]["scenarios"], 1);
  EXPECT_EQ(report["summary"]["orders"], 1);
  EXPECT_EQ(report["summary"]["passed"], 0);
  EXPECT_EQ(report["summary"]["failed"], 1);
  const auto& order = report["scenarios"][0]["orders"][0];
  EXPECT_EQ(order["id"], "A1");
  EXPECT_EQ(order["outcomes"]["pickup_timeout"], "violated");
  EXPECT_EQ(order["compensation"], 3);  // 1% of 0.00 clamped up to the 3 yuan minimum
  EXPECT_EQ(order["mismatches"][0]["expected"], "ok");
  EXPECT_EQ(order["mismatches"][0]["actual"], "violated");
  EXPECT_TRUE(order["history"].is_array());
  EXPECT_FALSE(std::filesystem::exists(json + ".tmp"));
}

TEST(Cli, SameInputSameReportBytes) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("late pickup", "violated"));
  ASSERT_EQ(cli({"judge", dir.path("a.yaml"), "--json", dir.path("1.json")}).code, 0);
  ASSERT_EQ(cli({"judge", dir.path("a.yaml"), "--json", dir.path("2.json"), "-j", "4"}).code, 0);
  std::stringstream a, b;
  a << std::ifstream(dir.path("1.json")).rdbuf();
  b << std::ifstream(dir.path("2.json")).rdbuf();
  EXPECT_EQ(a.str(), b.str());
}

TEST(Cli, ShardsPartitionTheScenariosExactlyOnce) {
  testing::TempDir dir;
  for (int i = 0; i < 5; ++i) {
    dir.write("s" + std::to_string(i) + ".yaml",
              scenario("scenario-" + std::to_string(i), "violated"));
  }
  std::vector<int> seen(5, 0);
  for (const char* shard : {"1/3", "2/3", "3/3"}) {
    const CliRun r = cli({"judge", dir.path(), "--shard", shard, "--no-color"});
    ASSERT_EQ(r.code, 0) << shard << r.err;
    for (int i = 0; i < 5; ++i)
      seen[static_cast<std::size_t>(i)] +=
          r.out.find("scenario-" + std::to_string(i) + " ") != std::string::npos;
  }
  EXPECT_EQ(seen, std::vector<int>(5, 1));
  EXPECT_EQ(cli({"judge", dir.path(), "--shard", "0/3"}).code, 2);
  EXPECT_EQ(cli({"judge", dir.path(), "--shard", "4/3"}).code, 2);
}

TEST(Cli, TagSelectsScenarios) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("tagged-a", "violated", "alpha"));
  dir.write("b.yaml", scenario("tagged-b", "violated", "beta"));
  const CliRun r = cli({"judge", dir.path(), "--tag", "beta", "--no-color"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("tagged-b"));
  EXPECT_THAT(r.out, Not(HasSubstr("tagged-a")));
  EXPECT_EQ(cli({"judge", dir.path(), "--tag", "gamma"}).code, 2);
}

TEST(Cli, DuplicateScenarioNamesAcrossFilesAreAnError) {
  testing::TempDir dir;
  dir.write("a.yaml", scenario("same", "violated"));
  dir.write("b.yaml", scenario("same", "violated"));
  const CliRun r = cli({"validate", dir.path()});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("duplicate scenario name 'same'"));
}

// simulate's output without the two lines that measure the run (throughput, peak memory).
std::string simulate_totals(const std::vector<std::string>& extra, const std::string& seed = "3") {
  std::vector<std::string> args = {"simulate", "--orders", "9000",    "--seed",
                                   seed,       "--faults", "all=0.05"};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliRun r = cli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("throughput:") && !line.starts_with("peak memory:")) kept += line + "\n";
  }
  return kept;
}

TEST(Cli, SimulatePrintsTheSameBytesOnOneAndTwoJobs) {
  // 9,000 orders are three chunks: two threads interleave them.
  const std::string one = simulate_totals({"--jobs", "1"});
  EXPECT_THAT(one, HasSubstr("mismatches: 0"));
  EXPECT_THAT(one, HasSubstr("over 9000 orders"));
  EXPECT_EQ(simulate_totals({"--jobs", "2"}), one);
  EXPECT_EQ(simulate_totals({"-j", "2"}), one);
  EXPECT_EQ(simulate_totals({"--threads", "2"}), one);    // the option's earlier name
  EXPECT_NE(simulate_totals({"--jobs", "1"}, "4"), one);  // the comparison can fail
}

TEST(Cli, SimulateRejectsZeroJobs) {
  EXPECT_EQ(cli({"simulate", "--orders", "5", "--jobs", "0"}).code, 2);
}

}  // namespace
}  // namespace tracksim::harness

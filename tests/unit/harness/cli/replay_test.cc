#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "harness/cli/app.h"
#include "harness/scenario/loader.h"
#include "tests/support/cli_runner.h"
#include "tests/support/temp_dir.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

using testing::cli;
using testing::CliRun;

const std::string kCases = std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/disputes/replay/";

constexpr const char* kOrder = R"(id: R1
paid_at: 2023-02-01T10:00:00+08:00
ship_to: {city: 北京市}
upload: {at: +2h, carrier: zto, number: "73190553102532"}
)";

std::string dump(const std::string& context) {
  return R"({"message": "ok", "nu": "73190553102532", "com": "zhongtong", "data": [
    {"time": "2023-02-01 18:00:00", "ftime": "2023-02-01 18:00:00", "context": ")" +
         context + R"(", "areaName": "浙江,杭州市"}]})";
}

TEST(Replay, EachExampleEmitsAScenarioThatJudgesToTheSameOutcomes) {
  testing::TempDir dir;
  for (const char* name : {"zto_late_pickup", "sf_presale_in_time", "jt_2026_upload_only"}) {
    const std::string emit = dir.path(std::string(name) + ".yaml");
    const CliRun r = cli({"replay", "--order", kCases + name + ".order.yaml", "--track",
                          kCases + name + ".json", "--emit", emit});
    ASSERT_EQ(r.code, 0) << name << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("timeline")) << name;
    EXPECT_THAT(r.out, HasSubstr("verdict history")) << name;
    const CliRun j = cli({"judge", emit, "--no-color"});
    EXPECT_EQ(j.code, 0) << name << j.out << j.err;
    EXPECT_THAT(j.out, HasSubstr("1 passed, 0 failed")) << name;
  }
}

TEST(Replay, LatePickupIsViolatedAndExplained) {
  const CliRun r = cli({"replay", "--order", kCases + "zto_late_pickup.order.yaml", "--track",
                        kCases + "zto_late_pickup.json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("  pickup_timeout: violated  picked up 2023-02-04 11:30:00"));
  EXPECT_THAT(r.out, HasSubstr("2023-02-04T11:30:00+08:00  pickup  杭州市  杭州西湖区公司"));
}

TEST(Replay, PicksTheRulesetInForceAtPaymentUnlessOneIsNamed) {
  const std::string jt = kCases + "jt_2026_upload_only";
  EXPECT_THAT(cli({"replay", "--order", jt + ".order.yaml", "--track", jt + ".json"}).out,
              HasSubstr("ruleset douyin-2026"));
  const std::string order = kCases + "zto_late_pickup.order.yaml";
  const std::string track = kCases + "zto_late_pickup.json";
  EXPECT_THAT(cli({"replay", "--order", order, "--track", track}).out,
              HasSubstr("ruleset douyin-2023"));
  EXPECT_THAT(cli({"replay", "--order", order, "--track", track, "--ruleset", "douyin-2026"}).out,
              HasSubstr("ruleset douyin-2026"));
}

TEST(Replay, AtLimitsTheReplay) {
  const CliRun r = cli({"replay", "--order", kCases + "zto_late_pickup.order.yaml", "--track",
                        kCases + "zto_late_pickup.json", "--at", "2023-02-03T12:00:00+08:00"});
  EXPECT_THAT(r.out, HasSubstr("  pickup_timeout: pending"));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

TEST(Replay, HtmlWritesTheOrdersTimelineAndVerdictsLikeRun) {
  testing::TempDir dir;
  const std::string html = dir.path("replay.html");
  const CliRun r = cli({"replay", "--order", kCases + "zto_late_pickup.order.yaml", "--track",
                        kCases + "zto_late_pickup.json", "--html", html});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string page = read_file(html);
  EXPECT_THAT(page, HasSubstr("<svg role=\"img\""));  // the timeline picture
  EXPECT_THAT(page, HasSubstr("杭州西湖区公司"));     // the pickup scan's facility
  EXPECT_THAT(page, HasSubstr("<td>pickup_timeout</td>"));
  EXPECT_THAT(page, HasSubstr("violated"));
  EXPECT_THAT(page, HasSubstr("picked up 2023-02-04 11:30:00"));  // the explanation
  EXPECT_FALSE(std::filesystem::exists(html + ".tmp"));
}

TEST(Replay, HtmlToAPathThatCannotBeWrittenExitsTwoNamingIt) {
  testing::TempDir dir;
  const std::string html = dir.path("no/such/folder/replay.html");
  const CliRun r = cli({"replay", "--order", kCases + "zto_late_pickup.order.yaml", "--track",
                        kCases + "zto_late_pickup.json", "--html", html});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(html));
  EXPECT_FALSE(std::filesystem::exists(html));
}

TEST(Replay, AContextWhoseKindCannotBeToldNamesTheFileAndField) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string track = dir.write("a.json", dump("包裹状态已更新"));
  const CliRun r = cli({"replay", "--order", order, "--track", track});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(track + ": data[0].context: cannot tell the scan kind"));
}

TEST(Replay, BadJsonAndBadYamlExitTwoNamingTheFile) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string track = dir.write("a.json", dump("快件已到达 【杭州转运中心】"));
  const std::string bad_json = dir.write("b.json", "{\"data\": [");
  CliRun r = cli({"replay", "--order", order, "--track", bad_json});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad_json + ": malformed JSON"));
  const std::string bad_yaml = dir.write("b.order.yaml", "id: R1\npaid_at: +3h\n");
  r = cli({"replay", "--order", bad_yaml, "--track", track});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad_yaml + ":2:10:"));
  EXPECT_EQ(cli({"replay", "--order", order, "--track", track}).code, 0);
}

TEST(Replay, ADumpOfAnotherNumberIsRejected) {
  testing::TempDir dir;
  std::string other = kOrder;
  other.replace(other.find("73190553102532"), 14, "73190553109999");
  const std::string order = dir.write("a.order.yaml", other);
  const std::string track = dir.write("a.json", dump("快件已到达 【杭州转运中心】"));
  const CliRun r = cli({"replay", "--order", order, "--track", track});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(track + ": nu: the dump is for '73190553102532'"));
}

TEST(ScenarioFolders, OrderFilesAreNotScenarios) {
  testing::TempDir dir;
  dir.write("replay/a.order.yaml", kOrder);
  const std::string scenario = dir.write("s.yaml", "name: x\n");
  auto files = expand_scenario_paths({dir.path()});
  ASSERT_TRUE(files) << files.error().to_string();
  EXPECT_EQ(*files, std::vector<std::string>{scenario});
}

TEST(OrderFile, OffsetsCountFromPaidAt) {
  auto s = parse_order_yaml(kOrder, "a.order.yaml");
  ASSERT_TRUE(s) << s.error().to_string();
  ASSERT_EQ(s->orders.size(), 1U);
  const Order& o = s->orders.front().order;
  EXPECT_EQ(o.upload->at - o.paid_at, sim::Duration(2 * 3600));
  EXPECT_EQ(s->ruleset->name, "douyin-2023");
}

}  // namespace
}  // namespace tracksim::harness

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
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

// Words no rule knows are no reason to stop: the event is read as an in-transit scan, the
// timeline marks the guess, a warning names the place and the verdicts that hang on it, and
// the JSON report and the explanation say so. --strict refuses such a dump instead.
TEST(Replay, AnEventWhoseKindCannotBeToldIsAGuessThatTheWarningExplains) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string track = dir.write("a.json", dump("包裹状态已更新"));
  const std::string json = dir.path("r.json");
  const CliRun r = cli({"replay", "--order", order, "--track", track, "--json", json});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("arrive?  杭州市"));
  EXPECT_THAT(r.err, HasSubstr("warning: " + track + ": 1 event whose kind could not be told"));
  EXPECT_THAT(r.err, HasSubstr("data[0]"));
  // Read as a physical scan it is the pickup; as anything electronic or absent there is none.
  // Were it a delivery in 杭州, the order (to 北京) would see a recipient mismatch.
  EXPECT_THAT(r.err,
              HasSubstr("(pickup_timeout, fake_shipment would change were it another kind)"));
  EXPECT_THAT(r.out, HasSubstr("(depends on data[0], an event whose kind was guessed)"));
  std::ifstream in(json);
  const auto report = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(report.is_discarded());
  const auto& uncertain = report["scenarios"][0]["orders"][0]["uncertain_scans"];
  ASSERT_EQ(uncertain.size(), 1U);
  EXPECT_EQ(uncertain[0]["where"], "data[0]");
  EXPECT_EQ(uncertain[0]["affects"], nlohmann::json::array({"pickup_timeout", "fake_shipment"}));

  const CliRun strict = cli({"replay", "--order", order, "--track", track, "--strict"});
  EXPECT_EQ(strict.code, 2);
  EXPECT_THAT(strict.err, HasSubstr(track + ": data[0]: cannot tell the scan kind"));
}

// A guessed event nothing depends on is still listed, saying so: here the pickup came before
// it and the order goes to the same city, so no kind it could have changes a verdict.
TEST(Replay, AGuessNoVerdictDependsOnSaysSo) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", R"(id: R1
paid_at: 2023-02-01T10:00:00+08:00
ship_to: {city: 杭州市}
upload: {at: +2h, carrier: zto, number: "73190553102532"}
)");
  const std::string track =
      dir.write("a.json", R"({"message": "ok", "nu": "73190553102532", "com": "zhongtong", "data": [
    {"ftime": "2023-02-01 19:00:00", "context": "包裹状态已更新", "areaName": "浙江,杭州市"},
    {"ftime": "2023-02-01 18:00:00", "context": "【杭州西湖区公司】 已揽收", "areaName": "浙江,杭州市"}]})");
  const CliRun r = cli({"replay", "--order", order, "--track", track});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("(no verdict depends on it)"));
}

TEST(Replay, ReadsEveryDumpShapeAndTheFormatFlagForcesOne) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string text =
      dir.write("a.txt",
                "物流详情\n2023-02-02 09:00:00 【北京转运中心】 已收入\n"
                "2023-02-01 18:00:00 【杭州西湖区公司】 已揽收 取件人: 某师傅 (139****0000)\n");
  const std::string kdniao =
      dir.write("k.json", R"({"EBusinessID":"1","ShipperCode":"ZTO","LogisticCode":"73190553102532",
      "Success":true,"State":"2","Traces":[{"AcceptTime":"2023-02-01 18:00:00",
      "AcceptStation":"【杭州西湖区公司】 已揽收","Location":"杭州市","Action":"1"}]})");
  const std::string push = dir.write(
      "p.txt", "param=" + std::string(R"({"status":"polling","message":"","lastResult":)") +
                   dump("【杭州西湖区公司】 已揽收") + "}");
  for (const std::string& track : {text, kdniao, push}) {
    const CliRun r = cli({"replay", "--order", order, "--track", track});
    EXPECT_EQ(r.code, 0) << track << r.err;
    EXPECT_THAT(r.out, HasSubstr("2023-02-01T18:00:00+08:00  pickup  杭州市")) << track << r.out;
    EXPECT_THAT(r.out, HasSubstr("pickup_timeout: ok")) << track;
  }
  const CliRun forced = cli({"replay", "--order", order, "--track", text, "--format", "kdniao"});
  EXPECT_EQ(forced.code, 2);
  EXPECT_THAT(forced.err, HasSubstr(text + ":1:1: malformed JSON"));
  const CliRun bad = cli({"replay", "--order", order, "--track", text, "--format", "xml"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--format: unknown dump format 'xml'"));
  const std::string junk = dir.write("j.txt", "hello\nworld\n");
  const CliRun refused = cli({"replay", "--order", order, "--track", junk});
  EXPECT_EQ(refused.code, 2);
  EXPECT_THAT(refused.err, HasSubstr(junk + ": not a tracking dump: expected kuaidi100, "
                                            "kuaidi100-push, kdniao or text"));
}

// The issue's example: a dump of 100,000 nested '[' crashed replay (SIGSEGV, exit 139).
TEST(Replay, ADeeplyNestedDumpIsRefusedWithItsPlace) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string deep = dir.write("deep.json", "\n" + std::string(100'000, '['));
  const CliRun r = cli({"replay", "--order", order, "--track", deep});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(deep + ":2:257: malformed JSON: nested deeper than 256 levels"));
}

TEST(Replay, BadJsonAndBadYamlExitTwoNamingTheFile) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", kOrder);
  const std::string track = dir.write("a.json", dump("快件已到达 【杭州转运中心】"));
  const std::string bad_json = dir.write("b.json", "{\"data\": [");
  CliRun r = cli({"replay", "--order", order, "--track", bad_json});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr(bad_json + ":1:11: malformed JSON"));  // file:line:col
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

namespace tracksim::harness {
namespace {

// An upload that fits none of its carrier's formats counts as no upload, and the explanation
// lists the formats that were expected, the older ones real numbers still use included.
TEST(Replay, AnInvalidUploadSaysWhichFormatsWereExpected) {
  testing::TempDir dir;
  const std::string order = dir.write("a.order.yaml", R"(id: R1
paid_at: 2023-02-01T10:00:00+08:00
upload: {at: +2h, carrier: yto, number: "YT12345"}
)");
  const std::string track =
      dir.write("a.json", R"({"message":"ok","nu":"YT12345","com":"yuantong","data":[]})");
  const CliRun r = cli({"replay", "--order", order, "--track", track});
  EXPECT_THAT(r.out,
              HasSubstr("does not fit yto's format (yto numbers are YT followed by 13 "
                        "digits, or 10, 12 or 18 digits (older numbers); got 7 characters)"));
}

}  // namespace
}  // namespace tracksim::harness

#include "harness/report/report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "sim/time/timestamp.h"
#include "tests/support/same_text.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

ScenarioResult scenario_result(std::string name, std::string file, bool fail) {
  ScenarioResult s;
  s.name = std::move(name);
  s.file = std::move(file);
  s.ruleset = "douyin-2023";
  OrderResult o;
  o.id = "A<1>";
  o.checks = 1;
  if (fail) {
    o.mismatches.push_back({sim::parse_timestamp("2023-02-04T00:00:00+08:00").value(),
                            "ship_timeout", "ok", "violated", "dir/x.yaml:12:7"});
  }
  s.orders.push_back(o);
  return s;
}

RunResult sample_run() {
  RunResult run;
  run.seed = 42;
  run.scenarios.push_back(scenario_result("passes", "scenarios/a.yaml", false));
  run.scenarios.push_back(scenario_result("发货 <late> & \"strict\"", "scenarios/a.yaml", true));
  run.scenarios.push_back(scenario_result("other", "scenarios/sub/b.yaml", false));
  return run;
}

TEST(JunitReport, CountsOneSuitePerFileAndOneCasePerScenario) {
  const std::string xml = junit_report(sample_run());
  EXPECT_THAT(xml, HasSubstr("<testsuites name=\"tracksim\" tests=\"3\" failures=\"1\" "
                             "errors=\"0\" time=\"0\">"));
  EXPECT_EQ(count(xml, "<testsuite "), 2U);
  EXPECT_EQ(count(xml, "<testcase "), 3U);
  EXPECT_THAT(xml, HasSubstr("name=\"scenarios/a.yaml\" tests=\"2\" failures=\"1\" errors=\"0\" "
                             "skipped=\"0\" time=\"0\""));
  EXPECT_THAT(xml, HasSubstr("classname=\"scenarios.sub.b.yaml\""));
  EXPECT_THAT(xml, HasSubstr("<property name=\"seed\" value=\"42\"/>"));
  EXPECT_THAT(xml, HasSubstr("value=\"tracksim judge scenarios/a.yaml --seed 42\""));
}

TEST(JunitReport, FailureNamesOrderRuleInstantExpectedActualAndWhere) {
  const std::string xml = junit_report(sample_run());
  EXPECT_EQ(count(xml, "<failure "), 1U);
  EXPECT_THAT(xml, HasSubstr("order A&lt;1&gt;: ship_timeout at 2023-02-04T00:00:00+08:00: "
                             "expected ok, got violated (dir/x.yaml:12:7)"));
}

TEST(JunitReport, EscapesMarkupAndKeepsChineseAsUtf8) {
  const std::string xml = junit_report(sample_run());
  EXPECT_THAT(xml, HasSubstr("name=\"发货 &lt;late&gt; &amp; &quot;strict&quot;\""));
  EXPECT_THAT(xml, Not(HasSubstr("<late>")));
  EXPECT_EQ(xml_escape("a\x01z\xff"), "a\xEF\xBF\xBDz\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("x\ny'"), "x&#10;y&apos;");
}

TEST(JunitReport, IsDeterministicAndCarriesNoWallTime) {
  EXPECT_TRUE(testing::same_text(junit_report(sample_run()), junit_report(sample_run())));
  EXPECT_THAT(junit_report(sample_run()), Not(HasSubstr("timestamp")));
}

TEST(JunitReport, ReportsScenarioErrorsAsErrors) {
  RunResult run = sample_run();
  run.scenarios[2].errors.push_back("engine exited with 3");
  const std::string xml = junit_report(run, "run");
  EXPECT_THAT(xml, HasSubstr("errors=\"1\""));
  EXPECT_THAT(xml, HasSubstr("<error type=\"error\" message=\"engine exited with 3\">"));
  EXPECT_THAT(xml, HasSubstr("tracksim run scenarios/sub/b.yaml --seed 42"));
}

struct Judged {
  std::vector<Scenario> scenarios;
  std::vector<const Scenario*> picked;
  RunResult run;
};

Judged judge_files(const std::vector<std::string>& paths) {
  Judged j;
  auto loaded = load_scenarios(paths);
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().to_string());
  if (loaded) j.scenarios = std::move(*loaded);
  for (const Scenario& s : j.scenarios) {
    j.picked.push_back(&s);
    j.run.scenarios.push_back(judge_scenario(s));
  }
  return j;
}

TEST(HtmlReport, DrawsOneSvgTimelinePerOrderAndHighlightsMismatches) {
  const std::string dir = TRACKSIM_SOURCE_DIR;
  const Judged j =
      judge_files({dir + "/scenarios/ship_timeout", dir + "/tests/report/failing.yaml"});
  std::size_t orders = j.run.orders();
  ASSERT_GT(orders, 3U);
  const std::string html = html_report(j.run, j.picked);
  EXPECT_EQ(count(html, "<svg role=\"img\""), orders);
  EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("故意失败 &lt;late &amp; &quot;strict&quot;&gt;"));
  EXPECT_THAT(html, HasSubstr("expected ok, got violated"));
  EXPECT_THAT(html, HasSubstr("苏州吴中网点"));
  EXPECT_THAT(html, HasSubstr("ship deadline"));
  EXPECT_THAT(html, HasSubstr("class=\"order failed\""));
}

TEST(HtmlReport, IsSelfContainedAndDeterministic) {
  const std::string dir = TRACKSIM_SOURCE_DIR;
  const Judged j = judge_files({dir + "/scenarios"});
  const std::string html = html_report(j.run, j.picked);
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_FALSE(std::regex_search(html, std::regex("(src|href)=\"(?!#)")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_TRUE(testing::same_text(html, html_report(j.run, j.picked)));
}

}  // namespace
}  // namespace tracksim::harness

#include "harness/scenario/ruleset_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/geo/atlas.h"
#include "tests/support/temp_dir.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& yaml) {
  auto r = parse_ruleset(yaml, "r.yaml");
  EXPECT_FALSE(r.has_value()) << yaml;
  return r.has_value() ? std::string() : r.error().to_string();
}

TEST(RulesetLoader, ShippedRulesetsHoldTheNumbersOfRulesMd) {
  auto r23 = load_ruleset("douyin-2023");
  ASSERT_TRUE(r23.has_value()) << r23.error().to_string();
  const Ruleset& a = **r23;
  EXPECT_EQ(a.same_day_cutoff, sim::Duration(16 * 3600));
  EXPECT_EQ(a.pickup_by_kind[0].from, Anchor::paid);
  EXPECT_EQ(a.pickup_by_kind[0].within, sim::Duration(72 * 3600));
  EXPECT_EQ(a.pickup_by_kind[2].from, Anchor::upload);
  EXPECT_EQ(a.pickup_by_kind[2].within, sim::Duration(24 * 3600));
  EXPECT_FALSE(a.has(Rule::transit_stall));
  EXPECT_EQ(a.max_transit_speed_kmh, 1000);
  EXPECT_EQ(a.copied_track_min_scans, 3);
  EXPECT_EQ(a.compensation.by_rule[static_cast<std::size_t>(Rule::fake_shipment)][1].pct_bp, 2500);
  EXPECT_FALSE(a.compensation.ship_late[0].pays);

  auto r26 = load_ruleset("douyin-2026");
  ASSERT_TRUE(r26.has_value()) << r26.error().to_string();
  const Ruleset& b = **r26;
  EXPECT_EQ(b.ship_shipped_at, ShippedAt::pickup);
  EXPECT_EQ(b.pickup_by_kind[0].from, Anchor::upload);
  EXPECT_TRUE(b.detects(Detector::no_hub_48h));
  EXPECT_EQ(b.stall.remote, sim::Duration(120 * 3600));
  const auto* xj = sim::geo::Atlas::china().find_province("新疆");
  const auto* zj = sim::geo::Atlas::china().find_province("浙江");
  const auto* sh = sim::geo::Atlas::china().find_province("上海");
  ASSERT_TRUE(xj && zj && sh);
  EXPECT_TRUE(b.remote_provinces.test(xj->id));
  EXPECT_FALSE(b.remote_provinces.test(zj->id));
  EXPECT_TRUE(b.region_groups[0].test(zj->id) && b.region_groups[0].test(sh->id));
}

TEST(RulesetLoader, UnknownNameSuggestsAShippedOne) {
  auto r = load_ruleset("douyn-2026");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().to_string(), HasSubstr("did you mean 'douyin-2026'?"));
}

TEST(RulesetLoader, ExtendsOverridesOnlyWhatItNames) {
  auto r = parse_ruleset(
      "name: strict\nextends: douyin-2023\npickup_timeout:\n"
      "  in_stock: {from: paid, within: 48h}\n",
      "strict.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ((*r)->name, "strict");
  EXPECT_EQ((*r)->pickup_by_kind[0].within, sim::Duration(48 * 3600));
  EXPECT_EQ((*r)->same_day_cutoff, sim::Duration(16 * 3600));  // inherited
}

TEST(RulesetLoader, NegativeDurationIsAnError) {
  EXPECT_THAT(error_of("name: x\nextends: douyin-2023\nlinehaul_timeout: {within: -2h}\n"),
              HasSubstr("r.yaml:3:28: linehaul_timeout.within cannot be negative"));
}

TEST(RulesetLoader, UnknownKeyAndDetectorAreLocated) {
  const std::string err = error_of(
      "name: x\nextends: douyin-2023\nfake_shipment:\n  detectors: [reused_numbr]\n"
      "  max_speed_kmh: 900\n");
  EXPECT_THAT(err, HasSubstr("r.yaml:4:15: unknown detector 'reused_numbr'"));
  EXPECT_THAT(err, HasSubstr("r.yaml:5:3: unknown key 'max_speed_kmh'"));
}

TEST(RulesetLoader, CompensationCellsAreValidated) {
  EXPECT_THAT(error_of("name: x\nextends: douyin-2023\ncompensation:\n"
                       "  fake_shipment: [{pct: 25, min: 100, max: 5}, none, none]\n"),
              HasSubstr("r.yaml:4:19: min is above max"));
  EXPECT_THAT(error_of("name: x\nextends: douyin-2023\ncompensation:\n"
                       "  fake_shipment: [none, none]\n"),
              HasSubstr("must list 3 cells"));
  // Fuzz finding (tests/fuzz ruleset_loader target): a cell without `max` used to throw out of
  // yaml-cpp and end the process; it is a located error like any other.
  EXPECT_THAT(error_of("name: x\nextends: douyin-2023\ncompensation:\n"
                       "  fake_shipment: [{pct: 25, min ,5:m ax: 100}, none, none]\n"),
              HasSubstr("missing required key 'max'"));
}

TEST(RulesetLoader, CompleteFilesMustNameEveryParameter) {
  EXPECT_THAT(error_of("name: x\nrules: [ship_timeout]\n"),
              HasSubstr("ruleset: missing required key 'promise'"));
}

TEST(RulesetLoader, SwitchingOnARuleWithoutItsParametersIsAnError) {
  EXPECT_THAT(error_of("name: x\nextends: douyin-2023\n"
                       "rules: [ship_timeout, pickup_timeout, transit_stall, fake_shipment]\n"),
              HasSubstr("r.yaml:1:1: transit_stall.remote/same_region/other must be set"));
}

TEST(RulesetLoader, UnknownProvinceInRegionsIsAnError) {
  EXPECT_THAT(error_of("name: x\nextends: douyin-2026\nregions: {remote: [新彊], groups: []}\n"),
              HasSubstr("r.yaml:3:20: unknown province '新彊' (did you mean '新疆'?)"));
}

TEST(RulesetLoader, ScenarioLocalFilesResolveAgainstTheirFolder) {
  testing::TempDir dir;
  dir.write("rules/mine.ruleset.yaml", "name: mine\nextends: douyin-2026\n");
  auto r = load_ruleset("rules/mine.ruleset.yaml", dir.path());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ((*r)->name, "mine");
  EXPECT_TRUE((*r)->has(Rule::transit_stall));
  EXPECT_FALSE(load_ruleset("rules/none.ruleset.yaml", dir.path()).has_value());
}

}  // namespace
}  // namespace tracksim::harness

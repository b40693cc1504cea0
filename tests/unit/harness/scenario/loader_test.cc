#include "harness/scenario/loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "harness/scenario/writer.h"
#include "sim/geo/atlas.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

// A valid scenario; tests replace one line to make it wrong in exactly one way.
constexpr const char* kValid = R"(name: base
start: 2023-02-01T18:04:20+08:00
orders:
  - id: A1
    paid_at: +0h
    amount: 129.00
    ship_to: {city: 北京市, phone_tail: "5678"}
    upload: {at: +20h, carrier: sf, number: SF1234567890123}
    expect:
      ship_timeout: ok
parcels:
  - carrier: sf
    number: SF1234567890123
    scans:
      - {at: +30h, kind: pickup, city: 杭州市}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The error text of loading `yaml` as file "x.yaml"; fails the test if it loads.
std::string error_of(const std::string& yaml) {
  auto r = parse_scenarios(yaml, "x.yaml");
  EXPECT_FALSE(r.has_value()) << "loaded although it should not:\n" << yaml;
  return r.has_value() ? std::string() : r.error().to_string();
}

TEST(ScenarioLoader, LoadsTheValidBase) {
  auto r = parse_scenarios(kValid, "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->size(), 1U);
  EXPECT_EQ((*r)[0].orders.size(), 1U);
  EXPECT_EQ((*r)[0].parcels[0].scans.size(), 1U);
  EXPECT_EQ((*r)[0].orders[0].order.amount.fen(), 12900);
}

// With name, ruleset and start first, orders and parcels are parsed while the file is read; with
// any other key order the document is read whole. Both readings must give the same scenario.
TEST(ScenarioLoader, StreamedAndWholeReadingsAgree) {
  const std::string streamed =
      replace(kValid, "start:", "ruleset: douyin-2023\nstart:") + "description: late\n";
  const std::string whole =
      replace(kValid, "name: base\n", "") + "name: base\nruleset: douyin-2023\ndescription: late\n";
  auto a = parse_scenarios(streamed, "x.yaml");
  auto b = parse_scenarios(whole, "x.yaml");
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  ASSERT_TRUE(b.has_value()) << b.error().to_string();
  const Scenario& sa = (*a)[0];
  const Scenario& sb = (*b)[0];
  EXPECT_EQ(sa.description, "late");
  EXPECT_EQ(sb.description, "late");
  ASSERT_EQ(sa.orders.size(), 1U);
  ASSERT_EQ(sb.orders.size(), 1U);
  EXPECT_EQ(sa.orders[0].order.upload->number, sb.orders[0].order.upload->number);
  EXPECT_EQ(sa.until, sb.until);
  EXPECT_EQ(sa.parcels[0].scans.size(), sb.parcels[0].scans.size());
  EXPECT_NE(sa.find_parcel(sim::Carrier::sf, "SF1234567890123"), nullptr);
  EXPECT_EQ(sa.find_parcel(sim::Carrier::sf, "SF0000000000000"), nullptr);
}

// Mutation caught: streamed items reporting their problems before the document's own keys.
TEST(ScenarioLoader, StreamedListsReportInTheOrderOfAWholeDocument) {
  const std::string text = replace(replace(kValid, "start:", "ruleset: douyin-2023\nstart:"),
                                   "    amount: 129.00", "    amout: 129.00") +
                           "bogus: 1\n";
  const std::string e = error_of(text);
  const auto key = e.find("unknown key 'bogus'");
  const auto item = e.find("unknown key 'amout'");
  ASSERT_NE(key, std::string::npos) << e;
  ASSERT_NE(item, std::string::npos) << e;
  EXPECT_LT(key, item) << e;
  EXPECT_THAT(e, HasSubstr("x.yaml:7:5: unknown key 'amout'"));
}

// A generate: block after streamed orders: only the combination is reported, as when read whole.
TEST(ScenarioLoader, GenerateAfterStreamedOrdersReportsOnlyTheCombination) {
  const std::string text = replace(replace(kValid, "start:", "ruleset: douyin-2023\nstart:"),
                                   "    amount: 129.00", "    amout: 129.00") +
                           "generate: {orders: 5}\n";
  const std::string e = error_of(text);
  EXPECT_THAT(e, HasSubstr("cannot be combined with generate:"));
  EXPECT_EQ(e.find("amout"), std::string::npos) << e;
}

TEST(ScenarioLoader, MalformedYamlNamesLineAndColumn) {
  EXPECT_THAT(error_of(replace(kValid, "ship_to: {city: 北京市,", "ship_to: {city: [北京市,")),
              HasSubstr("x.yaml:"));
  EXPECT_THAT(error_of("name: x\nstart: [1, 2\norders: []\n"), HasSubstr("malformed YAML"));
}

TEST(ScenarioLoader, UnknownTopLevelKeySuggestsTheRightOne) {
  EXPECT_THAT(error_of(replace(kValid, "start:", "description: d\ndescripton: x\nstart:")),
              HasSubstr("x.yaml:3:1: unknown key 'descripton' (did you mean 'description'?)"));
}

TEST(ScenarioLoader, UnknownOrderKeyIsLocated) {
  EXPECT_THAT(error_of(replace(kValid, "    amount: 129.00", "    amout: 129.00")),
              HasSubstr("x.yaml:6:5: unknown key 'amout' (did you mean 'amount'?)"));
}

TEST(ScenarioLoader, OrdersMustBeAList) {
  EXPECT_THAT(error_of("name: x\nstart: 2023-02-01T00:00:00\norders: {id: A1}\n"),
              HasSubstr("x.yaml:3:9: orders must be a list, got a mapping"));
}

TEST(ScenarioLoader, WrongTypeForATimeIsLocated) {
  EXPECT_THAT(error_of(replace(kValid, "paid_at: +0h", "paid_at: [1, 2]")),
              HasSubstr("x.yaml:5:14: paid_at must be a single value, got a list"));
}

TEST(ScenarioLoader, ImpossibleDateIsAnError) {
  EXPECT_THAT(
      error_of(
          replace(kValid, "start: 2023-02-01T18:04:20+08:00", "start: 2023-02-30T18:04:20+08:00")),
      HasSubstr("x.yaml:2:8: start: invalid timestamp '2023-02-30T18:04:20+08:00': day 30"));
}

TEST(ScenarioLoader, OffsetWithoutSignIsAnError) {
  EXPECT_THAT(error_of(replace(kValid, "paid_at: +0h", "paid_at: 0h")),
              HasSubstr("x.yaml:5:14: paid_at: invalid timestamp '0h'"));
}

TEST(ScenarioLoader, DuplicateOrderIdIsAnError) {
  const std::string twice = replace(kValid, "parcels:", "  - id: A1\n    paid_at: +1h\nparcels:");
  EXPECT_THAT(error_of(twice), HasSubstr("x.yaml:11:9: duplicate order id 'A1'"));
}

TEST(ScenarioLoader, UnknownCitySuggestsAClosePlace) {
  EXPECT_THAT(error_of(replace(kValid, "city: 杭州市}", "city: 杭洲市}")),
              HasSubstr("x.yaml:15:40: unknown city '杭洲市' (did you mean '杭州市'?)"));
}

TEST(ScenarioLoader, UnknownCarrierSuggestsOurCode) {
  EXPECT_THAT(error_of(replace(kValid, "  - carrier: sf", "  - carrier: sff")),
              HasSubstr("x.yaml:12:14: unknown carrier 'sff' (did you mean 'sf'?)"));
}

TEST(ScenarioLoader, MoneyWithThreeDecimalsIsAnError) {
  EXPECT_THAT(error_of(replace(kValid, "amount: 129.00", "amount: 129.005")),
              HasSubstr("x.yaml:6:13: amount: invalid amount '129.005': at most 2 decimals"));
}

TEST(ScenarioLoader, UnknownScanKindSuggestsTheKind) {
  EXPECT_THAT(error_of(replace(kValid, "kind: pickup", "kind: pickp")),
              HasSubstr("x.yaml:15:26: unknown scan kind 'pickp' (did you mean 'pickup'?)"));
}

TEST(ScenarioLoader, MissingRequiredKeyNamesTheBlock) {
  EXPECT_THAT(error_of(replace(kValid, "    paid_at: +0h\n", "")),
              HasSubstr("x.yaml:4:5: order: missing required key 'paid_at'"));
  EXPECT_THAT(error_of(replace(kValid, "name: base\n", "")),
              HasSubstr("x.yaml:1:1: scenario: missing required key 'name'"));
}

TEST(ScenarioLoader, UnknownRulesetListsTheShippedOnes) {
  EXPECT_THAT(
      error_of(replace(kValid, "start:", "ruleset: douyin-2024\nstart:")),
      HasSubstr("x.yaml:2:10: unknown ruleset 'douyin-2024' (did you mean 'douyin-2023'?)"));
}

TEST(ScenarioLoader, ExpectingARuleTheRulesetLacksIsAnError) {
  EXPECT_THAT(error_of(replace(kValid, "      ship_timeout: ok", "      transit_stall: ok")),
              HasSubstr("x.yaml:10:7: ruleset douyin-2023 has no rule 'transit_stall'"));
}

TEST(ScenarioLoader, UnknownOutcomeSuggestsTheOutcome) {
  EXPECT_THAT(error_of(replace(kValid, "ship_timeout: ok", "ship_timeout: violatd")),
              HasSubstr("x.yaml:10:21: unknown outcome 'violatd' (did you mean 'violated'?)"));
}

TEST(ScenarioLoader, UnknownDetectorIsAnError) {
  EXPECT_THAT(
      error_of(replace(kValid, "ship_timeout: ok", "fake_shipment: [reused_numbr]")),
      HasSubstr("x.yaml:10:23: unknown detector 'reused_numbr' (did you mean 'reused_number'?)"));
}

TEST(ScenarioLoader, ScanVisibleBeforeItHappenedIsAnError) {
  EXPECT_THAT(error_of(replace(kValid, "{at: +30h, kind", "{at: +30h, visible_at: +29h, kind")),
              HasSubstr("x.yaml:15:32: visible_at 2023-02-02T23:04:20+08:00 is before the scan"));
}

TEST(ScenarioLoader, DuplicateKeyIsAnError) {
  EXPECT_THAT(
      error_of(replace(kValid, "    amount: 129.00", "    amount: 129.00\n    amount: 1.00")),
      HasSubstr("x.yaml:7:5: duplicate key 'amount'"));
}

TEST(ScenarioLoader, DuplicateExpectationKeyIsAnError) {
  // expect and expect_at check their keys themselves; a repeated one must not silently win.
  EXPECT_THAT(error_of(replace(kValid, "      ship_timeout: ok",
                               "      ship_timeout: ok\n      ship_timeout: violated")),
              HasSubstr("x.yaml:11:7: duplicate key 'ship_timeout'"));
  EXPECT_THAT(error_of(replace(kValid, "    expect:\n",
                               "    expect_at:\n      - {at: +1h, at: +2h}\n    expect:\n")),
              HasSubstr("x.yaml:10:19: duplicate key 'at'"));
}

TEST(ScenarioLoader, UnknownKeyInTheWaybillConsigneeIsReportedOnce) {
  const std::string err = error_of(replace(kValid, "    number: SF1234567890123\n    scans:",
                                           "    number: SF1234567890123\n    to: {cty: 北京市}\n"
                                           "    scans:"));
  EXPECT_EQ(err, "x.yaml:14:10: unknown key 'cty' (did you mean 'city'?)");
  EXPECT_EQ(error_of(replace(kValid, "    scans:", "    to: 北京市\n    scans:")),
            "x.yaml:14:9: to must be a mapping (key: value), got a scalar");
}

TEST(ScenarioLoader, PhysicalScanWithoutCityIsAnError) {
  EXPECT_THAT(error_of(replace(kValid, ", city: 杭州市}", "}")),
              HasSubstr("x.yaml:15:9: a pickup scan needs a city"));
}

TEST(ScenarioLoader, PhoneTailMustBeFourDigits) {
  EXPECT_THAT(error_of(replace(kValid, "phone_tail: \"5678\"", "phone_tail: \"56789\"")),
              HasSubstr("x.yaml:7:38: phone_tail must be the last 4 digits"));
}

TEST(ScenarioLoader, CityOutsideTheGivenProvinceIsAnError) {
  EXPECT_THAT(
      error_of(replace(kValid, "ship_to: {city: 北京市", "ship_to: {province: 浙江, city: 北京市")),
      HasSubstr("city 北京市 is in 北京市, not 浙江省"));
}

TEST(ScenarioLoader, BooleansAreTrueOrFalseOnly) {
  EXPECT_THAT(error_of(replace(kValid, "    amount: 129.00",
                               "    amount: 129.00\n    buyer_requested_return: yes")),
              HasSubstr("x.yaml:7:29: buyer_requested_return must be true or false, got 'yes'"));
}

std::string with_route(const std::string& route) {
  return replace(kValid, "    scans:\n      - {at: +30h, kind: pickup, city: 杭州市}\n",
                 "    route: " + route + "\n");
}

TEST(ScenarioLoader, RouteParcelsGetAFullTimelineFromTheRouteBuilder) {
  auto r = parse_scenarios(with_route("{from: 杭州市, to: 北京市, pickup_at: +30h}"), "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  const auto& scans = (*r)[0].parcels[0].scans;
  ASSERT_GE(scans.size(), 8U);
  EXPECT_EQ(scans[0].kind, sim::ScanKind::info_received);
  EXPECT_EQ(scans[1].kind, sim::ScanKind::pickup);
  EXPECT_EQ(scans[1].at, (*r)[0].start + sim::Duration(30 * 3600));
  EXPECT_EQ(scans.back().kind, sim::ScanKind::delivered);
  EXPECT_EQ(scans.back().city, sim::geo::Atlas::china().find_city("北京")->id);
  EXPECT_EQ(scans[3].facility, "杭州中转场");  // the parcel's carrier is sf
  EXPECT_GE((*r)[0].until, scans.back().at);   // the default until covers the whole route
}

TEST(ScenarioLoader, RouteSeedDefaultsToTheScenarioAndParcelAndCanBeSet) {
  auto load = [](const std::string& yaml) { return parse_scenarios(yaml, "x.yaml").value(); };
  const auto a = load(with_route("{from: 广州, to: 成都, pickup_at: +30h}"));
  const auto b = load(with_route("{from: 广州, to: 成都, pickup_at: +30h}"));
  const auto c = load(with_route("{from: 广州, to: 成都, pickup_at: +30h, seed: 12345}"));
  EXPECT_EQ(a[0].parcels[0].scans.back().at, b[0].parcels[0].scans.back().at);
  EXPECT_NE(a[0].parcels[0].scans.back().at, c[0].parcels[0].scans.back().at);
}

TEST(ScenarioLoader, RouteLockerEndsInALockerScan) {
  auto r = parse_scenarios(with_route("{from: 上海, to: 上海, pickup_at: +30h, locker: true}"),
                           "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ((*r)[0].parcels[0].scans.back().kind, sim::ScanKind::locker);
}

TEST(ScenarioLoader, RouteWithAnUnknownCityNamesItsPlaceAndSuggests) {
  EXPECT_THAT(error_of(with_route("{from: 杭州市, to: 北晶市, pickup_at: +30h}")),
              HasSubstr("x.yaml:14:28: unknown city '北晶市' (did you mean '北京市'?)"));
}

TEST(ScenarioLoader, RouteUnknownKeySuggestsTheRightOne) {
  EXPECT_THAT(error_of(with_route("{from: 杭州市, to: 北京市, pickup: +30h}")),
              HasSubstr("unknown key 'pickup'"));
}

std::vector<sim::Scan> route_scans(const std::string& route) {
  auto r = parse_scenarios(with_route(route), "x.yaml");
  EXPECT_TRUE(r.has_value()) << (r.has_value() ? "" : r.error().to_string());
  return r.has_value() ? (*r)[0].parcels[0].scans : std::vector<sim::Scan>{};
}

std::size_t count_kind(const std::vector<sim::Scan>& scans, sim::ScanKind kind) {
  return static_cast<std::size_t>(std::count_if(
      scans.begin(), scans.end(), [&](const sim::Scan& s) { return s.kind == kind; }));
}

TEST(ScenarioLoader, RouteTimelineFaultsChangeTheBuiltRoute) {
  const std::string base = "{from: 杭州, to: 北京, pickup_at: +30h, seed: 3";
  const auto plain = route_scans(base + "}");
  ASSERT_EQ(count_kind(plain, sim::ScanKind::pickup), 1U);
  const auto missing = route_scans(base + ", faults: [missing_pickup_scan]}");
  EXPECT_EQ(count_kind(missing, sim::ScanKind::pickup), 0U);
  EXPECT_EQ(missing.size(), plain.size() - 1);
  const auto never = route_scans(base + ", faults: [never_picked_up]}");
  EXPECT_TRUE(std::none_of(never.begin(), never.end(),
                           [](const sim::Scan& s) { return sim::is_physical(s.kind); }));
  const auto lagged = route_scans(base + ", faults: [scan_lag]}");
  // As in generate: (population/injectors.h), a suffix of the scans shows 1h-18h late.
  ASSERT_EQ(lagged.size(), plain.size());
  EXPECT_GE(lagged.back().visible_at - lagged.back().at, sim::Duration(3600));
  for (std::size_t i = 0; i < lagged.size(); ++i) {
    EXPECT_EQ(lagged[i].at, plain[i].at);
    const sim::Duration lag = lagged[i].visible_at - lagged[i].at;
    EXPECT_TRUE(lag == sim::Duration(0) ||
                (lag >= sim::Duration(3600) && lag <= sim::Duration(18 * 3600)))
        << "scan " << i << " lags " << lag.count() << " s";
  }
  // impossible_route teleports a transit scan beyond what max_transit_speed_kmh allows.
  const auto teleported = route_scans(base + ", faults: [impossible_route]}");
  ASSERT_EQ(teleported.size(), plain.size());
  EXPECT_FALSE(std::equal(teleported.begin(), teleported.end(), plain.begin(),
                          [](const sim::Scan& a, const sim::Scan& b) { return a.city == b.city; }));
  EXPECT_EQ(route_scans(base + ", faults: [repeated_scans]}").size(), plain.size() + 1);
}

TEST(ScenarioLoader, RouteFaultsAboutTheOrderAreRejected) {
  EXPECT_THAT(
      error_of(with_route("{from: 杭州, to: 北京, pickup_at: +30h, faults: [late_upload]}")),
      HasSubstr("fault 'late_upload' is about the order, not the parcel's timeline"));
  EXPECT_THAT(error_of(with_route("{from: 杭州, to: 北京, pickup_at: +30h, faults: [lost]}")),
              HasSubstr("unknown fault 'lost'"));
}

TEST(ScenarioLoader, ReportsEveryErrorOfAFileAtOnce) {
  std::string bad = replace(kValid, "kind: pickup", "kind: pickp");
  bad = replace(bad, "amount: 129.00", "amount: 1.001");
  const std::string err = error_of(bad);
  EXPECT_THAT(err, HasSubstr("x.yaml:6:13:"));
  EXPECT_THAT(err, HasSubstr("x.yaml:15:26:"));
}

TEST(ScenarioLoader, SeveralDocumentsAreSeveralScenarios) {
  const std::string two =
      std::string(kValid) + "---\n" + replace(kValid, "name: base", "name: second");
  auto r = parse_scenarios(two, "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2U);
  EXPECT_EQ((*r)[1].name, "second");
}

TEST(ScenarioLoader, DefaultUntilIsSevenDaysAfterTheLastScriptedTime) {
  auto r = parse_scenarios(kValid, "x.yaml");
  ASSERT_TRUE(r.has_value());
  const auto& s = (*r)[0];
  EXPECT_EQ(s.until - s.start, sim::Duration((30 + 7 * 24) * 3600));
}

TEST(ScenarioLoader, KuaidiCodesAreAcceptedForCarriers) {
  auto r = parse_scenarios(
      replace(kValid, "upload: {at: +20h, carrier: sf,", "upload: {at: +20h, carrier: shunfeng,"),
      "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ((*r)[0].orders[0].order.upload->carrier, sim::Carrier::sf);
}

TEST(ScenarioLoader, ErrorsSayWhatKindOfFailureTheyAre) {
  const auto missing = load_scenarios({"/nonexistent/tracksim/scenarios"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  const auto bad = parse_scenarios("name: [unclosed", "x.yaml");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid_input);
}

// Fuzz finding (tests/fuzz scenario_loader target): a parcel with no scans was written as a bare
// `scans:`, which reads back as nothing, not a list, so the written scenario did not load.
TEST(ScenarioLoader, AParcelWithoutScansWritesAndLoadsBack) {
  auto r = parse_scenarios(
      replace(kValid, "    scans:\n      - {at: +30h, kind: pickup, city: 杭州市}\n",
              "    scans: []\n"),
      "x.yaml");
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_TRUE((*r)[0].parcels[0].scans.empty());
  const std::string written = write_scenario_yaml((*r)[0]);
  auto back = parse_scenarios(written, "written.yaml");
  ASSERT_TRUE(back.has_value()) << back.error().to_string() << "\n" << written;
  EXPECT_TRUE((*back)[0].parcels[0].scans.empty());
}

}  // namespace
}  // namespace tracksim::harness

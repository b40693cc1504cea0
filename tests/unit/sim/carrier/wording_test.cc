#include "sim/carrier/wording.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

namespace tracksim::sim {
namespace {

Scan scan_of(ScanKind kind, std::string facility = {}) {
  Scan s;
  s.kind = kind;
  s.facility = std::move(facility);
  return s;
}

TEST(Kuaidi100Status, MapsEveryKindToItsDocumentedStateAndCode) {
  EXPECT_EQ(kuaidi100_status(ScanKind::info_received).status_code, 101);
  EXPECT_EQ(kuaidi100_status(ScanKind::pickup).state, 1);
  EXPECT_EQ(kuaidi100_status(ScanKind::pickup).status_code, 103);
  EXPECT_EQ(kuaidi100_status(ScanKind::pickup).state_name, "揽收");
  EXPECT_EQ(kuaidi100_status(ScanKind::arrive).state, 0);
  EXPECT_EQ(kuaidi100_status(ScanKind::arrive).status_code, 1002);
  EXPECT_EQ(kuaidi100_status(ScanKind::arrive, true).status_code, 1001);
  EXPECT_EQ(kuaidi100_status(ScanKind::out_for_delivery).state, 5);
  EXPECT_EQ(kuaidi100_status(ScanKind::locker).status_code, 501);
  EXPECT_EQ(kuaidi100_status(ScanKind::delivered).state, 3);
  EXPECT_EQ(kuaidi100_status(ScanKind::delivered).status_code, 301);
  EXPECT_EQ(kuaidi100_status(ScanKind::failed_attempt).status_code, 204);
  EXPECT_EQ(kuaidi100_status(ScanKind::exception).status_code, 208);
  EXPECT_EQ(kuaidi100_status(ScanKind::returning).state, 6);
  EXPECT_EQ(kuaidi100_status(ScanKind::returned).state, 4);
  EXPECT_EQ(kuaidi100_status(ScanKind::cancelled).status_code, 401);
}

TEST(Kuaidi100Status, OnlyDeliveredIsSigned) {
  for (std::string_view name : scan_kind_names()) {
    const ScanKind kind = *parse_scan_kind(name);
    EXPECT_EQ(kuaidi100_status(kind).state == 3, kind == ScanKind::delivered) << name;
  }
}

TEST(Kuaidi100Status, DepartsAndArrivalsOffHubsAreInTransitNotLineHaul) {
  EXPECT_EQ(kuaidi100_status(ScanKind::depart, false, /*at_hub=*/false).status_code, 0);
  EXPECT_EQ(kuaidi100_status(ScanKind::depart, false, /*at_hub=*/false).code_name, "在途");
  EXPECT_EQ(kuaidi100_status(ScanKind::arrive, true, /*at_hub=*/false).status_code, 1001);
  EXPECT_EQ(kuaidi100_status(ScanKind::depart).code_name, "干线");
}

TEST(Kuaidi100Status, EveryResultV2CodeHasItsStateAndName) {
  EXPECT_EQ(kuaidi100_status_of_code(303)->state, 3);
  EXPECT_EQ(kuaidi100_status_of_code(303)->code_name, "代签");
  EXPECT_EQ(kuaidi100_status_of_code(501)->code_name, "投柜或驿站");
  EXPECT_EQ(kuaidi100_status_of_code(206)->state_name, "疑难");
  EXPECT_EQ(kuaidi100_status_of_code(401)->state, 4);
  EXPECT_FALSE(kuaidi100_status_of_code(999));
}

TEST(HubName, UsesEachCarriersWordForItsSortingCentre) {
  EXPECT_EQ(hub_name(Carrier::yto, "杭州市"), "杭州转运中心");
  EXPECT_EQ(hub_name(Carrier::zto, "杭州市"), "杭州中转部");
  EXPECT_EQ(hub_name(Carrier::sf, "杭州市"), "杭州中转场");
  EXPECT_EQ(hub_name(Carrier::jd, "北京市"), "北京分拨中心");
  EXPECT_EQ(hub_name(Carrier::ems, "济南市"), "济南邮件处理中心");
  EXPECT_EQ(hub_name(Carrier::youzheng, "济南市"), "济南邮区中心局");
  EXPECT_EQ(hub_name(Carrier::yunda, "郑州", "河南"), "河南郑州分拨中心");
  EXPECT_EQ(hub_name(Carrier::sto, "北京", "北京"), "北京转运中心");  // a municipality
  EXPECT_EQ(hub_name(Carrier::zjs, "郑州", "河南"), "河南_配送区部_郑州分拨站");
  EXPECT_EQ(hub_name(Carrier::zjs, "北京", "北京"), "北京_配送区部_北京分拨站");
}

TEST(RenderScanText, EveryCarrierAndKindNamesTheFacilityOrNoPlaceAtAll) {
  for (Carrier c : all_carriers()) {
    for (std::string_view name : scan_kind_names()) {
      for (std::uint64_t seed = 1; seed < 40; ++seed) {
        Rng rng(seed);
        const ScanKind kind = *parse_scan_kind(name);
        const std::string text = render_scan_text(c, scan_of(kind, "测试网点"), "杭州市", rng);
        EXPECT_EQ(text.find("{"), std::string::npos) << text;
        // A text names the facility, or the city, or (signatures, notices) no place.
        const bool facility = text.find("测试网点") != std::string::npos;
        const bool city = text.find("杭州") != std::string::npos;
        if (kind != ScanKind::delivered && kind != ScanKind::info_received &&
            kind != ScanKind::returning && kind != ScanKind::returned &&
            kind != ScanKind::cancelled && kind != ScanKind::failed_attempt &&
            kind != ScanKind::pickup && kind != ScanKind::out_for_delivery &&
            kind != ScanKind::depart && kind != ScanKind::exception) {
          EXPECT_TRUE(facility || city) << code(c) << " " << name << ": " << text;
        }
      }
    }
  }
}

TEST(WordingTable, EveryCarrierHasATemplateForEveryKindAndPlace) {
  EXPECT_GE(wording_templates().size(), 16U * 12U);
  const auto missing = parse_wording_table("sf\tpickup\t-\t-\t顺丰速运 已收取快件\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().to_string().find("has no template"), std::string::npos);
  const auto bad = parse_wording_table("sf\tpickp\t-\t-\tx\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().to_string().find("wording.tsv:1: unknown scan kind 'pickp'"),
            std::string::npos)
      << bad.error().to_string();
  const auto code = parse_wording_table("sf\tdelivered\t-\t204\tx\n");
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().to_string().find("statusCode '204'"), std::string::npos);
  const auto placeholder = parse_wording_table("sf\tdelivered\t-\t-\t{Z}\n");
  ASSERT_FALSE(placeholder);
  EXPECT_NE(placeholder.error().to_string().find("'{Z}'"), std::string::npos);
}

TEST(RenderScanText, IsDeterministicForTheSameSeed) {
  for (Carrier c : all_carriers()) {
    for (std::string_view name : scan_kind_names()) {
      Rng a(99), b(99);
      const Scan s = scan_of(*parse_scan_kind(name), "某网点");
      EXPECT_EQ(render_scan_text(c, s, "杭州市", a), render_scan_text(c, s, "杭州市", b));
    }
  }
}

TEST(RenderScanText, CarriersWordPickupDifferently) {
  std::set<std::string> texts;
  for (Carrier c : all_carriers()) {
    Rng rng(7);
    texts.insert(render_scan_text(c, scan_of(ScanKind::pickup, "网点"), "杭州市", rng));
  }
  EXPECT_EQ(texts.size(), kCarrierCount);
}

TEST(RenderScanText, SfSaysItHasCollectedTheParcel) {
  Rng rng(3);
  EXPECT_NE(render_scan_text(Carrier::sf, scan_of(ScanKind::pickup, "网点"), "深圳市", rng)
                .find("顺丰速运 已收取快件"),
            std::string::npos);
}

TEST(RenderScanText, MasksTheCourierPhone) {
  Rng rng(4);
  const std::string text =
      render_scan_text(Carrier::yto, scan_of(ScanKind::out_for_delivery, "网点"), "杭州市", rng);
  EXPECT_TRUE(std::regex_search(text, std::regex("1[3578][0-9]\\*\\*\\*\\*[0-9]{4}"))) << text;
}

TEST(RenderScanText, LockerScansUseCabinetOrStationWording) {
  Rng rng(5);
  Scan cabinet = scan_of(ScanKind::locker, "丰巢智能柜(文三路)");
  cabinet.facility_type = FacilityType::locker;
  const std::string by_cabinet = render_scan_text(Carrier::zto, cabinet, "杭州市", rng);
  EXPECT_NE(by_cabinet.find("【丰巢智能柜(文三路)】"), std::string::npos) << by_cabinet;
  const std::string station =
      render_scan_text(Carrier::zto, scan_of(ScanKind::locker, "文三路菜鸟驿站"), "杭州市", rng);
  EXPECT_NE(station.find("已被【文三路菜鸟驿站】代收，取件码"), std::string::npos) << station;
  EXPECT_TRUE(std::regex_search(station, std::regex("取件码[1-9]-[1-6]-[0-9]{4}"))) << station;
  std::set<std::string> unnamed;
  for (int i = 0; i < 40; ++i) {
    const std::string t = render_scan_text(Carrier::zto, scan_of(ScanKind::locker), "杭州市", rng);
    unnamed.insert(t.find("丰巢") != std::string::npos ? "cabinet" : "station");
  }
  EXPECT_EQ(unnamed.size(), 2U);
}

TEST(WordScan, ProxySignaturesSayCode303AndFailedAttemptsTheirReasonsCode) {
  std::set<int> delivered, failed;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    Rng a(seed), b(seed);
    delivered.insert(
        word_scan(Carrier::sf, ScanKind::delivered, FacilityType::unspecified, "", "深圳市", a)
            .status_code);
    const ScanWords f =
        word_scan(Carrier::sf, ScanKind::failed_attempt, FacilityType::outlet, "网点", "深圳市", b);
    failed.insert(f.status_code);
    if (f.status_code == 203) {
      EXPECT_NE(f.text.find("拒收"), std::string::npos) << f.text;
    }
  }
  EXPECT_EQ(delivered, (std::set<int>{301, 303, 304}));
  EXPECT_EQ(failed, (std::set<int>{203, 204, 206}));
}

}  // namespace
}  // namespace tracksim::sim

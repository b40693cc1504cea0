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

TEST(HubName, UsesEachCarriersWordForItsSortingCentre) {
  EXPECT_EQ(hub_name(Carrier::zto, "杭州市"), "杭州转运中心");
  EXPECT_EQ(hub_name(Carrier::sf, "杭州市"), "杭州中转场");
  EXPECT_EQ(hub_name(Carrier::jd, "北京市"), "北京分拨中心");
  EXPECT_EQ(hub_name(Carrier::ems, "济南市"), "济南邮区中心局");
}

TEST(RenderScanText, EveryCarrierAndKindNamesTheFacilityInBrackets) {
  Rng rng(1);
  for (Carrier c : all_carriers()) {
    for (std::string_view name : scan_kind_names()) {
      const std::string text =
          render_scan_text(c, scan_of(*parse_scan_kind(name), "测试网点"), "杭州市", rng);
      EXPECT_NE(text.find("【测试网点】"), std::string::npos)
          << code(c) << " " << name << ": " << text;
    }
  }
}

TEST(RenderScanText, FallsBackToTheCityWithoutAFacility) {
  Rng rng(2);
  for (Carrier c : all_carriers()) {
    const std::string text = render_scan_text(c, scan_of(ScanKind::delivered), "济南市", rng);
    EXPECT_NE(text.find("【济南市】"), std::string::npos) << text;
    EXPECT_EQ(text.find("【济南市】【济南市】"), std::string::npos) << text;
  }
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
  EXPECT_NE(by_cabinet.find("已被【丰巢智能柜(文三路)】代收"), std::string::npos) << by_cabinet;
  const std::string station =
      render_scan_text(Carrier::zto, scan_of(ScanKind::locker, "文三路菜鸟驿站"), "杭州市", rng);
  EXPECT_NE(station.find("已由【文三路菜鸟驿站】代收"), std::string::npos) << station;
  std::set<std::string> unnamed;
  for (int i = 0; i < 40; ++i) {
    const std::string t = render_scan_text(Carrier::zto, scan_of(ScanKind::locker), "杭州市", rng);
    unnamed.insert(t.find("丰巢") != std::string::npos ? "cabinet" : "station");
  }
  EXPECT_EQ(unnamed.size(), 2U);
}

}  // namespace
}  // namespace tracksim::sim

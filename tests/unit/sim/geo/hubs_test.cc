#include "sim/geo/hubs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tracksim::sim::geo {
namespace {

const Atlas& atlas() { return Atlas::china(); }
const HubNetwork& net() { return HubNetwork::china(); }

CityId city(std::string_view name) {
  const City* c = atlas().find_city(name);
  EXPECT_NE(c, nullptr) << name;
  return c != nullptr ? c->id : CityId{0};
}

HubId hub(std::string_view city_name) {
  const Hub* h = net().hub_in(city(city_name));
  EXPECT_NE(h, nullptr) << city_name;
  return h != nullptr ? h->id : HubId{0};
}

TEST(HubNetwork, EveryProvinceHasAtLeastOneHub) {
  for (const Province& p : atlas().provinces())
    EXPECT_FALSE(net().hubs_of(p.id).empty()) << p.full_name;
}

TEST(HubNetwork, HighVolumeProvincesHaveSeveralHubs) {
  EXPECT_GE(net().hubs_of(atlas().find_province("浙江")->id).size(), 2U);
  EXPECT_GE(net().hubs_of(atlas().find_province("广东")->id).size(), 3U);
  EXPECT_NE(net().hub_in(city("金华")), nullptr);
  EXPECT_NE(net().hub_in(city("东莞")), nullptr);
}

TEST(HubNetwork, TheNationalSuperHubsAreMarkedSuper) {
  for (auto name : {"郑州", "武汉", "上海", "广州", "北京", "成都", "西安"}) {
    EXPECT_EQ(net().hub(hub(name)).tier, HubTier::super) << name;
  }
  EXPECT_EQ(net().hub(hub("金华")).tier, HubTier::regional);
}

TEST(HubNetwork, AHubCityIsServedByItsOwnHub) {
  EXPECT_EQ(net().nearest_hub(city("杭州")), hub("杭州"));
  EXPECT_EQ(net().nearest_hub(city("乌鲁木齐")), hub("乌鲁木齐"));
}

TEST(HubNetwork, ACityIsServedByTheNearestHubOfItsOwnProvince) {
  EXPECT_EQ(net().nearest_hub(city("衢州")), hub("金华"));
  EXPECT_EQ(net().nearest_hub(city("绍兴")), hub("杭州"));
  EXPECT_EQ(net().nearest_hub(city("惠州")), hub("东莞"));
  for (const City& c : atlas().cities()) {
    EXPECT_EQ(net().hub(net().nearest_hub(c.id)).province, c.province) << c.full_name;
  }
}

TEST(HubNetwork, LinksAreSymmetricAndNeverToItself) {
  for (const Hub& h : net().hubs()) {
    EXPECT_FALSE(net().linked(h.id, h.id));
    for (HubId other : net().links(h.id)) EXPECT_TRUE(net().linked(other, h.id));
  }
}

TEST(HubNetwork, NeighbouringProvincesLinkButFarRegionalHubsDoNot) {
  EXPECT_TRUE(net().linked(hub("杭州"), hub("上海")));
  EXPECT_TRUE(net().linked(hub("杭州"), hub("合肥")));
  EXPECT_TRUE(net().linked(hub("乌鲁木齐"), hub("兰州")));
  EXPECT_FALSE(net().linked(hub("杭州"), hub("哈尔滨")));
  EXPECT_FALSE(net().linked(hub("海口"), hub("乌鲁木齐")));
}

TEST(HubNetwork, EveryPairOfHubsHasALinkedPathWithAtMostTwoIntermediates) {
  Rng rng(1);
  for (const Hub& a : net().hubs()) {
    for (const Hub& b : net().hubs()) {
      const std::vector<HubId> p = net().path(a.id, b.id, rng);
      ASSERT_GE(p.size(), 1U);
      ASSERT_LE(p.size(), 4U);
      EXPECT_EQ(p.front(), a.id);
      EXPECT_EQ(p.back(), b.id);
      for (std::size_t i = 0; i + 1 < p.size(); ++i) EXPECT_TRUE(net().linked(p[i], p[i + 1]));
    }
  }
}

TEST(HubNetwork, LinkedHubsTakeTheDirectLine) {
  Rng rng(7);
  EXPECT_EQ(net().path(hub("杭州"), hub("上海"), rng),
            (std::vector<HubId>{hub("杭州"), hub("上海")}));
}

TEST(HubNetwork, PathIsTheSameForTheSameSeed) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Rng a(seed);
    Rng b(seed);
    EXPECT_EQ(net().path(hub("海口"), hub("喀什"), a), net().path(hub("海口"), hub("喀什"), b));
  }
}

TEST(HubNetwork, PathNeverExceedsTheShortestByMoreThanTwoPercent) {
  auto total = [](const std::vector<HubId>& p) {
    double km = 0;
    for (std::size_t i = 0; i + 1 < p.size(); ++i) km += net().distance_km(p[i], p[i + 1]);
    return km;
  };
  Rng rng(3);
  const double first = total(net().path(hub("哈尔滨"), hub("昆明"), rng));
  for (int i = 0; i < 50; ++i) {
    const double km = total(net().path(hub("哈尔滨"), hub("昆明"), rng));
    EXPECT_LE(km, first * 1.0201);
    EXPECT_GE(km * 1.0201, first);
  }
}

TEST(HubNetwork, ParseNamesTheLineOfAnUnknownCity) {
  auto r = HubNetwork::parse(atlas(), "hub\t北京\tsuper\nhub\t北晶\tregional\n");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().to_string(), testing::HasSubstr("hubs.tsv:2:1: unknown city '北晶'"));
}

TEST(HubNetwork, ParseRejectsAProvinceWithoutAHub) {
  auto r = HubNetwork::parse(atlas(), "hub\t北京\tsuper\n");
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message, testing::HasSubstr("has no hub"));
}

}  // namespace
}  // namespace tracksim::sim::geo

#include "sim/geo/atlas.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tracksim::sim::geo {
namespace {

const Atlas& atlas() { return Atlas::china(); }

const City& city(std::string_view name) {
  const City* c = atlas().find_city(name);
  EXPECT_NE(c, nullptr) << name;
  return c != nullptr ? *c : atlas().city(0);
}

const Province& province(std::string_view name) {
  const Province* p = atlas().find_province(name);
  EXPECT_NE(p, nullptr) << name;
  return p != nullptr ? *p : atlas().province(0);
}

// Digits 3-4 of "90" mark county-level units administered directly by the province.
bool is_province_administered(const City& c) { return c.code.substr(2, 2) == "90"; }

std::size_t count_cities(std::string_view province_name, bool province_administered) {
  const ProvinceId id = province(province_name).id;
  std::size_t n = 0;
  for (const City& c : atlas().cities()) {
    if (c.province == id && is_province_administered(c) == province_administered) ++n;
  }
  return n;
}

TEST(ChinaAtlas, HasExactlyThirtyOneProvinces) {
  EXPECT_EQ(atlas().provinces().size(), 31U);
  for (std::size_t i = 0; i < atlas().provinces().size(); ++i) {
    EXPECT_EQ(atlas().provinces()[i].id, i);
  }
}

TEST(ChinaAtlas, CountsPrefectureLevelUnitsPerProvince) {
  EXPECT_EQ(count_cities("浙江", false), 11U);
  EXPECT_EQ(count_cities("江苏", false), 13U);
  EXPECT_EQ(count_cities("广东", false), 21U);
  EXPECT_EQ(count_cities("四川", false), 21U);
  EXPECT_EQ(count_cities("山东", false), 16U);
  EXPECT_EQ(count_cities("内蒙古", false), 12U);
  EXPECT_EQ(count_cities("新疆", false), 14U);
  EXPECT_EQ(count_cities("海南", false), 4U);
  EXPECT_EQ(count_cities("北京", false), 1U);
}

TEST(ChinaAtlas, CountsProvinceAdministeredCountyLevelUnits) {
  EXPECT_EQ(count_cities("新疆", true), 12U);  // the corps cities, 石河子 .. 白杨
  EXPECT_EQ(count_cities("海南", true), 15U);
  EXPECT_EQ(count_cities("湖北", true), 4U);
  EXPECT_EQ(count_cities("河南", true), 1U);
  EXPECT_EQ(count_cities("浙江", true), 0U);
}

TEST(ChinaAtlas, HasAllPrefectureLevelUnitsPlusMunicipalities) {
  std::size_t prefecture_level = 0;
  for (const City& c : atlas().cities()) {
    if (!is_province_administered(c)) ++prefecture_level;
  }
  EXPECT_EQ(prefecture_level, 333U + 4U);
  EXPECT_EQ(atlas().cities().size(), 333U + 4U + 32U);
}

TEST(ChinaAtlas, FindsProvincesByFullAndShortName) {
  EXPECT_EQ(province("浙江省").code, "33");
  EXPECT_EQ(&province("浙江"), &province("浙江省"));
  EXPECT_EQ(province("新疆").full_name, "新疆维吾尔自治区");
  EXPECT_EQ(province("广西壮族自治区").short_name, "广西");
  EXPECT_EQ(province("内蒙古").kind, ProvinceKind::kAutonomousRegion);
  EXPECT_EQ(province("宁夏").code, "64");
  EXPECT_EQ(province("西藏自治区").code, "54");
  EXPECT_EQ(province("重庆").kind, ProvinceKind::kMunicipality);
  EXPECT_EQ(atlas().find_province("杭州"), nullptr);
  EXPECT_EQ(atlas().find_province(""), nullptr);
}

TEST(ChinaAtlas, FindsCitiesByFullAndShortName) {
  EXPECT_EQ(city("杭州").full_name, "杭州市");
  EXPECT_EQ(&city("杭州市"), &city("杭州"));
  EXPECT_EQ(city("延边").full_name, "延边朝鲜族自治州");
  EXPECT_EQ(city("大兴安岭").code, "232700");
  EXPECT_EQ(city("锡林郭勒").full_name, "锡林郭勒盟");
  EXPECT_EQ(city("恩施").full_name, "恩施土家族苗族自治州");
  EXPECT_EQ(city("石河子市").province, province("新疆").id);
  EXPECT_EQ(atlas().find_city("浙江"), nullptr);
  EXPECT_EQ(atlas().find_city("杭洲市"), nullptr);
}

TEST(ChinaAtlas, KeepsCityAndProvinceNamespacesApart) {
  EXPECT_EQ(province("北京").full_name, "北京市");
  EXPECT_EQ(city("北京").full_name, "北京市");
  EXPECT_EQ(city("北京").province, province("北京").id);
  EXPECT_EQ(province("吉林").full_name, "吉林省");
  EXPECT_EQ(city("吉林").full_name, "吉林市");
  EXPECT_EQ(province("海南").full_name, "海南省");
  EXPECT_EQ(city("海南").full_name, "海南藏族自治州");
  EXPECT_EQ(city("海南").province, province("青海").id);
}

TEST(ChinaAtlas, FindsCityWithinProvinceOnlyWhenItLiesThere) {
  EXPECT_EQ(atlas().find_city("吉林", province("吉林").id), &city("吉林市"));
  EXPECT_EQ(atlas().find_city("海南", province("海南").id), nullptr);
  EXPECT_EQ(atlas().find_city("三亚", province("海南").id), &city("三亚市"));
}

TEST(ChinaAtlas, RoundTripsEveryNameAndId) {
  for (const City& c : atlas().cities()) {
    EXPECT_EQ(atlas().find_city(c.full_name), &c) << c.full_name;
    EXPECT_EQ(atlas().find_city(c.short_name), &c) << c.short_name;
    EXPECT_EQ(&atlas().city(c.id), &c);
  }
  for (const Province& p : atlas().provinces()) {
    EXPECT_EQ(atlas().find_province(p.full_name), &p);
    EXPECT_EQ(atlas().find_province(p.short_name), &p);
  }
}

TEST(ChinaAtlas, HasUniqueCodesAndCityCodesStartWithTheirProvinceCode) {
  std::set<std::string_view> codes;
  std::set<ProvinceId> provinces_with_cities;
  for (const City& c : atlas().cities()) {
    EXPECT_TRUE(codes.insert(c.code).second) << c.code;
    EXPECT_EQ(c.code.size(), 6U);
    EXPECT_EQ(c.code.substr(0, 2), atlas().province(c.province).code) << c.full_name;
    provinces_with_cities.insert(c.province);
  }
  for (const Province& p : atlas().provinces()) EXPECT_TRUE(codes.insert(p.code).second);
  EXPECT_EQ(provinces_with_cities.size(), 31U);
}

struct Box {
  double lat_min, lat_max, lon_min, lon_max;
};

// Generous boxes around each province-level division (by 2-digit code).
const std::map<std::string_view, Box>& province_boxes() {
  static const std::map<std::string_view, Box> boxes = {
      {"11", {39.4, 41.1, 115.4, 117.5}}, {"12", {38.5, 40.3, 116.7, 118.1}},
      {"13", {36.0, 42.7, 113.4, 119.9}}, {"14", {34.5, 40.8, 110.2, 114.6}},
      {"15", {37.4, 53.4, 97.1, 126.1}},  {"21", {38.7, 43.5, 118.8, 125.8}},
      {"22", {40.8, 46.3, 121.6, 131.3}}, {"23", {43.4, 53.6, 121.1, 135.1}},
      {"31", {30.6, 31.9, 120.8, 122.0}}, {"32", {30.7, 35.2, 116.3, 121.9}},
      {"33", {27.0, 31.2, 118.0, 123.0}}, {"34", {29.4, 34.7, 114.8, 119.7}},
      {"35", {23.5, 28.4, 115.8, 120.7}}, {"36", {24.4, 30.1, 113.5, 118.5}},
      {"37", {34.3, 38.4, 114.8, 122.8}}, {"41", {31.3, 36.4, 110.3, 116.7}},
      {"42", {29.0, 33.3, 108.3, 116.2}}, {"43", {24.6, 30.2, 108.7, 114.3}},
      {"44", {20.2, 25.6, 109.6, 117.4}}, {"45", {20.9, 26.4, 104.4, 112.1}},
      {"46", {3.5, 20.2, 108.5, 117.9}},  {"50", {28.1, 32.3, 105.2, 110.2}},
      {"51", {26.0, 34.4, 97.3, 108.6}},  {"52", {24.6, 29.3, 103.6, 109.6}},
      {"53", {21.1, 29.3, 97.5, 106.2}},  {"54", {26.8, 36.5, 78.3, 99.2}},
      {"61", {31.7, 39.6, 105.4, 111.3}}, {"62", {32.5, 42.8, 92.3, 108.8}},
      {"63", {31.5, 39.3, 89.4, 103.1}},  {"64", {35.2, 39.4, 104.2, 107.7}},
      {"65", {34.3, 49.2, 73.4, 96.4}},
  };
  return boxes;
}

TEST(ChinaAtlas, PlacesEveryCityInsideItsProvince) {
  ASSERT_EQ(province_boxes().size(), 31U);
  for (const City& c : atlas().cities()) {
    const Box& box = province_boxes().at(atlas().province(c.province).code);
    EXPECT_TRUE(c.lat >= box.lat_min && c.lat <= box.lat_max) << c.full_name << " " << c.lat;
    EXPECT_TRUE(c.lon >= box.lon_min && c.lon <= box.lon_max) << c.full_name << " " << c.lon;
  }
}

TEST(ChinaAtlas, PlacesEveryCityButSanshaInsideMainlandBounds) {
  for (const City& c : atlas().cities()) {
    if (c.short_name == "三沙") continue;  // seat on 永兴岛 in the South China Sea, 16.8°N
    EXPECT_TRUE(c.lat >= 18.0 && c.lat <= 54.0) << c.full_name;
    EXPECT_TRUE(c.lon >= 73.0 && c.lon <= 135.0) << c.full_name;
  }
  EXPECT_NEAR(city("三沙").lat, 16.8, 0.2);
}

// Expected figures: haversine (R = 6371 km) between the usual city-centre coordinates.
TEST(DistanceKm, MatchesKnownGreatCircleDistancesWithinThreePercent) {
  EXPECT_NEAR(distance_km(city("北京"), city("上海")), 1068.0, 1068.0 * 0.03);
  EXPECT_NEAR(distance_km(city("杭州"), city("北京")), 1125.0, 1125.0 * 0.03);
  EXPECT_NEAR(distance_km(city("乌鲁木齐"), city("广州")), 3280.0, 3280.0 * 0.03);
  EXPECT_NEAR(distance_km(city("北京"), city("天津")), 113.0, 113.0 * 0.1);
  EXPECT_LT(distance_km(city("广州"), city("佛山")), 40.0);
}

TEST(DistanceKm, IsZeroToItselfAndSymmetric) {
  EXPECT_DOUBLE_EQ(distance_km(city("拉萨"), city("拉萨")), 0.0);
  EXPECT_DOUBLE_EQ(distance_km(city("拉萨"), city("哈尔滨")),
                   distance_km(city("哈尔滨"), city("拉萨")));
}

TEST(AtlasSuggest, OffersTheClosestCityForATypo) {
  EXPECT_EQ(atlas().suggest_city("杭洲市"), " (did you mean '杭州市'?)");
  EXPECT_EQ(atlas().suggest_city("Springfield"), "");
  EXPECT_EQ(atlas().suggest_province("浙江生"), " (did you mean '浙江省'?)");
  EXPECT_EQ(atlas().suggest_province("Atlantis"), "");
}

constexpr std::string_view kProvinces =
    "# code\tfull\tshort\tkind\n"
    "33\t浙江省\t浙江\tprovince\n"
    "11\t北京市\t北京\tmunicipality\n";

std::string parse_error(std::string_view cities) {
  auto parsed = Atlas::parse(kProvinces, cities);
  return parsed ? std::string("parsed") : parsed.error().to_string();
}

TEST(AtlasParse, ReadsAWellFormedFile) {
  auto parsed = Atlas::parse(kProvinces, "330100\t杭州市\t杭州\t33\t30.27\t120.15\r\n\n");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ(parsed->provinces().size(), 2U);
  ASSERT_EQ(parsed->cities().size(), 1U);
  EXPECT_DOUBLE_EQ(parsed->cities()[0].lon, 120.15);
  EXPECT_EQ(parsed->find_province("北京")->id, 1U);
}

TEST(AtlasParse, NamesTheLineOfARowWithTooFewColumns) {
  EXPECT_EQ(parse_error("# header\n330100\t杭州市\t杭州\t33\t30.27\t120.15\n"
                        "330200\t宁波市\t宁波\t33\t29.87\n"),
            "cities.tsv:3:1: expected 6 tab-separated columns, found 5");
}

TEST(AtlasParse, NamesTheLineAndColumnOfABadLatitude) {
  EXPECT_EQ(parse_error("330100\t杭州市\t杭州\t33\t3O.27\t120.15\n"),
            "cities.tsv:1:18: latitude '3O.27' is not a number in -90..90");
  EXPECT_EQ(parse_error("330100\t杭州市\t杭州\t33\t95\t120.15\n"),
            "cities.tsv:1:18: latitude '95' is not a number in -90..90");
}

TEST(AtlasParse, RejectsACityOutsideItsProvinceCode) {
  EXPECT_EQ(parse_error("110100\t杭州市\t杭州\t33\t30.27\t120.15\n"),
            "cities.tsv:1:1: code '110100' does not start with its province code '33'");
  EXPECT_EQ(parse_error("990100\t某市\t某\t99\t30\t120\n"),
            "cities.tsv:1:13: unknown province code '99'");
}

TEST(AtlasParse, RejectsDuplicateCityNamesAndCodes) {
  EXPECT_EQ(parse_error("330100\t杭州市\t杭州\t33\t30.27\t120.15\n"
                        "330200\t宁波市\t杭州\t33\t29.87\t121.54\n"),
            "cities.tsv:2:12: name '杭州' is already used on line 1");
  EXPECT_EQ(parse_error("330100\t杭州市\t杭州\t33\t30.27\t120.15\n"
                        "330100\t宁波市\t宁波\t33\t29.87\t121.54\n"),
            "cities.tsv:2:1: duplicate code '330100'");
}

TEST(AtlasParse, NamesTheLineOfABadProvinceRow) {
  auto parsed = Atlas::parse("33\t浙江省\t浙江\tstate\n", "");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().to_string(),
            "provinces.tsv:1:11: kind 'state' is not municipality, province or autonomous_region");
}

TEST(AtlasParse, KeepsNamesValidAfterTheAtlasMovesOrIsCopied) {
  std::string provinces(kProvinces);
  std::string cities = "330100\t杭州市\t杭州\t33\t30.27\t120.15\n";
  auto parsed = Atlas::parse(provinces, cities);
  ASSERT_TRUE(parsed);
  provinces.assign(provinces.size(), 'x');  // the atlas must not view the caller's text
  cities.assign(cities.size(), 'x');
  std::vector<Atlas> atlases;
  atlases.push_back(std::move(parsed).value());
  atlases.reserve(8);  // reallocates: the atlas moves
  const Atlas copy = atlases.front();
  atlases.clear();
  ASSERT_NE(copy.find_city("杭州"), nullptr);
  EXPECT_EQ(copy.find_city("杭州")->full_name, "杭州市");
  EXPECT_EQ(copy.find_province("浙江")->full_name, "浙江省");
}

TEST(ChinaAtlas, CanBeReadFromManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<std::size_t> found(4, 0);
  for (std::size_t t = 0; t < found.size(); ++t) {
    threads.emplace_back([t, &found] {
      for (const City& c : Atlas::china().cities()) {
        if (Atlas::china().find_city(c.short_name) == &c) ++found[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (std::size_t n : found) EXPECT_EQ(n, Atlas::china().cities().size());
}

}  // namespace
}  // namespace tracksim::sim::geo

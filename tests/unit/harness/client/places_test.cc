#include "harness/client/places.h"

#include <gtest/gtest.h>

#include "sim/geo/atlas.h"
#include "sim/geo/districts.h"

namespace tracksim::harness {
namespace {

sim::geo::CityId city(const char* name) { return sim::geo::Atlas::china().find_city(name)->id; }

TEST(Districts, EveryDistrictBelongsToACityAndRepeatedNamesKeepEveryCity) {
  const auto& d = sim::geo::Districts::china();
  EXPECT_GT(d.all().size(), 2800U);
  ASSERT_EQ(d.find("萧山区").size(), 1U);
  EXPECT_EQ(d.find("萧山区")[0]->city, city("杭州市"));
  EXPECT_EQ(d.find("萧山").size(), 1U);    // the short name
  EXPECT_EQ(d.find("朝阳区").size(), 2U);  // 北京 and 长春
  ASSERT_NE(d.by_code("330782"), nullptr);
  EXPECT_EQ(d.by_code("330782")->full_name, "义乌市");
}

TEST(CityInWords, ReadsTheFirstPlaceTheEventHappenedAt) {
  EXPECT_EQ(city_in_words("【杭州转运中心公司】 已收入"), city("杭州市"));
  EXPECT_EQ(city_in_words("【浙江省金华市义乌市公司】 已揽收"), city("金华市"));
  EXPECT_EQ(city_in_words("【义乌转运中心】 已发出"), city("金华市"));  // a county-level city
  EXPECT_EQ(city_in_words("北京朝阳望京网点 派件中"), city("北京市"));  // municipality first
  EXPECT_EQ(city_in_words("【萧山营业部】 已揽收"), city("杭州市"));
  EXPECT_EQ(city_in_words("快件离开 [泉州中转部]已发往[莆田]"), city("泉州市"));
  EXPECT_EQ(city_in_words("由【广东东莞中转部】发往【广东东莞松山湖分部】"), city("东莞市"));
}

TEST(CityInWords, IgnoresDestinationsPeopleAndWordsThatOnlyContainAName) {
  EXPECT_EQ(city_in_words("快件已发往【北京转运中心】"), sim::geo::kNoCity);
  EXPECT_EQ(city_in_words("已收件 取件人: 会理石榴仓 (19100000000)"), sim::geo::kNoCity);
  EXPECT_EQ(city_in_words("圆通合作点【小栈】快件已到达"), sim::geo::kNoCity);  // not 合作市
  EXPECT_EQ(city_in_words("朝阳区望京驿站"), sim::geo::kNoCity);                // 北京 or 长春?
  EXPECT_EQ(city_in_words("中山路营业部 已揽收"), sim::geo::kNoCity);           // a street
  EXPECT_EQ(city_in_words("投递并签收，签收人：单位收发章 *【毕节地区】"), city("毕节市"));
  EXPECT_EQ(city_in_words("已离开收寄点，发往廊坊市 沧州市"), city("沧州市"));  // EMS: at the end
  EXPECT_EQ(city_in_words("北京市朝阳区望京驿站"), city("北京市"));
  EXPECT_EQ(city_in_words("吉林省长春市朝阳区"), city("长春市"));
}

TEST(CityOfArea, ReadsAreaCodeThenAreaName) {
  EXPECT_EQ(city_of_area("", "CN330109000000"), city("杭州市"));  // a district code
  EXPECT_EQ(city_of_area("", "CN330100000000"), city("杭州市"));  // a city code
  EXPECT_EQ(city_of_area("浙江,杭州市,西湖区", ""), city("杭州市"));
  EXPECT_EQ(city_of_area("海南,五指山市", ""), city("五指山市"));
  EXPECT_EQ(city_of_area("", ""), sim::geo::kNoCity);
}

TEST(FacilityInWords, TakesTheFirstBracketThatIsNoPlaceElseAFacilityWord) {
  EXPECT_EQ(facility_in_words("【杭州市】 【杭州西湖区公司】 已揽收"), "杭州西湖区公司");
  EXPECT_EQ(facility_in_words("北京七道堰营业部 已发出"), "北京七道堰营业部");
  EXPECT_EQ(facility_in_words("快件已签收"), "");
}

}  // namespace
}  // namespace tracksim::harness

namespace tracksim::harness {
namespace {

TEST(FacilityTypeOf, NamesCarriersGiveTheirSortingCentresAreHubs) {
  EXPECT_EQ(facility_type_of("合肥集货分拣中心"), sim::FacilityType::hub);    // 京东
  EXPECT_EQ(facility_type_of("河南省邮件处理中心"), sim::FacilityType::hub);  // 邮政
  EXPECT_EQ(facility_type_of("北京运转中心"), sim::FacilityType::hub);        // 宅急送
  EXPECT_EQ(facility_type_of("郑州枢纽中心"), sim::FacilityType::hub);        // 德邦
  EXPECT_EQ(facility_type_of("佛山狮城营业部"), sim::FacilityType::unspecified);
  EXPECT_EQ(facility_type_of("杭州转运中心"),
            sim::FacilityType::unspecified);  // the engine's own rule
}

}  // namespace
}  // namespace tracksim::harness

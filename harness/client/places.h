// Where a carrier event happened, read from what a dump says of it: Kuaidi100's areaCode and
// areaName, or the carrier's own words ("【杭州转运中心公司】 已收入",
// "【浙江省金华市义乌市公司】", "北京朝阳望京网点"). Names of provinces, cities and districts
// (sim/geo) are matched in the text; the place an event happened at comes first, so anything after
// a destination marker (发往, 下一站, 前往 ...) is ignored. Pure functions over the built-in atlas;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "sim/geo/ids.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

// The city of Kuaidi100's areaCode ("CN330106000000": a city or district code) or areaName
// ("浙江,杭州市,西湖区", "浙江省杭州市"); kNoCity when neither names one.
sim::geo::CityId city_of_area(std::string_view area_name, std::string_view area_code);

// The city the words place an event in, or kNoCity. A province alone places nothing (unless it
// is a municipality); a district name shared by several cities counts only where a province or
// city named before it settles which; a name followed by 路, 街 or 大道 is a street.
sim::geo::CityId city_in_words(std::string_view text);

// The facility the words name: the first 【...】 that is not just a place name, else the
// first run of characters ending in a facility word (转运中心, 中转场, 分拨中心, 营业部, 网点,
// 公司, 揽投部, 驿站 ...) before a space; "" when none.
std::string facility_in_words(std::string_view text);

// The type a facility's name gives away beyond docs/rules.md's own marks (转运, 中转, 集散, 分拨,
// which the engine reads itself): the sorting centres carriers name otherwise — 京东's 分拣中心,
// China Post's 邮件处理中心 and 邮区中心, 宅急送's 运转中心, 德邦's 枢纽中心 — are hubs;
// unspecified otherwise. Used for real dumps only (the mock says facilityType itself).
sim::FacilityType facility_type_of(std::string_view facility);

}  // namespace tracksim::harness

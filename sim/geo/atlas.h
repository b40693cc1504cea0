// TEMP STUB
#pragma once
#include <span>
#include <string>
#include <string_view>
#include "sim/geo/ids.h"
#include "sim/core/result.h"
namespace tracksim::sim::geo {
struct Province { ProvinceId id; std::string_view code; std::string_view full_name; std::string_view short_name; };
struct City { CityId id; std::string_view code; std::string_view full_name; std::string_view short_name; ProvinceId province; double lat; double lon; };
class Atlas {
 public:
  static const Atlas& china();
  const Province* find_province(std::string_view name) const;
  const City* find_city(std::string_view name) const;
  const Province& province(ProvinceId) const; const City& city(CityId) const;
  std::string suggest_city(std::string_view name) const;
  std::string suggest_province(std::string_view name) const;
};
double distance_km(const City& a, const City& b);
}

// The China geography atlas: the 31 province-level divisions and their cities (prefecture-level
// units, municipalities, province-administered county-level units) with seat coordinates.
// An Atlas is immutable after construction; all const methods are safe to call from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/result.h"
#include "sim/geo/ids.h"

namespace tracksim::sim::geo {

enum class ProvinceKind : std::uint8_t { kMunicipality, kProvince, kAutonomousRegion };

struct Province {
  ProvinceId id;
  std::string_view code;        // 2-digit administrative code, "33"
  std::string_view full_name;   // "浙江省"
  std::string_view short_name;  // "浙江"
  ProvinceKind kind;
};

// Codes whose digits 3-4 are "90" (419001 济源市, 469002 琼海市, 659001 石河子市) mark
// county-level units that a province administers directly, outside any prefecture.
struct City {
  CityId id;
  std::string_view code;        // 6-digit administrative code, "330100"
  std::string_view full_name;   // "杭州市", "延边朝鲜族自治州"
  std::string_view short_name;  // "杭州", "延边"
  ProvinceId province;
  double lat;  // degrees north, seat of government
  double lon;  // degrees east
};

class Atlas {
 public:
  // The built-in atlas, parsed once from sim/data/*.tsv compiled into the binary.
  static const Atlas& china();

  // Builds an atlas from TSV text (formats in sim/data/); errors name "file:line:col".
  static Result<Atlas> parse(std::string_view provinces_tsv, std::string_view cities_tsv);

  // By full or short name, case-exact ("浙江省" or "浙江"); nullptr when unknown.
  const Province* find_province(std::string_view name) const;
  // By full or short name ("杭州市" or "杭州"); nullptr when unknown.
  const City* find_city(std::string_view name) const;
  // As find_city, but nullptr unless the city lies in province `within`.
  const City* find_city(std::string_view name, ProvinceId within) const;

  // By id; aborts on an id this atlas did not hand out.
  const Province& province(ProvinceId id) const;
  const City& city(CityId id) const;

  // All entries, in file order; element i has id i.
  std::span<const Province> provinces() const { return provinces_; }
  std::span<const City> cities() const { return cities_; }

  // " (did you mean '杭州市'?)" for a near miss among city names, or "".
  std::string suggest_city(std::string_view name) const;
  // " (did you mean '浙江省'?)" for a near miss among province names, or "".
  std::string suggest_province(std::string_view name) const;

 private:
  struct Storage {
    std::string provinces_tsv;
    std::string cities_tsv;
  };

  Atlas() = default;
  Result<void> add_provinces(std::string_view text);
  Result<void> add_cities(std::string_view text);

  // Views in the tables and maps point into *storage_, which never moves.
  std::shared_ptr<const Storage> storage_;
  std::vector<Province> provinces_;
  std::vector<City> cities_;
  std::unordered_map<std::string_view, ProvinceId> province_by_name_;
  std::unordered_map<std::string_view, ProvinceId> province_by_code_;
  std::unordered_map<std::string_view, CityId> city_by_name_;
  std::vector<std::string_view> province_names_;  // candidates for suggestions
  std::vector<std::string_view> city_names_;
};

// Great-circle distance between two city seats (haversine, Earth radius 6371.0 km).
double distance_km(const City& a, const City& b);

}  // namespace tracksim::sim::geo

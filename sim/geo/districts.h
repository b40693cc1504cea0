// County-level divisions (districts, counties, county-level cities, banners) and the city each
// belongs to, from sim/data/districts.tsv. Dump readers use them to place a facility named after
// its district ("【萧山营业部】" is in 杭州市, "【义乌转运中心】" in 金华市).
// Immutable after construction; all const methods are safe to call from any thread.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/result.h"
#include "sim/geo/atlas.h"
#include "sim/geo/ids.h"

namespace tracksim::sim::geo {

struct District {
  std::string_view code;        // 6-digit administrative code, "330109"
  std::string_view full_name;   // "萧山区"
  std::string_view short_name;  // "萧山"; "" when the name does not shorten cleanly
  CityId city;                  // the city (Atlas) it belongs to
};

class Districts {
 public:
  // The built-in table over Atlas::china(), parsed once from the embedded districts.tsv.
  static const Districts& china();

  // Builds the table from TSV text (format in sim/data/districts.tsv) over `atlas`, which must
  // outlive it. Errors name "districts.tsv:line".
  static Result<Districts> parse(const Atlas& atlas, std::string_view districts_tsv);

  // Every district with this full or short name (several: 朝阳区 is in 北京 and 长春).
  std::span<const District* const> find(std::string_view name) const;
  // By 6-digit code; nullptr when unknown.
  const District* by_code(std::string_view code) const;

  std::span<const District> all() const { return districts_; }

 private:
  Districts() = default;
  std::shared_ptr<const std::string> text_;  // views point into it; it never moves
  std::vector<District> districts_;
  std::unordered_map<std::string_view, std::vector<const District*>> by_name_;
  std::unordered_map<std::string_view, const District*> by_code_;
};

}  // namespace tracksim::sim::geo

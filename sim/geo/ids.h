// Compact ids of provinces and cities in the built-in atlas (sim/geo/atlas.h).
// Plain values; thread-safe.
#pragma once

#include <cstdint>

namespace tracksim::sim::geo {

using ProvinceId = std::uint8_t;
using CityId = std::uint16_t;

inline constexpr ProvinceId kNoProvince = 0xFF;
inline constexpr CityId kNoCity = 0xFFFF;

}  // namespace tracksim::sim::geo

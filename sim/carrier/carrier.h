// Carrier: the express carriers tracksim can impersonate, with their short codes, Chinese names,
// Kuaidi100 company codes and KDNiao shipper codes. Pure functions over static tables; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tracksim::sim {

// The first eight keep their values and order: seeded draws index this enum, and every output
// generated before the others were added must stay byte for byte the same.
enum class Carrier : std::uint8_t {
  sf,
  zto,
  yto,
  yunda,
  sto,
  jt,
  jd,
  ems,
  youzheng,  // 邮政快递包裹, China Post's domestic parcels (not EMS)
  deppon,
  best,
  tiantian,
  fengwang,
  uc,
  zjs,
  ane,
};
inline constexpr std::size_t kCarrierCount = 16;
// How many carriers tracksim knew before the list grew (sf .. ems).
inline constexpr std::size_t kOriginalCarrierCount = 8;

// Every carrier, in enum order.
const std::array<Carrier, kCarrierCount>& all_carriers();

// Our short code, as used in YAML and URLs: "sf", "zto", ..., "ane".
std::string_view code(Carrier carrier);
// The carrier's Chinese brand name: "顺丰速运", ..., "中国邮政EMS", "邮政快递包裹", ...
std::string_view chinese_name(Carrier carrier);
// Kuaidi100's company code: "shunfeng", "zhongtong", ..., "ems", "youzhengguonei", ...
std::string_view kuaidi100_code(Carrier carrier);
// KDNiao's ShipperCode: "SF", "ZTO", "YTO", "YD", ..., "YZPY", "DBL", "HTKY", ...
std::string_view kdniao_code(Carrier carrier);

// Our code or a Kuaidi100 code (the main one or an alternate such as "debangkuaidi"); exact,
// case-sensitive: the names a scenario file may use.
std::optional<Carrier> parse_carrier(std::string_view name);
// Every spelling parse_carrier accepts, for did-you-mean suggestions.
std::span<const std::string_view> carrier_names();

// Any name a tracking dump may give its carrier: whatever parse_carrier accepts, KDNiao codes,
// both in any ASCII case, and the Chinese names people write ("顺丰", "邮政", "百世汇通").
// Surrounding spaces are ignored.
std::optional<Carrier> carrier_from_any_name(std::string_view name);

}  // namespace tracksim::sim

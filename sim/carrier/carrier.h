// Carrier: the express carriers tracksim can impersonate, with their short codes, Chinese names
// and Kuaidi100 company codes. Pure functions over static tables; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace tracksim::sim {

enum class Carrier : std::uint8_t { sf, zto, yto, yunda, sto, jt, jd, ems };
inline constexpr std::size_t kCarrierCount = 8;

// Every carrier, in enum order.
const std::array<Carrier, kCarrierCount>& all_carriers();

// Our short code, as used in YAML and URLs: "sf", "zto", ..., "ems".
std::string_view code(Carrier carrier);
// The carrier's Chinese brand name: "顺丰速运", ..., "中国邮政EMS".
std::string_view chinese_name(Carrier carrier);
// Kuaidi100's company code: "shunfeng", "zhongtong", ..., "ems".
std::string_view kuaidi100_code(Carrier carrier);

// Our code or a Kuaidi100 code (also "youzhengguonei" for China Post); exact, case-sensitive.
std::optional<Carrier> parse_carrier(std::string_view name);
// Every spelling parse_carrier accepts, for did-you-mean suggestions.
std::span<const std::string_view> carrier_names();

}  // namespace tracksim::sim

// TEMP STUB until the carrier branch merges
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <array>
namespace tracksim::sim {
enum class Carrier : std::uint8_t { sf, zto, yto, yunda, sto, jt, jd, ems };
inline constexpr std::size_t kCarrierCount = 8;
std::string_view code(Carrier);
std::optional<Carrier> parse_carrier(std::string_view);
}

// Scan: one event in a carrier's record of a parcel, with the moment it happened and the moment
// the carrier website starts showing it. Value type; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/interned.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"

namespace tracksim::sim {

// Scan kinds as docs/rules.md names them.
enum class ScanKind : std::uint8_t {
  info_received,     // 电子面单已生成: electronic only, not physical
  pickup,            // 已揽收
  arrive,            // 到达 a facility
  depart,            // 发出 from a facility
  out_for_delivery,  // 派件
  locker,            // 投柜 / 驿站代收
  delivered,         // 签收
  failed_attempt,
  exception,  // 疑难
  returning,  // 退回
  returned,   // 退签
  cancelled,  // 销单 / 拦截
};
inline constexpr std::size_t kScanKindCount = 12;

enum class FacilityType : std::uint8_t { unspecified, outlet, hub, station, locker };

// Lower-case names as they appear in YAML and reports ("out_for_delivery").
std::string_view to_string(ScanKind kind);
std::string_view to_string(FacilityType type);
std::optional<ScanKind> parse_scan_kind(std::string_view name);
std::optional<FacilityType> parse_facility_type(std::string_view name);
const std::array<std::string_view, kScanKindCount>& scan_kind_names();

// Any kind but info_received proves the carrier had the parcel.
constexpr bool is_physical(ScanKind k) { return k != ScanKind::info_received; }
// Scans that end forward transit: out_for_delivery, locker, delivered, returning, returned,
// cancelled.
constexpr bool ends_forward_transit(ScanKind k) {
  return k == ScanKind::out_for_delivery || k == ScanKind::locker || k == ScanKind::delivered ||
         k == ScanKind::returning || k == ScanKind::returned || k == ScanKind::cancelled;
}
// The facility is a hub: its type says so, or, untyped, its name holds 转运, 中转, 集散 or 分拨.
bool is_hub_facility(FacilityType type, std::string_view facility_name);

struct Scan {
  Instant at;          // when it happened
  Instant visible_at;  // when the carrier website starts showing it (>= at in sane data)
  ScanKind kind = ScanKind::info_received;
  geo::CityId city = geo::kNoCity;
  FacilityType facility_type = FacilityType::unspecified;
  Interned facility;  // shared: names repeat across millions of scans ("" when none)
  std::string text;   // the carrier's wording; empty = generate from the rest
};

}  // namespace tracksim::sim

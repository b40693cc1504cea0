#include "sim/timeline/scan.h"

namespace tracksim::sim {
namespace {

constexpr std::array<std::string_view, kScanKindCount> kKindNames = {
    "info_received", "pickup",         "arrive",    "depart",    "out_for_delivery", "locker",
    "delivered",     "failed_attempt", "exception", "returning", "returned",         "cancelled"};
constexpr std::array<std::string_view, 5> kFacilityNames = {"unspecified", "outlet", "hub",
                                                            "station", "locker"};

}  // namespace

const std::array<std::string_view, kScanKindCount>& scan_kind_names() { return kKindNames; }

std::string_view to_string(ScanKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view to_string(FacilityType type) {
  return kFacilityNames[static_cast<std::size_t>(type)];
}

std::optional<ScanKind> parse_scan_kind(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<ScanKind>(i);
  }
  return std::nullopt;
}

std::optional<FacilityType> parse_facility_type(std::string_view name) {
  for (std::size_t i = 1; i < kFacilityNames.size(); ++i) {  // "unspecified" is not written
    if (kFacilityNames[i] == name) return static_cast<FacilityType>(i);
  }
  return std::nullopt;
}

bool is_hub_facility(FacilityType type, std::string_view name) {
  if (type != FacilityType::unspecified) return type == FacilityType::hub;
  for (std::string_view mark : {"转运", "中转", "集散", "分拨"}) {
    if (name.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace tracksim::sim

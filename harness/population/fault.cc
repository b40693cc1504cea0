#include "harness/population/fault.h"

namespace tracksim::harness {

const std::array<std::string_view, kFaultCount>& fault_names() {
  static constexpr std::array<std::string_view, kFaultCount> kNames = {
      "no_upload",          "invalid_number",      "late_upload",    "reused_number",
      "copied_track",       "never_picked_up",     "late_pickup",    "missing_pickup_scan",
      "recipient_mismatch", "impossible_route",    "repeated_scans", "scan_before_payment",
      "scan_lag",           "out_of_order_listing"};
  return kNames;
}

std::string_view to_string(Fault fault) { return fault_names()[static_cast<std::size_t>(fault)]; }

std::optional<Fault> parse_fault(std::string_view name) {
  const auto& names = fault_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Fault>(i);
  }
  return std::nullopt;
}

}  // namespace tracksim::harness

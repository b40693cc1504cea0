#include "harness/population/fault.h"

#include <cstdlib>

#include "sim/core/rng.h"
#include "sim/core/text.h"

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

Result<FaultPpm> parse_fault_list(std::string_view text) {
  FaultPpm ppm{};
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string item(text.substr(pos, comma - pos));
    pos = comma + 1;
    const std::size_t eq = item.find('=');
    const std::string name = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    char* end = nullptr;
    const double p = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !(p >= 0 && p <= 1)) {
      return unexpected("'" + item + "' must be NAME=P with P from 0 to 1");
    }
    if (name == "all") {
      ppm.fill(sim::probability_ppm(p));
    } else if (auto f = parse_fault(name)) {
      ppm[static_cast<std::size_t>(*f)] = sim::probability_ppm(p);
    } else {
      return unexpected("unknown fault '" + name + "'" + sim::did_you_mean(name, fault_names()));
    }
  }
  return ppm;
}

}  // namespace tracksim::harness

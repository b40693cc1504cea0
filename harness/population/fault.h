// Fault names of docs/scenarios.md (`generate.faults`, `route.faults`) as an enum, with parsing and
// a set type. Pure functions over static tables; thread-safe.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace tracksim::harness {

// In injection order: upload faults, pickup faults, then scan faults, benign ones last.
enum class Fault : std::uint8_t {
  no_upload,
  invalid_number,
  late_upload,
  reused_number,
  copied_track,
  never_picked_up,
  late_pickup,
  missing_pickup_scan,
  recipient_mismatch,
  impossible_route,
  repeated_scans,
  scan_before_payment,
  scan_lag,
  out_of_order_listing,
};
inline constexpr std::size_t kFaultCount = 14;
using FaultSet = std::bitset<kFaultCount>;

std::string_view to_string(Fault fault);
std::optional<Fault> parse_fault(std::string_view name);
const std::array<std::string_view, kFaultCount>& fault_names();

// Benign faults (scan_lag, out_of_order_listing) must leave every outcome at `until` unchanged.
constexpr bool is_benign(Fault f) {
  return f == Fault::scan_lag || f == Fault::out_of_order_listing;
}

// Per-fault probabilities in parts per million from `NAME=P,...` (P from 0 to 1; `all=P` sets
// every fault; later items override earlier ones), as `--faults` takes them. Errors name the item.
using FaultPpm = std::array<std::uint32_t, kFaultCount>;
Result<FaultPpm> parse_fault_list(std::string_view text);

}  // namespace tracksim::harness

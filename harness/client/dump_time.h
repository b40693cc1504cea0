// Event times as dumps write them: Kuaidi100's "2023-02-04 19:30:02", KDNiao's and pasted
// pages' "2023/02/04 19:30:02", "2023.2.4 19:30", ISO 8601 with or without offset. Without an
// offset a time is Beijing time. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

// A whole field holding one time (surrounding spaces allowed).
Result<sim::Instant> parse_dump_time(std::string_view text);

// A date (and, when `time_too`, a time of day) at the start of `line`: the instant and how many
// bytes it took; nullopt when the line does not start with one. A date alone reads as midnight.
struct LeadingTime {
  sim::Instant at;
  std::size_t length = 0;
  bool has_time_of_day = false;
};
std::optional<LeadingTime> leading_time(std::string_view line);

// A time of day ("19:30:02", "19:30") at the start of `line`: seconds since midnight and length.
std::optional<std::pair<int, std::size_t>> leading_time_of_day(std::string_view line);

}  // namespace tracksim::harness

// Parsing and printing of timestamps (ISO 8601), scenario offsets (+3d4h) and durations (48h),
// and the Beijing calendar used for day boundaries. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::sim {

// "2023-02-01T18:04:20+08:00", "...Z", or without offset (= Beijing). A space may stand for 'T'
// (Kuaidi100's "2023-02-01 18:04:20"). Impossible dates and times are errors.
Result<Instant> parse_timestamp(std::string_view text);

// "48h", "7d", "30m", "3d12h", "45s": units d h m s, each once, largest first. Never negative.
Result<Duration> parse_duration(std::string_view text);

// "+73h", "-2h", "+3d4h": a signed duration; the sign is required.
Result<Duration> parse_offset(std::string_view text);

// "2023-02-01T18:04:20+08:00" in the given offset (default Beijing).
std::string format_timestamp(Instant t, Duration offset = kBeijingOffset);

// "2023-02-01 18:04:20" in Beijing time, as Kuaidi100's `time`/`ftime` fields.
std::string format_beijing(Instant t);

// "3d4h", "48h", "0s", "-2h30m": the shortest spelling in the parse_duration grammar.
std::string format_duration(Duration d);

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
  friend constexpr bool operator==(const CivilDate&, const CivilDate&) = default;
};

// The Beijing calendar date of t.
CivilDate beijing_date(Instant t);
// Seconds since Beijing midnight of t's day, 0..86399.
std::int64_t beijing_seconds_of_day(Instant t);
// 23:59:59 Beijing time of the day `days_after` days after t's Beijing day.
Instant beijing_day_end(Instant t, int days_after = 0);
// 00:00:00 Beijing time of the given date.
Instant beijing_midnight(CivilDate date);

}  // namespace tracksim::sim

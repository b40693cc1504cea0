// Instant and Duration: absolute time at one-second resolution. Offsets exist only at the edges
// (parsing and printing); an Instant is the same moment whatever offset it was written with.
// Value types; thread-safe.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>

namespace tracksim::sim {

using Duration = std::chrono::seconds;

// Beijing time, UTC+08:00, no daylight saving: the default offset of every timestamp.
inline constexpr Duration kBeijingOffset{8 * 3600};

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix(std::int64_t seconds) { return Instant(seconds); }

  constexpr std::int64_t unix_seconds() const { return s_; }

  constexpr Instant& operator+=(Duration d) { return s_ += d.count(), *this; }
  constexpr Instant& operator-=(Duration d) { return s_ -= d.count(), *this; }
  friend constexpr Instant operator+(Instant t, Duration d) { return t += d; }
  friend constexpr Instant operator-(Instant t, Duration d) { return t -= d; }
  friend constexpr Duration operator-(Instant a, Instant b) { return Duration(a.s_ - b.s_); }
  friend constexpr auto operator<=>(Instant, Instant) = default;

  static constexpr Instant min() { return Instant(INT64_MIN / 4); }
  static constexpr Instant max() { return Instant(INT64_MAX / 4); }

 private:
  explicit constexpr Instant(std::int64_t s) : s_(s) {}
  std::int64_t s_ = 0;
};

}  // namespace tracksim::sim

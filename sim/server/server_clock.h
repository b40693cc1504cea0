// ServerClock: the mock carrier's virtual clock in one of three modes: manual (moved only by the
// admin API), realtime, or accelerated xN (virtual = anchor + N x wall time elapsed). The wall is
// read only through SystemClock::wall_millis (or an injected source in tests). Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "sim/core/result.h"
#include "sim/time/clock.h"

namespace tracksim::sim::server {

// How fast virtual time runs: 0 = manual, 1 = realtime, N = N times the wall.
struct ClockMode {
  std::uint32_t factor = 0;
  friend bool operator==(const ClockMode&, const ClockMode&) = default;
};

// "manual", "realtime", "x60" (N from 1 to 1,000,000; "x1" is realtime).
Result<ClockMode> parse_clock_mode(std::string_view text);
// "manual", "realtime" or "x60".
std::string to_string(ClockMode mode);

class ServerClock final : public Clock {
 public:
  using WallMillis = std::function<std::int64_t()>;

  // Starts at `start`; `wall` defaults to SystemClock::wall_millis.
  ServerClock(Instant start, ClockMode mode, WallMillis wall = {});

  Instant now() const override;
  ClockMode mode() const { return mode_; }

  // Moves virtual time forward by d (d >= 0); errors on a negative d.
  Result<void> advance(Duration d);
  // Moves virtual time to t; errors (and changes nothing) when t is before now().
  Result<void> set(Instant t);
  // Starts a new world at `start`, which may be in the past.
  void reset(Instant start);

 private:
  Instant now_locked() const;

  mutable std::mutex mu_;
  WallMillis wall_;
  ClockMode mode_;
  Instant base_;                // virtual time at anchor_ms_
  std::int64_t anchor_ms_ = 0;  // wall millis when base_ was set
};

}  // namespace tracksim::sim::server

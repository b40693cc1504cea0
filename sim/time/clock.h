// Clock: where components get "now". SystemClock is the only reader of the wall clock in
// tracksim; VirtualClock is moved by tests, the runner and the admin API.
// SystemClock is thread-safe. VirtualClock: now() may be called from any thread; everything
// else must be called from one thread at a time (callers serialise).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::sim {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

// The wall clock, at one-second resolution.
class SystemClock final : public Clock {
 public:
  Instant now() const override;
  // Wall time in milliseconds since the Unix epoch (for journals and progress lines only).
  static std::int64_t wall_millis();
};

class VirtualClock final : public Clock {
 public:
  using TimerId = std::uint64_t;
  using Callback = std::function<void(Instant)>;

  explicit VirtualClock(Instant start) : now_(start.unix_seconds()) {}

  Instant now() const override { return Instant::from_unix(now_.load(std::memory_order_acquire)); }

  // Runs `fn` when the clock reaches `at` (at once on the next move if `at` is not in the future).
  // Timers with the same deadline fire in insertion order.
  TimerId schedule(Instant at, Callback fn);
  // Forgets a timer; false when it already fired or never existed.
  bool cancel(TimerId id);

  // Moves time forward to `to`, firing due timers in (deadline, insertion) order with now() equal
  // to each timer's deadline. Moving backwards is an error and changes nothing.
  Result<void> advance_to(Instant to);
  Result<void> advance(Duration d) { return advance_to(now() + d); }

  // The earliest pending timer deadline, if any.
  std::optional<Instant> next_deadline() const;
  std::size_t pending_timers() const;

 private:
  std::atomic<std::int64_t> now_;
  mutable std::mutex mu_;  // guards timers_ and next_id_
  std::map<std::pair<Instant, TimerId>, Callback> timers_;
  TimerId next_id_ = 1;
};

}  // namespace tracksim::sim

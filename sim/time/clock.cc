#include "sim/time/clock.h"

#include <chrono>

#include "sim/time/timestamp.h"

namespace tracksim::sim {

Instant SystemClock::now() const {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return Instant::from_unix(std::chrono::duration_cast<std::chrono::seconds>(since).count());
}

std::int64_t SystemClock::wall_millis() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(since).count();
}

VirtualClock::TimerId VirtualClock::schedule(Instant at, Callback fn) {
  std::lock_guard lock(mu_);
  const TimerId id = next_id_++;
  timers_.emplace(std::pair{at, id}, std::move(fn));
  return id;
}

bool VirtualClock::cancel(TimerId id) {
  std::lock_guard lock(mu_);
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->first.second == id) {
      timers_.erase(it);
      return true;
    }
  }
  return false;
}

Result<void> VirtualClock::advance_to(Instant to) {
  if (to < now()) {
    return unexpected("the virtual clock never goes backwards: now is " + format_timestamp(now()) +
                      ", asked for " + format_timestamp(to));
  }
  for (;;) {
    Callback fn;
    Instant at;
    {
      std::lock_guard lock(mu_);
      auto it = timers_.begin();
      if (it == timers_.end() || it->first.first > to) break;
      at = std::max(it->first.first, now());
      fn = std::move(it->second);
      timers_.erase(it);
    }
    now_.store(at.unix_seconds(), std::memory_order_release);
    fn(at);  // may schedule further timers, which fire in this same move if due
  }
  now_.store(to.unix_seconds(), std::memory_order_release);
  return {};
}

std::optional<Instant> VirtualClock::next_deadline() const {
  std::lock_guard lock(mu_);
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first.first;
}

std::size_t VirtualClock::pending_timers() const {
  std::lock_guard lock(mu_);
  return timers_.size();
}

}  // namespace tracksim::sim

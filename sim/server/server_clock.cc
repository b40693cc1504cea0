#include "sim/server/server_clock.h"

#include <charconv>

#include "sim/time/timestamp.h"

namespace tracksim::sim::server {

Result<ClockMode> parse_clock_mode(std::string_view text) {
  if (text == "manual") return ClockMode{0};
  if (text == "realtime") return ClockMode{1};
  if (text.size() >= 2 && text[0] == 'x') {
    std::uint32_t n = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data() + 1, end, n);
    if (ec == std::errc() && ptr == end && n >= 1 && n <= 1'000'000) return ClockMode{n};
  }
  return unexpected(
      "clock mode must be manual, realtime or xN with 1 <= N <= 1000000 (x60 = a "
      "virtual minute per wall second); got '" +
      std::string(text) + "'");
}

std::string to_string(ClockMode mode) {
  if (mode.factor == 0) return "manual";
  if (mode.factor == 1) return "realtime";
  return "x" + std::to_string(mode.factor);
}

ServerClock::ServerClock(Instant start, ClockMode mode, WallMillis wall)
    : wall_(wall ? std::move(wall) : WallMillis(&SystemClock::wall_millis)),
      mode_(mode),
      base_(start),
      anchor_ms_(mode.factor == 0 ? 0 : wall_()) {}

Instant ServerClock::now_locked() const {
  if (mode_.factor == 0) return base_;
  const std::int64_t elapsed_ms = wall_() - anchor_ms_;
  const std::int64_t virtual_ms = elapsed_ms * static_cast<std::int64_t>(mode_.factor);
  return base_ + Duration(virtual_ms / 1000);
}

Instant ServerClock::now() const {
  std::lock_guard lock(mu_);
  return now_locked();
}

Result<void> ServerClock::advance(Duration d) {
  if (d < Duration::zero()) return unexpected("the virtual clock never goes backwards");
  std::lock_guard lock(mu_);
  base_ = now_locked() + d;
  if (mode_.factor != 0) anchor_ms_ = wall_();
  return {};
}

Result<void> ServerClock::set(Instant t) {
  std::lock_guard lock(mu_);
  const Instant now = now_locked();
  if (t < now) {
    return unexpected("the virtual clock never goes backwards: now is " + format_timestamp(now) +
                      ", asked for " + format_timestamp(t));
  }
  base_ = t;
  if (mode_.factor != 0) anchor_ms_ = wall_();
  return {};
}

void ServerClock::reset(Instant start) {
  std::lock_guard lock(mu_);
  base_ = start;
  if (mode_.factor != 0) anchor_ms_ = wall_();
}

}  // namespace tracksim::sim::server

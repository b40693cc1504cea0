#include "harness/cli/progress.h"

#include <string>
#include <utility>

namespace tracksim::harness {
namespace {

constexpr std::int64_t kShowAfterMs = 1'000;  // runs shorter than this never show the line
constexpr std::int64_t kRedrawMs = 100;       // at most ten redraws a second

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

}  // namespace

Progress::Progress(std::ostream& err, bool enabled, std::size_t scenarios,
                   std::function<std::int64_t()> millis)
    : err_(err),
      enabled_(enabled),
      total_(scenarios),
      millis_(std::move(millis)),
      start_(enabled_ ? millis_() : 0) {}

void Progress::finished(std::size_t orders) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  ++done_;
  orders_ += orders;
  const std::int64_t now = millis_();
  const std::int64_t elapsed = now - start_;
  if (elapsed < kShowAfterMs) return;
  if (last_shown_ >= 0 && now - last_shown_ < kRedrawMs && done_ < total_) return;
  last_shown_ = now;
  err_ << "\r\033[K" << done_ << '/' << total_ << " scenarios, " << with_commas(orders_)
       << " orders, " << elapsed / 1000 << '.' << elapsed % 1000 / 100 << " s" << std::flush;
}

void Progress::clear() {
  std::lock_guard lock(mu_);
  if (last_shown_ < 0) return;
  err_ << "\r\033[K" << std::flush;
  last_shown_ = -1;
}

}  // namespace tracksim::harness

// Progress: the line `run` and `judge` keep up to date on a terminal while scenarios finish
// ("12/69 scenarios, 1,041 orders, 3.2 s"), shown only once the run has taken a second and
// erased before the table is printed, so short runs and anything not on a terminal never see
// it. Goes to the error stream; stdout stays byte-identical. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>

namespace tracksim::harness {

class Progress {
 public:
  // `enabled`: the error stream is a terminal. `millis`: the wall clock (SystemClock::wall_millis
  // in the CLI; a fake in tests).
  Progress(std::ostream& err, bool enabled, std::size_t scenarios,
           std::function<std::int64_t()> millis);

  // One more scenario finished, with `orders` orders.
  void finished(std::size_t orders);
  // Erases the line if one was shown.
  void clear();

 private:
  std::ostream& err_;
  const bool enabled_;
  const std::size_t total_;
  const std::function<std::int64_t()> millis_;
  const std::int64_t start_;
  std::mutex mu_;
  std::size_t done_ = 0;
  std::size_t orders_ = 0;
  std::int64_t last_shown_ = -1;  // when the line was last drawn (-1: never)
};

}  // namespace tracksim::harness

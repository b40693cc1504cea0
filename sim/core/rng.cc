#include "sim/core/rng.h"

#include "sim/core/check.h"

namespace tracksim::sim {
namespace {
__extension__ typedef unsigned __int128 U128;  // NOLINT: GCC extension, wide multiply
}  // namespace

std::uint64_t Rng::below(std::uint64_t bound) {
  TS_CHECK(bound > 0);
  // Lemire: multiply-shift with rejection of the short interval.
  U128 m = static_cast<U128>(next()) * bound;
  auto low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<U128>(next()) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  TS_CHECK(lo <= hi);
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  if (span == 0) return static_cast<std::int64_t>(next());  // the whole 64-bit range
  return lo + static_cast<std::int64_t>(below(span));
}

std::uint32_t probability_ppm(double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return 1'000'000;
  return static_cast<std::uint32_t>(p * 1'000'000 + 0.5);
}

}  // namespace tracksim::sim

#include "sim/core/rng.h"

namespace tracksim::sim {
std::uint32_t probability_ppm(double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return 1'000'000;
  return static_cast<std::uint32_t>(p * 1'000'000 + 0.5);
}

}  // namespace tracksim::sim

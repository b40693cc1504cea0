// Rng: a fully specified, seeded random generator (SplitMix64) that splits into independent
// children, so that one order's draws never shift another's. Not thread-safe; split instead.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/core/check.h"

namespace tracksim::sim {

class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) : state_(seed) {}

  // Next 64 random bits.
  constexpr std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // A child stream keyed by `key`; does not advance this generator.
  constexpr Rng split(std::uint64_t key) const {
    return Rng(mix(state_ ^ mix(key + 0x632BE59BD9B4E019ULL)));
  }
  Rng split(std::string_view key) const { return split(hash(key)); }

  // Uniform integer in [0, bound); bound > 0. Unbiased (Lemire's method). Inline: it is the
  // generator's most frequent call.
  std::uint64_t below(std::uint64_t bound) {
    TS_CHECK(bound > 0);
    // Multiply-shift; reject the short interval only when the low half lands in it.
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
  // Uniform integer in [lo, hi], lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    TS_CHECK(lo <= hi);
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<std::int64_t>(next());  // the whole 64-bit range
    return lo + static_cast<std::int64_t>(below(span));
  }
  // True with probability ppm / 1,000,000 (decisions compare integers, never doubles).
  bool chance_ppm(std::uint32_t ppm) { return below(1'000'000) < ppm; }

  // FNV-1a of the bytes, for keying splits by names.
  static constexpr std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
    return h;
  }

 private:
  __extension__ typedef unsigned __int128 U128;  // NOLINT: GCC extension, wide multiply
  static constexpr std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDULL;
    z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53ULL;
    return z ^ (z >> 33);
  }
  std::uint64_t state_;
};

// Probability in [0, 1] as parts per million, rounded to nearest.
std::uint32_t probability_ppm(double p);

}  // namespace tracksim::sim

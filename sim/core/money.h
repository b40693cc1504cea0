// Money: an amount in fen (1/100 yuan), parsed exactly from decimal text; never a double.
// Value type; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace tracksim::sim {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }
  static constexpr Money from_yuan(std::int64_t yuan) { return Money(yuan * 100); }

  // "129.00", "129.5", "129", "0.05": yuan with at most 2 decimals, not negative.
  static Result<Money> parse(std::string_view text);

  constexpr std::int64_t fen() const { return fen_; }
  // Whole yuan, rounded half-up (7.50 -> 8, 7.49 -> 7).
  constexpr std::int64_t yuan_rounded() const { return (fen_ + 50) / 100; }
  // "129.00"
  std::string to_string() const;

  friend constexpr Money operator+(Money a, Money b) { return Money(a.fen_ + b.fen_); }
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  explicit constexpr Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

}  // namespace tracksim::sim

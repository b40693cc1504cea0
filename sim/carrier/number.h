// Tracking-number formats per carrier (RULES.md "Valid tracking numbers"): validation with plain
// reasons, the UPU S10 check digit, and seeded generators of valid and invalid numbers.
// Pure functions over static tables; thread-safe (generators mutate only the Rng passed in).
#pragma once

#include <string>
#include <string_view>

#include "sim/carrier/carrier.h"
#include "sim/core/rng.h"

namespace tracksim::sim {

struct NumberCheck {
  bool valid = false;
  std::string reason;  // empty when valid; otherwise why not, in plain words
};

// The carrier's number format in plain words ("yto numbers are YT followed by 13 digits").
std::string_view number_format(Carrier carrier);

// Whether `number` matches the carrier's format, and if not, why not.
NumberCheck check_number(Carrier carrier, std::string_view number);

// Same verdict as check_number(...).valid; allocation-free, for the rule engine's hot path.
bool is_valid_number(Carrier carrier, std::string_view number) noexcept;

// UPU S10 check digit (0-9) of eight ASCII digits; -1 when the input is not eight digits.
int s10_check_digit(std::string_view eight_digits) noexcept;

// A valid number with a realistic prefix for the carrier ("SF1...", "YT...", "EA...CN").
std::string generate_number(Carrier carrier, Rng& rng);

// A number that fails the carrier's format the way real mistakes do: a digit short or extra,
// a lower-case prefix, a letter O for a zero, a wrong S10 check digit, another carrier's prefix.
std::string make_invalid_number(Carrier carrier, Rng& rng);

}  // namespace tracksim::sim

// Tracking-number formats per carrier (docs/rules.md "Valid tracking numbers", as data in
// sim/data/number_formats.tsv): validation with plain reasons, the UPU S10 check digit, and
// seeded generators of valid and invalid numbers.
// Pure functions over a table parsed once; thread-safe (generators mutate only the Rng passed in).
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

// The carrier's formats in plain words, every one of them ("sf numbers are SF followed by 13
// digits, or 12 digits (older numbers)").
std::string_view number_format(Carrier carrier);

// Whether `number` matches one of the carrier's formats, and if not, why not: the reason lists
// every format (number_format()) and then names the mistake.
NumberCheck check_number(Carrier carrier, std::string_view number);

// Same verdict as check_number(...).valid; allocation-free, for the rule engine's hot path.
bool is_valid_number(Carrier carrier, std::string_view number) noexcept;

// UPU S10 check digit (0-9) of eight ASCII digits; -1 when the input is not eight digits.
int s10_check_digit(std::string_view eight_digits) noexcept;

// A valid number with a realistic prefix for the carrier ("SF1...", "YT...", "EA...CN"); for the
// carriers after the first eight, a draw from their main (first) format.
std::string generate_number(Carrier carrier, Rng& rng);

// A number that fails the carrier's format the way real mistakes do: a digit short or extra,
// a lower-case prefix, a letter O for a zero, a wrong S10 check digit, another carrier's prefix.
std::string make_invalid_number(Carrier carrier, Rng& rng);

}  // namespace tracksim::sim

// Tracking-number formats as data (sim/data/number_formats.tsv): the small pattern syntax, its
// parser, the per-carrier table and the plain words that describe it. Parsed values are immutable;
// the shipped table is parsed once (thread-safe static init) and may be read from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/core/result.h"

namespace tracksim::sim {

// Pattern syntax, matched against the whole number from left to right:
//   SF  DPK  9   literal upper-case letters and digits
//   {13d}        13 digits; {12-15d} 12 to 15 digits (a range only as the last part)
//   {2L}         2 upper-case letters;  {2A} 2 upper-case letters or digits
//   {[189]}      one character of the set (digits and upper-case letters)
//   {c}          the UPU S10 check digit over the {8d} right before it
// So UPU S10 is {2L}{8d}{c}{2L} and YTO's current numbers are YT{13d}.
enum class PatternPart : std::uint8_t { literal, run, check };

struct PatternSegment {
  PatternPart part = PatternPart::literal;
  std::uint8_t min = 0;        // fewest characters
  std::uint8_t max = 0;        // most characters
  std::uint64_t allowed = 0;   // run: one bit per allowed character, see char_bit()
  std::array<char, 8> text{};  // literal: its characters (min of them)
};

inline constexpr std::size_t kMaxPatternSegments = 6;
inline constexpr std::size_t kMaxNumberLength = 32;

struct NumberPattern {
  std::array<PatternSegment, kMaxPatternSegments> segments{};
  std::size_t segment_count = 0;
  std::size_t min_length = 0;
  std::size_t max_length = 0;
  int check_at = -1;  // where the S10 check digit is, or -1

  std::span<const PatternSegment> parts() const { return {segments.data(), segment_count}; }
};

// The bit of an ASCII digit (bits 0-9) or upper-case letter (bits 10-35); 0 for anything else.
constexpr std::uint64_t char_bit(char c) {
  if (c >= '0' && c <= '9') return std::uint64_t{1} << (c - '0');
  if (c >= 'A' && c <= 'Z') return std::uint64_t{1} << (10 + c - 'A');
  return 0;
}
inline constexpr std::uint64_t kDigitBits = (std::uint64_t{1} << 10) - 1;
inline constexpr std::uint64_t kLetterBits = ((std::uint64_t{1} << 26) - 1) << 10;

// Parses one pattern; the error names the offending part in plain words.
Result<NumberPattern> parse_number_pattern(std::string_view text);

// Whether `number` matches `pattern` exactly (check digit included). Allocation-free.
bool pattern_matches(const NumberPattern& pattern, std::string_view number) noexcept;

// The pattern in plain words: "YT followed by 13 digits", "13 digits starting 1, 8 or 9",
// "UPU S10 like <example> (2 upper-case letters, 8 digits, a check digit, 2 upper-case letters)".
std::string describe_pattern(const NumberPattern& pattern, std::string_view example);

// One data row of number_formats.tsv.
struct NumberFormatRow {
  Carrier carrier = Carrier::sf;
  NumberPattern pattern;
  std::string pattern_text;  // as written, "YT{13d}"
  std::string example;       // a number that matches, "YT1234567890123"
  std::string note;          // words added in parentheses, "older numbers"; empty for none
  std::string source;        // where the format comes from
  std::size_t line = 0;
};

inline constexpr std::size_t kMaxFormatsPerCarrier = 8;

// A carrier's formats in file order; the first is its main format.
struct CarrierFormats {
  std::array<NumberPattern, kMaxFormatsPerCarrier> patterns{};
  std::size_t count = 0;
  std::string words;  // "yto numbers are YT followed by 13 digits, or 10, 12 or 18 digits (...)"

  std::span<const NumberPattern> formats() const { return {patterns.data(), count}; }
};

struct NumberFormatTable {
  std::vector<NumberFormatRow> rows;  // in file order
  std::array<CarrierFormats, kCarrierCount> by_carrier;
};

// Parses number_formats.tsv (columns: carrier, pattern, example, note, source; '#' comments).
// Every carrier needs a row and every example must match its pattern. Errors read
// "number_formats.tsv:LINE:COL: ..." and quote the row.
Result<NumberFormatTable> parse_number_formats(std::string_view tsv);

// The shipped table (sim/data/number_formats.tsv, compiled in). A bad row is a build bug: the
// first call aborts with the row.
const NumberFormatTable& number_formats();

}  // namespace tracksim::sim

#include "sim/carrier/number.h"

#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/core/check.h"

namespace tracksim::sim {
namespace {

// A format is one or two patterns; a pattern is a short run of segments matched left to right.
enum class SegKind : std::uint8_t { end, literal, digits, alnum, letters, digit_in };

struct Segment {
  SegKind kind = SegKind::end;
  std::uint8_t min = 0;   // fewest characters (digits: a range is allowed in the last segment)
  std::uint8_t max = 0;   // most characters
  std::string_view text;  // literal prefix, or the allowed digits for digit_in
};

struct Pattern {
  std::array<Segment, 3> segments;
  bool s10_check = false;  // the ninth digit is a UPU S10 check digit over the eight before it
};

struct Format {
  std::array<Pattern, 2> patterns;
  std::size_t pattern_count = 1;
  std::string_view words;
};

constexpr Segment lit(std::string_view s) {
  return {SegKind::literal, static_cast<std::uint8_t>(s.size()),
          static_cast<std::uint8_t>(s.size()), s};
}
constexpr Segment digits(std::uint8_t lo, std::uint8_t hi) { return {SegKind::digits, lo, hi, {}}; }
constexpr Segment digits(std::uint8_t n) { return digits(n, n); }
constexpr Segment alnum(std::uint8_t n) { return {SegKind::alnum, n, n, {}}; }
constexpr Segment letters(std::uint8_t n) { return {SegKind::letters, n, n, {}}; }
constexpr Segment digit_in(std::string_view set) { return {SegKind::digit_in, 1, 1, set}; }

constexpr Pattern pat(Segment a, Segment b = {}, Segment c = {}, bool s10 = false) {
  return {{a, b, c}, s10};
}

constexpr std::array<Format, kCarrierCount> kFormats = {{
    {{pat(lit("SF"), digits(13)), pat(digits(12))},
     2,
     "sf numbers are SF followed by 13 digits, or 12 digits (older numbers)"},
    {{pat(digits(12, 15))}, 1, "zto numbers are 12 to 15 digits"},
    {{pat(lit("YT"), digits(13))}, 1, "yto numbers are YT followed by 13 digits"},
    {{pat(digits(13)), pat(digits(15))}, 2, "yunda numbers are 13 or 15 digits"},
    {{pat(digits(12, 15))}, 1, "sto numbers are 12 to 15 digits"},
    {{pat(lit("JT"), digits(13))}, 1, "jt numbers are JT followed by 13 digits"},
    {{pat(lit("JD"), alnum(2), digits(11))},
     1,
     "jd numbers are JD followed by 2 upper-case letters or digits and 11 digits"},
    {{pat(digit_in("189"), digits(12)), pat(letters(2), digits(9), letters(2), true)},
     2,
     "ems numbers are 13 digits starting 1, 8 or 9, or UPU S10 like EA123456785CN "
     "(2 upper-case letters, 8 digits, a check digit, 2 upper-case letters)"},
}};

const Format& format_of(Carrier carrier) {
  const auto i = static_cast<std::size_t>(carrier);
  TS_CHECK(i < kCarrierCount);
  return kFormats[i];
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

enum class Defect : std::uint8_t {
  none,
  too_short,
  too_long,
  lower_case,
  wrong_prefix,
  not_digit,
  not_letter,
  not_alnum,
  wrong_first_digit,
  wrong_check_digit,
};

struct Finding {
  Defect defect = Defect::none;
  std::size_t pos = 0;      // where the defect is (the length for too_short)
  std::string_view prefix;  // the literal prefix, for wrong_prefix
  char expected = 0;        // the check digit that was expected, for wrong_check_digit
};

// Whether character `c` fits position `k` of segment `seg`.
bool fits(const Segment& seg, std::size_t k, char c) {
  switch (seg.kind) {
    case SegKind::literal:
      return c == seg.text[k];
    case SegKind::digits:
      return is_digit(c);
    case SegKind::alnum:
      return is_digit(c) || is_upper(c);
    case SegKind::letters:
      return is_upper(c);
    case SegKind::digit_in:
      return seg.text.find(c) != std::string_view::npos;
    case SegKind::end:
      return false;
  }
  return false;
}

Defect defect_for(const Segment& seg, std::size_t k, char c) {
  const bool upper_would_fit = is_lower(c) && fits(seg, k, to_upper(c));
  if (upper_would_fit) return Defect::lower_case;
  switch (seg.kind) {
    case SegKind::literal:
      return Defect::wrong_prefix;
    case SegKind::digits:
      return Defect::not_digit;
    case SegKind::alnum:
      return Defect::not_alnum;
    case SegKind::letters:
      return Defect::not_letter;
    case SegKind::digit_in:
      return is_digit(c) ? Defect::wrong_first_digit : Defect::not_digit;
    case SegKind::end:
      break;
  }
  return Defect::too_long;
}

Finding match(const Pattern& p, std::string_view s) noexcept {
  std::size_t pos = 0;
  for (const Segment& seg : p.segments) {
    if (seg.kind == SegKind::end) break;
    std::size_t k = 0;
    for (; k < seg.max && pos < s.size() && fits(seg, k, s[pos]); ++k) ++pos;
    if (k >= seg.min) continue;
    if (pos >= s.size()) return {Defect::too_short, s.size(), {}, 0};
    const std::string_view prefix = seg.kind == SegKind::literal ? seg.text : std::string_view{};
    return {defect_for(seg, k, s[pos]), pos, prefix, 0};
  }
  if (pos < s.size()) return {Defect::too_long, pos, {}, 0};
  if (p.s10_check) {
    const int want = s10_check_digit(s.substr(2, 8));
    if (s[10] - '0' != want) {
      return {Defect::wrong_check_digit, 10, {}, static_cast<char>('0' + want)};
    }
  }
  return {};
}

bool length_fits(const Pattern& p, std::size_t n) {
  std::size_t lo = 0;
  std::size_t hi = 0;
  for (const Segment& seg : p.segments) {
    lo += seg.min;
    hi += seg.max;
  }
  return n >= lo && n <= hi;
}

// The diagnosis to report. A length no pattern allows is the mistake to name; otherwise the
// pattern of the right length the number came closest to: the defect furthest along wins, and on
// a tie a lower-case letter (the more specific complaint).
Finding best_finding(const Format& f, std::string_view s) {
  Finding best{Defect::too_long, 0, {}, 0};
  bool any_fits = false;
  for (std::size_t i = 0; i < f.pattern_count; ++i) {
    const Finding other = match(f.patterns[i], s);
    if (other.defect == Defect::none) return other;
    if (!length_fits(f.patterns[i], s.size())) continue;
    const bool specific = other.defect == Defect::lower_case;
    if (!any_fits || other.pos > best.pos || (other.pos == best.pos && specific)) best = other;
    any_fits = true;
  }
  return best;
}

std::string quote_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7F) return std::string("'") + c + "'";
  if (c == ' ') return "a space";
  return u >= 0x80 ? "a non-ASCII byte" : "a control character";
}

std::string describe(const Finding& f, std::string_view s) {
  if (f.defect == Defect::too_short || f.defect == Defect::too_long) {
    return s.empty() ? "got an empty number" : "got " + std::to_string(s.size()) + " characters";
  }
  if (f.defect == Defect::none || f.pos >= s.size()) return {};
  const char c = s[f.pos];
  const std::string at = "character " + std::to_string(f.pos + 1) + " (" + quote_char(c) + ")";
  switch (f.defect) {
    case Defect::lower_case:
      return at + " is lower case; letters must be upper case";
    case Defect::wrong_prefix:
      return "it does not start with " + std::string(f.prefix);
    case Defect::not_digit:
      return at + " is not a digit";
    case Defect::not_letter:
      return at + " is not an upper-case letter";
    case Defect::not_alnum:
      return at + " is not an upper-case letter or digit";
    case Defect::wrong_first_digit:
      return "it starts with " + std::string(1, c);
    case Defect::wrong_check_digit:
      return "the check digit is " + std::string(1, c) + " but should be " +
             std::string(1, f.expected);
    default:
      return {};
  }
}

}  // namespace

std::string_view number_format(Carrier carrier) { return format_of(carrier).words; }

NumberCheck check_number(Carrier carrier, std::string_view number) {
  const Format& f = format_of(carrier);
  const Finding finding = best_finding(f, number);
  if (finding.defect == Defect::none) return {true, {}};
  return {false, std::string(f.words) + "; " + describe(finding, number)};
}

bool is_valid_number(Carrier carrier, std::string_view number) noexcept {
  const Format& f = kFormats[static_cast<std::size_t>(carrier) % kCarrierCount];
  for (std::size_t i = 0; i < f.pattern_count; ++i) {
    if (match(f.patterns[i], number).defect == Defect::none) return true;
  }
  return false;
}

int s10_check_digit(std::string_view eight_digits) noexcept {
  static constexpr std::array<int, 8> kWeights = {8, 6, 4, 2, 3, 5, 9, 7};
  if (eight_digits.size() != kWeights.size()) return -1;
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (!is_digit(eight_digits[i])) return -1;
    sum += (eight_digits[i] - '0') * kWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 0;
  if (c == 11) return 5;
  return c;
}

namespace {

char pick(std::string_view set, Rng& rng) {
  return set[static_cast<std::size_t>(rng.below(set.size()))];
}

void append_digits(std::string& out, std::size_t n, Rng& rng) {
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
}

// EMS: domestic 13-digit numbers (mostly 9..., some 1...), or S10 "E?" + 8 digits + check + CN.
std::string generate_ems(Rng& rng) {
  std::string out;
  if (rng.chance_ppm(600'000)) {
    out.push_back(rng.chance_ppm(750'000) ? '9' : '1');
    append_digits(out, 12, rng);
    return out;
  }
  out = "E";
  out.push_back(pick("ABCDEFGHJKLMNPQRSTUVWXYZ", rng));
  append_digits(out, 8, rng);
  out.push_back(static_cast<char>('0' + s10_check_digit(std::string_view(out).substr(2, 8))));
  out += "CN";
  return out;
}

}  // namespace

std::string generate_number(Carrier carrier, Rng& rng) {
  std::string out;
  switch (carrier) {
    case Carrier::sf:
      if (rng.chance_ppm(50'000)) {  // an older 12-digit waybill
        out.push_back(pick("23456789", rng));
        append_digits(out, 11, rng);
      } else {
        out = "SF1";
        append_digits(out, 12, rng);
      }
      break;
    case Carrier::zto:  // 14 digits, 73/75/78...
      out = "7";
      out.push_back(pick("358", rng));
      append_digits(out, 12, rng);
      break;
    case Carrier::yto:
      out = "YT";
      out.push_back(pick("2345678", rng));
      append_digits(out, 12, rng);
      break;
    case Carrier::yunda:  // 43 + 11 digits, or the 15-digit form
      out = "43";
      append_digits(out, rng.chance_ppm(700'000) ? 11 : 13, rng);
      break;
    case Carrier::sto:  // 77 + 12 digits
      out = "77";
      append_digits(out, 12, rng);
      break;
    case Carrier::jt:
      out = "JT";
      out.push_back(pick("035", rng));
      append_digits(out, 12, rng);
      break;
    case Carrier::jd:  // mostly JDV? series, sometimes any two letters or digits
      out = "JD";
      if (rng.chance_ppm(800'000)) {
        out.push_back('V');
        out.push_back(pick("ABCDEF", rng));
      } else {
        for (int i = 0; i < 2; ++i) out.push_back(pick("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", rng));
      }
      append_digits(out, 11, rng);
      break;
    case Carrier::ems:
      out = generate_ems(rng);
      break;
  }
  TS_CHECK(is_valid_number(carrier, out));
  return out;
}

namespace {

enum class Flaw : std::uint8_t {
  digit_short,
  digit_extra,
  lower_case,
  letter_o,
  check,
  other_prefix
};
constexpr std::size_t kFlawCount = 6;

std::size_t random_digit_pos(const std::string& s, Rng& rng) {
  std::size_t digit_count = 0;
  for (char c : s) digit_count += is_digit(c) ? 1U : 0U;
  TS_CHECK(digit_count > 0);
  std::size_t nth = static_cast<std::size_t>(rng.below(digit_count));
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_digit(s[i]) && nth-- == 0) return i;
  }
  return 0;
}

// Applies one realistic mistake to a valid number; empty when the mistake cannot apply.
std::string apply_flaw(Carrier carrier, Flaw flaw, std::string s, Rng& rng) {
  switch (flaw) {
    case Flaw::digit_short:  // keep dropping digits until the length no longer fits
      for (int i = 0; i < 4 && is_valid_number(carrier, s); ++i) {
        s.erase(random_digit_pos(s, rng), 1);
      }
      return s;
    case Flaw::digit_extra:
      for (int i = 0; i < 4 && is_valid_number(carrier, s); ++i) {
        s.insert(random_digit_pos(s, rng), 1, static_cast<char>('0' + rng.below(10)));
      }
      return s;
    case Flaw::lower_case: {
      bool any = false;
      for (char& c : s) {
        if (!is_upper(c)) continue;
        c = static_cast<char>(c - 'A' + 'a');
        any = true;
      }
      return any ? s : std::string();
    }
    case Flaw::letter_o:  // a letter O typed for a zero (or for any digit)
      s[random_digit_pos(s, rng)] = 'O';
      return s;
    case Flaw::check: {
      if (carrier != Carrier::ems || s.size() != 13 || !is_upper(s[0])) return {};
      const int good = s[10] - '0';
      s[10] = static_cast<char>('0' + (good + 1 + static_cast<int>(rng.below(9))) % 10);
      return s;
    }
    case Flaw::other_prefix: {
      static constexpr std::array<Carrier, 4> kPrefixed = {Carrier::sf, Carrier::yto, Carrier::jt,
                                                           Carrier::jd};
      const Carrier other = kPrefixed[static_cast<std::size_t>(rng.below(kPrefixed.size()))];
      return other == carrier ? std::string() : generate_number(other, rng);
    }
  }
  return {};
}

}  // namespace

std::string make_invalid_number(Carrier carrier, Rng& rng) {
  for (int attempt = 0; attempt < 64; ++attempt) {
    const auto flaw = static_cast<Flaw>(rng.below(kFlawCount));
    std::string candidate = apply_flaw(carrier, flaw, generate_number(carrier, rng), rng);
    if (!candidate.empty() && !is_valid_number(carrier, candidate)) return candidate;
  }
  TS_CHECK(!"no invalid number after 64 attempts");
  return {};
}

}  // namespace tracksim::sim

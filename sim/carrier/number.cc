#include "sim/carrier/number.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/carrier/number_pattern.h"
#include "sim/core/check.h"

namespace tracksim::sim {
namespace {

const CarrierFormats& formats_of(Carrier carrier) {
  const auto i = static_cast<std::size_t>(carrier);
  TS_CHECK(i < kCarrierCount);
  return number_formats().by_carrier[i];
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
  wrong_literal,
  not_digit,
  not_letter,
  not_alnum,
  not_in_set,
  wrong_check_digit,
};

struct Finding {
  Defect defect = Defect::none;
  std::size_t pos = 0;                      // where the defect is (the length for too_short)
  std::size_t start = 0;                    // where the segment at fault starts
  const PatternSegment* segment = nullptr;  // the segment at fault, for its literal or set
  char expected = 0;  // the check digit that was expected, for wrong_check_digit
};

// Whether character `c` fits position `k` of segment `seg`.
bool fits(const PatternSegment& seg, std::size_t k, char c) {
  if (seg.part == PatternPart::literal) return c == seg.text[k];
  return (seg.allowed & char_bit(c)) != 0;
}

Defect defect_for(const PatternSegment& seg, std::size_t k, char c) {
  const bool upper_would_fit = is_lower(c) && fits(seg, k, to_upper(c));
  if (upper_would_fit) return Defect::lower_case;
  if (seg.part == PatternPart::literal) return Defect::wrong_literal;
  if (seg.allowed == kDigitBits) return Defect::not_digit;
  if (seg.allowed == kLetterBits) return Defect::not_letter;
  if (seg.allowed == (kDigitBits | kLetterBits)) return Defect::not_alnum;
  const bool digit_set = (seg.allowed & ~kDigitBits) == 0;
  return digit_set && !is_digit(c) ? Defect::not_digit : Defect::not_in_set;
}

// The first thing in `s` that `p` does not allow. Agrees with pattern_matches(): every part but
// the last has a fixed length, so reading greedily is reading the only way.
Finding match(const NumberPattern& p, std::string_view s) noexcept {
  std::size_t pos = 0;
  for (const PatternSegment& seg : p.parts()) {
    const std::size_t start = pos;
    std::size_t k = 0;
    for (; k < seg.max && pos < s.size() && fits(seg, k, s[pos]); ++k) ++pos;
    if (k >= seg.min) continue;
    if (pos >= s.size()) return {Defect::too_short, s.size(), start, &seg, 0};
    return {defect_for(seg, k, s[pos]), pos, start, &seg, 0};
  }
  if (pos < s.size()) return {Defect::too_long, pos, pos, nullptr, 0};
  if (p.check_at >= 0) {
    const auto at = static_cast<std::size_t>(p.check_at);
    const int want = s10_check_digit(s.substr(at - 8, 8));
    if (s[at] - '0' != want) {
      return {Defect::wrong_check_digit, at, at, nullptr, static_cast<char>('0' + want)};
    }
  }
  return {};
}

// Whether `s` starts with the letters that open `p` ("YT" of YT{13d}): then it is meant for `p`.
bool lettered_start(const NumberPattern& p, std::string_view s) {
  if (p.segment_count == 0 || p.segments[0].part != PatternPart::literal) return false;
  const std::string_view text(p.segments[0].text.data(), p.segments[0].min);
  bool letters = false;
  for (char c : text) letters = letters || is_upper(c);
  return letters && s.starts_with(text);
}

// The diagnosis to report. A number that opens with a format's letters is judged against such
// formats only. A length no pattern allows is the mistake to name; otherwise the pattern of the
// right length the number came closest to: the defect furthest along wins, and on a tie a
// lower-case letter (the more specific complaint).
Finding best_finding(const CarrierFormats& f, std::string_view s) {
  bool lettered = false;
  for (const NumberPattern& p : f.formats()) lettered = lettered || lettered_start(p, s);
  Finding best{Defect::too_long, 0, 0, nullptr, 0};
  bool any_fits = false;
  for (const NumberPattern& p : f.formats()) {
    const Finding other = match(p, s);
    if (other.defect == Defect::none) return other;
    if (lettered && !lettered_start(p, s)) continue;
    if (s.size() < p.min_length || s.size() > p.max_length) continue;
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

std::string literal_words(const Finding& f) {
  const PatternSegment& seg = *f.segment;
  const std::string text(seg.text.data(), seg.min);
  if (f.start == 0) return "it does not start with " + text;
  if (seg.min == 1) return "character " + std::to_string(f.start + 1) + " should be " + text;
  return "characters " + std::to_string(f.start + 1) + " to " + std::to_string(f.start + seg.min) +
         " should be " + text;
}

std::string set_words(const Finding& f, char c) {
  if (f.pos == 0) return "it starts with " + std::string(1, c);
  std::vector<char> set;
  for (char x : std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
    if ((f.segment->allowed & char_bit(x)) != 0) set.push_back(x);
  }
  std::string words;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (i > 0) words += i + 1 == set.size() ? " or " : ", ";
    words += set[i];
  }
  return "character " + std::to_string(f.pos + 1) + " (" + quote_char(c) + ") is not one of " +
         words;
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
    case Defect::wrong_literal:
      return literal_words(f);
    case Defect::not_digit:
      return at + " is not a digit";
    case Defect::not_letter:
      return at + " is not an upper-case letter";
    case Defect::not_alnum:
      return at + " is not an upper-case letter or digit";
    case Defect::not_in_set:
      return set_words(f, c);
    case Defect::wrong_check_digit:
      return "the check digit is " + std::string(1, c) + " but should be " +
             std::string(1, f.expected);
    default:
      return {};
  }
}

}  // namespace

std::string_view number_format(Carrier carrier) { return formats_of(carrier).words; }

NumberCheck check_number(Carrier carrier, std::string_view number) {
  const CarrierFormats& f = formats_of(carrier);
  const Finding finding = best_finding(f, number);
  if (finding.defect == Defect::none) return {true, {}};
  return {false, f.words + "; " + describe(finding, number)};
}

bool is_valid_number(Carrier carrier, std::string_view number) noexcept {
  const CarrierFormats& f =
      number_formats().by_carrier[static_cast<std::size_t>(carrier) % kCarrierCount];
  for (const NumberPattern& p : f.formats()) {
    if (pattern_matches(p, number)) return true;
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

// A number in `p`, each character drawn uniformly from what its part allows (the length too, when
// the last part is a range).
std::string draw_from(const NumberPattern& p, Rng& rng) {
  std::string out;
  for (const PatternSegment& seg : p.parts()) {
    if (seg.part == PatternPart::literal) {
      out.append(seg.text.data(), seg.min);
      continue;
    }
    if (seg.part == PatternPart::check) {
      const auto at = static_cast<std::size_t>(p.check_at);
      out.push_back(static_cast<char>('0' + s10_check_digit(std::string_view(out).substr(at - 8))));
      continue;
    }
    std::string allowed;
    for (char c : std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
      if ((seg.allowed & char_bit(c)) != 0) allowed.push_back(c);
    }
    const std::size_t n = seg.min + static_cast<std::size_t>(rng.below(seg.max - seg.min + 1U));
    for (std::size_t i = 0; i < n; ++i) out.push_back(pick(allowed, rng));
  }
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
    default:  // carriers added later: their main (first) format in number_formats.tsv
      out = draw_from(formats_of(carrier).formats().front(), rng);
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
    case Flaw::check: {  // a wrong check digit, where the number has one
      const NumberPattern* checked = nullptr;
      for (const NumberPattern& p : formats_of(carrier).formats()) {
        if (p.check_at >= 0 && pattern_matches(p, s)) checked = &p;
      }
      if (checked == nullptr) return {};
      const auto at = static_cast<std::size_t>(checked->check_at);
      const int good = s[at] - '0';
      s[at] = static_cast<char>('0' + (good + 1 + static_cast<int>(rng.below(9))) % 10);
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
  TS_CHECK(false && "no invalid number after 64 attempts");
  return {};
}

}  // namespace tracksim::sim

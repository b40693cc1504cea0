#include "harness/client/dump_time.h"

#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Up to `most` digits at s[pos]: the value, and pos moved past them; nullopt if none.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t least,
                          std::size_t most) {
  std::size_t n = 0;
  int value = 0;
  while (pos + n < s.size() && n < most && is_digit(s[pos + n])) {
    value = value * 10 + (s[pos + n] - '0');
    ++n;
  }
  if (n < least) return std::nullopt;
  pos += n;
  return value;
}

bool separator(std::string_view s, std::size_t& pos, std::string_view allowed) {
  if (pos < s.size() && allowed.find(s[pos]) != std::string_view::npos) {
    ++pos;
    return true;
  }
  return false;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

std::optional<std::pair<int, std::size_t>> leading_time_of_day(std::string_view line) {
  std::size_t pos = 0;
  const auto h = digits(line, pos, 1, 2);
  if (!h || !separator(line, pos, ":")) return std::nullopt;
  const auto m = digits(line, pos, 1, 2);
  if (!m) return std::nullopt;
  int sec = 0;
  if (std::size_t p = pos; separator(line, p, ":")) {
    if (const auto s = digits(line, p, 1, 2)) sec = *s, pos = p;
  }
  if (*h > 23 || *m > 59 || sec > 59) return std::nullopt;
  return std::pair<int, std::size_t>{*h * 3600 + *m * 60 + sec, pos};
}

std::optional<LeadingTime> leading_time(std::string_view line) {
  std::size_t pos = 0;
  const auto y = digits(line, pos, 4, 4);
  if (!y) return std::nullopt;
  std::size_t sep_at = pos;
  if (!separator(line, pos, "-/.")) return std::nullopt;
  const char sep = line[sep_at];
  const auto mo = digits(line, pos, 1, 2);
  if (!mo || pos >= line.size() || line[pos] != sep) return std::nullopt;
  ++pos;
  const auto d = digits(line, pos, 1, 2);
  if (!d) return std::nullopt;
  std::string iso = std::to_string(*y) + "-" + two(*mo) + "-" + two(*d);
  LeadingTime out;
  std::size_t p = pos;
  while (p < line.size() && (line[p] == ' ' || line[p] == 'T' || line[p] == '\t')) ++p;
  if (p > pos) {
    if (const auto tod = leading_time_of_day(line.substr(p))) {
      const int s = tod->first;
      iso += " " + two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60);
      pos = p + tod->second;
      out.has_time_of_day = true;
    }
  }
  if (!out.has_time_of_day) iso += " 00:00:00";
  auto at = sim::parse_timestamp(iso);
  if (!at) return std::nullopt;
  out.at = *at;
  out.length = pos;
  return out;
}

namespace {

// Years a carrier's trace can be from: China's express carriers began in the 1990s. A time
// outside them is a broken dump (a year 0018 would not even render back as it was read).
constexpr int kFirstYear = 1980;
constexpr int kLastYear = 2199;

Result<sim::Instant> in_trace_years(std::string_view text, sim::Instant at) {
  const int year = sim::beijing_date(at).year;
  if (year < kFirstYear || year > kLastYear) {
    return unexpected("'" + std::string(text) +
                      "' is outside the years a carrier trace can have (" +
                      std::to_string(kFirstYear) + "-" + std::to_string(kLastYear) + ")");
  }
  return at;
}

}  // namespace

Result<sim::Instant> parse_dump_time(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return unexpected("no time given");
  // ISO 8601 with an offset or 'Z' goes to the scenario parser, which knows offsets.
  if (auto iso = sim::parse_timestamp(text)) return in_trace_years(text, *iso);
  const auto lead = leading_time(text);
  if (!lead || lead->length != text.size() || !lead->has_time_of_day) {
    return unexpected("'" + std::string(text) +
                      "' is not a time like 2023-02-04 19:30:02 (Beijing time)");
  }
  return in_trace_years(text, lead->at);
}

}  // namespace tracksim::harness

#include "sim/time/timestamp.h"

#include <charconv>
#include <cstdio>

namespace tracksim::sim {
namespace {

constexpr std::int64_t kDay = 86400;

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `width` digits at text[pos].
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

Error bad(std::string_view text, std::string why) {
  return Error{"invalid timestamp '" + std::string(text) + "': " + std::move(why), {}};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

Result<Instant> parse_timestamp(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  const char* shape = "expected YYYY-MM-DDTHH:MM:SS with an optional offset like +08:00";
  if (!digits(text, 0, 4, y) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, mo) ||
      text[7] != '-' || !digits(text, 8, 2, d) || (text[10] != 'T' && text[10] != ' ') ||
      !digits(text, 11, 2, h) || text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' ||
      !digits(text, 17, 2, s)) {
    return unexpected(bad(text, shape));
  }
  if (mo < 1 || mo > 12)
    return unexpected(bad(text, "month " + std::to_string(mo) + " does not exist"));
  const auto month = static_cast<unsigned>(mo);
  if (d < 1 || static_cast<unsigned>(d) > days_in_month(y, month)) {
    return unexpected(bad(text, "day " + std::to_string(d) + " does not exist in that month"));
  }
  if (h > 23 || mi > 59 || s > 59) return unexpected(bad(text, "time of day out of range"));
  std::int64_t offset = kBeijingOffset.count();
  std::string_view rest = text.substr(19);
  if (!rest.empty() && rest[0] == '.') {
    return unexpected(bad(text, "fractions of a second are not supported (resolution is 1 s)"));
  }
  if (rest == "Z") {
    offset = 0;
  } else if (!rest.empty()) {
    int oh = 0, om = 0;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || !digits(rest, 1, 2, oh) ||
        rest[3] != ':' || !digits(rest, 4, 2, om)) {
      return unexpected(bad(text, "offset must look like +08:00, -05:00 or Z"));
    }
    if (oh > 14 || om > 59) return unexpected(bad(text, "offset out of range"));
    offset = (oh * 3600 + om * 60) * (rest[0] == '-' ? -1 : 1);
  }
  const std::int64_t days = days_from_civil(y, month, static_cast<unsigned>(d));
  return Instant::from_unix(days * kDay + h * 3600 + mi * 60 + s - offset);
}

namespace {
constexpr std::int64_t kMaxDurationHours = 1'000'000'000;
}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  if (text.empty()) return unexpected("empty duration (expected e.g. 48h, 7d, 3d12h, 30m)");
  static constexpr char kUnits[] = {'d', 'h', 'm', 's'};
  static constexpr std::int64_t kSeconds[] = {86400, 3600, 60, 1};
  std::int64_t total = 0;
  std::size_t next_unit = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::int64_t n = 0;
    const char* begin = text.data() + pos;
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), n);
    if (ec != std::errc() || end == begin || end == text.data() + text.size()) {
      return unexpected("invalid duration '" + std::string(text) +
                        "' (expected e.g. 48h, 7d, 3d12h, 30m, 45s)");
    }
    pos = static_cast<std::size_t>(end - text.data());
    std::size_t u = next_unit;
    while (u < 4 && kUnits[u] != text[pos]) ++u;
    if (u == 4 || n < 0) {
      return unexpected("invalid duration '" + std::string(text) +
                        "' (units are d, h, m, s, each once, largest first)");
    }
    if (n > kMaxDurationHours)
      return unexpected("duration '" + std::string(text) + "' is too large");
    total += n * kSeconds[u];
    next_unit = u + 1;
    ++pos;
  }
  // Each number is capped above; the sum is capped too, so that format_duration's spelling (in
  // hours below a week's multiple) stays within the grammar and reads back.
  if (total > kMaxDurationHours * 3600) {
    return unexpected("duration '" + std::string(text) + "' is too large");
  }
  return Duration(total);
}

Result<Duration> parse_offset(std::string_view text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) {
    return unexpected("invalid offset '" + std::string(text) +
                      "' (expected a signed duration such as +73h, +3d4h or -2h)");
  }
  auto d = parse_duration(text.substr(1));
  if (!d) return unexpected("invalid offset '" + std::string(text) + "': " + d.error().message);
  return text[0] == '-' ? -*d : *d;
}

CivilDate beijing_date(Instant t) {
  return civil_from_days(floor_div(t.unix_seconds() + kBeijingOffset.count(), kDay));
}

std::int64_t beijing_seconds_of_day(Instant t) {
  const std::int64_t local = t.unix_seconds() + kBeijingOffset.count();
  return local - floor_div(local, kDay) * kDay;
}

Instant beijing_day_end(Instant t, int days_after) {
  const std::int64_t day = floor_div(t.unix_seconds() + kBeijingOffset.count(), kDay) + days_after;
  return Instant::from_unix((day + 1) * kDay - 1 - kBeijingOffset.count());
}

Instant beijing_midnight(CivilDate date) {
  return Instant::from_unix(days_from_civil(date.year, date.month, date.day) * kDay -
                            kBeijingOffset.count());
}

std::string format_timestamp(Instant t, Duration offset) {
  const std::int64_t local = t.unix_seconds() + offset.count();
  const std::int64_t day = floor_div(local, kDay);
  const std::int64_t sod = local - day * kDay;
  const CivilDate c = civil_from_days(day);
  const std::int64_t off_min = offset.count() / 60;
  const std::int64_t abs_min = off_min < 0 ? -off_min : off_min;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", c.year, c.month, c.day,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60), off_min < 0 ? '-' : '+', static_cast<int>(abs_min / 60),
                static_cast<int>(abs_min % 60));
  return buf;
}

std::string format_beijing(Instant t) {
  // Written digit by digit: the mock carrier writes three of these per scan it serves.
  const std::int64_t local = t.unix_seconds() + kBeijingOffset.count();
  const std::int64_t day = floor_div(local, kDay);
  const auto sod = static_cast<int>(local - day * kDay);
  const CivilDate c = civil_from_days(day);
  if (c.year < 0 || c.year > 9999) {
    std::string s = format_timestamp(t).substr(0, 19);
    s[10] = ' ';
    return s;
  }
  std::string s = "0000-00-00 00:00:00";
  auto put = [&s](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) {
      s[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, c.year, 4);
  put(5, static_cast<int>(c.month), 2);
  put(8, static_cast<int>(c.day), 2);
  put(11, sod / 3600, 2);
  put(14, sod / 60 % 60, 2);
  put(17, sod % 60, 2);
  return s;
}

std::string format_duration(Duration d) {
  std::int64_t s = d.count();
  std::string out = s < 0 ? "-" : "";
  if (s < 0) s = -s;
  if (s == 0) return "0s";
  // Whole weeks and more read best in days (14d); anything shorter in hours (73h, 1h30m).
  if (s % 86400 == 0 && s >= 7 * 86400) return out + std::to_string(s / 86400) + "d";
  const std::pair<std::int64_t, char> units[] = {{3600, 'h'}, {60, 'm'}, {1, 's'}};
  for (auto [size, unit] : units) {
    if (s >= size) {
      out += std::to_string(s / size);
      out += unit;
      s %= size;
    }
  }
  return out;
}

}  // namespace tracksim::sim

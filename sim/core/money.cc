#include "sim/core/money.h"

#include <cstdio>

namespace tracksim::sim {

Result<Money> Money::parse(std::string_view text) {
  auto fail = [&](const char* why) {
    return unexpected("invalid amount '" + std::string(text) + "': " + why);
  };
  if (text.empty()) return fail("empty (expected yuan such as 129.00)");
  std::int64_t yuan = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    if (text[i] < '0' || text[i] > '9') return fail("expected yuan such as 129.00");
    if (yuan > 100'000'000'000) return fail("too large");
    yuan = yuan * 10 + (text[i] - '0');
  }
  if (i == 0) return fail("expected digits before the decimal point");
  std::int64_t fen = 0;
  if (i < text.size()) {
    const std::string_view decimals = text.substr(i + 1);
    if (decimals.empty()) return fail("expected digits after the decimal point");
    if (decimals.size() > 2) return fail("at most 2 decimals (fen) are allowed");
    for (char c : decimals) {
      if (c < '0' || c > '9') return fail("expected yuan such as 129.00");
    }
    fen = (decimals[0] - '0') * 10 + (decimals.size() == 2 ? decimals[1] - '0' : 0);
  }
  return Money(yuan * 100 + fen);
}

std::string Money::to_string() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen_ / 100),
                static_cast<long long>(fen_ % 100));
  return buf;
}

}  // namespace tracksim::sim

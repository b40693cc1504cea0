// TS_CHECK: an invariant that stays on in every build; a broken one aborts with file:line.
// Thread-safe (writes one line to stderr, then aborts).
#pragma once

namespace tracksim::detail {
[[noreturn]] void check_failed(const char* expr, const char* file, int line);
}

#define TS_CHECK(expr) \
  ((expr) ? static_cast<void>(0) : ::tracksim::detail::check_failed(#expr, __FILE__, __LINE__))

// Helpers of the libFuzzer targets (tests/fuzz/): FUZZ_CHECK aborts with the broken invariant so
// libFuzzer saves the input as a crash. Test-only; each target is single-threaded.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/core/result.h"

#define FUZZ_CHECK(cond, what)                                                               \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", __FILE__, __LINE__, #cond, \
                   std::string(what).c_str());                                               \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace tracksim::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};  // NOLINT: libFuzzer hands bytes
}

// A refused input's error names a place: "FILE:LINE:COL" (or FILE alone for whole-file errors).
inline bool names_place(const Error& e, std::string_view file) {
  const std::string s = e.to_string();
  return s.rfind(std::string(file), 0) == 0;
}

}  // namespace tracksim::fuzz

#include "sim/core/check.h"

#include <cstdio>
#include <cstdlib>

namespace tracksim::detail {

void check_failed(const char* expr, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, expr);
  std::abort();
}

}  // namespace tracksim::detail

// read_input_file: how tracksim reads the files it is given (scenarios, rulesets, orders, dumps),
// with a size limit so that a huge or endless file (/dev/zero, a FIFO) is refused, not slurped.
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "sim/core/result.h"

namespace tracksim::sim {

// Input files larger than this are refused (docs/security.md). Scenarios this large are
// written with `generate:` instead.
inline constexpr std::size_t kMaxInputBytes = 32U << 20U;

// The whole file, or an error whose `where` is `path`: it cannot be read, or it holds more than
// `max_bytes` (reading stops there).
Result<std::string> read_input_file(const std::string& path,
                                    std::size_t max_bytes = kMaxInputBytes);

}  // namespace tracksim::sim

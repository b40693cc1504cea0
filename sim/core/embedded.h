// A data file compiled into the binary (see cmake/embed.cmake).
// Immutable static data; safe to read from any thread.
#pragma once

#include <string_view>

namespace tracksim::sim {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace tracksim::sim

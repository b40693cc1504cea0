#include "sim/core/input_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace tracksim::sim {

Result<std::string> read_input_file(const std::string& path, std::size_t max_bytes) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"),
                                                          &std::fclose);
  if (!f)
    return unexpected(
        Error{std::string("cannot read file: ") + std::strerror(errno), path, ErrorKind::io});
  std::string text;
  char buf[1 << 16];
  while (true) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f.get());
    if (n == 0) break;
    if (text.size() + n > max_bytes) {
      return unexpected(Error{"file is larger than " + std::to_string(max_bytes >> 20U) +
                                  " MB, the limit for input files (docs/security.md)",
                              path});
    }
    text.append(buf, n);
  }
  if (std::ferror(f.get())) {
    return unexpected(
        Error{std::string("cannot read file: ") + std::strerror(errno), path, ErrorKind::io});
  }
  return text;
}

}  // namespace tracksim::sim

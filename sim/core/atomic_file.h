// write_file_atomically: every file tracksim writes goes through here, so that a crash at any
// point (SIGKILL, power cut) leaves either the old file or the new one, whole. Thread-safe:
// concurrent writers of one path each use their own temporary file; the last rename wins.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace tracksim::sim {

// Writes `content` to a fresh temporary file in the folder of `path` (".NAME.tmp-XXXXXX", mode
// 0666 minus the umask, or the old file's mode), flushes it to disk, renames it over `path` and
// flushes the folder. On failure `path` is untouched, the temporary file removed, and the error's
// `where` is `path`. A crash may leave a temporary file behind, never a partial `path`.
Result<void> write_file_atomically(const std::string& path, std::string_view content);
// The same, with the content written by `write` into the file as it goes (large reports never
// exist whole in memory).
Result<void> write_file_atomically(const std::string& path,
                                   const std::function<void(std::ostream&)>& write);

}  // namespace tracksim::sim

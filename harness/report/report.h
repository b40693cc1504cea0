// Reports of a run: the terminal verdict table for people and the JSON report for machines
// (shape fixed by ../shared/DESIGN.md). Output is deterministic: same run, same bytes.
// Thread-safe per call.
#pragma once

#include <iosfwd>
#include <string>

#include "harness/runner/result.h"
#include "sim/core/result.h"

namespace tracksim::harness {

struct TableOptions {
  bool colour = false;   // ANSI colours (only on a terminal)
  bool verbose = false;  // every order's explanations and verdict history
};

// The verdict table: one row per order, expected vs actual for mismatches, then a summary.
void write_table(std::ostream& out, const RunResult& run, const TableOptions& options);

// The JSON report as text.
std::string json_report(const RunResult& run);

// Writes `content` to `path` atomically (a temporary file beside it, then rename), so a reader
// never sees half a report and a failed write leaves any earlier file intact.
Result<void> write_file_atomically(const std::string& path, const std::string& content);

// Columns a string takes on a terminal: CJK characters count two.
std::size_t display_width(std::string_view text);

}  // namespace tracksim::harness

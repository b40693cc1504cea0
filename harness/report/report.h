// Reports of a run: the terminal verdict table for people; the JSON report (shape fixed by
// docs/reports.md), JUnit XML for CI and a self-contained HTML page with timelines.
// Output is deterministic: same run, same bytes. Thread-safe per call.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"
#include "sim/core/result.h"

namespace tracksim::harness {

struct TableOptions {
  bool colour = false;   // ANSI colours (only on a terminal)
  bool verbose = false;  // every order's explanations and verdict history
};

// The verdict table: one row per order, expected vs actual for mismatches, then a summary.
void write_table(std::ostream& out, const RunResult& run, const TableOptions& options);

// The JSON report, written order by order (no tree of the whole report in memory).
void write_json_report(std::ostream& out, const RunResult& run);
// The JSON report as text.
std::string json_report(const RunResult& run);

// JUnit XML: one <testsuite> per scenario file (with the seed and the `tracksim <command> FILE
// --seed S` line that replays it), one <testcase> per scenario, a <failure> listing each
// mismatch. time="0" everywhere, so the bytes depend on the run only.
std::string junit_report(const RunResult& run, std::string_view command = "judge");

// The HTML report: a summary, then per scenario and order an inline-SVG timeline (payment,
// deadlines, upload, scans and their visibility lag, verdict changes, mismatches). No external
// assets. `scenarios[i]` is the scenario of run.scenarios[i] (nullptr or missing: no timeline).
std::string html_report(const RunResult& run, const std::vector<const Scenario*>& scenarios);

// Text escaped for XML/HTML content and attribute values; invalid UTF-8 and control characters
// XML cannot carry become U+FFFD.
std::string xml_escape(std::string_view text);

// Columns a string takes on a terminal: CJK characters count two.
std::size_t display_width(std::string_view text);

}  // namespace tracksim::harness

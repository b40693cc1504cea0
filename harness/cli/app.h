// The tracksim command line: subcommands, their options, and the one place where results turn
// into process exit codes. Not thread-safe (runs once per process).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tracksim::harness {

// Exit codes of every subcommand (DESIGN.md): all expectations met, some not met, bad input.
enum class ExitCode : int { ok = 0, mismatch = 1, invalid = 2 };

// Runs `tracksim` with argv (argv[0] included); writes to out/err; returns the exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tracksim::harness

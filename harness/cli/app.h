// The tracksim command line: subcommands, their options, and the one place where results turn
// into process exit codes. Not thread-safe (runs once per process).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sim/core/result.h"

namespace tracksim::harness {

// Exit codes of every subcommand (docs/cli.md): all expectations met, some not met, bad input.
enum class ExitCode : int { ok = 0, mismatch = 1, invalid = 2 };

// The exit code of a command that stopped on `kind` of error: the contract (docs/cli.md) has one
// code for every failure that is not a verdict, so each kind is 2; this is the one place to
// change should a kind ever need its own.
constexpr ExitCode exit_code_of(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input:
    case ErrorKind::not_found:
    case ErrorKind::io:
    case ErrorKind::timeout:
    case ErrorKind::protocol:
    case ErrorKind::internal:
      return ExitCode::invalid;
  }
  return ExitCode::invalid;
}

// Runs `tracksim` with argv (argv[0] included); writes to out/err; returns the exit code.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace tracksim::harness

// cli(): runs `tracksim` in process with the given arguments and captures its exit code, stdout
// and stderr, for tests of the command line. Not thread-safe (the CLI runs once per call).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "harness/cli/app.h"

namespace tracksim::testing {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

// `tracksim ARGS...`; argv[0] is supplied.
inline CliRun cli(std::vector<std::string> args) {
  args.insert(args.begin(), "tracksim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = harness::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

}  // namespace tracksim::testing

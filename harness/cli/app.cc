#include "harness/cli/app.h"

#include <CLI/CLI.hpp>
#include <ostream>
#include <vector>

#include "tracksim_version.h"

#include "harness/cli/commands.h"

namespace tracksim::harness {
namespace {
constexpr const char* kVersion = "tracksim " TRACKSIM_VERSION " (commit " TRACKSIM_COMMIT ")";
}  // namespace

int fail(std::ostream& err, const Error& e) {
  err << "tracksim: " << e.to_string() << '\n';
  return code(exit_code_of(e.kind));
}

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app("tracksim: a carrier-tracking simulator and test harness for shipment rules",
               "tracksim");
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  // One line per subcommand (harness/cli/cmd_*.cc).
  // clang-format off
  const std::vector<Command> commands = {
      add_judge_command(app),     // in process
      add_run_command(app),       // over HTTP against the embedded mock carrier
      add_validate_command(app),  // file:line:col errors
      add_generate_command(app),  // labelled random populations
      add_serve_command(app),     // the mock carrier website alone
      add_simulate_command(app),  // dashboard of a large population, in process
      add_check_command(app),     // randomised end-to-end property run
      add_replay_command(app),    // one real order and its carrier dump
      add_merge_command(app),     // simulate's shards into one dashboard
  };
  // clang-format on
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    const int rc = app.exit(e, out, err);
    return rc == 0 ? code(ExitCode::ok) : code(ExitCode::invalid);
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) return c.run(out, err);
  }
  return code(ExitCode::invalid);
}

}  // namespace tracksim::harness

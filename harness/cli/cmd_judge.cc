#include <ostream>

#include "harness/cli/commands.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"

namespace tracksim::harness {
namespace {

int cmd_validate(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err) {
  auto files = expand_scenario_paths(paths);
  if (!files) return err << files.error().to_string() << '\n', code(ExitCode::invalid);
  auto loaded = load_scenarios(paths);
  if (!loaded) {
    err << loaded.error().to_string() << '\n';
    return code(ExitCode::invalid);
  }
  std::size_t orders = 0;
  for (const Scenario& s : *loaded) orders += s.orders.size();
  out << "ok: " << loaded->size() << " scenarios, " << orders << " orders in " << files->size()
      << " files\n";
  return code(ExitCode::ok);
}

}  // namespace

Command add_judge_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "judge", "Judge scenarios in process (no server): every order at every instant that matters");
  add_run_options(cmd, *o);
  return {cmd, [o](std::ostream& out, std::ostream& err) {
            auto judge = scenario_judge(o->engine);
            if (!judge) {
              err << "tracksim: " << judge.error().to_string() << '\n';
              return code(ExitCode::invalid);
            }
            return run_scenarios(*o, *judge, out, err);
          }};
}

Command add_validate_command(CLI::App& app) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files; errors as file:line:col");
  cmd->add_option("paths", *paths, "Scenario files or folders")->required();
  return {cmd,
          [paths](std::ostream& out, std::ostream& err) { return cmd_validate(*paths, out, err); }};
}

}  // namespace tracksim::harness

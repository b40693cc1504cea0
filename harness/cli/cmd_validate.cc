#include <memory>
#include <ostream>

#include "harness/cli/commands.h"
#include "harness/scenario/loader.h"

namespace tracksim::harness {
namespace {

int cmd_validate(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err) {
  auto files = expand_scenario_paths(paths);
  if (!files)
    return err << files.error().to_string() << '\n', code(exit_code_of(files.error().kind));
  auto loaded = load_scenarios(paths);
  if (!loaded) {
    err << loaded.error().to_string() << '\n';
    return code(exit_code_of(loaded.error().kind));
  }
  out << "ok: " << loaded->size() << " scenarios, " << order_count(*loaded) << " orders in "
      << files->size() << " files\n";
  return code(ExitCode::ok);
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files; errors as file:line:col");
  cmd->add_option("paths", *paths, "Scenario files or folders")->required();
  return {cmd,
          [paths](std::ostream& out, std::ostream& err) { return cmd_validate(*paths, out, err); }};
}

}  // namespace tracksim::harness

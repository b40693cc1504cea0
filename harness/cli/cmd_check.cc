#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "harness/cli/commands.h"
#include "harness/report/report.h"
#include "harness/runner/check.h"
#include "harness/scenario/writer.h"
#include "sim/core/atomic_file.h"

namespace tracksim::harness {
namespace {

struct CheckOptions {
  std::size_t cases = 100;
  std::uint64_t seed = 0;
  std::string output;  // where the shrunk case goes; default under $TMPDIR
};

std::string default_output(std::uint64_t seed, std::size_t index) {
  const char* tmp = std::getenv("TMPDIR");
  const std::filesystem::path dir =
      std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / "tracksim-check";
  return (dir / ("seed-" + std::to_string(seed) + "-case-" + std::to_string(index) + ".yaml"))
      .string();
}

// Shrinks the failing case, writes it as scenario YAML and says how to replay it.
int report_failure(const CheckOptions& o, std::size_t index, Scenario failing,
                   const CheckFailure& how, std::ostream& out, std::ostream& err) {
  const std::size_t orders = failing.orders.size();
  Scenario small = shrink_scenario(std::move(failing), scenario_fails);
  small.name += " (shrunk)";
  const std::string path = o.output.empty() ? default_output(o.seed, index) : o.output;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (auto w = sim::write_file_atomically(path, write_scenario_yaml(small)); !w) {
    return fail(err, w.error());
  }
  const char* where = how.in_process && how.over_http ? "in process and over HTTP"
                      : how.in_process                ? "in process only"
                                                      : "over HTTP only";
  out << "FAILED case " << index << " (seed " << o.seed << ", " << where << "): shrunk from "
      << orders << " orders to " << small.orders.size() << "\nminimal failing case: " << path
      << "\nreplay: tracksim " << (how.in_process ? "judge " : "run ") << path
      << "\nrerun: tracksim check --cases " << o.cases << " --seed " << o.seed << '\n';
  return code(ExitCode::mismatch);
}

int cmd_check(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  out << "tracksim check --cases " << o.cases << " --seed " << o.seed
      << " (each case judged in process and run over HTTP against the embedded carrier)\n";
  CheckRun run = run_checks(o.seed, o.cases);
  if (run.failed) {
    return report_failure(o, run.failed->index, std::move(run.failed->scenario), run.failed->how,
                          out, err);
  }
  out << "ok: " << o.cases << " cases, " << run.orders << " orders, every outcome as labelled\n";
  return code(ExitCode::ok);
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Randomised end-to-end property run: random populations judged against labels");
  cmd->add_option("--cases", o->cases, "Number of random populations (default 100)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}));
  cmd->add_option("--seed", o->seed, "Seed: the same seed runs the same cases");
  cmd->add_option("-o,--output", o->output, "Where to write the shrunk failing case")
      ->type_name("FILE");
  return {cmd, [o](std::ostream& out, std::ostream& err) { return cmd_check(*o, out, err); }};
}

}  // namespace tracksim::harness

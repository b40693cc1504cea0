#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <thread>
#include <utility>

#include "harness/cli/commands.h"
#include "harness/cli/progress.h"
#include "harness/report/report.h"
#include "harness/scenario/loader.h"
#include "sim/core/atomic_file.h"
#include "sim/time/clock.h"

namespace tracksim::harness {

void add_run_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("paths", o.paths, "Scenario files or folders (default: scenarios)");
  cmd->add_option("--json", o.json, "Write the JSON report to FILE")->type_name("FILE");
  cmd->add_option("--junit", o.junit, "Write the JUnit XML report to FILE")->type_name("FILE");
  cmd->add_option("--html", o.html, "Write the HTML report (timelines) to FILE")->type_name("FILE");
  cmd->add_option("--tag", o.tags, "Only scenarios with this tag (repeatable)")->type_name("T");
  cmd->add_option("--shard", o.shard,
                  "Run shard K of N (K from 1); also honours GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS")
      ->type_name("K/N");
  cmd->add_option("--jobs,-j", o.jobs, "Scenarios judged in parallel (default: cores)")
      ->check(CLI::Range(1U, 256U));
  cmd->add_option("--seed", o.seed, "Seed recorded in reports (scripted scenarios draw nothing)");
  cmd->add_flag("--verbose,-v", o.verbose, "Print every order's explanations and verdict history");
  cmd->add_flag("--no-color", o.no_colour, "Never colour the table");
  cmd->add_option("--engine", o.engine,
                  "An external engine instead of the built-in one: exec:CMD (JSON lines on "
                  "stdin/stdout) or http://HOST:PORT/PATH (the same JSON, POSTed)")
      ->type_name("exec:CMD|URL");
}

int run_scenarios(const RunOptions& o, const ScenarioJudge& judge_one, std::ostream& out,
                  std::ostream& err) {
  auto shard = pick_shard(o.shard);
  if (!shard) return fail(err, shard.error());
  auto loaded = load_scenarios(o.paths);
  if (!loaded) {
    err << loaded.error().to_string() << '\n';
    return code(exit_code_of(loaded.error().kind));
  }
  const auto picked = select_scenarios(*loaded, o.tags, *shard);
  const unsigned jobs = o.jobs ? o.jobs : std::max(1U, std::thread::hardware_concurrency());
  Progress progress(err, isatty(STDERR_FILENO) != 0, picked.size(), &sim::SystemClock::wall_millis);
  RunResult run =
      judge_all(picked, jobs, judge_one, [&](std::size_t orders) { progress.finished(orders); });
  progress.clear();
  run.seed = o.seed;
  const bool tty = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  write_table(out, run, {tty && !o.no_colour, o.verbose});
  const std::pair<const std::string*, std::function<void(std::ostream&)>> reports[] = {
      {&o.json, [&](std::ostream& f) { write_json_report(f, run); }},
      {&o.junit, [&](std::ostream& f) { f << junit_report(run, o.command); }},
      {&o.html, [&](std::ostream& f) { f << html_report(run, picked); }},
  };
  for (const auto& [path, write] : reports) {
    if (path->empty()) continue;
    if (auto w = sim::write_file_atomically(*path, write); !w) {
      return fail(err, w.error());
    }
  }
  if (picked.empty()) {
    err << "tracksim: no scenario selected (check the paths, --tag and --shard)\n";
    return code(ExitCode::invalid);
  }
  if (run.errored()) return code(ExitCode::invalid);
  return code(run.passed() ? ExitCode::ok : ExitCode::mismatch);
}

}  // namespace tracksim::harness

// The subcommands of `tracksim`, one file each (cmd_*.cc), and what they share: the options of
// the scenario-running commands (judge, run), sharding, and the path from results to reports and
// an exit code. Not thread-safe (the CLI runs once per process).
#pragma once

#include <CLI/CLI.hpp>
#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/cli/app.h"
#include "harness/population/fault.h"
#include "harness/rules/ruleset.h"
#include "harness/runner/evaluator.h"
#include "harness/runner/result.h"
#include "harness/runner/simulate.h"
#include "harness/runner/suite.h"
#include "harness/scenario/ruleset_loader.h"
#include "harness/scenario/scenario.h"
#include "sim/core/result.h"

namespace tracksim::harness {

// A registered subcommand: its CLI11 node and what runs when it was the one parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(std::ostream& out, std::ostream& err)> run;
};

Command add_judge_command(CLI::App& app);
Command add_run_command(CLI::App& app);
Command add_validate_command(CLI::App& app);
Command add_generate_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
Command add_simulate_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_replay_command(CLI::App& app);
Command add_merge_command(CLI::App& app);

inline int code(ExitCode c) { return static_cast<int>(c); }

// Prints "tracksim: <where: message>" to `err` and returns the exit code of the error's kind.
int fail(std::ostream& err, const Error& e);

// Options of every command that runs scenarios (judge, run).
struct RunOptions {
  std::vector<std::string> paths = {"scenarios"};
  std::string json;
  std::string junit;
  std::string html;
  std::string command = "judge";  // the subcommand, for the replay lines of reports
  std::vector<std::string> tags;
  std::string shard;
  unsigned jobs = 0;
  std::uint64_t seed = 0;
  bool verbose = false;
  bool no_colour = false;
  std::string engine;  // "exec:CMD": an external engine answers instead of the built-in one
};

void add_run_options(CLI::App* cmd, RunOptions& o);

// Options of the commands that generate a population (generate, simulate).
struct PopulationOptions {
  std::uint64_t seed = 0;
  std::size_t orders = 0;
  std::string faults;
  std::string ruleset = "douyin-2023";
};

// Adds --seed (required when `seed_required`), --orders (1..max_orders, required), --faults and
// --ruleset.
void add_population_options(CLI::App* cmd, PopulationOptions& o, std::size_t max_orders,
                            bool seed_required);

// The fault mix and the ruleset the options name, or the message to print (exit 2).
struct PopulationInputs {
  std::array<std::uint32_t, kFaultCount> fault_ppm{};
  RulesetPtr ruleset;
};
Result<PopulationInputs> resolve_population_options(const PopulationOptions& o);

// Loads and selects the scenarios, judges each with `judge_one` on o.jobs threads, prints the
// table, writes the requested reports and returns the exit code (0 met, 1 not met, 2 invalid input
// or a scenario that could not be judged, e.g. its external engine failed).
int run_scenarios(const RunOptions& o, const ScenarioJudge& judge_one, std::ostream& out,
                  std::ostream& err);

// simulate's dashboard (per rule, detectors, compensation, label agreement), which `merge` prints
// the same way for the sum of the shards; and the command line that heads it.
void print_dashboard(const SimulateTotals& totals, const Ruleset& rs, std::ostream& out);
std::string simulate_command_line(const PopulationOptions& o);

}  // namespace tracksim::harness

#include <cstdlib>
#include <memory>
#include <ostream>

#include "harness/cli/commands.h"
#include "harness/population/population.h"
#include "harness/report/report.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "harness/scenario/writer.h"
#include "sim/core/atomic_file.h"
#include "sim/core/rng.h"
#include "sim/core/text.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

struct GenerateOptions {
  PopulationOptions population;
  std::string start;
  std::string output;
};

}  // namespace

void add_population_options(CLI::App* cmd, PopulationOptions& o, std::size_t max_orders,
                            bool seed_required) {
  CLI::Option* seed =
      cmd->add_option("--seed", o.seed, "Seed: the same seed gives the same output, byte for byte");
  if (seed_required) seed->required();
  cmd->add_option("--orders", o.orders, "Number of orders")
      ->required()
      ->check(CLI::Range(std::size_t{1}, max_orders));
  cmd->add_option("--faults", o.faults,
                  "Fault probabilities, NAME=P,... (names as in generate.faults; all=P sets "
                  "every one)")
      ->type_name("NAME=P,...");
  cmd->add_option("--ruleset", o.ruleset, "douyin-2023 (default), douyin-2026 or a file");
}

Result<PopulationInputs> resolve_population_options(const PopulationOptions& o) {
  auto ppm = parse_fault_list(o.faults);
  if (!ppm) return unexpected("--faults: " + ppm.error().message);
  auto rs = load_ruleset(o.ruleset);
  if (!rs) return unexpected(rs.error());
  return PopulationInputs{*ppm, *rs};
}

namespace {

int cmd_generate(const GenerateOptions& go, std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& msg) {
    err << "tracksim: " << msg << '\n';
    return code(ExitCode::invalid);
  };
  const PopulationOptions& o = go.population;
  auto in = resolve_population_options(o);
  if (!in) return fail(in.error().to_string());
  const Ruleset& rs = *in->ruleset;
  Scenario s;
  s.ruleset_name = o.ruleset;
  s.ruleset = in->ruleset;
  s.start = default_start(rs);
  if (!go.start.empty()) {
    auto t = sim::parse_timestamp(go.start);
    if (!t) return fail("--start: " + t.error().to_string());
    s.start = *t;
  }
  s.name = "population seed " + std::to_string(o.seed) + " (" + std::to_string(o.orders) +
           " orders, " + o.ruleset + ")";
  s.description = "tracksim generate --seed " + std::to_string(o.seed) + " --orders " +
                  std::to_string(o.orders) + " --ruleset " + o.ruleset +
                  (o.faults.empty() ? "" : " --faults " + o.faults) + " --start " +
                  sim::format_timestamp(s.start);
  GenerateSpec spec;
  spec.seed = o.seed;
  spec.orders = o.orders;
  spec.start = s.start;
  spec.fault_ppm = in->fault_ppm;
  add_population(s, generate_population(spec, rs), true, "generate");
  const std::string yaml = write_scenario_yaml(s);
  if (go.output.empty() || go.output == "-") {
    out << yaml;
    return code(ExitCode::ok);
  }
  if (auto w = sim::write_file_atomically(go.output, yaml); !w) return fail(w.error().to_string());
  return code(ExitCode::ok);
}

}  // namespace

Command add_generate_command(CLI::App& app) {
  auto o = std::make_shared<GenerateOptions>();
  GenerateOptions& gen_opts = *o;
  CLI::App* gen = app.add_subcommand(
      "generate", "Write a labelled random population as a scripted scenario (YAML)");
  add_population_options(gen, gen_opts.population, 1'000'000, true);
  gen->add_option("--start", gen_opts.start,
                  "Scenario start (default: a month into the ruleset's effective range)");
  gen->add_option("-o,--output", gen_opts.output, "Write to FILE (default: stdout)")
      ->type_name("FILE");
  return {gen, [o](std::ostream& out, std::ostream& err) { return cmd_generate(*o, out, err); }};
}

}  // namespace tracksim::harness

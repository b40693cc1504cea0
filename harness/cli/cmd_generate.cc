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

Result<std::array<std::uint32_t, kFaultCount>> parse_fault_list(const std::string& text) {
  std::array<std::uint32_t, kFaultCount> ppm{};
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string item = text.substr(pos, comma - pos);
    pos = comma + 1;
    const std::size_t eq = item.find('=');
    const std::string name = item.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    char* end = nullptr;
    const double p = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !(p >= 0 && p <= 1)) {
      return unexpected("--faults: '" + item + "' must be NAME=P with P from 0 to 1");
    }
    if (name == "all") {
      ppm.fill(sim::probability_ppm(p));
    } else if (auto f = parse_fault(name)) {
      ppm[static_cast<std::size_t>(*f)] = sim::probability_ppm(p);
    } else {
      return unexpected("--faults: unknown fault '" + name + "'" +
                        sim::did_you_mean(name, fault_names()));
    }
  }
  return ppm;
}

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
  if (!ppm) return unexpected(ppm.error());
  auto rs = load_ruleset(o.ruleset);
  if (!rs) return unexpected(rs.error());
  return PopulationInputs{*ppm, *rs};
}

sim::Instant default_start(const Ruleset& rs) {
  if (!rs.effective_from) return *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  return sim::beijing_midnight(sim::beijing_date(*rs.effective_from + sim::Duration(31 * 86400)));
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

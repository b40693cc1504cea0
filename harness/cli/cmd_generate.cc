#include <cstdlib>
#include <memory>
#include <ostream>

#include "harness/cli/commands.h"
#include "harness/population/population.h"
#include "harness/report/report.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "harness/scenario/writer.h"
#include "sim/core/rng.h"
#include "sim/core/text.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

struct GenerateOptions {
  std::uint64_t seed = 0;
  std::size_t orders = 0;
  std::string faults;
  std::string ruleset = "douyin-2023";
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

sim::Instant default_start(const Ruleset& rs) {
  if (!rs.effective_from) return *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  return sim::beijing_midnight(sim::beijing_date(*rs.effective_from + sim::Duration(31 * 86400)));
}

namespace {

int cmd_generate(const GenerateOptions& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& msg) {
    err << "tracksim: " << msg << '\n';
    return code(ExitCode::invalid);
  };
  auto ppm = parse_fault_list(o.faults);
  if (!ppm) return fail(ppm.error().to_string());
  auto rs = load_ruleset(o.ruleset);
  if (!rs) return fail(rs.error().to_string());
  Scenario s;
  s.ruleset_name = o.ruleset;
  s.ruleset = *rs;
  s.start = default_start(**rs);
  if (!o.start.empty()) {
    auto t = sim::parse_timestamp(o.start);
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
  spec.fault_ppm = *ppm;
  add_population(s, generate_population(spec, **rs), true, "generate");
  const std::string yaml = write_scenario_yaml(s);
  if (o.output.empty() || o.output == "-") {
    out << yaml;
    return code(ExitCode::ok);
  }
  if (auto w = write_file_atomically(o.output, yaml); !w) return fail(w.error().to_string());
  return code(ExitCode::ok);
}

}  // namespace

Command add_generate_command(CLI::App& app) {
  auto o = std::make_shared<GenerateOptions>();
  GenerateOptions& gen_opts = *o;
  CLI::App* gen = app.add_subcommand(
      "generate", "Write a labelled random population as a scripted scenario (YAML)");
  gen->add_option("--seed", gen_opts.seed, "Seed: the same seed writes the same bytes")->required();
  gen->add_option("--orders", gen_opts.orders, "Number of orders")
      ->required()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  gen->add_option(
         "--faults", gen_opts.faults,
         "Fault probabilities, NAME=P,... (names as in generate.faults; all=P sets every one)")
      ->type_name("NAME=P,...");
  gen->add_option("--ruleset", gen_opts.ruleset, "douyin-2023 (default), douyin-2026 or a file");
  gen->add_option("--start", gen_opts.start,
                  "Scenario start (default: a month into the ruleset's effective range)");
  gen->add_option("-o,--output", gen_opts.output, "Write to FILE (default: stdout)")
      ->type_name("FILE");
  return {gen, [o](std::ostream& out, std::ostream& err) { return cmd_generate(*o, out, err); }};
}

}  // namespace tracksim::harness

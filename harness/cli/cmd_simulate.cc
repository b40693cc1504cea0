#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "harness/cli/commands.h"
#include "harness/report/report.h"
#include "harness/runner/simulate.h"
#include "harness/runner/simulate_shard.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/atomic_file.h"
#include "sim/time/clock.h"

namespace tracksim::harness {
namespace {

struct SimulateOptions {
  PopulationOptions population;
  unsigned jobs = 0;             // 0 = every core
  std::string shard;             // "K/N"; empty: the environment's, else the whole run
  std::size_t total_shards = 0;  // for JOB_COMPLETION_INDEX; 0: TRACKSIM_TOTAL_SHARDS
  std::string json;              // where this process's totals go, for `tracksim merge`
};

// Peak resident memory of this process in KiB (VmHWM), or -1 where /proc is unavailable.
long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string cell(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

}  // namespace

// The dashboard: per rule rate, pending, n/a, compensation; detectors; totals; label agreement.
void print_dashboard(const SimulateTotals& t, const Ruleset& rs, std::ostream& out) {
  out << cell("rule", 20) << cell("violated/applicable", 24) << cell("rate", 11)
      << cell("pending", 10) << cell("n/a", 10) << "compensation (yuan)\n";
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!rs.has(static_cast<Rule>(i))) continue;
    const RuleTotals& r = t.rules[i];
    const std::uint64_t applicable = t.orders - r.count(Outcome::not_applicable);
    const std::uint64_t violated = r.count(Outcome::violated);
    out << cell(std::string(rule_names()[i]), 20)
        << cell(std::to_string(violated) + "/" + std::to_string(applicable), 24)
        << cell(percent(violated, applicable), 11)
        << cell(std::to_string(r.count(Outcome::pending)), 10)
        << cell(std::to_string(r.count(Outcome::not_applicable)), 10) << r.compensation_yuan
        << '\n';
  }
  out << "detectors:";
  for (std::size_t d = 0; d < kDetectorCount; ++d) {
    if (rs.detectors.test(d)) out << ' ' << detector_names()[d] << '=' << t.detectors[d];
  }
  out << "\ncompensation: " << t.compensation_yuan << " yuan over " << t.orders << " orders\n";
  out << "labels: " << t.label_checks - t.label_mismatches << '/' << t.label_checks << " agree ("
      << percent(t.label_checks - t.label_mismatches, t.label_checks)
      << "), mismatches: " << t.label_mismatches << '\n';
}

std::string simulate_command_line(const PopulationOptions& o) {
  return "tracksim simulate --orders " + std::to_string(o.orders) + " --seed " +
         std::to_string(o.seed) + " --ruleset " + o.ruleset +
         (o.faults.empty() ? "" : " --faults " + o.faults);
}

namespace {

int cmd_simulate(const SimulateOptions& so, std::ostream& out, std::ostream& err) {
  const PopulationOptions& o = so.population;
  auto in = resolve_population_options(o);
  if (!in) {
    return fail(err, in.error());
  }
  const RulesetPtr& rs = in->ruleset;
  SimulateSpec spec;
  spec.generate.seed = o.seed;
  spec.generate.orders = o.orders;
  spec.generate.start = default_start(*rs);
  spec.generate.fault_ppm = in->fault_ppm;
  spec.threads = so.jobs;
  auto shard = pick_shard(so.shard, so.total_shards);
  if (!shard) return fail(err, shard.error());
  spec.shard_index = shard->index;
  spec.shard_total = shard->total;
  out << simulate_command_line(o);
  if (shard->total > 1) out << " (shard " << shard->index + 1 << '/' << shard->total << ')';
  out << '\n';
  const std::int64_t t0 = sim::SystemClock::wall_millis();
  const SimulateTotals totals = simulate(spec, *rs);
  const std::int64_t ms = std::max<std::int64_t>(1, sim::SystemClock::wall_millis() - t0);
  if (!so.json.empty()) {
    const SimulateShard part{o.orders,     o.seed,       o.ruleset, o.faults,
                             shard->index, shard->total, totals};
    if (auto w = sim::write_file_atomically(so.json, shard_json(part)); !w) {
      return fail(err, w.error());
    }
  }
  print_dashboard(totals, *rs, out);
  const double secs = static_cast<double>(ms) / 1000.0;
  char line[160];
  std::snprintf(line, sizeof line, "throughput: %.0f orders/s (wall %.3f s)\n",
                static_cast<double>(totals.orders) / secs, secs);
  out << line << "peak memory: VmHWM " << peak_rss_kib() / 1024 << " MB\n";
  return totals.label_mismatches == 0 ? code(ExitCode::ok) : code(ExitCode::mismatch);
}

}  // namespace

Command add_simulate_command(CLI::App& app) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Generate and judge a population in process; print per-rule violation rates");
  add_population_options(cmd, o->population, 10'000'000'000, false);
  // --threads was its name before it took --jobs, the name judge and run use.
  cmd->add_option("--jobs,-j,--threads", o->jobs,
                  "Worker threads (default: cores); the output does not depend on it")
      ->check(CLI::Range(1U, 256U));
  cmd->add_option("--shard", o->shard,
                  "Judge only shard K of N (K from 1; chunks of 4,096 orders dealt round robin); "
                  "also GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS or JOB_COMPLETION_INDEX")
      ->type_name("K/N");
  cmd->add_option("--total-shards", o->total_shards,
                  "Number of shards when the index comes from JOB_COMPLETION_INDEX (a Kubernetes "
                  "Indexed Job); default TRACKSIM_TOTAL_SHARDS")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  cmd->add_option("--json", o->json, "Write this process's totals to FILE for `tracksim merge`")
      ->type_name("FILE");
  return {cmd, [o](std::ostream& out, std::ostream& err) { return cmd_simulate(*o, out, err); }};
}

}  // namespace tracksim::harness

#include "harness/cli/app.h"

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ostream>
#include <thread>

#include "harness/population/population.h"
#include "harness/report/report.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/writer.h"
#include "sim/core/rng.h"
#include "sim/core/text.h"
#include "sim/server/carrier_server.h"
#include "sim/time/clock.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

constexpr const char* kVersion = "0.1.0";

struct RunOptions {
  std::vector<std::string> paths = {"scenarios"};
  std::string json;
  std::vector<std::string> tags;
  std::string shard;
  unsigned jobs = 0;
  std::uint64_t seed = 0;
  bool verbose = false;
  bool no_colour = false;
};

int code(ExitCode c) { return static_cast<int>(c); }

struct Shard {
  std::size_t index = 0;  // 0-based
  std::size_t total = 1;
};

// --shard K/N (K from 1) wins; else GTEST_SHARD_INDEX (from 0) / GTEST_TOTAL_SHARDS.
Result<Shard> pick_shard(const std::string& flag) {
  auto parse = [](const std::string& s, std::size_t& out) {
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), ::isdigit)) return false;
    out = std::stoul(s);
    return true;
  };
  Shard sh;
  if (!flag.empty()) {
    const auto slash = flag.find('/');
    std::size_t k = 0;
    if (slash == std::string::npos || !parse(flag.substr(0, slash), k) ||
        !parse(flag.substr(slash + 1), sh.total) || sh.total == 0 || k < 1 || k > sh.total) {
      return unexpected("--shard takes K/N with 1 <= K <= N, e.g. 2/4; got '" + flag + "'");
    }
    sh.index = k - 1;
    return sh;
  }
  const char* idx = std::getenv("GTEST_SHARD_INDEX");
  const char* tot = std::getenv("GTEST_TOTAL_SHARDS");
  if (idx && tot) {
    if (!parse(idx, sh.index) || !parse(tot, sh.total) || sh.total == 0 || sh.index >= sh.total) {
      return unexpected(
          std::string("GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS are not a valid shard: ") + idx + "/" +
          tot);
    }
  }
  return sh;
}

std::vector<const Scenario*> select(const std::vector<Scenario>& all, const RunOptions& o,
                                    const Shard& shard) {
  std::vector<const Scenario*> picked;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i % shard.total != shard.index) continue;
    const auto& tags = all[i].tags;
    const bool tagged = o.tags.empty() || std::any_of(o.tags.begin(), o.tags.end(), [&](auto& t) {
                          return std::find(tags.begin(), tags.end(), t) != tags.end();
                        });
    if (tagged) picked.push_back(&all[i]);
  }
  return picked;
}

RunResult judge_all(const std::vector<const Scenario*>& scenarios, unsigned jobs) {
  RunResult run;
  run.scenarios.resize(scenarios.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < scenarios.size(); i = next++) {
      run.scenarios[i] = judge_scenario(*scenarios[i]);
    }
  };
  const unsigned n =
      std::max(1U, std::min<unsigned>(jobs, static_cast<unsigned>(scenarios.size())));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < n; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return run;
}

int cmd_judge(const RunOptions& o, std::ostream& out, std::ostream& err) {
  auto shard = pick_shard(o.shard);
  if (!shard)
    return err << "tracksim: " << shard.error().to_string() << '\n', code(ExitCode::invalid);
  auto loaded = load_scenarios(o.paths);
  if (!loaded) {
    err << loaded.error().to_string() << '\n';
    return code(ExitCode::invalid);
  }
  const auto picked = select(*loaded, o, *shard);
  const unsigned jobs = o.jobs ? o.jobs : std::max(1U, std::thread::hardware_concurrency());
  RunResult run = judge_all(picked, jobs);
  run.seed = o.seed;
  const bool tty = isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  write_table(out, run, {tty && !o.no_colour, o.verbose});
  if (!o.json.empty()) {
    if (auto w = write_file_atomically(o.json, json_report(run)); !w) {
      err << "tracksim: " << w.error().to_string() << '\n';
      return code(ExitCode::invalid);
    }
  }
  if (picked.empty()) {
    err << "tracksim: no scenario selected (check the paths, --tag and --shard)\n";
    return code(ExitCode::invalid);
  }
  return code(run.passed() ? ExitCode::ok : ExitCode::mismatch);
}

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

struct GenerateOptions {
  std::uint64_t seed = 0;
  std::size_t orders = 0;
  std::string faults;
  std::string ruleset = "douyin-2023";
  std::string start;
  std::string output;
};

// "late_pickup=0.05,scan_lag=0.1" (or "all=0.03") into per-fault probabilities.
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

// The default start: a month into the ruleset's effective range (Beijing midnight), so that a
// ruleset with dates judges the orders it generates.
sim::Instant default_start(const Ruleset& rs) {
  if (!rs.effective_from) return *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  return sim::beijing_midnight(sim::beijing_date(*rs.effective_from + sim::Duration(31 * 86400)));
}

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

void add_run_options(CLI::App* cmd, RunOptions& o) {
  cmd->add_option("paths", o.paths, "Scenario files or folders (default: scenarios)");
  cmd->add_option("--json", o.json, "Write the JSON report to FILE")->type_name("FILE");
  cmd->add_option("--tag", o.tags, "Only scenarios with this tag (repeatable)")->type_name("T");
  cmd->add_option("--shard", o.shard,
                  "Run shard K of N (K from 1); also honours GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS")
      ->type_name("K/N");
  cmd->add_option("--jobs,-j", o.jobs, "Scenarios judged in parallel (default: cores)")
      ->check(CLI::Range(1U, 256U));
  cmd->add_option("--seed", o.seed, "Seed recorded in reports (scripted scenarios draw nothing)");
  cmd->add_flag("--verbose,-v", o.verbose, "Print every order's explanations and verdict history");
  cmd->add_flag("--no-color", o.no_colour, "Never colour the table");
}

struct ServeOptions {
  std::vector<std::string> scenarios;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string clock = "manual";
  std::string customer = "tracksim";
  std::string key = "tracksim-key";
  std::uint64_t seed = 0;
};

// Parcels and the first scenario's start, as the server wants them.
sim::server::LoadedWorld world_of(const std::vector<Scenario>& scenarios) {
  sim::server::LoadedWorld world;
  for (const Scenario& s : scenarios) {
    for (const ParcelSpec& p : s.parcels) world.parcels.push_back(p);
  }
  if (!scenarios.empty()) world.start = scenarios.front().start;
  return world;
}

Result<sim::server::LoadedWorld> load_world_yaml(std::string_view yaml) {
  auto scenarios = parse_scenarios(yaml, "request.yaml");
  if (!scenarios) return unexpected(scenarios.error());
  return world_of(*scenarios);
}

// Serves until SIGINT or SIGTERM. The signals are blocked before the server's threads start, so
// they inherit the mask and only sigwait here sees them.
int cmd_serve(const ServeOptions& o, std::ostream& out, std::ostream& err) {
  auto mode = sim::server::parse_clock_mode(o.clock);
  if (!mode)
    return err << "tracksim: --clock: " << mode.error().message << '\n', code(ExitCode::invalid);
  sim::server::ServerOptions so;
  so.host = o.host;
  so.port = o.port;
  so.clock = *mode;
  so.customer = o.customer;
  so.key = o.key;
  so.seed = o.seed;
  so.loader = load_world_yaml;
  so.start = sim::SystemClock().now();
  if (!o.scenarios.empty()) {
    auto loaded = load_scenarios(o.scenarios);
    if (!loaded) return err << loaded.error().to_string() << '\n', code(ExitCode::invalid);
    sim::server::LoadedWorld world = world_of(*loaded);
    so.parcels = std::move(world.parcels);
    if (world.start) so.start = *world.start;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  sim::server::CarrierServer server(std::move(so));
  auto port = server.start();
  if (!port) return err << "tracksim: " << port.error().message << '\n', code(ExitCode::invalid);
  out << server.url() << std::endl;  // the first line, flushed: scripts wait for it
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  err << "tracksim: stopped on signal " << received << '\n';
  return code(ExitCode::ok);
}

void add_serve_options(CLI::App* cmd, ServeOptions& o) {
  cmd->add_option("--scenario", o.scenarios, "Scenario files or folders whose parcels to serve")
      ->type_name("PATH");
  cmd->add_option("--host", o.host, "Address to bind (default 127.0.0.1)");
  cmd->add_option("--port", o.port, "Port (default 0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--clock", o.clock, "manual (default), realtime, or xN (N times the wall)")
      ->type_name("MODE");
  cmd->add_option("--kuaidi100-customer", o.customer, "query.do customer (default tracksim)");
  cmd->add_option("--kuaidi100-key", o.key, "query.do signing key (default tracksim-key)");
  cmd->add_option("--seed", o.seed, "Seed of the HTTP fault draws");
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app("tracksim: a carrier-tracking simulator and test harness for shipment rules",
               "tracksim");
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  RunOptions judge_opts;
  CLI::App* judge = app.add_subcommand(
      "judge", "Judge scenarios in process (no server): every order at every instant that matters");
  add_run_options(judge, judge_opts);
  std::vector<std::string> validate_paths;
  CLI::App* validate =
      app.add_subcommand("validate", "Check scenario files; errors as file:line:col");
  validate->add_option("paths", validate_paths, "Scenario files or folders")->required();
  GenerateOptions gen_opts;
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
  ServeOptions serve_opts;
  CLI::App* serve = app.add_subcommand(
      "serve", "Run the mock carrier website; prints its URL as the first line of stdout");
  add_serve_options(serve, serve_opts);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" with exit code 0 in CLI11.
    const int rc = app.exit(e, out, err);
    return rc == 0 ? code(ExitCode::ok) : code(ExitCode::invalid);
  }
  if (judge->parsed()) return cmd_judge(judge_opts, out, err);
  if (validate->parsed()) return cmd_validate(validate_paths, out, err);
  if (gen->parsed()) return cmd_generate(gen_opts, out, err);
  if (serve->parsed()) return cmd_serve(serve_opts, out, err);
  return code(ExitCode::invalid);
}

}  // namespace tracksim::harness

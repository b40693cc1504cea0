#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <ostream>
#include <thread>
#include <utility>

#include "harness/cli/commands.h"
#include "harness/cli/progress.h"
#include "harness/report/report.h"
#include "harness/runner/exec_engine.h"
#include "harness/runner/http_engine.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "sim/time/clock.h"

namespace tracksim::harness {
namespace {

RunResult run_all(const std::vector<const Scenario*>& scenarios, unsigned jobs,
                  const std::function<ScenarioResult(const Scenario&)>& judge_one,
                  Progress& progress) {
  RunResult run;
  run.scenarios.resize(scenarios.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < scenarios.size(); i = next++) {
      run.scenarios[i] = judge_one(*scenarios[i]);
      progress.finished(run.scenarios[i].orders.size());
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

}  // namespace

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

std::vector<const Scenario*> select_scenarios(const std::vector<Scenario>& all, const RunOptions& o,
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

int run_scenarios(const RunOptions& o,
                  const std::function<ScenarioResult(const Scenario&)>& judge_one,
                  std::ostream& out, std::ostream& err) {
  auto shard = pick_shard(o.shard);
  if (!shard)
    return err << "tracksim: " << shard.error().to_string() << '\n', code(ExitCode::invalid);
  auto loaded = load_scenarios(o.paths);
  if (!loaded) {
    err << loaded.error().to_string() << '\n';
    return code(ExitCode::invalid);
  }
  const auto picked = select_scenarios(*loaded, o, *shard);
  const unsigned jobs = o.jobs ? o.jobs : std::max(1U, std::thread::hardware_concurrency());
  Progress progress(err, isatty(STDERR_FILENO) != 0, picked.size(), &sim::SystemClock::wall_millis);
  RunResult run = run_all(picked, jobs, judge_one, progress);
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
    if (auto w = write_file_atomically(*path, write); !w) {
      err << "tracksim: " << w.error().to_string() << '\n';
      return code(ExitCode::invalid);
    }
  }
  if (picked.empty()) {
    err << "tracksim: no scenario selected (check the paths, --tag and --shard)\n";
    return code(ExitCode::invalid);
  }
  const bool errored = std::any_of(run.scenarios.begin(), run.scenarios.end(),
                                   [](const ScenarioResult& s) { return !s.errors.empty(); });
  if (errored) return code(ExitCode::invalid);
  return code(run.passed() ? ExitCode::ok : ExitCode::mismatch);
}

Result<std::function<ScenarioResult(const Scenario&)>> scenario_judge(const std::string& engine) {
  return scenario_judge(
      engine, [](const Scenario& s) { return judge_scenario(s); },
      [](const Scenario& s, Evaluator& e) { return judge_scenario(s, e); });
}

Result<std::function<ScenarioResult(const Scenario&)>> scenario_judge(
    const std::string& engine, std::function<ScenarioResult(const Scenario&)> builtin,
    std::function<ScenarioResult(const Scenario&, Evaluator&)> external) {
  using Judge = std::function<ScenarioResult(const Scenario&)>;
  if (engine.empty()) return Judge(std::move(builtin));
  if (engine.starts_with("http://") || engine.starts_with("https://")) {
    if (auto probe = HttpEngine::open(engine); !probe) return unexpected(probe.error());
    return Judge([engine, external](const Scenario& s) {
      auto e = HttpEngine::open(engine);
      return external(s, **e);  // the URL was checked above
    });
  }
  if (!engine.starts_with("exec:") || engine.size() == 5) {
    return unexpected(
        "--engine takes exec:CMD or http://HOST:PORT/PATH, e.g. exec:./my_engine; "
        "got '" +
        engine + "'");
  }
  const std::string cmd = engine.substr(5);
  return Judge([cmd, external = std::move(external)](const Scenario& s) {
    auto e = ExecEngine::start(cmd);
    if (!e) {
      ScenarioResult r;
      r.name = s.name;
      r.file = s.file;
      r.errors.push_back(e.error().message);
      return r;
    }
    return external(s, **e);
  });
}

}  // namespace tracksim::harness

#include "harness/runner/suite.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <utility>

#include "harness/runner/exec_engine.h"
#include "harness/runner/http_engine.h"
#include "harness/runner/judge.h"

namespace tracksim::harness {

Result<Shard> pick_shard(const std::string& flag, std::size_t total_flag) {
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
    return sh;
  }
  if (const char* job = std::getenv("JOB_COMPLETION_INDEX")) {
    std::string total = total_flag ? std::to_string(total_flag) : "";
    if (total.empty()) {
      const char* env = std::getenv("TRACKSIM_TOTAL_SHARDS");
      if (!env) {
        return unexpected(std::string("JOB_COMPLETION_INDEX is ") + job +
                          " but the number of shards is unknown: set TRACKSIM_TOTAL_SHARDS (or "
                          "--total-shards) to the Job's completions");
      }
      total = env;
    }
    if (!parse(job, sh.index) || !parse(total, sh.total) || sh.total == 0 || sh.index >= sh.total) {
      return unexpected(std::string("JOB_COMPLETION_INDEX/TRACKSIM_TOTAL_SHARDS are not a valid "
                                    "shard: ") +
                        job + "/" + total);
    }
  }
  return sh;
}

std::vector<const Scenario*> select_scenarios(const std::vector<Scenario>& all,
                                              const std::vector<std::string>& tags,
                                              const Shard& shard) {
  std::vector<const Scenario*> picked;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i % shard.total != shard.index) continue;
    const auto& have = all[i].tags;
    const bool tagged = tags.empty() || std::any_of(tags.begin(), tags.end(), [&](auto& t) {
                          return std::find(have.begin(), have.end(), t) != have.end();
                        });
    if (tagged) picked.push_back(&all[i]);
  }
  return picked;
}

RunResult judge_all(const std::vector<const Scenario*>& scenarios, unsigned jobs,
                    const ScenarioJudge& judge_one,
                    const std::function<void(std::size_t orders)>& finished) {
  RunResult run;
  run.scenarios.resize(scenarios.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < scenarios.size(); i = next++) {
      run.scenarios[i] = judge_one(*scenarios[i]);
      finished(run.scenarios[i].orders.size());
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

Result<ScenarioJudge> scenario_judge(const std::string& engine) {
  return scenario_judge(
      engine, [](const Scenario& s) { return judge_scenario(s); },
      [](const Scenario& s, Evaluator& e) { return judge_scenario(s, e); });
}

Result<ScenarioJudge> scenario_judge(
    const std::string& engine, ScenarioJudge builtin,
    std::function<ScenarioResult(const Scenario&, Evaluator&)> external) {
  using Judge = ScenarioJudge;
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

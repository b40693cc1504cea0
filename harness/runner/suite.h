// Running a suite of scenarios: which scenarios a shard and tags select, which engine judges
// them, and judging them on a pool of threads. What `judge` and `run` share below the command
// line. Functions are thread-safe; a ScenarioJudge may be called from several threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "harness/runner/evaluator.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"
#include "sim/core/result.h"

namespace tracksim::harness {

// One shard of a suite: scenario i (in sorted file order) belongs to shard i mod total.
struct Shard {
  std::size_t index = 0;  // 0-based
  std::size_t total = 1;
};

// `--shard K/N` (K from 1) when `flag` is not empty; else GTEST_SHARD_INDEX (from 0) and
// GTEST_TOTAL_SHARDS from the environment (as GoogleTest's runners set them); else a Kubernetes
// Indexed Job's JOB_COMPLETION_INDEX (from 0) with the total from `total_flag` (when not 0) or
// TRACKSIM_TOTAL_SHARDS; else the whole suite. Errors name the flag or variable at fault.
Result<Shard> pick_shard(const std::string& flag, std::size_t total_flag = 0);

// The scenarios of this shard carrying any of `tags` (all when `tags` is empty), in order.
std::vector<const Scenario*> select_scenarios(const std::vector<Scenario>& all,
                                              const std::vector<std::string>& tags,
                                              const Shard& shard);

using ScenarioJudge = std::function<ScenarioResult(const Scenario&)>;

// The judge of one scenario for `--engine`: `builtin` when `engine` is empty; else a fresh
// `exec:CMD` process, or an `http://HOST:PORT/PATH` connection, per scenario, handed to
// `external`. An engine that cannot start or fails is that scenario's error. Errors when
// `engine` is neither form (or the URL is malformed).
Result<ScenarioJudge> scenario_judge(
    const std::string& engine, ScenarioJudge builtin,
    std::function<ScenarioResult(const Scenario&, Evaluator&)> external);
// The in-process judge (`tracksim judge`) for `engine`.
Result<ScenarioJudge> scenario_judge(const std::string& engine);

// Judges every scenario with `judge_one` on `jobs` threads (at most one per scenario); results
// keep the scenarios' order. `finished(orders)` is called once per scenario as it completes,
// from the thread that judged it.
RunResult judge_all(const std::vector<const Scenario*>& scenarios, unsigned jobs,
                    const ScenarioJudge& judge_one,
                    const std::function<void(std::size_t orders)>& finished);

}  // namespace tracksim::harness

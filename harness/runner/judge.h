// The in-process judge: each order on its complete timeline, evaluated at every instant that
// matters (payment, upload, scan and visibility times, deadlines + 1 s, expect_at, until),
// its verdict history kept and compared with QA's expectations. Thread-safe per call.
#pragma once

#include "harness/rules/cross_index.h"
#include "harness/runner/evaluator.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"

namespace tracksim::harness {

ScenarioResult judge_scenario(const Scenario& scenario);

// The same with an external engine's answers instead of the built-in engine's (the built-in
// verdicts still name the instants that matter). The engine's failure is the scenario's error.
ScenarioResult judge_scenario(const Scenario& scenario, Evaluator& external);

// The cross-order index of a scenario: its valid uploads and its parcels' scans. The index
// points into the scenario, which must outlive it.
CrossOrderIndex build_index(const Scenario& scenario);

}  // namespace tracksim::harness

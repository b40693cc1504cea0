// Evaluators: who answers "what are this order's outcomes at `now`?" for OrderTracker. By
// default the built-in rule engine; with `--engine exec:CMD` an external engine process
// (harness/runner/exec_engine.h). Implementations say whether they are thread-safe.
#pragma once

#include <array>
#include <cstdint>

#include "harness/rules/engine.h"
#include "harness/rules/order.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

// What an engine answered: per rule the outcome (rules the ruleset lacks are ignored), the
// fake_shipment detectors that fired and the order's total compensation.
struct EngineAnswer {
  std::array<Outcome, kRuleCount> outcomes{};
  DetectorSet detectors;
  std::int64_t compensation_yuan = 0;
};

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // The outcomes for `order` at `now` given what the carrier shows (`view`, every scan; those
  // not visible at `now` must be ignored). An error (crash, timeout, malformed answer) stops
  // judging the order and is reported for its scenario.
  virtual Result<EngineAnswer> evaluate(const Order& order, const TrackingView& view,
                                        sim::Instant now, const Ruleset& ruleset) = 0;
};

}  // namespace tracksim::harness

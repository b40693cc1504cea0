// OrderTracker: one order's life under the rule engine: which instants matter, what the engine
// said at each, the verdict history (overturned verdicts included) and the comparison with QA's
// expectations. Both paths use it: the in-process judge feeds it the parcel's own scans, the
// HTTP runner what the carrier website answered, so they judge identical input the same way.
// Not thread-safe; one tracker per order.
#pragma once

#include <optional>
#include <set>

#include "harness/rules/cross_index.h"
#include "harness/rules/engine.h"
#include "harness/runner/evaluator.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"

namespace tracksim::harness {

class OrderTracker {
 public:
  // The scenario, spec and index (and `external`, if given) must outlive the tracker. With an
  // external evaluator its outcomes, detectors and compensation replace the built-in engine's;
  // the built-in verdict still names the instants that matter and the evidence.
  OrderTracker(const Scenario& scenario, const OrderSpec& spec, const CrossOrderIndex& index,
               Evaluator* external = nullptr);

  // The instants that matter before any evaluation: payment, upload, the parcel's scan and
  // visibility times, those of numbers that may copy it, expect_at instants and `until`.
  std::set<sim::Instant> instants() const;

  // Evaluates at `now` on `view` (what the carrier shows now), records changes, and checks the
  // expect_at entries and, at `until`, the final expectations. Instants must not go backwards.
  void observe(sim::Instant now, const TrackingView& view);

  // The external evaluator's failure, if it failed; observe() then does nothing.
  const std::string& error() const { return error_; }

  // The earliest later instant at which the last verdict can change by time alone.
  std::optional<sim::Instant> next_change() const { return next_change_; }

  // The parcel the order's upload names, if the scenario lists it.
  const ParcelSpec* parcel() const { return parcel_; }
  const OrderSpec& spec() const { return spec_; }

  // The result so far (complete once `until` was observed).
  const OrderResult& result() const { return out_; }
  OrderResult take_result() { return std::move(out_); }

 private:
  void compare(const Expectation& e, const Verdict& v, sim::Instant at);
  // The built-in verdict, its answers replaced by the external evaluator's (false on failure).
  bool ask_external(Verdict& v, const TrackingView& view, sim::Instant now);

  const Scenario& scenario_;
  const OrderSpec& spec_;
  const CrossOrderIndex& index_;
  Evaluator* external_ = nullptr;
  std::string error_;
  const ParcelSpec* parcel_ = nullptr;
  std::optional<std::array<Outcome, kRuleCount>> last_outcomes_;
  DetectorSet last_detectors_;
  std::optional<sim::Instant> next_change_;
  OrderResult out_;
};

// The view the in-process path renders from a scenario parcel (nothing for unknown numbers).
TrackingView view_of(const ParcelSpec* parcel);

}  // namespace tracksim::harness

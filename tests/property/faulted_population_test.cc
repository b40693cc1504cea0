// Properties of generated, faulted populations (tests/support/fault_generators.h): the engine
// meets every label the generator wrote by construction, and the benign irregularities change
// nothing. Each fault is its own RapidCheck draw, so a failure shrinks to the fewest faults.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>

#include "tests/property/property_helpers.h"
#include "tests/support/fault_generators.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

std::string detectors_text(DetectorSet d) {
  std::string out = "[";
  for (std::size_t k = 0; k < kDetectorCount; ++k) {
    if (d.test(k)) out += " " + std::string(detector_names()[k]);
  }
  return out + " ]";
}

// Every order of the population, judged at `until` on the in-process view, meets its label.
void check_labels(const FaultedPopulation& fp) {
  const Population& pop = fp.pop;
  const auto index = index_of(pop);
  for (std::size_t i = 0; i < pop.orders.size(); ++i) {
    const Order& o = pop.orders[i];
    const Verdict v = evaluate(o, view_of(pop, o), pop.until, fp.rules(), *index);
    const Label& label = pop.labels[i];
    for (std::size_t r = 0; r < kRuleCount; ++r) {
      const Outcome got = v.rules[r].outcome;
      const std::string why = o.id + " " + std::string(rule_names()[r]) + ": label " +
                              std::string(to_string(label.outcomes[r])) + ", engine " +
                              std::string(to_string(got));
      TS_RC_ASSERT(got == label.outcomes[r], draft_of(fp, pop.until, why));
    }
    const std::string why = o.id + " detectors: label " + detectors_text(label.detectors) +
                            ", engine " + detectors_text(v.detectors);
    TS_RC_ASSERT(v.detectors == label.detectors, draft_of(fp, pop.until, why));
  }
  const auto injected = [&](Fault f) {
    return std::any_of(pop.faults.begin(), pop.faults.end(),
                       [&](const FaultSet& s) { return s.test(static_cast<std::size_t>(f)); });
  };
  RC_CLASSIFY(injected(Fault::reused_number), "reused_number");
  RC_CLASSIFY(injected(Fault::copied_track), "copied_track");
}

// Catches an injector whose timeline and facts disagree (e.g. late_pickup moving the pickup scan
// but not first_physical, so the label says ok where the engine says violated), a labeller
// reading a parameter the engine does not (pickup_within by the wrong kind), and an engine rule
// or detector drifting from docs/rules.md on realistic routes (impossible_route firing on a real
// linehaul, repeated_scans missing a duplicate listed apart). Up to 4 orders per case so pair
// faults (reused_number, copied_track) find donors.
RC_GTEST_PROP(FaultedPopulation, EveryOutcomeAndDetectorMatchesTheLabelUnderDouyin2023, ()) {
  check_labels(*faulted_population(0, 4, all_faults()));
}

RC_GTEST_PROP(FaultedPopulation, EveryOutcomeAndDetectorMatchesTheLabelUnderDouyin2026, ()) {
  check_labels(*faulted_population(1, 4, all_faults()));
}

// Catches a detector that reads listing order or visibility instead of event times (e.g.
// repeated_scans or impossible_route comparing neighbours as listed, so out_of_order_listing
// fires them; or copied_track keyed on visible_at, so scan_lag breaks a match), and a pickup
// taken from the first *visible* scan rather than the earliest event. The same orders are
// generated twice, with and without the benign faults (pair faults are left out: a benign fault
// decides whether an order may lend its number, which would change another order's draw).
RC_GTEST_PROP(FaultedPopulation, ScanLagAndOutOfOrderListingChangeNoOutcome, ()) {
  const int rs = *ruleset_index();
  FaultSet allowed = single_order_faults();
  allowed.reset(static_cast<std::size_t>(Fault::scan_lag));
  allowed.reset(static_cast<std::size_t>(Fault::out_of_order_listing));
  const FaultedPopulation plain = *faulted_population(rs, 3, allowed);
  std::vector<FaultSet> with = plain.asked;
  // Every order gets scan_lag, out_of_order_listing or both (never neither).
  for (FaultSet& f : with) {
    const int which = *rc::gen::inRange(0, 3);
    if (which != 1) f.set(static_cast<std::size_t>(Fault::scan_lag));
    if (which != 0) f.set(static_cast<std::size_t>(Fault::out_of_order_listing));
  }
  const FaultedPopulation benign = regenerate(plain, with);
  const sim::Instant until = std::max(plain.pop.until, benign.pop.until);
  const auto plain_index = index_of(plain.pop);
  const auto benign_index = index_of(benign.pop);
  bool any_injected = false;
  for (std::size_t i = 0; i < plain.pop.orders.size(); ++i) {
    const Order& o = benign.pop.orders[i];
    const Verdict a = evaluate(plain.pop.orders[i], view_of(plain.pop, plain.pop.orders[i]), until,
                               plain.rules(), *plain_index);
    const Verdict b = evaluate(o, view_of(benign.pop, o), until, benign.rules(), *benign_index);
    for (std::size_t r = 0; r < kRuleCount; ++r) {
      const std::string why = o.id + " " + std::string(rule_names()[r]) + ": without benign " +
                              std::string(to_string(a.rules[r].outcome)) + ", with " +
                              std::string(to_string(b.rules[r].outcome));
      TS_RC_ASSERT(a.rules[r].outcome == b.rules[r].outcome, draft_of(benign, until, why));
    }
    const std::string why = o.id + " detectors: without benign " + detectors_text(a.detectors) +
                            ", with " + detectors_text(b.detectors);
    TS_RC_ASSERT(a.detectors == b.detectors, draft_of(benign, until, why));
    const FaultSet& f = benign.pop.faults[i];
    any_injected = any_injected || f.test(static_cast<std::size_t>(Fault::scan_lag)) ||
                   f.test(static_cast<std::size_t>(Fault::out_of_order_listing));
  }
  RC_CLASSIFY(any_injected, "a benign fault was injected");
}

}  // namespace
}  // namespace tracksim::harness::testing

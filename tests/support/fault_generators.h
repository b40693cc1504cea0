// RapidCheck generators of faulted populations: a few orders built by the population generator
// (harness/population) with each fault of each order a separate RapidCheck draw, so that a
// failing case shrinks by dropping faults, dropping orders and simplifying the order's kind and
// seed. Also the in-process tracking view and cross-order index of such a population.
// Test-only; generators are immutable values, safe to share.
#pragma once

#include <rapidcheck.h>

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "harness/population/fault.h"
#include "harness/population/population.h"
#include "harness/rules/cross_index.h"
#include "harness/rules/engine.h"
#include "harness/rules/ruleset.h"
#include "tests/support/scenario_writer.h"

namespace tracksim::harness::testing {

// A generated population with what the generator was asked for.
struct FaultedPopulation {
  int ruleset = 0;  // index into kRulesetNames: 0 douyin-2023, 1 douyin-2026
  GenerateSpec spec;
  std::vector<FaultSet> asked;  // asked[i]: the faults drawn for order i
  Population pop;               // pop.faults[i]: those the combination rules let in

  const Ruleset& rules() const;
  std::string_view ruleset_name() const;
};

// The faults any order may be drawn with: all of them, or all but the pair faults.
FaultSet all_faults();
FaultSet single_order_faults();  // no reused_number, no copied_track

// 1..max_orders orders under the given ruleset, each with a drawn subset of `allowed`.
rc::Gen<FaultedPopulation> faulted_population(int ruleset, std::size_t max_orders,
                                              FaultSet allowed);

// The same spec regenerated with other faults (e.g. the benign ones removed).
FaultedPopulation regenerate(const FaultedPopulation& fp, std::vector<FaultSet> faults);

// The parcel the population lists for an order's upload, or null (none, or an unknown number).
const sim::Parcel* parcel_of(const Population& pop, const Order& order);

// What the carrier shows for the order's upload, in process (empty for unknown numbers).
TrackingView view_of(const Population& pop, const Order& order);

// The index judge builds: every valid upload and every parcel's track, sealed. The population
// must outlive it.
std::unique_ptr<CrossOrderIndex> index_of(const Population& pop);

// The population as a scenario draft judged at `until`, with the labels as expectations.
ScenarioDraft draft_of(const FaultedPopulation& fp, sim::Instant until, std::string description);

// Shows the spec, the faults asked and injected per order in counterexample output.
void showValue(const FaultedPopulation& fp, std::ostream& os);

}  // namespace tracksim::harness::testing

// Turning a generated population into a scenario's orders and parcels, each order's `expect`
// set from its label (what `generate:` blocks and `tracksim generate` share).
// Pure functions; thread-safe.
#pragma once

#include "harness/population/population.h"
#include "harness/scenario/scenario.h"

namespace tracksim::harness {

// The expectation a label stands for: every rule of the ruleset, fake_shipment's exact detectors.
Expectation expectation_from_label(const Label& label, const Ruleset& ruleset);

// Appends the population's orders (with `expect` when `expect_labels`) and parcels to `s` and
// sets `s.until` to the population's. `where` names the generate block in reports.
void add_population(Scenario& s, Population population, bool expect_labels,
                    const std::string& where);

}  // namespace tracksim::harness

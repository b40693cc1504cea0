// Renders test shipments (an Order plus the scans its carrier shows) as scenario YAML (format v1,
// docs/scenarios.md) that `tracksim judge` loads: property counterexamples become scenarios.
// Test-only; pure functions except write_counterexample (writes one file). Thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/scenario.h"
#include "sim/time/instant.h"
#include "tests/support/engine_fixture.h"

namespace tracksim::harness::testing {

// One scenario to render: the orders (with their parcels) judged at `until`.
struct ScenarioDraft {
  std::string name;
  std::string description;
  std::string ruleset = "douyin-2023";  // a shipped name, or a path
  // When set, a ruleset file with this text is written beside the scenario and named by it.
  std::optional<std::string> ruleset_yaml;
  sim::Instant until;
  std::vector<Shipment> shipments;
  // Per shipment (same index, may be shorter): what the property expected at `until`.
  std::vector<std::optional<Expectation>> expect;
};

// The draft as one YAML document. Times are ISO 8601 with +08:00; every string is quoted, so
// all-digit numbers and phone tails stay strings. Each distinct carrier+number that an order
// uploads with a valid number becomes one parcel (the first shipment's scans and consignee).
std::string render_scenario(const ScenarioDraft& draft);

// An expectation holding every outcome, detector and the compensation of `v`, for the rules
// the ruleset has.
Expectation expectation_of(const Verdict& v, const Ruleset& ruleset);

// Writes the draft to $TMPDIR/tracksim-counterexamples/<file_stem>.yaml (TMPDIR defaults to
// /tmp), with its ruleset file when it has one; returns the scenario's path.
std::string write_counterexample(std::string_view file_stem, const ScenarioDraft& draft);

}  // namespace tracksim::harness::testing

// Loading scenario files: parse, validate and resolve places, carriers and rulesets. Every
// problem is reported as "file:line:col: message" (with a "did you mean" where one is close).
// Thread-safe: loading shares nothing but the read-only shipped rulesets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/scenario.h"
#include "sim/core/result.h"

namespace tracksim::harness {

// All scenarios in YAML text (one per document). On failure every error found, one per line.
Result<std::vector<Scenario>> parse_scenarios(std::string_view yaml, const std::string& file);

// One order file (tracksim replay's ORDER.yaml): a single `orders:` entry with its upload,
// `paid_at` absolute and other times absolute or offsets from paid_at. The scenario returned
// holds that order, the ruleset (`ruleset`, else the shipped one in force at paid_at), start =
// paid_at and the default `until`; it has no parcels.
Result<Scenario> parse_order_yaml(std::string_view yaml, const std::string& file,
                                  const RulesetPtr& ruleset = nullptr);

// All scenarios of one file.
Result<std::vector<Scenario>> load_scenario_file(const std::string& path);

// The YAML files under the given files and folders (recursively, sorted; `*.ruleset.yaml`,
// `*.order.yaml` and dot-folders skipped). A path that does not exist is an error.
Result<std::vector<std::string>> expand_scenario_paths(const std::vector<std::string>& paths);

// Every scenario of every file; scenario names must be unique across them all. Errors of all
// files are reported together.
Result<std::vector<Scenario>> load_scenarios(const std::vector<std::string>& paths);

}  // namespace tracksim::harness

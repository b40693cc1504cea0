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

// All scenarios of one file.
Result<std::vector<Scenario>> load_scenario_file(const std::string& path);

// The YAML files under the given files and folders (recursively, sorted, `*.ruleset.yaml` and
// dot-folders skipped). A path that does not exist is an error.
Result<std::vector<std::string>> expand_scenario_paths(const std::vector<std::string>& paths);

// Every scenario of every file; scenario names must be unique across them all. Errors of all
// files are reported together.
Result<std::vector<Scenario>> load_scenarios(const std::vector<std::string>& paths);

}  // namespace tracksim::harness

// Writing a scenario back out as scripted YAML (format v1): what `tracksim generate` prints.
// Loading the text gives the same model (file locations aside), and writing that again gives
// the same bytes. Pure function; thread-safe.
#pragma once

#include <string>

#include "harness/scenario/scenario.h"

namespace tracksim::harness {

// The scenario as one YAML document: times ISO 8601 in +08:00, free text and numbers quoted.
std::string write_scenario_yaml(const Scenario& scenario);

}  // namespace tracksim::harness

// The mock carrier's world from scenarios, for `tracksim serve`: at start from the loaded
// `--scenario` files, and later from YAML posted to the admin API. Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "harness/scenario/scenario.h"
#include "sim/core/result.h"
#include "sim/server/carrier_server.h"

namespace tracksim::harness {

// Every parcel of `scenarios`, and the first scenario's start as the clock's.
sim::server::LoadedWorld world_of(const std::vector<Scenario>& scenarios);

// The admin API's loader (`POST /__admin/scenarios`): YAML text (named request.yaml in errors)
// to a world.
Result<sim::server::LoadedWorld> load_world_yaml(std::string_view yaml);

}  // namespace tracksim::harness

#include "harness/runner/served_world.h"

#include "harness/scenario/loader.h"

namespace tracksim::harness {

sim::server::LoadedWorld world_of(const std::vector<Scenario>& scenarios) {
  sim::server::LoadedWorld world;
  for (const Scenario& s : scenarios) {
    for (const ParcelSpec& p : s.parcels) world.parcels.push_back(p);
  }
  if (!scenarios.empty()) world.start = scenarios.front().start;
  for (const Scenario& s : scenarios) {
    world.push_faults.insert(world.push_faults.end(), s.push_faults.begin(), s.push_faults.end());
  }
  return world;
}

Result<sim::server::LoadedWorld> load_world_yaml(std::string_view yaml) {
  auto scenarios = parse_scenarios(yaml, "request.yaml");
  if (!scenarios) return unexpected(scenarios.error());
  return world_of(*scenarios);
}

}  // namespace tracksim::harness

// The randomised end-to-end property run behind `tracksim check`: small seeded populations,
// judged in process and compared with their labels; a failing case shrinks (orders dropped, then
// the failing order's scans) to a minimal scenario that still fails. Pure; thread-safe per call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "harness/scenario/scenario.h"

namespace tracksim::harness {

// Case `index` of the run seeded `seed`: 1..24 orders under douyin-2023 or douyin-2026, each
// fault with a drawn probability, every order expecting its label. Same arguments, same case.
Scenario check_case(std::uint64_t seed, std::size_t index);

// True when judging the scenario in process finds a mismatch with some expectation.
bool scenario_fails(const Scenario& scenario);

// Shrinks a scenario for which `fails` holds: drops orders (and parcels no order uploads any
// more) one by one while it still fails, then drops scans of the failing orders' parcels while
// it still fails. The result still fails and is no larger than the input.
Scenario shrink_scenario(Scenario scenario, const std::function<bool(const Scenario&)>& fails);

}  // namespace tracksim::harness

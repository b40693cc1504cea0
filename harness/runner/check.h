// The randomised end-to-end property run behind `tracksim check`: small seeded populations,
// judged in process and run over HTTP against the embedded mock carrier (as `tracksim run`
// does: Kuaidi100 answers polled through virtual time), both compared with their labels; a
// failing case shrinks (orders dropped, then the failing order's scans) to a minimal scenario
// that still fails. Thread-safe per call (each HTTP run owns its server).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "harness/scenario/scenario.h"

namespace tracksim::harness {

// Case `index` of the run seeded `seed`: 1..24 orders under douyin-2023 or douyin-2026, each
// fault with a drawn probability, every order expecting its label. Same arguments, same case.
Scenario check_case(std::uint64_t seed, std::size_t index);

// Which paths missed an expectation of the scenario (its labels, for generated cases).
struct CheckFailure {
  bool in_process = false;  // judged in process (`tracksim judge`)
  bool over_http = false;   // polled over HTTP from the embedded mock carrier (`tracksim run`)
  bool any() const { return in_process || over_http; }
};
CheckFailure check_scenario(const Scenario& scenario);

// check_scenario(scenario).any().
bool scenario_fails(const Scenario& scenario);

// Shrinks a scenario for which `fails` holds: drops orders (and parcels no order uploads any
// more) one by one while it still fails, then drops scans of the failing orders' parcels while
// it still fails. The result still fails and is no larger than the input.
Scenario shrink_scenario(Scenario scenario, const std::function<bool(const Scenario&)>& fails);

// Cases 0..cases-1 of the run seeded `seed`, in order, up to the first that fails.
struct CheckRun {
  std::size_t orders = 0;  // orders in the cases checked, the failing one included
  struct Failed {
    std::size_t index = 0;
    Scenario scenario;  // as generated, not shrunk
    CheckFailure how;
  };
  std::optional<Failed> failed;
};
CheckRun run_checks(std::uint64_t seed, std::size_t cases);

}  // namespace tracksim::harness

// The HTTP runner behind `tracksim run`: serves a scenario's parcels from an embedded mock carrier
// website, steps its virtual clock through every instant that matters plus a polling schedule,
// and judges each order on what the carrier answered over loopback. Thread-safe per call (each
// call owns its server and client).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "harness/runner/evaluator.h"
#include "harness/runner/push_receiver.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"
#include "sim/server/faults.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

inline constexpr sim::Duration kDefaultPollEvery{3600};

struct RunnerOptions {
  // Every watched order is polled at start + k * poll_every (besides its own instants) until
  // the carrier shows it delivered, returned or cancelled; zero turns the schedule off.
  sim::Duration poll_every = kDefaultPollEvery;
  // Calls of CarrierClient::track (each with its own retries) before a poll counts as failed.
  int polls_per_fault = 3;
  std::size_t server_threads = 4;
  // A scenario with at least `shard_from` orders (and no fault rules or external engine) is
  // run in `shards` shards, each with its own embedded carrier (0: one per core, at most 4);
  // the results do not depend on either.
  std::size_t shard_from = 2'000;
  std::size_t shards = 0;
  // How the client waits between retries; absent: a real sleep. Tests pass a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;
  // HTTP faults the embedded server injects (none by default).
  std::vector<sim::server::FaultRule> faults;
  // `--via push`: every uploaded number is subscribed and judged on what its pushes carried
  // (docs/push.md); a number whose pushes stop for `reconcile_after` of virtual time before its
  // trace ends is polled. Push faults: the scenario's push_faults plus these.
  bool via_push = false;
  sim::Duration reconcile_after{24 * 3600};
  std::vector<sim::server::PushFaultRule> push_faults;
  // Adds up the receivers' counts over every scenario and shard (set by the caller).
  struct PushTally {
    std::mutex mu;
    PushCounts counts;
    std::uint64_t lost = 0;  // pushes the carrier dropped (its journal), for the report line
  };
  std::shared_ptr<PushTally> push_tally;
};

// Judges the scenario over HTTP. A poll whose answer stays unknown (a fault) is never judged as
// "no scans": it is re-polled, and if it stays unknown it is recorded in `errors` (which fails
// the scenario) and the order keeps its last verdict. The server is stopped before returning.
ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options);

// The same with an external engine's answers instead of the built-in engine's (on what the
// carrier answered over HTTP). The engine's failure is the scenario's error and stops the run.
ScenarioResult run_scenario_http(const Scenario& scenario, const RunnerOptions& options,
                                 Evaluator& external);

}  // namespace tracksim::harness

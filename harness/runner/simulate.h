// The streaming population run behind `tracksim simulate`: orders generated in fixed-size chunks
// (never the whole population in memory), each judged in process at its chunk's `until` and
// compared with its label; chunk totals are summed, so totals do not depend on the thread count.
// Thread-safe per call (simulate() starts and joins its own threads).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "harness/population/population.h"
#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"

namespace tracksim::harness {

// Orders per chunk: a chunk is one generated population (its own number set, donors, `until`).
inline constexpr std::size_t kSimulateChunk = 4096;

struct RuleTotals {
  std::array<std::uint64_t, 4> outcomes{};  // indexed by Outcome: ok, violated, pending, n/a
  std::int64_t compensation_yuan = 0;
  std::uint64_t count(Outcome o) const { return outcomes[static_cast<std::size_t>(o)]; }
  friend bool operator==(const RuleTotals&, const RuleTotals&) = default;
};

struct SimulateTotals {
  std::uint64_t orders = 0;
  std::array<RuleTotals, kRuleCount> rules{};
  std::array<std::uint64_t, kDetectorCount> detectors{};  // orders on which each fired
  std::int64_t compensation_yuan = 0;
  std::uint64_t label_checks = 0;      // orders compared with their label
  std::uint64_t label_mismatches = 0;  // orders whose outcomes or detectors differ
  void add(const SimulateTotals& other);
  friend bool operator==(const SimulateTotals&, const SimulateTotals&) = default;
};

struct SimulateSpec {
  GenerateSpec generate;  // seed, orders, start, fault mix; ids span the whole run
  unsigned threads = 1;   // 0 = every core
  std::size_t chunk = kSimulateChunk;
  // This process's part of the run: chunk c is judged here when c mod shard_total is
  // shard_index, so shards 0..total-1 together judge every chunk exactly once.
  std::size_t shard_index = 0;
  std::size_t shard_total = 1;
};

// Judges every order of `population` at its `until`, compares with its labels, adds to `totals`.
void judge_population_into(const Population& population, const Ruleset& ruleset,
                           SimulateTotals& totals);

// Generates and judges spec.generate.orders orders chunk by chunk on spec.threads threads (only
// this shard's chunks). Chunks are independent, so the shards' totals add up to one process's.
SimulateTotals simulate(const SimulateSpec& spec, const Ruleset& ruleset);

}  // namespace tracksim::harness

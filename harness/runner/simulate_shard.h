// What one shard of `tracksim simulate --shard K/N --json FILE` writes and `tracksim merge` reads:
// the run's command (orders, seed, ruleset, faults), the shard, and its exact integer totals.
// Summing every shard of one run gives the totals one process computes. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/runner/simulate.h"
#include "sim/core/result.h"

namespace tracksim::harness {

inline constexpr std::string_view kSimulateShardFormat = "tracksim-simulate-shard/1";

struct SimulateShard {
  std::uint64_t orders = 0;  // of the whole run
  std::uint64_t seed = 0;
  std::string ruleset;    // as the command named it
  std::string faults;     // as the command gave them ("" for none)
  std::size_t index = 0;  // 0-based
  std::size_t total = 1;
  SimulateTotals totals;  // this shard's orders only
};

// The shard as JSON (one object, keys in a fixed order; the same shard, the same bytes).
std::string shard_json(const SimulateShard& shard);

// Reads what shard_json wrote; errors name `file` and the field.
Result<SimulateShard> parse_shard_json(std::string_view text, const std::string& file);

// The whole run from its shards: every shard of the same command and total, each index exactly
// once. The result has index 0 of total 1. Errors name the file (by position in `files`).
Result<SimulateShard> merge_shards(const std::vector<SimulateShard>& shards,
                                   const std::vector<std::string>& files);

}  // namespace tracksim::harness

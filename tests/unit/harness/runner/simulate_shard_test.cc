// simulate across machines: shards partition the chunks (their totals add up to one process's),
// a shard's file reads back to the same totals, and merge refuses what is not one whole run.
#include "harness/runner/simulate_shard.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/scenario/ruleset_loader.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

SimulateSpec small_run(std::size_t index, std::size_t total) {
  SimulateSpec s;
  s.generate.seed = 5;
  s.generate.orders = 700;  // 14 chunks of 50, the last one short
  s.generate.start = *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  s.generate.fault_ppm.fill(sim::probability_ppm(0.05));
  s.chunk = 50;
  s.threads = 2;
  s.shard_index = index;
  s.shard_total = total;
  return s;
}

// Would catch a shard that skips or repeats a chunk (an off-by-one in the round robin, or a
// shard count larger than the chunks).
TEST(SimulateShards, ShardsTogetherJudgeEveryOrderOnce) {
  const RulesetPtr rs = *load_ruleset("douyin-2023");
  const SimulateTotals whole = simulate(small_run(0, 1), *rs);
  ASSERT_EQ(whole.orders, 700U);
  for (std::size_t total : {2U, 3U, 14U, 20U}) {
    SimulateTotals sum;
    for (std::size_t k = 0; k < total; ++k) sum.add(simulate(small_run(k, total), *rs));
    EXPECT_EQ(sum, whole) << total << " shards";
  }
}

SimulateShard shard_of(std::size_t index, std::size_t total, const SimulateTotals& t) {
  return SimulateShard{700, 5, "douyin-2023", "all=0.05", index, total, t};
}

TEST(SimulateShards, AShardFileReadsBackToTheSameTotals) {
  const RulesetPtr rs = *load_ruleset("douyin-2023");
  const SimulateShard s = shard_of(1, 3, simulate(small_run(1, 3), *rs));
  const std::string text = shard_json(s);
  auto back = parse_shard_json(text, "s.json");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->totals, s.totals);
  EXPECT_EQ(back->index, 1U);
  EXPECT_EQ(back->faults, "all=0.05");
  EXPECT_EQ(shard_json(*back), text);
}

TEST(SimulateShards, ABrokenFileNamesTheFileAndTheField) {
  std::string text = shard_json(shard_of(0, 2, SimulateTotals{}));
  const auto at = text.find("\"label_checks\": 0");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 17, "\"label_checks\": -1");
  const auto r = parse_shard_json(text, "bad.json");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where, "bad.json");
  EXPECT_THAT(r.error().message, HasSubstr("totals.label_checks"));
  EXPECT_FALSE(parse_shard_json("[1, 2", "x.json").has_value());
}

TEST(SimulateShards, MergeWantsEveryShardOfOneRunOnce) {
  SimulateTotals half;
  half.orders = 350;
  const auto a = shard_of(0, 2, half);
  const auto b = shard_of(1, 2, half);
  auto merged = merge_shards({a, b}, {"a.json", "b.json"});
  ASSERT_TRUE(merged.has_value()) << merged.error().to_string();
  EXPECT_EQ(merged->totals.orders, 700U);

  auto twice = merge_shards({a, a}, {"a.json", "a2.json"});
  ASSERT_FALSE(twice.has_value());
  EXPECT_THAT(twice.error().to_string(), HasSubstr("a2.json: shard 1/2 given twice (also a.json)"));

  auto missing = merge_shards({b}, {"b.json"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message, HasSubstr("shards missing from the run"));

  SimulateShard other = b;
  other.seed = 6;
  auto mixed = merge_shards({a, other}, {"a.json", "c.json"});
  ASSERT_FALSE(mixed.has_value());
  EXPECT_THAT(mixed.error().to_string(), HasSubstr("c.json: shard of another run"));
}

}  // namespace
}  // namespace tracksim::harness

// Google Benchmark: rule-engine evaluations per second (8- and 64-scan orders) and scenario
// file load speed. Run: build/release/tests/tracksim_bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
// Baseline_* measure the floor (one pass over the same scans) in the same run, so results can
// be read as ratios that do not depend on the machine.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "harness/rules/engine.h"
#include "harness/scenario/loader.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using sim::Duration;
using sim::Instant;
using sim::ScanKind;

struct Fixture {
  Order order;
  std::vector<sim::Scan> scans;
  std::vector<std::vector<sim::Scan>> others;  // other parcels in the cross-order index
  std::vector<Order> other_orders;
  CrossOrderIndex index;
  RulesetPtr ruleset;
};

sim::Scan make_scan(Instant at, ScanKind kind, const char* city, const char* facility) {
  sim::Scan s;
  s.at = at;
  s.visible_at = at + Duration(600);
  s.kind = kind;
  s.city = sim::geo::Atlas::china().find_city(city)->id;
  s.facility = facility;
  return s;
}

// A Hangzhou -> Beijing parcel with `n` scans (8 = a realistic full trace), in an index that also
// holds 1,000 other orders with their own parcels.
Fixture& fixture(std::size_t n, const char* ruleset) {
  static std::map<std::pair<std::size_t, std::string>, std::unique_ptr<Fixture>> cache;
  auto& slot = cache[{n, ruleset}];
  if (slot) return *slot;
  slot = std::make_unique<Fixture>();
  Fixture& f = *slot;
  f.ruleset = *load_ruleset(ruleset);
  const Instant paid = *sim::parse_timestamp("2023-02-01T18:04:20+08:00");
  f.order.id = "B1";
  f.order.paid_at = paid;
  f.order.amount = sim::Money::from_fen(12900);
  f.order.ship_to.city = sim::geo::Atlas::china().find_city("北京市")->id;
  f.order.ship_to.province = sim::geo::Atlas::china().city(f.order.ship_to.city).province;
  f.order.upload = Upload{paid + Duration(20 * 3600), sim::Carrier::sf, "SF1234567890123"};
  const std::pair<ScanKind, const char*> route[] = {
      {ScanKind::pickup, "杭州市"},           {ScanKind::depart, "杭州市"},
      {ScanKind::arrive, "杭州市"},           {ScanKind::depart, "杭州市"},
      {ScanKind::arrive, "北京市"},           {ScanKind::depart, "北京市"},
      {ScanKind::out_for_delivery, "北京市"}, {ScanKind::delivered, "北京市"}};
  for (std::size_t i = 0; i < n; ++i) {
    const auto& [kind, city] = route[i < 6 ? i % 6 : (i + 2 >= n ? 8 - (n - i) : 2 + i % 4)];
    f.scans.push_back(make_scan(paid + Duration(static_cast<std::int64_t>(30 + i) * 3600), kind,
                                city, i % 2 ? "杭州转运中心" : "北京顺义集散中心"));
  }
  f.others.resize(1000);
  for (std::size_t k = 0; k < f.others.size(); ++k) {
    Order o = f.order;
    o.id = "O" + std::to_string(k);
    o.upload->number = "SF" + std::to_string(1000000000000ULL + k);
    f.others[k].push_back(make_scan(paid + Duration(static_cast<std::int64_t>(k) * 60),
                                    ScanKind::pickup, "上海市", "上海网点"));
    f.other_orders.push_back(std::move(o));
  }
  f.index.add_upload(f.order);
  f.index.add_track(sim::Carrier::sf, f.order.upload->number, f.scans);
  for (std::size_t k = 0; k < f.others.size(); ++k) {
    f.index.add_upload(f.other_orders[k]);
    f.index.add_track(sim::Carrier::sf, f.other_orders[k].upload->number, f.others[k]);
  }
  f.index.seal();
  return f;
}

void evaluate_bench(benchmark::State& state, const char* ruleset) {
  Fixture& f = fixture(static_cast<std::size_t>(state.range(0)), ruleset);
  const TrackingView view{f.scans, sim::geo::kNoCity, {}};
  const Instant now = f.scans.back().visible_at + Duration(3600);
  for (auto _ : state) {
    Verdict v = evaluate(f.order, view, now, *f.ruleset, f.index);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Evaluate_2023(benchmark::State& state) { evaluate_bench(state, "douyin-2023"); }
void BM_Evaluate_2026(benchmark::State& state) { evaluate_bench(state, "douyin-2026"); }
BENCHMARK(BM_Evaluate_2023)->Arg(8)->Arg(64);
BENCHMARK(BM_Evaluate_2026)->Arg(8)->Arg(64);

// The floor: one pass over the same scans doing what any engine must (visibility, kind tests).
void BM_Baseline_ScanPass(benchmark::State& state) {
  Fixture& f = fixture(static_cast<std::size_t>(state.range(0)), "douyin-2023");
  const Instant now = f.scans.back().visible_at + Duration(3600);
  for (auto _ : state) {
    int physical = 0;
    for (const sim::Scan& s : f.scans) physical += s.visible_at <= now && sim::is_physical(s.kind);
    benchmark::DoNotOptimize(physical);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_ScanPass)->Arg(8)->Arg(64);

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Scenario file load speed: parse + validate a hand-written multi-document file.
void BM_LoadScenarioFile(benchmark::State& state) {
  const std::string path =
      std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/douyin-2026/transit_stall_regional.yaml";
  const std::string text = read(path);
  std::size_t orders = 0;
  for (auto _ : state) {
    auto r = parse_scenarios(text, path);
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    for (const Scenario& s : *r) orders += s.orders.size();
    benchmark::DoNotOptimize(orders);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["orders/s"] =
      benchmark::Counter(static_cast<double>(orders), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LoadScenarioFile);

// The floor for loading: yaml-cpp parsing the same text, without our validation.
void BM_Baseline_YamlParse(benchmark::State& state) {
  const std::string text =
      read(std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/douyin-2026/transit_stall_regional.yaml");
  for (auto _ : state) {
    auto docs = YAML::LoadAll(text);
    benchmark::DoNotOptimize(docs);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Baseline_YamlParse);

}  // namespace
}  // namespace tracksim::harness

BENCHMARK_MAIN();

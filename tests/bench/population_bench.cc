// Google Benchmark: orders generated per second (goal >= 500,000/s on one core), with a baseline
// in the same run (only the base route per order: build_route alone), and bytes per generated
// order (the counters `bytes_per_order`: the population's heap footprint). Run:
//   build/release/tests/tracksim_population_bench --benchmark_repetitions=5
//     --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "harness/population/population.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"
#include "sim/timeline/route.h"

namespace tracksim::harness {
namespace {

GenerateSpec spec(std::size_t orders, double p) {
  GenerateSpec g;
  g.seed = 1;
  g.orders = orders;
  g.start = *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  g.fault_ppm.fill(sim::probability_ppm(p));
  return g;
}

std::size_t footprint(const Population& p) {
  std::size_t bytes = p.orders.capacity() * sizeof(Order) + p.labels.capacity() * sizeof(Label) +
                      p.faults.capacity() * sizeof(FaultSet) +
                      p.parcels.capacity() * sizeof(sim::Parcel);
  auto str = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  for (const Order& o : p.orders) {
    bytes += str(o.id) + str(o.ship_from.district) + str(o.ship_to.district);
    if (o.upload) bytes += str(o.upload->number);
  }
  for (const sim::Parcel& parcel : p.parcels) {
    bytes += str(parcel.number) + parcel.scans.capacity() * sizeof(sim::Scan);
    for (const sim::Scan& s : parcel.scans) bytes += str(s.facility) + str(s.text);
  }
  return bytes;
}

void BM_GeneratePopulation(benchmark::State& state) {
  const RulesetPtr rs = *load_ruleset("douyin-2026");
  const GenerateSpec g = spec(static_cast<std::size_t>(state.range(0)), 0.03);
  std::size_t bytes = 0;
  for (auto _ : state) {
    Population p = generate_population(g, *rs);
    bytes = footprint(p);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["bytes_per_order"] =
      static_cast<double>(bytes) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_GeneratePopulation)->Arg(10'000)->Unit(benchmark::kMillisecond);

// Baseline: the route builder alone for the same number of orders (the floor of generation).
void BM_Baseline_BuildRouteOnly(benchmark::State& state) {
  const auto& atlas = sim::geo::Atlas::china();
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto cities = atlas.cities().size();
  for (auto _ : state) {
    sim::Rng rng(1);
    for (std::size_t i = 0; i < n; ++i) {
      sim::RouteRequest r;
      r.from = static_cast<sim::geo::CityId>(rng.below(cities));
      r.to = static_cast<sim::geo::CityId>(rng.below(cities));
      r.pickup_at = sim::Instant::from_unix(1'675'180'800 + static_cast<std::int64_t>(i) * 60);
      r.seed = rng.next();
      r.info_received = false;
      benchmark::DoNotOptimize(sim::build_route(r));
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Baseline_BuildRouteOnly)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tracksim::harness

BENCHMARK_MAIN();

// Google Benchmark: orders generated per second (goal >= 500,000/s on one core), with a baseline
// in the same run (only the base route per order: build_route alone), bytes per generated order
// (the counter `bytes_per_order`: the population's heap footprint), and orders simulated
// (generated and judged) per second on one thread. Run:
//   build/release/tests/tracksim_population_bench --benchmark_repetitions=5
//     --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include "harness/population/population.h"
#include "harness/runner/simulate.h"
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
  // Interned names (facilities, districts) live once in the process-wide pool, not per order.
  for (const Order& o : p.orders) {
    bytes += str(o.id) + str(o.ship_from.phone_tail) + str(o.ship_to.phone_tail);
    if (o.upload) bytes += str(o.upload->number);
  }
  for (const sim::Parcel& parcel : p.parcels) {
    bytes += str(parcel.number) + parcel.scans.capacity() * sizeof(sim::Scan);
    bytes += str(parcel.consignee_phone_tail);
    for (const sim::Scan& s : parcel.scans) bytes += str(s.text);
  }
  return bytes;
}

// Timed: generating the population and freeing it (a caller pays both for every population it
// makes; simulate frees each chunk). Not timed: the footprint walk, measured once afterwards.
void BM_GeneratePopulation(benchmark::State& state) {
  const RulesetPtr rs = *load_ruleset("douyin-2026");
  const GenerateSpec g = spec(static_cast<std::size_t>(state.range(0)), 0.03);
  for (auto _ : state) {
    Population p = generate_population(g, *rs);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  const std::size_t bytes = footprint(generate_population(g, *rs));
  state.counters["bytes_per_order"] =
      static_cast<double>(bytes) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_GeneratePopulation)->Arg(10'000)->Unit(benchmark::kMillisecond);

// The generator simulate uses: ranges of one spec with the buffers kept from range to range (no
// Population built, nothing freed between ranges), so the page faults of fresh memory, which
// dominate BM_GeneratePopulation on a loaded machine, are left out.
void BM_GenerateStream(benchmark::State& state) {
  const RulesetPtr rs = *load_ruleset("douyin-2026");
  const auto n = static_cast<std::size_t>(state.range(0));
  const GenerateSpec g = spec(n * 8, 0.03);
  PopulationStream stream(g, *rs);
  std::size_t begin = 0;
  for (auto _ : state) {
    stream.generate(begin, begin + n);
    benchmark::DoNotOptimize(stream.drafts().data());
    begin = (begin + n) % (n * 8);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_GenerateStream)->Arg(10'000)->Unit(benchmark::kMillisecond);

// simulate on one thread: generation (buffers reused from chunk to chunk) plus judging every order
// at its chunk's `until` with the cross-order index; `tracksim simulate` is this on --jobs threads.
void BM_SimulateOneThread(benchmark::State& state) {
  const RulesetPtr rs = *load_ruleset("douyin-2026");
  SimulateSpec s;
  s.generate = spec(static_cast<std::size_t>(state.range(0)), 0.03);
  s.threads = 1;
  for (auto _ : state) benchmark::DoNotOptimize(simulate(s, *rs));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SimulateOneThread)->Arg(40'960)->Unit(benchmark::kMillisecond);

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

// Generates 100,000 orders (every fault at 3%, or --p P) and prints how often each fault was
// injected, and how often each rule's label came out violated or n/a. Run:
//   build/release/tests/tracksim_fault_table [--orders N] [--p P] [--ruleset R] [--seed S]
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "harness/population/population.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"

int main(int argc, char** argv) {
  using namespace tracksim;
  using namespace tracksim::harness;
  std::size_t orders = 100'000;
  double p = 0.03;
  std::string ruleset = "douyin-2023";
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--orders") orders = std::strtoul(argv[i + 1], nullptr, 10);
    if (flag == "--p") p = std::strtod(argv[i + 1], nullptr);
    if (flag == "--ruleset") ruleset = argv[i + 1];
    if (flag == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  auto rs = load_ruleset(ruleset);
  if (!rs) return std::fprintf(stderr, "%s\n", rs.error().to_string().c_str()), 2;
  GenerateSpec spec;
  spec.seed = seed;
  spec.orders = orders;
  spec.start = *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  spec.fault_ppm.fill(sim::probability_ppm(p));
  const auto t0 = std::chrono::steady_clock::now();  // NOLINT: a benchmark measures wall time
  const Population pop = generate_population(spec, **rs);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
  std::array<std::size_t, kFaultCount> count{};
  std::size_t clean = 0;
  for (const FaultSet& f : pop.faults) {
    for (std::size_t i = 0; i < kFaultCount; ++i) count[i] += f.test(i) ? 1U : 0U;
    clean += f.none() ? 1U : 0U;
  }
  std::printf("%zu orders, %s, every fault at %.1f%%, seed %llu, %.2f s (%.0f orders/s)\n\n",
              orders, ruleset.c_str(), p * 100, static_cast<unsigned long long>(seed), took.count(),
              static_cast<double>(orders) / took.count());
  std::printf("%-22s %8s %7s\n", "fault", "orders", "share");
  const auto share = [&](std::size_t n) {
    return 100.0 * static_cast<double>(n) / static_cast<double>(orders);
  };
  for (std::size_t i = 0; i < kFaultCount; ++i) {
    std::printf("%-22s %8zu %6.2f%%\n", std::string(fault_names()[i]).c_str(), count[i],
                share(count[i]));
  }
  std::printf("%-22s %8zu %6.2f%%\n\n%-22s %8s %7s %8s\n", "(no fault)", clean, share(clean),
              "rule label", "violated", "share", "n/a");
  for (std::size_t r = 0; r < kRuleCount; ++r) {
    if (!(*rs)->has(static_cast<Rule>(r))) continue;
    std::size_t violated = 0;
    std::size_t na = 0;
    for (const Label& l : pop.labels) {
      violated += l.outcomes[r] == Outcome::violated ? 1U : 0U;
      na += l.outcomes[r] == Outcome::not_applicable ? 1U : 0U;
    }
    std::printf("%-22s %8zu %6.2f%% %8zu\n", std::string(rule_names()[r]).c_str(), violated,
                share(violated), na);
  }
  return 0;
}

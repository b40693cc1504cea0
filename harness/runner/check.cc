#include "harness/runner/check.h"

#include <algorithm>
#include <string>
#include <utility>

#include "harness/population/population.h"
#include "harness/runner/http_runner.h"
#include "harness/runner/judge.h"
#include "harness/scenario/population_scenario.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/core/check.h"
#include "sim/core/rng.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

constexpr std::size_t kMaxOrders = 24;

// Drops parcels that no remaining order uploads (their scans can no longer matter).
void drop_orphan_parcels(Scenario& s) {
  std::erase_if(s.parcels, [&](const ParcelSpec& p) {
    return std::none_of(s.orders.begin(), s.orders.end(), [&](const OrderSpec& o) {
      return o.order.upload && o.order.upload->carrier == p.carrier &&
             o.order.upload->number == p.number;
    });
  });
}

// Indexes of the parcels that failing orders upload.
std::vector<std::size_t> failing_parcels(const Scenario& s) {
  const ScenarioResult r = judge_scenario(s);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.orders.size(); ++i) {
    if (r.orders[i].passed() || !s.orders[i].order.upload) continue;
    const Upload& u = *s.orders[i].order.upload;
    for (std::size_t p = 0; p < s.parcels.size(); ++p) {
      if (s.parcels[p].carrier == u.carrier && s.parcels[p].number == u.number) out.push_back(p);
    }
  }
  return out;
}

}  // namespace

Scenario check_case(std::uint64_t seed, std::size_t index) {
  sim::Rng rng = sim::Rng(seed).split(index).split("check.case");
  const std::string ruleset = rng.below(2) == 0 ? "douyin-2023" : "douyin-2026";
  const RulesetPtr rs = *load_ruleset(ruleset);
  Scenario s;
  s.ruleset_name = ruleset;
  s.ruleset = rs;
  s.start = rs->effective_from ? sim::beijing_midnight(sim::beijing_date(*rs->effective_from +
                                                                         sim::Duration(31 * 86400)))
                               : *sim::parse_timestamp("2023-02-01T00:00:00+08:00");
  GenerateSpec g;
  g.seed = rng.next();
  g.orders = static_cast<std::size_t>(rng.between(1, static_cast<std::int64_t>(kMaxOrders)));
  g.start = s.start;
  const std::uint64_t ppm_max = rng.below(4) == 0 ? 0 : 300'000;
  for (auto& p : g.fault_ppm) p = static_cast<std::uint32_t>(rng.below(ppm_max + 1));
  s.name = "check seed " + std::to_string(seed) + " case " + std::to_string(index);
  s.description = "tracksim check --seed " + std::to_string(seed) + ": case " +
                  std::to_string(index) + " (" + std::to_string(g.orders) + " orders, " + ruleset +
                  ")";
  add_population(s, generate_population(g, *rs), true, "check case " + std::to_string(index));
  return s;
}

CheckFailure check_scenario(const Scenario& s) {
  CheckFailure f;
  f.in_process = !judge_scenario(s).passed();
  f.over_http = !run_scenario_http(s, RunnerOptions{}).passed();
  return f;
}

bool scenario_fails(const Scenario& s) { return check_scenario(s).any(); }

Scenario shrink_scenario(Scenario s, const std::function<bool(const Scenario&)>& fails) {
  TS_CHECK(fails(s));
  if (Scenario pruned = s; drop_orphan_parcels(pruned), fails(pruned)) s = std::move(pruned);
  for (std::size_t i = 0; i < s.orders.size();) {
    Scenario smaller = s;
    smaller.orders.erase(smaller.orders.begin() + static_cast<std::ptrdiff_t>(i));
    drop_orphan_parcels(smaller);
    if (!smaller.orders.empty() && fails(smaller)) {
      s = std::move(smaller);
    } else {
      ++i;
    }
  }
  for (std::size_t p : failing_parcels(s)) {
    for (std::size_t k = 0; k < s.parcels[p].scans.size();) {
      Scenario smaller = s;
      auto& scans = smaller.parcels[p].scans;
      scans.erase(scans.begin() + static_cast<std::ptrdiff_t>(k));
      if (fails(smaller)) {
        s = std::move(smaller);
      } else {
        ++k;
      }
    }
  }
  return s;
}

CheckRun run_checks(std::uint64_t seed, std::size_t cases) {
  CheckRun run;
  for (std::size_t i = 0; i < cases; ++i) {
    Scenario s = check_case(seed, i);
    run.orders += s.orders.size();
    if (const CheckFailure how = check_scenario(s); how.any()) {
      run.failed = CheckRun::Failed{i, std::move(s), how};
      return run;
    }
  }
  return run;
}

}  // namespace tracksim::harness

#include "harness/runner/judge.h"

#include <algorithm>
#include <set>

#include "harness/rules/engine.h"
#include "harness/runner/order_tracker.h"
#include "sim/carrier/number.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

OrderResult judge_order(const Scenario& s, const OrderSpec& spec, const CrossOrderIndex& index,
                        Evaluator* external, std::string& error) {
  OrderTracker tracker(s, spec, index, external);
  const TrackingView view = view_of(tracker.parcel());
  std::set<sim::Instant> instants = tracker.instants();
  // Deadlines join the set as the verdicts reveal them; a std::set iterator survives inserts.
  for (auto it = instants.begin(); it != instants.end(); ++it) {
    tracker.observe(*it, view);
    if (auto next = tracker.next_change()) instants.insert(*next);
  }
  error = tracker.error();
  return tracker.take_result();
}

ScenarioResult judge_with(const Scenario& s, Evaluator* external) {
  ScenarioResult out;
  out.name = s.name;
  out.file = s.file;
  out.ruleset = s.ruleset->name;
  out.rules = s.ruleset->rules;
  out.until = s.until;
  const CrossOrderIndex index = build_index(s);
  for (const OrderSpec& spec : s.orders) {
    std::string error;
    out.orders.push_back(judge_order(s, spec, index, external, error));
    if (!error.empty()) {
      out.errors.push_back(error);
      break;
    }
  }
  return out;
}

}  // namespace

CrossOrderIndex build_index(const Scenario& s) {
  CrossOrderIndex index;
  for (const OrderSpec& o : s.orders) {
    if (o.order.upload && sim::is_valid_number(o.order.upload->carrier, o.order.upload->number)) {
      index.add_upload(o.order);
    }
  }
  for (const ParcelSpec& p : s.parcels) index.add_track(p.carrier, p.number, p.scans);
  index.seal();
  return index;
}

ScenarioResult judge_scenario(const Scenario& s) { return judge_with(s, nullptr); }

ScenarioResult judge_scenario(const Scenario& s, Evaluator& external) {
  return judge_with(s, &external);
}

bool ScenarioResult::passed() const {
  if (!errors.empty()) return false;
  return std::all_of(orders.begin(), orders.end(), [](const OrderResult& o) { return o.passed(); });
}

std::size_t RunResult::orders() const {
  std::size_t n = 0;
  for (const ScenarioResult& s : scenarios) n += s.orders.size();
  return n;
}

bool RunResult::errored() const {
  return std::any_of(scenarios.begin(), scenarios.end(),
                     [](const ScenarioResult& s) { return !s.errors.empty(); });
}

std::size_t RunResult::failed() const {
  return static_cast<std::size_t>(std::count_if(
      scenarios.begin(), scenarios.end(), [](const ScenarioResult& s) { return !s.passed(); }));
}

}  // namespace tracksim::harness

#include "harness/runner/judge.h"

#include <algorithm>
#include <set>

#include "harness/rules/engine.h"
#include "harness/rules/explain.h"
#include "sim/carrier/number.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

std::string outcome_text(Outcome o) { return std::string(to_string(o)); }

std::string detector_list(const DetectorSet& set) {
  std::string out = "[";
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (!set.test(i)) continue;
    if (out.size() > 1) out += ", ";
    out += to_string(static_cast<Detector>(i));
  }
  return out + "]";
}

void compare(const Expectation& e, const Verdict& v, sim::Instant at, const Ruleset& rs,
             OrderResult& out) {
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!e.outcomes[i] || !rs.has(static_cast<Rule>(i))) continue;
    ++out.checks;
    if (*e.outcomes[i] != v.rules[i].outcome) {
      out.mismatches.push_back({at, std::string(rule_names()[i]), outcome_text(*e.outcomes[i]),
                                outcome_text(v.rules[i].outcome), e.where});
    }
  }
  if (e.detectors) {
    ++out.checks;
    if (*e.detectors != v.detectors) {
      out.mismatches.push_back({at, "fake_shipment detectors", detector_list(*e.detectors),
                                detector_list(v.detectors), e.where});
    }
  }
  if (e.compensation_yuan) {
    ++out.checks;
    if (*e.compensation_yuan != v.compensation_yuan) {
      out.mismatches.push_back({at, "compensation", std::to_string(*e.compensation_yuan),
                                std::to_string(v.compensation_yuan), e.where});
    }
  }
}

OrderResult judge_order(const Scenario& s, const OrderSpec& spec, const CrossOrderIndex& index) {
  const Order& order = spec.order;
  const Ruleset& rs = *s.ruleset;
  const ParcelSpec* parcel =
      order.upload ? s.find_parcel(order.upload->carrier, order.upload->number) : nullptr;
  TrackingView view;
  if (parcel) {
    view.scans = parcel->scans;
    view.consignee_city = parcel->consignee_city;
    view.consignee_phone_tail = parcel->consignee_phone_tail;
  }
  std::set<sim::Instant> instants = {order.paid_at, s.until};
  if (order.upload) instants.insert(order.upload->at);
  for (const ExpectAt& e : spec.expect_at) instants.insert(e.at);
  if (parcel) {
    for (const sim::Scan& sc : parcel->scans) instants.insert({sc.at, sc.visible_at});
    for (sim::Instant t : index.related_instants(parcel->carrier, parcel->number)) instants.insert(t);
  }
  OrderResult out;
  out.id = order.id;
  std::optional<Verdict> last;
  auto it = instants.begin();
  while (it != instants.end() && *it <= s.until) {
    const sim::Instant now = *it;
    const Verdict v = evaluate(order, view, now, rs, index);
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      const Rule rule = static_cast<Rule>(i);
      if (!rs.has(rule)) continue;
      const bool changed = !last || last->rules[i].outcome != v.rules[i].outcome ||
                           (rule == Rule::fake_shipment && last->detectors != v.detectors);
      if (!changed) continue;
      std::optional<Outcome> from;
      if (last) from = last->rules[i].outcome;
      const bool overturned = from == Outcome::violated && v.rules[i].outcome == Outcome::ok;
      out.history.push_back({now, rule, from, v.rules[i].outcome, overturned,
                             explain(rule, v, order, rs)});
    }
    for (const ExpectAt& e : spec.expect_at) {
      if (e.at == now) compare(e.expect, v, now, rs, out);
    }
    if (v.next_change && *v.next_change <= s.until) instants.insert(*v.next_change);
    if (now == s.until) {
      for (std::size_t i = 0; i < kRuleCount; ++i) {
        out.outcomes[i] = v.rules[i].outcome;
        if (rs.has(static_cast<Rule>(i))) {
          out.explanations[i] = explain(static_cast<Rule>(i), v, order, rs);
        }
      }
      out.detectors = v.detectors;
      out.compensation_yuan = v.compensation_yuan;
      if (spec.expect) compare(*spec.expect, v, now, rs, out);
    }
    last = v;
    ++it;
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

ScenarioResult judge_scenario(const Scenario& s) {
  ScenarioResult out;
  out.name = s.name;
  out.file = s.file;
  out.ruleset = s.ruleset->name;
  out.rules = s.ruleset->rules;
  out.until = s.until;
  const CrossOrderIndex index = build_index(s);
  for (const OrderSpec& spec : s.orders) out.orders.push_back(judge_order(s, spec, index));
  return out;
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

std::size_t RunResult::failed() const {
  return static_cast<std::size_t>(std::count_if(scenarios.begin(), scenarios.end(),
                                                [](const ScenarioResult& s) { return !s.passed(); }));
}

}  // namespace tracksim::harness

#include "harness/runner/order_tracker.h"

#include "harness/rules/explain.h"

namespace tracksim::harness {
namespace {

std::string detector_list(const DetectorSet& set) {
  std::string out = "[";
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (!set.test(i)) continue;
    if (out.size() > 1) out += ", ";
    out += to_string(static_cast<Detector>(i));
  }
  return out + "]";
}

}  // namespace

TrackingView view_of(const ParcelSpec* parcel) {
  TrackingView view;
  if (parcel) {
    view.scans = parcel->scans;
    view.consignee_city = parcel->consignee_city;
    view.consignee_phone_tail = parcel->consignee_phone_tail;
  }
  return view;
}

OrderTracker::OrderTracker(const Scenario& scenario, const OrderSpec& spec,
                           const CrossOrderIndex& index, Evaluator* external)
    : scenario_(scenario), spec_(spec), index_(index), external_(external) {
  const Order& order = spec.order;
  if (order.upload) parcel_ = scenario.find_parcel(order.upload->carrier, order.upload->number);
  out_.id = order.id;
}

std::set<sim::Instant> OrderTracker::instants() const {
  const Order& order = spec_.order;
  std::set<sim::Instant> out = {order.paid_at, scenario_.until};
  if (order.upload) out.insert(order.upload->at);
  for (const ExpectAt& e : spec_.expect_at) out.insert(e.at);
  if (parcel_) {
    for (const sim::Scan& sc : parcel_->scans) out.insert({sc.at, sc.visible_at});
    for (sim::Instant t : index_.related_instants(parcel_->carrier, parcel_->number)) {
      out.insert(t);
    }
  }
  std::erase_if(out, [&](sim::Instant t) { return t > scenario_.until; });
  return out;
}

void OrderTracker::compare(const Expectation& e, const Verdict& v, sim::Instant at) {
  const Ruleset& rs = *scenario_.ruleset;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!e.outcomes[i] || !rs.has(static_cast<Rule>(i))) continue;
    ++out_.checks;
    if (*e.outcomes[i] != v.rules[i].outcome) {
      out_.mismatches.push_back({at, std::string(rule_names()[i]),
                                 std::string(to_string(*e.outcomes[i])),
                                 std::string(to_string(v.rules[i].outcome)), e.where});
    }
  }
  if (e.detectors) {
    ++out_.checks;
    if (*e.detectors != v.detectors) {
      out_.mismatches.push_back({at, "fake_shipment detectors", detector_list(*e.detectors),
                                 detector_list(v.detectors), e.where});
    }
  }
  if (e.compensation_yuan) {
    ++out_.checks;
    if (*e.compensation_yuan != v.compensation_yuan) {
      out_.mismatches.push_back({at, "compensation", std::to_string(*e.compensation_yuan),
                                 std::to_string(v.compensation_yuan), e.where});
    }
  }
}

bool OrderTracker::ask_external(Verdict& v, const TrackingView& view, sim::Instant now) {
  auto a = external_->evaluate(spec_.order, view, now, *scenario_.ruleset);
  if (!a) {
    error_ = a.error().message;
    return false;
  }
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (scenario_.ruleset->has(static_cast<Rule>(i))) v.rules[i].outcome = a->outcomes[i];
  }
  v.detectors = a->detectors;
  v.compensation_yuan = a->compensation_yuan;
  return true;
}

void OrderTracker::observe(sim::Instant now, const TrackingView& view) {
  if (!error_.empty()) return;
  const Order& order = spec_.order;
  const Ruleset& rs = *scenario_.ruleset;
  const Verdict builtin = evaluate(order, view, now, rs, index_);
  Verdict v = builtin;
  if (external_ && !ask_external(v, view, now)) return;
  // Rendered only where needed (explanations allocate); an external answer that differs from
  // the built-in one says so.
  auto why = [&](std::size_t i) {
    std::string text = explain(static_cast<Rule>(i), builtin, order, rs);
    if (v.rules[i].outcome == builtin.rules[i].outcome) return text;
    return "the external engine says " + std::string(to_string(v.rules[i].outcome)) +
           "; the built-in engine says " + std::string(to_string(builtin.rules[i].outcome)) + ": " +
           text;
  };
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const Rule rule = static_cast<Rule>(i);
    if (!rs.has(rule)) continue;
    const bool changed = !last_outcomes_ || (*last_outcomes_)[i] != v.rules[i].outcome ||
                         (rule == Rule::fake_shipment && last_detectors_ != v.detectors);
    if (!changed) continue;
    std::optional<Outcome> from;
    if (last_outcomes_) from = (*last_outcomes_)[i];
    const bool overturned = from == Outcome::violated && v.rules[i].outcome == Outcome::ok;
    out_.history.push_back({now, rule, from, v.rules[i].outcome, overturned, why(i)});
  }
  for (const ExpectAt& e : spec_.expect_at) {
    if (e.at == now) compare(e.expect, v, now);
  }
  if (now == scenario_.until) {
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      out_.outcomes[i] = v.rules[i].outcome;
      if (rs.has(static_cast<Rule>(i))) out_.explanations[i] = why(i);
    }
    out_.detectors = v.detectors;
    out_.compensation_yuan = v.compensation_yuan;
    if (spec_.expect) compare(*spec_.expect, v, now);
  }
  std::array<Outcome, kRuleCount> outcomes{};
  for (std::size_t i = 0; i < kRuleCount; ++i) outcomes[i] = v.rules[i].outcome;
  last_outcomes_ = outcomes;
  last_detectors_ = v.detectors;
  next_change_ = v.next_change && *v.next_change <= scenario_.until ? v.next_change : std::nullopt;
}

}  // namespace tracksim::harness

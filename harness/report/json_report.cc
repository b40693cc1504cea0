#include <nlohmann/json.hpp>

#include "harness/report/report.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using Json = nlohmann::ordered_json;

Json order_json(const OrderResult& o, const ScenarioResult& s) {
  Json outcomes = Json::object();
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (s.rules.test(i)) outcomes[std::string(rule_names()[i])] = to_string(o.outcomes[i]);
  }
  Json explanations = Json::object();
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (s.rules.test(i)) explanations[std::string(rule_names()[i])] = o.explanations[i];
  }
  Json detectors = Json::array();
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (o.detectors.test(i)) detectors.push_back(detector_names()[i]);
  }
  Json history = Json::array();
  for (const Transition& t : o.history) {
    history.push_back({{"at", sim::format_timestamp(t.at)},
                       {"rule", to_string(t.rule)},
                       {"from", t.from ? Json(to_string(*t.from)) : Json(nullptr)},
                       {"to", to_string(t.to)},
                       {"overturned", t.overturned},
                       {"explanation", t.explanation}});
  }
  Json mismatches = Json::array();
  for (const Mismatch& m : o.mismatches) {
    mismatches.push_back({{"at", sim::format_timestamp(m.at)},
                          {"key", m.key},
                          {"expected", m.expected},
                          {"actual", m.actual},
                          {"where", m.where}});
  }
  Json out = {{"id", o.id},
              {"passed", o.passed()},
              {"outcomes", outcomes},
              {"detectors", detectors},
              {"compensation", o.compensation_yuan},
              {"explanations", explanations},
              {"history", history},
              {"mismatches", mismatches}};
  if (!o.uncertain.empty()) {  // replay of a real dump: events whose kind was guessed
    Json uncertain = Json::array();
    for (const UncertainScan& u : o.uncertain) {
      Json affects = Json::array();
      for (Rule r : u.affects) affects.push_back(to_string(r));
      uncertain.push_back({{"where", u.where},
                           {"at", sim::format_timestamp(u.at)},
                           {"text", u.text},
                           {"affects", affects}});
    }
    out["uncertain_scans"] = uncertain;
  }
  return out;
}

}  // namespace

std::string json_report(const RunResult& run) {
  Json scenarios = Json::array();
  std::size_t orders_failed = 0;
  for (const ScenarioResult& s : run.scenarios) {
    Json orders = Json::array();
    for (const OrderResult& o : s.orders) {
      orders.push_back(order_json(o, s));
      if (!o.passed()) ++orders_failed;
    }
    scenarios.push_back({{"name", s.name},
                         {"file", s.file},
                         {"ruleset", s.ruleset},
                         {"until", sim::format_timestamp(s.until)},
                         {"passed", s.passed()},
                         {"errors", s.errors},
                         {"orders", orders}});
  }
  const std::size_t failed = run.failed();
  Json report = {{"summary",
                  {{"scenarios", run.scenarios.size()},
                   {"orders", run.orders()},
                   {"passed", run.scenarios.size() - failed},
                   {"failed", failed},
                   {"orders_passed", run.orders() - orders_failed},
                   {"orders_failed", orders_failed},
                   {"seed", run.seed}}},
                 {"scenarios", scenarios}};
  return report.dump(2) + "\n";
}

}  // namespace tracksim::harness

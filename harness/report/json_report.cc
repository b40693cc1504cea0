#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

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

// `j` as nlohmann's dump(2) writes it when nested `indent` spaces deep: its own lines shifted right
// (newlines only separate members there; inside strings they are escaped).
void dump_at(std::ostream& out, const Json& j, std::size_t indent) {
  const std::string text = j.dump(2);
  const std::string pad(indent, ' ');
  std::size_t from = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    out << pad;
    from = nl + 1;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

// One scenario, 4 spaces deep, its orders one at a time (no tree of them all).
void write_scenario(std::ostream& out, const ScenarioResult& s) {
  const Json head = {{"name", s.name},       {"file", s.file},
                     {"ruleset", s.ruleset}, {"until", sim::format_timestamp(s.until)},
                     {"passed", s.passed()}, {"errors", s.errors}};
  std::ostringstream text;
  dump_at(text, head, 4);
  std::string h = std::move(text).str();
  h.resize(h.size() - 6);  // without "\n    }": the orders follow
  out << h << ",\n      \"orders\": ";
  if (s.orders.empty()) {
    out << "[]";
  } else {
    out << '[';
    for (std::size_t i = 0; i < s.orders.size(); ++i) {
      out << (i ? ",\n" : "\n") << "        ";
      dump_at(out, order_json(s.orders[i], s), 8);
    }
    out << "\n      ]";
  }
  out << "\n    }";
}

}  // namespace

void write_json_report(std::ostream& out, const RunResult& run) {
  std::size_t orders_failed = 0;
  for (const ScenarioResult& s : run.scenarios) {
    for (const OrderResult& o : s.orders) orders_failed += o.passed() ? 0U : 1U;
  }
  const std::size_t failed = run.failed();
  const Json summary = {{"scenarios", run.scenarios.size()},
                        {"orders", run.orders()},
                        {"passed", run.scenarios.size() - failed},
                        {"failed", failed},
                        {"orders_passed", run.orders() - orders_failed},
                        {"orders_failed", orders_failed},
                        {"seed", run.seed}};
  out << "{\n  \"summary\": ";
  dump_at(out, summary, 2);
  out << ",\n  \"scenarios\": ";
  if (run.scenarios.empty()) {
    out << "[]";
  } else {
    out << '[';
    for (std::size_t i = 0; i < run.scenarios.size(); ++i) {
      out << (i ? ",\n" : "\n") << "    ";
      write_scenario(out, run.scenarios[i]);
    }
    out << "\n  ]";
  }
  out << "\n}\n";
}

std::string json_report(const RunResult& run) {
  std::ostringstream out;
  write_json_report(out, run);
  return std::move(out).str();
}

}  // namespace tracksim::harness

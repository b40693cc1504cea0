// What a run found: per order the outcomes, the verdict history and the mismatches against
// QA's expectations; per scenario and in total, pass or fail. Value types; thread-safe to read.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/rules/ruleset.h"
#include "harness/rules/verdict.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

// One change of one rule's outcome (the first evaluation records each rule's start).
struct Transition {
  sim::Instant at;
  Rule rule = Rule::ship_timeout;
  std::optional<Outcome> from;  // nullopt at the first evaluation
  Outcome to = Outcome::pending;
  bool overturned = false;  // violated -> ok: a lagging scan proved the obligation met in time
  std::string explanation;
};

struct Mismatch {
  sim::Instant at;
  std::string key;  // a rule name, "fake_shipment detectors" or "compensation"
  std::string expected;
  std::string actual;
  std::string where;  // file:line:col of the expectation
};

// An event of a real dump whose kind nothing in it settled (read as an in-transit scan), and
// the rules whose outcome would change were it something else (harness/runner/replay.h).
struct UncertainScan {
  std::string where;  // "data[3]", "line 7"
  sim::Instant at;
  std::string text;
  std::vector<Rule> affects;
};

struct OrderResult {
  std::string id;
  std::array<Outcome, kRuleCount> outcomes{};  // at `until`
  std::array<std::string, kRuleCount> explanations;
  DetectorSet detectors;
  std::int64_t compensation_yuan = 0;
  std::vector<Transition> history;
  std::vector<Mismatch> mismatches;
  std::vector<UncertainScan> uncertain;  // replay of a real dump only; empty elsewhere
  std::size_t checks = 0;  // expectations compared (each key at each instant counts once)
  bool passed() const { return mismatches.empty(); }
};

struct ScenarioResult {
  std::string name;
  std::string file;
  std::string ruleset;
  std::bitset<kRuleCount> rules;  // the rules the ruleset has, for reports
  sim::Instant until;
  std::vector<OrderResult> orders;
  std::vector<std::string> errors;  // problems that stopped judging (e.g. an external engine)
  bool passed() const;
};

struct RunResult {
  std::vector<ScenarioResult> scenarios;
  std::uint64_t seed = 0;
  std::size_t orders() const;
  std::size_t failed() const;  // scenarios that did not pass
  bool passed() const { return failed() == 0; }
  bool errored() const;  // some scenario could not be judged (e.g. its engine failed)
};

}  // namespace tracksim::harness

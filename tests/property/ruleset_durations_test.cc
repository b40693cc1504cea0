// Properties: every window of a timeout is a ruleset parameter, so changing it by d moves the
// reported deadline by exactly d, and the deadline is the documented anchor plus the window.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "harness/scenario/loader.h"
#include "sim/time/timestamp.h"
#include "tests/property/property_helpers.h"
#include "tests/support/property_support.h"

namespace tracksim::harness::testing {
namespace {

using sim::Duration;
using sim::Instant;

// A change of a window in seconds: -20h .. +100h (every shipped window is >= 24h).
std::int64_t window_change_s() { return *offset_s(120) - 20 * kHourS; }

// Catches: a pickup window read from a literal or from the wrong order kind, or the deadline
// anchored on the wrong instant (72h from payment for in_stock in douyin-2023, 24h from the
// upload otherwise): the deadline must be anchor + within, and follow `within` exactly.
RC_GTEST_PROP(RulesetDurations, ChangingThePickupWindowMovesThePickupDeadlineByTheSameAmount, ()) {
  const Shipment s = *shipment();
  const Instant now = now_after(s);
  const int which = *ruleset_index();
  const Ruleset& rs = ruleset_at(which);
  const std::int64_t d = window_change_s();
  Ruleset changed = rs;
  auto& rule = changed.pickup_by_kind[static_cast<std::size_t>(s.order.kind)];
  rule.within += Duration(d);
  const RuleVerdict a = s.rule(Rule::pickup_timeout, now, rs);
  const RuleVerdict b = s.rule(Rule::pickup_timeout, now, changed);
  const auto draft = [&] {
    ScenarioDraft dr = draft_of(s, now, kRulesetNames[which],
                                "pickup window changed by " + sim::format_duration(Duration(d)));
    dr.ruleset_yaml = "name: changed-pickup\nextends: " + std::string(kRulesetNames[which]) +
                      "\npickup_timeout:\n  " + std::string(to_string(s.order.kind)) +
                      ": {from: " + (rule.from == Anchor::paid ? "paid" : "upload") +
                      ", within: " + sim::format_duration(rule.within) + "}\n";
    return dr;
  };
  TS_RC_ASSERT(a.deadline.has_value() == b.deadline.has_value(), draft());
  if (!a.deadline) return;
  TS_RC_ASSERT(*b.deadline - *a.deadline == Duration(d), draft());
  const Instant anchor = rule.from == Anchor::paid ? s.order.paid_at : s.order.upload->at;
  TS_RC_ASSERT(*b.deadline == anchor + rule.within, draft());
}

// Catches: the linehaul window hard-coded as 24h, or anchored anywhere but P.
RC_GTEST_PROP(RulesetDurations, ChangingTheLinehaulWindowMovesTheLinehaulDeadlineByTheSameAmount,
              ()) {
  const Shipment s = *shipment();
  const Instant now = now_after(s);
  const Ruleset& rs = douyin2026();
  const std::int64_t d = window_change_s();
  Ruleset changed = rs;
  changed.linehaul_within += Duration(d);
  const RuleVerdict a = s.rule(Rule::linehaul_timeout, now, rs);
  const RuleVerdict b = s.rule(Rule::linehaul_timeout, now, changed);
  const auto draft = [&] {
    ScenarioDraft dr = draft_of(s, now, "douyin-2026", "linehaul window changed");
    dr.ruleset_yaml = "name: changed-linehaul\nextends: douyin-2026\nlinehaul_timeout: {within: " +
                      sim::format_duration(changed.linehaul_within) + "}\n";
    return dr;
  };
  TS_RC_ASSERT(a.deadline.has_value() == b.deadline.has_value(), draft());
  if (!a.deadline) return;
  TS_RC_ASSERT(*b.deadline - *a.deadline == Duration(d), draft());
}

// Catches: a duration promise that ignores the order's window (e.g. always the 48h default).
RC_GTEST_PROP(RulesetDurations, ChangingADurationPromiseMovesTheShipDeadlineByTheSameAmount, ()) {
  Shipment s = *shipment();
  const Ruleset& rs = ruleset_at(*ruleset_index());
  s.order.promise = Promise{Promise::Type::duration, Duration(*offset_s(400) + kHourS), {}};
  const std::int64_t d = *offset_s(100);
  Order later = s.order;
  later.promise.within += Duration(d);
  RC_ASSERT(ship_deadline(later, rs) - ship_deadline(s.order, rs) == Duration(d));
  RC_ASSERT(ship_deadline(s.order, rs) == s.order.paid_at + s.order.promise.within);
}

// The promise default is applied when a scenario order names no promise: a ruleset whose
// default is longer by d gives a ship deadline later by exactly d.
// Catches: the 48h default hard-coded in the loader or the engine instead of read from the
// ruleset's `promise.default`.
RC_GTEST_PROP(RulesetDurations, ChangingThePromiseDefaultMovesTheShipDeadlineByTheSameAmount, ()) {
  namespace fs = std::filesystem;
  const int which = *ruleset_index();
  const std::int64_t base_h = *rc::gen::inRange<std::int64_t>(1, 400);
  const std::int64_t d_h = *rc::gen::inRange<std::int64_t>(0, 200);
  const Instant paid = *paid_instant();
  const char* tmp = std::getenv("TMPDIR");
  const fs::path dir = fs::path(tmp && *tmp ? tmp : "/tmp") / "tracksim-property-rulesets";
  fs::create_directories(dir);
  auto deadline_with_default = [&](std::int64_t hours) {
    const fs::path file = dir / (std::string(kRulesetNames[which]) + "-default-" +
                                 std::to_string(hours) + "h.ruleset.yaml");
    std::ofstream(file) << "name: default-" << hours << "h\nextends: " << kRulesetNames[which]
                        << "\npromise: {default: " << hours << "h}\n";
    const std::string yaml = "name: default promise\nruleset: \"" + file.string() +
                             "\"\nstart: " + sim::format_timestamp(paid) +
                             "\norders:\n  - {id: O1, paid_at: +0h}\n";
    auto scenarios = parse_scenarios(yaml, (dir / "default.yaml").string());
    if (!scenarios) RC_FAIL(scenarios.error().to_string());
    const Scenario& sc = scenarios->front();
    return ship_deadline(sc.orders.front().order, *sc.ruleset);
  };
  const Instant a = deadline_with_default(base_h);
  const Instant b = deadline_with_default(base_h + d_h);
  RC_ASSERT(a == paid + Duration(base_h * kHourS));
  RC_ASSERT(b - a == Duration(d_h * kHourS));
}

}  // namespace
}  // namespace tracksim::harness::testing

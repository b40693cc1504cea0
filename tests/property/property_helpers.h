// Small helpers shared by the rule-engine properties: the two shipped rulesets by index, an
// instant `now` drawn after payment, and per-rule comparisons. Test-only; thread-compatible.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string_view>

#include "tests/support/engine_fixture.h"
#include "tests/support/generators.h"

namespace tracksim::harness::testing {

inline constexpr std::string_view kRulesetNames[] = {"douyin-2023", "douyin-2026"};

inline const Ruleset& ruleset_at(int i) { return i == 0 ? douyin2023() : douyin2026(); }

// A shipped ruleset's index (0 douyin-2023, 1 douyin-2026).
inline rc::Gen<int> ruleset_index() { return rc::gen::inRange(0, 2); }

// `now`: payment plus a drawn offset.
inline sim::Instant now_after(const Shipment& s) {
  return s.order.paid_at + sim::Duration(*now_offset_s());
}

inline Outcome outcome_of(const Verdict& v, Rule r) { return v[r].outcome; }

}  // namespace tracksim::harness::testing

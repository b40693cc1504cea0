// Glue for the rule-engine properties: an assertion that, when it fails, writes the current
// counterexample as a scenario YAML file (tests/support/scenario_writer.h) that `tracksim judge`
// loads, and names its path in the failure. RapidCheck re-runs the property while shrinking, so
// the file left behind is the last (smallest) failing case. Test-only; not thread-safe.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <string_view>

#include "tests/support/scenario_writer.h"

namespace tracksim::harness::testing {

// Writes `draft` under $TMPDIR/tracksim-counterexamples/<Suite>.<Test>.yaml, prints nothing,
// and fails the running RapidCheck case with a message naming the file.
[[noreturn]] void fail_with_counterexample(std::string_view condition, const ScenarioDraft& draft,
                                           const char* file, int line);

// The draft of one shipment judged at `now` under a shipped ruleset.
ScenarioDraft draft_of(const Shipment& s, sim::Instant now, std::string_view ruleset,
                       std::string_view description);

}  // namespace tracksim::harness::testing

// RC_ASSERT that also writes the counterexample `draft` (evaluated only on failure).
#define TS_RC_ASSERT(condition, draft)                                                      \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      ::tracksim::harness::testing::fail_with_counterexample(#condition, (draft), __FILE__, \
                                                             __LINE__);                     \
    }                                                                                       \
  } while (false)

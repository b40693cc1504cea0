#include "tests/support/property_support.h"

#include <gtest/gtest.h>

namespace tracksim::harness::testing {

void fail_with_counterexample(std::string_view condition, const ScenarioDraft& draft,
                              const char* file, int line) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string stem = "counterexample";
  if (info != nullptr) stem = std::string(info->test_suite_name()) + "." + info->name();
  const std::string path = write_counterexample(stem, draft);
  throw rc::detail::CaseResult(rc::detail::CaseResult::Type::Failure,
                               std::string(file) + ":" + std::to_string(line) + ":\nTS_RC_ASSERT(" +
                                   std::string(condition) + ")\n" + draft.description +
                                   "\ncounterexample scenario: " + path +
                                   "\n  replay: tracksim judge " + path);
}

ScenarioDraft draft_of(const Shipment& s, sim::Instant now, std::string_view ruleset,
                       std::string_view description) {
  ScenarioDraft d;
  d.name = "property counterexample";
  d.description = std::string(description);
  d.ruleset = std::string(ruleset);
  d.until = now;
  d.shipments.push_back(s);
  return d;
}

}  // namespace tracksim::harness::testing

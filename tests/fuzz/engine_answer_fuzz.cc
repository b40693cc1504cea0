// The external engine's answer line (exec: and http: engines read the same object). Invariant:
// a refusal names the field or says what is wrong (a non-empty message).
#include "harness/runner/exec_engine.h"
#include "harness/scenario/ruleset_loader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const harness::RulesetPtr ruleset = *harness::load_ruleset("douyin-2023");
  const std::string_view text = fuzz::text_of(data, size);
  auto answer = harness::parse_engine_answer(text, *ruleset);
  if (!answer) FUZZ_CHECK(!answer.error().message.empty(), "empty message");
  return 0;
}

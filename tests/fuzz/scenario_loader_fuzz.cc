// The scenario loader on arbitrary YAML text. Invariants: a refused file's error starts with
// "fuzz.yaml" (a place); a loaded scenario writes back (writer.h) to YAML that loads again and
// writes the same text (the model survives the round trip).
#include "harness/scenario/loader.h"
#include "harness/scenario/writer.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  // `generate:` builds up to a million orders and `ruleset:` may name any file: both are
  // exercised by the unit tests and would only make units slow here.
  if (text.find("generate") != std::string_view::npos) return 0;
  if (text.find("ruleset") != std::string_view::npos &&
      text.find("douyin") == std::string_view::npos) {
    return 0;
  }
  auto loaded = harness::parse_scenarios(text, "fuzz.yaml");
  if (!loaded) {
    FUZZ_CHECK(fuzz::names_place(loaded.error(), "fuzz.yaml"), loaded.error().to_string());
    return 0;
  }
  for (const harness::Scenario& s : *loaded) {
    const std::string once = harness::write_scenario_yaml(s);
    auto again = harness::parse_scenarios(once, "rewritten.yaml");
    FUZZ_CHECK(again.has_value(), "the written scenario does not load: " +
                                      (again ? std::string() : again.error().to_string()) + "\n" +
                                      once);
    FUZZ_CHECK(again->size() == 1, once);
    const std::string twice = harness::write_scenario_yaml(again->front());
    FUZZ_CHECK(once == twice, "written twice, different:\n" + once + "\n----\n" + twice);
  }
  return 0;
}

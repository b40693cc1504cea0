// The ruleset loader on arbitrary YAML text. Invariant: a refused file's error names
// "fuzz.ruleset.yaml"; a loaded ruleset loads again the same from the same text (no hidden
// state between loads).
#include "harness/rules/ruleset.h"
#include "harness/scenario/ruleset_loader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  if (text.find("base") != std::string_view::npos) return 0;  // `base:` may name any file
  auto rs = harness::parse_ruleset(text, "fuzz.ruleset.yaml");
  if (!rs) {
    FUZZ_CHECK(fuzz::names_place(rs.error(), "fuzz.ruleset.yaml"), rs.error().to_string());
    return 0;
  }
  auto again = harness::parse_ruleset(text, "fuzz.ruleset.yaml");
  FUZZ_CHECK(again.has_value(), "loaded once, refused the second time");
  FUZZ_CHECK((*rs)->name == (*again)->name, (*rs)->name);
  return 0;
}

// Every dump format `replay` reads (auto-detected and each shape forced). Invariants: a refusal
// has a message; a dump read in any shape renders as text (render_as_text) that reads back, as
// text, to the same scans (times and count).
#include <algorithm>
#include <vector>

#include "harness/client/dump.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

namespace {

void round_trip(const harness::Dump& d) {
  const std::string text = harness::render_as_text(d.answer.parcel);
  if (d.answer.parcel.scans.empty()) return;
  auto again = harness::read_dump(text, harness::DumpShape::text, d.answer.parcel.carrier);
  FUZZ_CHECK(again.has_value(), "rendered text does not read back: " +
                                    (again ? std::string() : again.error().to_string()) + "\n" +
                                    text);
  const auto& a = d.answer.parcel.scans;
  const auto& b = again->answer.parcel.scans;
  FUZZ_CHECK(a.size() == b.size(), text);
  std::vector<sim::Instant> ta, tb;
  for (const auto& s : a) ta.push_back(s.at);
  for (const auto& s : b) tb.push_back(s.at);
  std::sort(ta.begin(), ta.end());
  std::sort(tb.begin(), tb.end());
  FUZZ_CHECK(ta == tb, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const std::optional<harness::DumpShape> shapes[] = {
      std::nullopt, harness::DumpShape::kuaidi100, harness::DumpShape::kuaidi100_push,
      harness::DumpShape::kdniao, harness::DumpShape::text};
  for (const auto& shape : shapes) {
    auto d = harness::read_dump(text, shape);
    if (!d) {
      FUZZ_CHECK(!d.error().to_string().empty(), "empty error");
      continue;
    }
    round_trip(*d);
  }
  return 0;
}

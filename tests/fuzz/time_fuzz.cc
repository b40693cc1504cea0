// The time and duration parsers. Invariants: whatever parses formats back to text that parses
// to the same value; a refusal has a message.
#include "harness/client/dump_time.h"
#include "sim/time/timestamp.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  if (auto t = sim::parse_timestamp(text)) {
    const std::string back = sim::format_timestamp(*t);
    auto again = sim::parse_timestamp(back);
    FUZZ_CHECK(again && *again == *t, back);
  } else {
    FUZZ_CHECK(!t.error().message.empty(), "empty message");
  }
  if (auto d = sim::parse_duration(text)) {
    const std::string back = sim::format_duration(*d);
    auto again = sim::parse_duration(back);
    FUZZ_CHECK(again && *again == *d, back);
  } else {
    FUZZ_CHECK(!d.error().message.empty(), "empty message");
  }
  if (auto o = sim::parse_offset(text); !o) FUZZ_CHECK(!o.error().message.empty(), "empty");
  if (auto t = harness::parse_dump_time(text)) {
    const std::string back = sim::format_beijing(*t);
    auto again = harness::parse_dump_time(back);
    FUZZ_CHECK(again && *again == *t, back);
  }
  (void)harness::leading_time(text);
  (void)harness::leading_time_of_day(text);
  return 0;
}

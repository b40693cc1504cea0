// The push receiver's body (Kuaidi100 push: the param= form or JSON with lastResult). Invariant:
// a refusal names a place or a field; an accepted push re-reads the same from its own text.
#include "harness/client/dump.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  auto d = harness::read_dump(text, harness::DumpShape::kuaidi100_push);
  if (!d) {
    const std::string e = d.error().to_string();
    FUZZ_CHECK(e.find(':') != std::string::npos, "no place: " + e);
    return 0;
  }
  auto again = harness::read_dump(text, harness::DumpShape::kuaidi100_push);
  FUZZ_CHECK(again && again->answer.parcel.scans.size() == d->answer.parcel.scans.size(),
             "not deterministic");
  return 0;
}

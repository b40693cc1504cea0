// The admin API's bodies: fault rules (POST /__admin/faults) and proxy specs (POST
// /__admin/proxy). Invariants: a proxy spec that parses prints (to_spec) as a spec that parses to
// the same configuration; refusals have messages.
#include "sim/server/fault_proxy.h"
#include "sim/server/faults.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  if (auto rules = sim::server::parse_fault_rules(text); !rules) {
    FUZZ_CHECK(!rules.error().message.empty(), "empty message");
  }
  if (auto config = sim::server::parse_proxy_config(text)) {
    const std::string spec = sim::server::to_spec(*config);
    auto again = sim::server::parse_proxy_config(spec);
    FUZZ_CHECK(again && *again == *config, spec);
  } else {
    FUZZ_CHECK(!config.error().message.empty(), "empty message");
  }
  return 0;
}

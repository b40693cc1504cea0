// HTTP faults of the mock carrier: rules (5xx, 429, slow, truncated, malformed, unknown for a
// while, Kuaidi100-style lock, stale data) matched by carrier and number and fired with a seeded
// per-request draw on virtual time. Thread-safe: rules and lock state sit behind one mutex.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::sim::server {

enum class FaultKind : std::uint8_t {
  server_error,   // HTTP `status` (5xx)
  rate_limit,     // HTTP 429 with Retry-After
  slow,           // a real delay before answering, at most 2 s
  truncate,       // the body cut in half
  malformed,      // a body that is not JSON
  unknown_until,  // "unknown number" until `after` (default: the first scan) + `for`
  lock,           // Kuaidi100 lock: a second poll of a number within `window` is refused
  stale,          // the view as of `for` ago
};

// A rule as POST /__admin/faults takes it (JSON, all keys but "kind" optional):
// {"kind": "server_error", "carrier": "sf", "number": "SF...", "probability": 0.5 (or "ppm"),
//  "status": 503, "retry_after": "60s", "delay_ms": 200, "for": "6h", "after": "<timestamp>",
//  "window": "30m"}
struct FaultRule {
  FaultKind kind = FaultKind::server_error;
  std::optional<Carrier> carrier;  // nullopt: any carrier
  std::string number;              // "": any number
  std::uint32_t ppm = 1'000'000;
  int status = 503;
  Duration retry_after{60};
  std::chrono::milliseconds delay{500};
  Duration span{6 * 3600};  // "for": unknown_until and stale
  std::optional<Instant> after;
  Duration window{30 * 60};
};

inline constexpr std::chrono::milliseconds kMaxFaultDelay{2000};

// Parses a JSON list of rules (or one rule object); errors name the rule index and key.
Result<std::vector<FaultRule>> parse_fault_rules(std::string_view json);
std::string_view to_string(FaultKind kind);

// Whether rule `rule_index` fires for this request: a pure function of the seed, the rule, the
// number and the virtual instant, so replays answer alike.
bool fault_fires(std::uint64_t seed, std::size_t rule_index, Carrier carrier,
                 std::string_view number, Instant now, std::uint32_t ppm);

// What the fired rules ask of one request.
struct FaultDecision {
  std::optional<int> error_status;
  std::optional<Duration> retry_after;  // set: answer 429
  std::chrono::milliseconds delay{0};
  bool truncate = false;
  bool malformed = false;
  bool unknown = false;
  bool locked = false;
  Duration stale{0};
};

class Faults {
 public:
  explicit Faults(std::uint64_t seed) : seed_(seed) {}

  void set(std::vector<FaultRule> rules);  // replaces all rules and forgets lock state
  void clear();
  std::vector<FaultRule> rules() const;

  // Decides one request for (carrier, number) at virtual `now`; records polls for lock rules.
  FaultDecision decide(Carrier carrier, const std::string& number, Instant now,
                       std::optional<Instant> first_scan);

 private:
  const std::uint64_t seed_;
  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  std::map<std::pair<Carrier, std::string>, Instant> last_poll_;
};

}  // namespace tracksim::sim::server

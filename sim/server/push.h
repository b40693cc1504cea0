// Pusher: Kuaidi100 subscriptions (POST /poll) and the pushes they cause as the virtual clock
// moves: a dispatcher thread turns each newly visible scan into a push form, sender threads POST
// it to the callback URL, and failed deliveries are retried on Kuaidi100's schedule in virtual
// time; seeded push faults (drop, delay, duplicate, reorder, bad sign, storm) bend the stream.
// Thread-safe: HTTP handlers call subscribe() and clock_moved() and never wait on a delivery.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/core/result.h"
#include "sim/server/track_view.h"
#include "sim/time/instant.h"

namespace tracksim::sim::server {

enum class PushFaultKind : std::uint8_t {
  drop,       // the push is never sent (Kuaidi100 believes it was)
  delay,      // sent `delay` of virtual time late
  duplicate,  // sent twice
  reorder,    // held back and sent after the number's next push (an older lastResult arrives last)
  bad_sign,   // the first attempt carries a sign that does not verify
  storm,      // sent `count` times
};

// A rule as POST /__admin/push-faults and a scenario's `push_faults:` take it (JSON; all keys but
// "kind" optional): {"kind": "delay", "carrier": "sf", "number": "SF...", "probability": 0.05
// (or "ppm"), "delay": "2h", "count": 5}.
struct PushFaultRule {
  PushFaultKind kind = PushFaultKind::drop;
  std::optional<Carrier> carrier;  // nullopt: any carrier
  std::string number;              // "": any number
  std::uint32_t ppm = 1'000'000;
  Duration delay{2 * 3600};
  int count = 5;  // storm: copies of each push
};

// Parses a JSON list of rules (or one rule object); errors name the rule index and key.
Result<std::vector<PushFaultRule>> parse_push_fault_rules(std::string_view json);
std::string_view to_string(PushFaultKind kind);

// Kuaidi100's schedule (their push API document): a failed push is retried 30 minutes later, and
// given up after 3 more failures; a subscription is aborted after 3 days without any record or
// 60 days without a change.
inline constexpr Duration kPushRetryAfter{30 * 60};
inline constexpr int kPushRetries = 3;
inline constexpr Duration kAbortNoRecord{3 * 24 * 3600};
inline constexpr Duration kAbortNoChange{60 * 24 * 3600};

struct PushOptions {
  std::uint64_t seed = 0;
  std::string key = "tracksim-key";         // the subscription `key`
  std::vector<std::string> allowed_hosts;   // callback hosts allowed besides loopback
  std::size_t senders = 4;                  // delivery threads (one queue each)
  std::size_t queue_capacity = 16'384;      // per sender; the dispatcher waits when full
  std::chrono::milliseconds timeout{2000};  // connect and read timeout of one delivery
  std::chrono::milliseconds tick{20};       // realtime/xN: how often the clock is looked at
  std::size_t journal_capacity = 100'000;
  std::function<Instant()> now;  // the virtual clock
  // The number's view at `as_of` (nullopt: unknown number).
  std::function<std::optional<TrackView>(Carrier, const std::string&, Instant)> view;
  // How many scans of the number are visible at `as_of` (nullopt: ask `view`); optional.
  std::function<std::optional<std::size_t>(Carrier, const std::string&, Instant)> visible_count;
  // The number's next visible_at after an instant (outer nullopt: ask every time; inner: never);
  // optional: lets the dispatcher skip numbers with nothing due.
  std::function<std::optional<std::optional<Instant>>(Carrier, const std::string&, Instant)>
      next_visible;
  bool watch_clock = false;  // realtime/xN: look at the clock every tick
};

// An answer to POST /poll: HTTP status and body.
struct PushReply {
  int status = 200;
  std::string body;
};

class Pusher {
 public:
  explicit Pusher(PushOptions options);
  ~Pusher();  // stops
  Pusher(const Pusher&) = delete;
  Pusher& operator=(const Pusher&) = delete;

  void start();
  void stop();  // joins the threads; undelivered pushes are dropped

  // POST /poll with its form fields (schema, param); Kuaidi100's return codes.
  PushReply subscribe(const std::map<std::string, std::string>& form);
  // Wakes the dispatcher: the clock moved (or the world changed).
  void clock_moved();
  // Wakes the dispatcher and waits until it has looked at the clock's current instant and every
  // push due then has been answered (or failed); false when `timeout` of wall time passed first.
  bool wait_idle(std::chrono::milliseconds timeout);
  // The world was replaced: every subscription is looked at again on the next scan.
  void world_changed();
  // Forgets subscriptions, queued pushes and the journal (POST /__admin/reset).
  void reset();

  void set_faults(std::vector<PushFaultRule> rules);
  std::vector<PushFaultRule> faults() const;

  // GET /__admin/pushes: {"total", "delivered", "failed", "dropped", "gave_up", "pending",
  // "scanned_to", "subscriptions", "pushes": [...]}.
  std::string journal_json() const;
  // Pushes dropped by the drop fault so far.
  std::uint64_t dropped() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// upper-case hex MD5(param + salt): the `sign` of a push.
std::string push_sign(std::string_view param, std::string_view salt);

}  // namespace tracksim::sim::server

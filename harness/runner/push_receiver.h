// PushReceiver: the platform's side of Kuaidi100 pushes for `tracksim run --via push`: it
// subscribes numbers at the mock carrier (POST /poll, with a salt) and takes their pushes on a
// loopback port, as a careful platform does: the sign is verified (a forged push is refused and
// comes again), and a push never replaces a newer trace (repeats and older traces are counted and
// ignored). Thread-safe: pushes arrive on the server's threads; the runner reads between clock
// steps.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "harness/client/kuaidi100.h"
#include "sim/carrier/carrier.h"
#include "sim/core/result.h"

namespace tracksim::harness {

struct PushCounts {
  std::uint64_t received = 0;   // pushes answered (forged ones included)
  std::uint64_t forged = 0;     // refused: the sign did not verify
  std::uint64_t repeated = 0;   // the same trace as the one held
  std::uint64_t reordered = 0;  // an older trace than the one held
  std::uint64_t recovered = 0;  // reconciliation polls that found a newer trace than pushed
};

class PushReceiver {
 public:
  PushReceiver();
  ~PushReceiver();  // stops
  PushReceiver(const PushReceiver&) = delete;
  PushReceiver& operator=(const PushReceiver&) = delete;

  // Listens on 127.0.0.1 (any free port).
  Result<void> start();
  // Subscribes (carrier, number) at the carrier on `carrier_port` with this receiver's URL.
  Result<void> subscribe(int carrier_port, const std::string& key, sim::Carrier carrier,
                         const std::string& number);

  // The newest trace pushed for the number, if any; `final` when it came with shutdown.
  struct Held {
    TrackingAnswer answer;
    bool final = false;
  };
  std::optional<Held> latest(sim::Carrier carrier, const std::string& number) const;
  // A poll's answer: kept when newer than what was pushed (then counted recovered when
  // `recovery`: a reconciliation poll rather than the query made with the subscription).
  void reconcile(sim::Carrier carrier, const std::string& number, const TrackingAnswer& polled,
                 bool recovery = true);
  PushCounts counts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracksim::harness

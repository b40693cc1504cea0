// CarrierServer: the mock carrier website over HTTP (Kuaidi100-shaped tracking JSON, the
// query.do API, subscriptions and their pushes (push.h), the map track, an HTML page, batch
// queries) with its admin API (clock, scenarios, journal, faults, pushes, reset). cpp-httplib stays
// behind the pimpl. Thread-safe: handlers run on a pool; start() and stop() are called from one
// owning thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/server/fault_proxy.h"
#include "sim/server/faults.h"
#include "sim/server/procedural.h"
#include "sim/server/push.h"
#include "sim/server/server_clock.h"
#include "sim/server/world.h"
#include "sim/timeline/parcel.h"

namespace tracksim::sim::server {

// What a scenario file gives the server: parcels and the instant its clock starts at.
struct LoadedWorld {
  std::vector<Parcel> parcels;
  std::optional<Instant> start;
  std::vector<PushFaultRule> push_faults;  // a scenario's `push_faults:`
};

// Turns a YAML body into a world; errors carry "file:line:col: message" lines. Supplied by the
// harness (sim/ knows no YAML).
using WorldLoader = std::function<Result<LoadedWorld>(std::string_view yaml)>;

struct ServerOptions {
  // Loopback by default. Any other address needs admin_token: start() refuses it otherwise.
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  ClockMode clock{};
  Instant start = Instant::from_unix(1'672'502'400);  // 2023-01-01T00:00:00+08:00
  std::vector<Parcel> parcels;  // the world at start and after reset; kept compactly, not copied
  std::string customer = "tracksim";
  std::string key = "tracksim-key";
  std::uint64_t seed = 0;
  std::size_t threads = 64;
  std::size_t journal_capacity = 100'000;
  WorldLoader loader;                // for POST /__admin/scenarios; absent: 501
  std::optional<ProxyConfig> proxy;  // set: a FaultProxy in front (GET|POST|DELETE /__admin/proxy)
  ProceduralOptions procedural;      // enabled: numbers no scenario knows get generated timelines
  ServerClock::WallMillis wall;      // absent: SystemClock::wall_millis
  // Set: every /__admin/ request must carry "Authorization: Bearer TOKEN" (401 otherwise); the
  // tracking endpoints stay open. Empty: allowed on a loopback host only.
  std::string admin_token;
  std::vector<std::string> callback_hosts;  // push callback hosts allowed besides loopback
  std::vector<PushFaultRule> push_faults;   // at start and after reset
  std::size_t push_senders = 4;             // delivery threads
};

// Why `options` may not start: a host other than loopback without an admin token. Empty: fine.
Result<void> check_exposure(const ServerOptions& options);

class CarrierServer {
 public:
  explicit CarrierServer(ServerOptions options);
  ~CarrierServer();  // stops
  CarrierServer(const CarrierServer&) = delete;
  CarrierServer& operator=(const CarrierServer&) = delete;

  // Binds, starts serving on a background thread and returns once it accepts; the bound port.
  Result<int> start();
  // Stops serving (and the proxy) and joins the threads; safe to call twice.
  void stop();

  int port() const;
  std::string url() const;  // "http://127.0.0.1:PORT/"
  // The URL clients should use: the proxy's when there is one, else url().
  std::string client_url() const;

  World& world();
  ServerClock& clock();
  Faults& faults();
  FaultProxy* proxy();  // nullptr without ServerOptions::proxy or before start()
  const Procedural& procedural() const;
  Pusher& pusher();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracksim::sim::server

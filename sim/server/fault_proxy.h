// FaultProxy: a loopback TCP proxy in front of an upstream host:port that injects transport
// faults (latency with jitter, bandwidth limit, resets, stalls, tiny writes), all seeded and
// bounded. Asio stays behind the pimpl. Thread-safe: configure(), config() and stats() may be
// called from any thread; start() and stop() from one owning thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sim/core/result.h"

namespace tracksim::sim::server {

// What the proxy does to each connection. Spec syntax (parse_proxy_config), keys in any order,
// absent keys off: "latency=50ms,jitter=20ms,per=chunk,bandwidth=64k,reset=0.01,stall=0.1,slice=7".
struct ProxyConfig {
  std::chrono::milliseconds latency{0};  // added before each forwarded chunk (<= kMaxProxyDelay)
  std::chrono::milliseconds jitter{0};   // latency varies uniformly by +-jitter, never below 0
  bool per_connection = false;           // draw the jitter once per connection, not per chunk
  std::uint64_t bandwidth = 0;           // bytes per second each way per connection; 0: unlimited
  std::uint32_t reset_ppm = 0;           // connections reset (RST) right after accept
  std::uint32_t stall_ppm = 0;           // connections accepted but never answered
  std::size_t slice = 0;                 // forward in writes of at most this many bytes; 0: off

  friend bool operator==(const ProxyConfig&, const ProxyConfig&) = default;
};

inline constexpr std::chrono::milliseconds kMaxProxyDelay{10'000};  // any one latency wait
inline constexpr std::chrono::milliseconds kMaxStall{60'000};       // a stalled connection's life

// Parses the spec above ("" or "on": no faults). Durations take ms or s; bandwidth takes a
// plain byte count or k/m (x1024); reset and stall are fractions in [0, 1].
Result<ProxyConfig> parse_proxy_config(std::string_view spec);
// The spec that parses back to `config` ("" for no faults).
std::string to_spec(const ProxyConfig& config);

struct ProxyOptions {
  std::string upstream_host = "127.0.0.1";
  int upstream_port = 0;
  ProxyConfig config;
  std::uint64_t seed = 0;  // connection k draws from Rng(seed).split(k)
  // False: start() refuses an upstream_host that is not loopback (the proxy must not become a
  // relay to other machines). The server sets it only when it holds an admin token.
  bool allow_remote_upstream = false;
};

struct ProxyStats {
  std::uint64_t accepted = 0;
  std::uint64_t reset = 0;
  std::uint64_t stalled = 0;
  std::uint64_t bytes = 0;  // forwarded, both directions
};

class FaultProxy {
 public:
  explicit FaultProxy(ProxyOptions options);
  ~FaultProxy();  // stops
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  // Listens on 127.0.0.1, port 0, and serves on its own thread; the bound port. Refuses a remote
  // upstream unless ProxyOptions::allow_remote_upstream.
  Result<int> start();
  // Stops accepting, closes every connection and joins the thread; safe to call twice.
  void stop();

  int port() const;
  std::string url() const;  // "http://127.0.0.1:PORT/"

  // Replaces the faults: reset and stall apply to new connections, the rest to the next chunk.
  void configure(const ProxyConfig& config);
  ProxyConfig config() const;
  ProxyStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracksim::sim::server

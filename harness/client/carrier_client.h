// CarrierClient: polls a carrier website (the mock, or anything speaking the same HTTP) the way a
// platform does: keep-alive, timeouts, retries with capped exponential backoff that honour
// Retry-After. A fault is never mistaken for "no scans": a 5xx, a timeout or a body that does not
// parse ends as FetchStatus::unknown after the last attempt. Not thread-safe: one client per
// thread (each holds one keep-alive connection).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "harness/client/kuaidi100.h"
#include "sim/carrier/carrier.h"

namespace tracksim::harness {

struct ClientOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds read_timeout{5000};
  int max_attempts = 4;                         // first try included
  std::chrono::milliseconds backoff_base{20};   // doubles per retry
  std::chrono::milliseconds backoff_max{2000};  // also caps Retry-After
  // How the client waits between attempts; tests pass a recorder instead of a real sleep.
  std::function<void(std::chrono::milliseconds)> sleep;
};

enum class FetchStatus : std::uint8_t {
  ok,         // the carrier answered with its record (possibly no scans visible yet)
  not_found,  // the carrier says it has no record of the number (HTTP 404 / result:false)
  unknown,    // every attempt failed: we do not know what the carrier holds
};

struct FetchResult {
  FetchStatus status = FetchStatus::unknown;
  TrackingAnswer answer;  // for ok (and the carrier's message for not_found)
  int attempts = 0;
  std::string last_error;  // why the last failed attempt failed
};

class CarrierClient {
 public:
  explicit CarrierClient(ClientOptions options);
  ~CarrierClient();
  CarrierClient(const CarrierClient&) = delete;
  CarrierClient& operator=(const CarrierClient&) = delete;

  // GET /track/{carrier}/{number}?order=asc.
  FetchResult track(sim::Carrier carrier, const std::string& number);

  // POST /track/batch (oldest first) for up to kBatchMax numbers: one result per number, in
  // order. The request is retried like track(); if it stays failed every result is unknown with
  // the reason, and an entry that does not parse is unknown on its own (callers ask for those
  // numbers one by one, where per-number faults show).
  static constexpr std::size_t kBatchMax = 100;
  std::vector<FetchResult> track_batch(
      const std::vector<std::pair<sim::Carrier, std::string>>& numbers);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracksim::harness

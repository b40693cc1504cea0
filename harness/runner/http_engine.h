// HttpEngine: an external rule engine run as a web service (`--engine http://HOST:PORT/PATH`).
// Each evaluation POSTs the request object that `exec:` engines get as a line (docs/engines.md)
// as application/json and reads the same answer object from the response body, over
// one keep-alive connection. Not thread-safe: one engine client per scenario, like ExecEngine.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "harness/runner/evaluator.h"

namespace tracksim::harness {

class HttpEngine final : public Evaluator {
 public:
  // Checks the URL (http://HOST[:PORT][/PATH]; https is not spoken) and prepares the client;
  // nothing is sent yet. `timeout` bounds each answer in real time (connect and read). A host
  // other than loopback needs TRACKSIM_ENGINE_TOKEN, then sent as "Authorization: Bearer".
  static Result<std::unique_ptr<HttpEngine>> open(const std::string& url,
                                                  std::chrono::milliseconds timeout);
  // The same with TRACKSIM_ENGINE_TIMEOUT_MS (else 5 s).
  static Result<std::unique_ptr<HttpEngine>> open(const std::string& url);
  ~HttpEngine() override;
  HttpEngine(const HttpEngine&) = delete;
  HttpEngine& operator=(const HttpEngine&) = delete;

  // An evaluation has no side effects, so a request that got no answer (connection refused,
  // reset or timed out) or an answer of 429, 502, 503 or 504 is sent again, twice at most, after
  // 50 and 200 ms (a 429's Retry-After, up to 1 s, instead). Any other status, or an answer
  // that is not the protocol's object, is the scenario's error and every later request reports
  // it.
  Result<EngineAnswer> evaluate(const Order& order, const TrackingView& view, sim::Instant now,
                                const Ruleset& ruleset) override;

  // How many HTTP requests were sent (retries included), for tests.
  std::size_t requests() const;
  // How to wait between attempts (default: a real sleep); tests pass a recorder.
  void set_sleep(std::function<void(std::chrono::milliseconds)> sleep);

 private:
  struct Impl;
  explicit HttpEngine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracksim::harness

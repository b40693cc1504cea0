// ExecEngine: an external rule engine run as a child process (`--engine exec:CMD`, started as
// `/bin/sh -c "exec CMD"`) that answers one JSON line per request on its stdout; the protocol is
// in docs/engines.md. Not thread-safe: one engine process per scenario.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>

#include "harness/runner/evaluator.h"

namespace tracksim::harness {

class ExecEngine final : public Evaluator {
 public:
  // Starts CMD. `timeout` bounds each answer in real time (TRACKSIM_ENGINE_TIMEOUT_MS, else 5 s,
  // when not given).
  static Result<std::unique_ptr<ExecEngine>> start(const std::string& cmd,
                                                   std::chrono::milliseconds timeout);
  static Result<std::unique_ptr<ExecEngine>> start(const std::string& cmd);
  // Closes the engine's stdin and stops the process by its pid (SIGTERM, then SIGKILL).
  ~ExecEngine() override;
  ExecEngine(const ExecEngine&) = delete;
  ExecEngine& operator=(const ExecEngine&) = delete;

  Result<EngineAnswer> evaluate(const Order& order, const TrackingView& view, sim::Instant now,
                                const Ruleset& ruleset) override;

 private:
  ExecEngine(std::string cmd, pid_t pid, int fd, std::chrono::milliseconds timeout)
      : cmd_(std::move(cmd)), pid_(pid), fd_(fd), timeout_(timeout) {}
  Result<std::string> exchange(const std::string& line);
  Result<std::string> read_line();
  void stop();

  std::string cmd_;
  pid_t pid_ = -1;
  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string buffer_;  // bytes read past the last answer's newline
  std::string failed_;  // the first failure; every later request reports it
};

// The request line for one evaluation (no trailing newline), as docs/engines.md documents it.
std::string engine_request(const Order& order, const TrackingView& view, sim::Instant now,
                           const Ruleset& ruleset);

// Parses a response line; errors name the field ("outcomes.ship_timeout: missing").
Result<EngineAnswer> parse_engine_answer(std::string_view line, const Ruleset& ruleset);

}  // namespace tracksim::harness

#include "harness/runner/http_engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "harness/runner/exec_engine.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using ::testing::HasSubstr;

constexpr const char* kRight =
    R"({"outcomes":{"ship_timeout":"ok","pickup_timeout":"violated","fake_shipment":"ok"},)"
    R"("detectors":[],"compensation":3})";

// An engine service on loopback whose answers the test scripts: each request takes the next
// (status, body) of `script`, the last one repeating.
class ScriptedEngine {
 public:
  explicit ScriptedEngine(std::vector<std::pair<int, std::string>> script)
      : script_(std::move(script)) {
    server_.Post("/evaluate", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mu_);
      bodies_.push_back(req.body);
      const auto& [status, body] = script_[std::min(bodies_.size() - 1, script_.size() - 1)];
      res.status = status;
      res.set_content(body, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();  // bound already: a moment
  }
  ~ScriptedEngine() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/evaluate"; }
  std::vector<std::string> bodies() {
    std::lock_guard lock(mu_);
    return bodies_;
  }

 private:
  std::vector<std::pair<int, std::string>> script_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
};

struct Case {
  Order order;
  TrackingView view;
  RulesetPtr ruleset = load_ruleset("douyin-2023").value();
  sim::Instant now = sim::parse_timestamp("2023-02-11T19:04:20+08:00").value();
  Case() {
    order.id = "A1";
    order.paid_at = sim::parse_timestamp("2023-02-01T18:04:20+08:00").value();
  }
};

TEST(HttpEngine, PostsTheExecRequestAndReadsTheSameAnswer) {
  ScriptedEngine engine({{200, kRight}});
  auto e = HttpEngine::open(engine.url(), std::chrono::milliseconds(2000));
  ASSERT_TRUE(e.has_value()) << e.error().message;
  Case c;
  auto a = (*e)->evaluate(c.order, c.view, c.now, *c.ruleset);
  ASSERT_TRUE(a.has_value()) << a.error().message;
  EXPECT_EQ(a->outcomes[static_cast<std::size_t>(Rule::pickup_timeout)], Outcome::violated);
  EXPECT_EQ(a->compensation_yuan, 3);
  ASSERT_EQ(engine.bodies().size(), 1U);
  EXPECT_EQ(engine.bodies()[0], engine_request(c.order, c.view, c.now, *c.ruleset));
  // The connection is kept: a second evaluation is one more request.
  ASSERT_TRUE((*e)->evaluate(c.order, c.view, c.now, *c.ruleset).has_value());
  EXPECT_EQ((*e)->requests(), 2U);
}

TEST(HttpEngine, RetriesWhatGotNoAnswerOrABusyAnswerButNotAnError) {
  ScriptedEngine busy({{503, "busy"}, {200, kRight}});
  auto e = HttpEngine::open(busy.url(), std::chrono::milliseconds(2000));
  std::vector<std::chrono::milliseconds> waits;
  (*e)->set_sleep([&](std::chrono::milliseconds d) { waits.push_back(d); });
  Case c;
  ASSERT_TRUE((*e)->evaluate(c.order, c.view, c.now, *c.ruleset).has_value());
  EXPECT_EQ((*e)->requests(), 2U);
  EXPECT_EQ(waits, std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(50)});

  ScriptedEngine broken({{500, "boom"}, {200, kRight}});
  auto b = HttpEngine::open(broken.url(), std::chrono::milliseconds(2000));
  (*b)->set_sleep([](std::chrono::milliseconds) {});
  const auto r = (*b)->evaluate(c.order, c.view, c.now, *c.ruleset);
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message, HasSubstr("answered HTTP 500: boom"));
  EXPECT_EQ(r.error().kind, ErrorKind::protocol);
  EXPECT_EQ((*b)->requests(), 1U);
  // A failed engine stays failed: later requests report the first failure without sending.
  EXPECT_FALSE((*b)->evaluate(c.order, c.view, c.now, *c.ruleset).has_value());
  EXPECT_EQ((*b)->requests(), 1U);
}

TEST(HttpEngine, AMalformedAnswerNamesTheField) {
  ScriptedEngine engine({{200, R"({"outcomes":{"ship_timeout":"ok"},"detectors":[]})"}});
  auto e = HttpEngine::open(engine.url(), std::chrono::milliseconds(2000));
  Case c;
  const auto r = (*e)->evaluate(c.order, c.view, c.now, *c.ruleset);
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message, HasSubstr(engine.url()));
  EXPECT_THAT(r.error().message, HasSubstr("outcomes.pickup_timeout"));
  EXPECT_EQ(r.error().kind, ErrorKind::protocol);
}

TEST(HttpEngine, AnEngineThatIsNotThereIsAnErrorAfterThreeAttempts) {
  int port = 0;
  {
    httplib::Server probe;  // a port that was free a moment ago and now has no listener
    port = probe.bind_to_any_port("127.0.0.1");
  }
  auto e = HttpEngine::open("http://127.0.0.1:" + std::to_string(port) + "/x",
                            std::chrono::milliseconds(100));
  ASSERT_TRUE(e.has_value());
  (*e)->set_sleep([](std::chrono::milliseconds) {});
  Case c;
  const auto r = (*e)->evaluate(c.order, c.view, c.now, *c.ruleset);
  ASSERT_FALSE(r.has_value());
  EXPECT_THAT(r.error().message, HasSubstr("no answer from http://127.0.0.1:"));
  EXPECT_THAT(r.error().message, HasSubstr("after 3 attempts"));
  EXPECT_EQ(r.error().kind, ErrorKind::io);
  EXPECT_EQ((*e)->requests(), 3U);
}

TEST(HttpEngine, OnlyPlainHttpUrlsAreTaken) {
  EXPECT_THAT(HttpEngine::open("https://example.com/x").error().message,
              HasSubstr("https is not spoken"));
  EXPECT_THAT(HttpEngine::open("http://:80/x").error().message, HasSubstr("no host"));
  EXPECT_THAT(HttpEngine::open("http://127.0.0.1:99999/x").error().message,
              HasSubstr("port must be 1 to 65535"));
  EXPECT_TRUE(HttpEngine::open("http://localhost/evaluate").has_value());
}

// Orders go to another machine only when the operator gave a token to authenticate with.
TEST(HttpEngine, ARemoteHostNeedsAToken) {
  ASSERT_EQ(std::getenv("TRACKSIM_ENGINE_TOKEN"), nullptr);
  EXPECT_THAT(HttpEngine::open("http://10.1.2.3:8080/evaluate").error().message,
              HasSubstr("TRACKSIM_ENGINE_TOKEN"));
  EXPECT_THAT(HttpEngine::open("http://0.0.0.0:8080/evaluate").error().message,
              HasSubstr("not loopback"));
  setenv("TRACKSIM_ENGINE_TOKEN", "t", 1);
  const bool opened = HttpEngine::open("http://10.1.2.3:8080/evaluate").has_value();
  unsetenv("TRACKSIM_ENGINE_TOKEN");
  EXPECT_TRUE(opened);
}

}  // namespace
}  // namespace tracksim::harness

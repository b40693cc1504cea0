#include "harness/client/carrier_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "tests/support/scripted_server.h"

namespace tracksim::harness {
namespace {

using std::chrono::milliseconds;

constexpr const char* kOk = R"({"message":"ok","nu":"SF1234567890123","com":"shunfeng",
  "status":"200","state":"1","data":[{"ftime":"2023-02-03 17:05:00","context":"顺丰速运 已收取快件",
  "areaName":"浙江省,杭州市","statusCode":"103"}]})";

struct Recorder {
  std::vector<milliseconds> waits;
  ClientOptions options(int port) {
    ClientOptions o;
    o.port = port;
    o.sleep = [this](milliseconds d) { waits.push_back(d); };
    return o;
  }
};

TEST(CarrierClient, ParsesAnAnswerOnTheFirstTry) {
  std::atomic<int> calls{0};
  testing::ScriptedServer server([&](const httplib::Request& q, httplib::Response& r) {
    ++calls;
    EXPECT_EQ(q.path, "/track/sf/SF1234567890123");
    r.set_content(kOk, "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const FetchResult f = client.track(sim::Carrier::sf, "SF1234567890123");
  ASSERT_EQ(f.status, FetchStatus::ok) << f.last_error;
  EXPECT_EQ(f.attempts, 1);
  ASSERT_EQ(f.answer.parcel.scans.size(), 1U);
  EXPECT_EQ(f.answer.parcel.scans[0].kind, sim::ScanKind::pickup);
  EXPECT_TRUE(rec.waits.empty());
}

TEST(CarrierClient, RetriesServerErrorsWithGrowingBackoff) {
  std::atomic<int> calls{0};
  testing::ScriptedServer server([&](const httplib::Request&, httplib::Response& r) {
    if (++calls <= 2) {
      r.status = 503;
      return;
    }
    r.set_content(kOk, "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const FetchResult f = client.track(sim::Carrier::sf, "SF1234567890123");
  EXPECT_EQ(f.status, FetchStatus::ok);
  EXPECT_EQ(f.attempts, 3);
  ASSERT_EQ(rec.waits.size(), 2U);
  EXPECT_LT(rec.waits[0], rec.waits[1]);
}

TEST(CarrierClient, HonoursRetryAfterOnTooManyRequests) {
  std::atomic<int> calls{0};
  testing::ScriptedServer server([&](const httplib::Request&, httplib::Response& r) {
    if (++calls == 1) {
      r.status = 429;
      r.set_header("Retry-After", "1");
      return;
    }
    r.set_content(kOk, "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  EXPECT_EQ(client.track(sim::Carrier::sf, "SF1234567890123").status, FetchStatus::ok);
  ASSERT_EQ(rec.waits.size(), 1U);
  EXPECT_EQ(rec.waits[0], milliseconds(1000));
}

TEST(CarrierClient, ATruncatedBodyIsUnknownNeverNoScans) {
  testing::ScriptedServer server([&](const httplib::Request&, httplib::Response& r) {
    r.set_content(R"({"message":"ok","data":[{"ftime":"2023-02-03 17)", "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const FetchResult f = client.track(sim::Carrier::sf, "SF1234567890123");
  EXPECT_EQ(f.status, FetchStatus::unknown);
  EXPECT_EQ(f.attempts, 4);
  EXPECT_NE(f.last_error.find("unreadable answer"), std::string::npos);
}

TEST(CarrierClient, NotFoundIsAnAnswerNotAFault) {
  std::atomic<int> calls{0};
  testing::ScriptedServer server([&](const httplib::Request&, httplib::Response& r) {
    ++calls;
    r.status = 404;
    r.set_content(R"({"result":false,"returnCode":"404","message":"no such number"})",
                  "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const FetchResult f = client.track(sim::Carrier::sf, "SF1234567890123");
  EXPECT_EQ(f.status, FetchStatus::not_found);
  EXPECT_EQ(calls.load(), 1);
}

TEST(CarrierClient, ANoServerPortEndsUnknownAfterRetries) {
  int port = 0;
  {
    testing::ScriptedServer gone([](const httplib::Request&, httplib::Response&) {});
    port = gone.port();
  }
  Recorder rec;
  ClientOptions o = rec.options(port);
  o.max_attempts = 2;
  CarrierClient client(o);
  const FetchResult f = client.track(sim::Carrier::sf, "SF1234567890123");
  EXPECT_EQ(f.status, FetchStatus::unknown);
  EXPECT_EQ(f.attempts, 2);
}

TEST(CarrierClient, BatchAnswersEachNumberInOrderAndABrokenEntryAlone) {
  std::atomic<int> calls{0};
  std::mutex mu;  // guards asked
  std::string asked;
  testing::ScriptedServer server([&](const httplib::Request& q, httplib::Response& r) {
    ++calls;
    EXPECT_EQ(q.path, "/track/batch");
    const std::lock_guard lock(mu);
    asked = q.body;
    r.set_content(std::string("[") + kOk +
                      R"(,{"result":false,"returnCode":"404","message":"no record"},{"data": 3}])",
                  "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const std::vector<FetchResult> f = client.track_batch({{sim::Carrier::sf, "SF1234567890123"},
                                                         {sim::Carrier::sf, "SF0000000000000"},
                                                         {sim::Carrier::zto, "73190553102532"}});
  EXPECT_EQ(calls, 1);
  const std::lock_guard lock(mu);
  EXPECT_NE(asked.find(R"("com":"zto","num":"73190553102532")"), std::string::npos) << asked;
  ASSERT_EQ(f.size(), 3U);
  ASSERT_EQ(f[0].status, FetchStatus::ok) << f[0].last_error;
  EXPECT_EQ(f[0].answer.parcel.scans.size(), 1U);
  EXPECT_EQ(f[1].status, FetchStatus::not_found);
  EXPECT_EQ(f[2].status, FetchStatus::unknown);  // not judged as "no scans"
  EXPECT_NE(f[2].last_error.find("data[] list"), std::string::npos) << f[2].last_error;
}

TEST(CarrierClient, ABatchAnswerOfTheWrongLengthIsUnknownForEveryNumber) {
  testing::ScriptedServer server([&](const httplib::Request&, httplib::Response& r) {
    r.set_content(std::string("[") + kOk + "]", "application/json");
  });
  Recorder rec;
  CarrierClient client(rec.options(server.port()));
  const std::vector<FetchResult> f = client.track_batch(
      {{sim::Carrier::sf, "SF1234567890123"}, {sim::Carrier::sf, "SF0000000000000"}});
  ASSERT_EQ(f.size(), 2U);
  for (const FetchResult& r : f) {
    EXPECT_EQ(r.status, FetchStatus::unknown);
    EXPECT_NE(r.last_error.find("1 entries for 2 numbers"), std::string::npos) << r.last_error;
  }
  EXPECT_FALSE(rec.waits.empty());  // retried, through the injected sleep
}

}  // namespace
}  // namespace tracksim::harness

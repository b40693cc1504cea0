#include "sim/server/faults.h"

#include <gtest/gtest.h>

#include "tests/support/server_fixture.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;
using tracksim::testing::kT0;

class HttpFaultTest : public tracksim::testing::ServerFixture {
 protected:
  void SetUp() override {
    start_default();
    advance("2d");
  }
  void set_faults(const std::string& json) {
    auto [status, body] = post("/__admin/faults", json);
    ASSERT_EQ(status, 200) << body;
  }
};

constexpr const char* kSf = "/track/sf/SF1234567890123";

TEST_F(HttpFaultTest, ServerErrorAnswersTheConfiguredStatus) {
  set_faults(R"([{"kind":"server_error","status":502}])");
  EXPECT_EQ(get(kSf).first, 502);
  ASSERT_TRUE(client_->Delete("/__admin/faults"));
  EXPECT_EQ(get(kSf).first, 200);
}

TEST_F(HttpFaultTest, RateLimitAnswers429WithRetryAfter) {
  set_faults(R"([{"kind":"rate_limit","retry_after":"90s"}])");
  auto res = client_->Get(kSf);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "90");
}

TEST_F(HttpFaultTest, SlowResponseStillAnswers) {
  set_faults(R"([{"kind":"slow","delay_ms":5}])");
  EXPECT_EQ(get_json(kSf)["data"].size(), 3U);
  EXPECT_EQ(parse_fault_rules(R"({"kind":"slow","delay_ms":99999})")->front().delay,
            kMaxFaultDelay);
}

TEST_F(HttpFaultTest, TruncatedAndMalformedBodiesDoNotParse) {
  for (const char* kind : {"truncate", "malformed"}) {
    set_faults(std::string(R"([{"kind":")") + kind + R"("}])");
    auto [status, body] = get(kSf);
    EXPECT_EQ(status, 200) << kind;
    EXPECT_FALSE(body.empty()) << kind;
    EXPECT_TRUE(Json::parse(body, nullptr, false).is_discarded()) << kind << ": " << body;
  }
}

TEST_F(HttpFaultTest, UnknownNumberForTheFirstHoursAfterTheFirstScan) {
  set_faults(R"([{"kind":"unknown_until","for":"72h"}])");  // first scan at +1h: until +73h
  EXPECT_EQ(get(kSf).first, 404);
  advance("24h");  // +72h
  EXPECT_EQ(get(kSf).first, 404);
  advance("1h");
  EXPECT_EQ(get(kSf).first, 200);
}

TEST_F(HttpFaultTest, LockRefusesASecondPollWithinThirtyMinutes) {
  set_faults(R"([{"kind":"lock"}])");
  EXPECT_EQ(get_json(kSf)["message"], "ok");
  advance("29m");
  EXPECT_EQ(get_json(kSf)["returnCode"], "502");
  advance("1m");
  EXPECT_EQ(get_json(kSf)["message"], "ok");
}

TEST_F(HttpFaultTest, StaleDataShowsTheViewOfHoursAgo) {
  set_faults(R"([{"kind":"stale","for":"40h"}])");  // now +48h: the view of +8h
  EXPECT_EQ(get_json(kSf)["data"].size(), 1U);
}

TEST_F(HttpFaultTest, RulesMatchCarrierAndNumber) {
  set_faults(
      R"([{"kind":"server_error","number":"SF999"},{"kind":"server_error","carrier":"zto"}])");
  EXPECT_EQ(get(kSf).first, 200);
  set_faults(R"([{"kind":"server_error","carrier":"shunfeng","number":"SF1234567890123"}])");
  EXPECT_EQ(get(kSf).first, 503);
}

TEST_F(HttpFaultTest, ProbabilityZeroNeverFires) {
  set_faults(R"([{"kind":"server_error","probability":0}])");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get(kSf).first, 200);
}

TEST(FaultFires, IsAFunctionOfSeedRuleNumberAndInstant) {
  int fired = 0;
  for (int i = 0; i < 1000; ++i) {
    const Instant at = kT0 + Duration(i);
    const bool a = fault_fires(7, 0, Carrier::sf, "SF1", at, 250'000);
    EXPECT_EQ(a, fault_fires(7, 0, Carrier::sf, "SF1", at, 250'000));
    fired += a ? 1 : 0;
  }
  EXPECT_GT(fired, 180);  // about a quarter
  EXPECT_LT(fired, 320);
  EXPECT_TRUE(fault_fires(7, 0, Carrier::sf, "SF1", kT0, 1'000'000));
  EXPECT_FALSE(fault_fires(7, 0, Carrier::sf, "SF1", kT0, 0));
}

TEST(FaultRules, ErrorsNameTheRuleAndKey) {
  auto bad = parse_fault_rules(R"([{"kind":"lock"},{"kind":"stale","for":"soon"}])");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("faults[1].for"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(parse_fault_rules(R"([{"kind":"server_error","status":200}])"));
  EXPECT_FALSE(parse_fault_rules(R"([{"kind":"lock","probability":2}])"));
  EXPECT_FALSE(parse_fault_rules(R"([{"kind":"lock","carrier":"dhl"}])"));
}

}  // namespace
}  // namespace tracksim::sim::server

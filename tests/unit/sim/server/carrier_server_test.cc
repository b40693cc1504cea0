#include "sim/server/carrier_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "sim/server/md5.h"
#include "tests/support/server_fixture.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;
using tracksim::testing::kT0;
using tracksim::testing::sample_parcel;

class CarrierServerTest : public tracksim::testing::ServerFixture {};

constexpr const char* kSf = "/track/sf/SF1234567890123";

TEST_F(CarrierServerTest, KnownNumberWithNothingVisibleAnswersEmptyData) {
  start_default();
  const Json j = get_json(kSf);
  EXPECT_EQ(j["message"], "ok");
  EXPECT_EQ(j["nu"], "SF1234567890123");
  EXPECT_EQ(j["com"], "shunfeng");
  EXPECT_EQ(j["condition"], "F00");
  EXPECT_EQ(j["status"], "200");
  EXPECT_EQ(j["ischeck"], "0");
  EXPECT_TRUE(j["data"].empty());
}

TEST_F(CarrierServerTest, ShowsOnlyScansVisibleAtTheVirtualNow) {
  start_default();
  advance("2h");
  Json j = get_json(kSf);
  ASSERT_EQ(j["data"].size(), 1U);
  const Json& e = j["data"][0];
  EXPECT_EQ(e["time"], "2023-02-01 11:00:00");
  EXPECT_EQ(e["ftime"], "2023-02-01 11:00:00");
  EXPECT_EQ(e["context"], "顺丰速运 已收取快件");
  EXPECT_EQ(e["status"], "已揽收");  // resultv2: the name of statusCode 103
  EXPECT_EQ(e["statusCode"], "103");
  EXPECT_EQ(e["areaCode"], "CN330100000000");
  EXPECT_EQ(e["areaName"], "浙江,杭州市");
  EXPECT_EQ(e["location"], "杭州市");
  EXPECT_EQ(j["state"], "1");
  advance("9h");  // +11h: the hub scan happened at +10h but shows only from +12h
  EXPECT_EQ(get_json(kSf)["data"].size(), 1U);
  advance("1h");
  j = get_json(kSf);
  ASSERT_EQ(j["data"].size(), 2U);
  EXPECT_EQ(j["data"][0]["statusCode"], "1001");  // arrival in the consignee's city
  EXPECT_FALSE(j["data"][0]["context"].get<std::string>().empty());
  EXPECT_EQ(j["state"], "0");
}

TEST_F(CarrierServerTest, DeliveredParcelIsCheckedAndOrderAscReverses) {
  start_default();
  advance("2d");
  const Json desc = get_json(kSf);
  ASSERT_EQ(desc["data"].size(), 3U);
  EXPECT_EQ(desc["ischeck"], "1");
  EXPECT_EQ(desc["state"], "3");
  // resultv2: status names statusCode, a signature's sub-state as the words say it.
  const std::string signed_as = desc["data"][0]["status"].get<std::string>();
  EXPECT_TRUE(signed_as == "本人签收" || signed_as == "代签" || signed_as == "投柜或站签收")
      << signed_as;
  EXPECT_EQ(desc["data"][0]["statusCode"].get<std::string>().substr(0, 2), "30");
  const Json asc = get_json(std::string(kSf) + "?order=asc");
  EXPECT_EQ(asc["data"][0], desc["data"][2]);
  EXPECT_EQ(asc["data"][2], desc["data"][0]);
  // Generated wording is a function of (carrier, number, scan index): the same every time.
  EXPECT_EQ(get_json(kSf)["data"], desc["data"]);
}

TEST_F(CarrierServerTest, AcceptsKuaidi100CarrierCodes) {
  start_default();
  advance("2h");
  EXPECT_EQ(get_json("/track/shunfeng/SF1234567890123")["data"].size(), 1U);
}

TEST_F(CarrierServerTest, UnknownNumberOrCarrierIs404WithJsonError) {
  start_default();
  for (const char* path :
       {"/track/sf/SF0000000000000", "/track/dhl/SF1234567890123", "/track/zto/SF1234567890123"}) {
    const Json j = get_json(path, 404);
    EXPECT_EQ(j["result"], false) << path;
    EXPECT_EQ(j["returnCode"], "404") << path;
    EXPECT_TRUE(j["message"].is_string()) << path;
  }
}

TEST_F(CarrierServerTest, ServesAReadableHtmlPage) {
  start_default();
  advance("2d");
  auto res = client_->Get("/track/sf/SF1234567890123.html");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(res->body.find("顺丰速运"), std::string::npos);
  EXPECT_NE(res->body.find("签收"), std::string::npos);
  EXPECT_LT(res->body.find("2023-02-02 16:00:00"), res->body.find("2023-02-01 11:00:00"));
  EXPECT_EQ(res->body.find("http"), std::string::npos);  // no external assets
  EXPECT_EQ(get("/track/sf/SF0000000000000.html").first, 404);
}

std::string url_encode(const std::string& s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      constexpr const char* kHex = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string form(const std::string& param, const std::string& key = "tracksim-key",
                 const std::string& customer = "tracksim") {
  const std::string sign = md5_hex_upper(param + key + customer);
  return "customer=" + customer + "&sign=" + sign + "&param=" + url_encode(param);
}

TEST_F(CarrierServerTest, QueryDoAnswersSignedRequests) {
  start_default();
  const std::string param = R"({"com":"shunfeng","num":"SF1234567890123","phone":"0123"})";
  const char* kForm = "application/x-www-form-urlencoded";
  auto [status, body] = post("/poll/query.do", form(param), kForm);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(Json::parse(body)["returnCode"], "500") << "nothing visible yet: no record";
  advance("2d");
  std::tie(status, body) = post("/poll/query.do", form(param), kForm);
  const Json ok = Json::parse(body);
  EXPECT_EQ(ok["message"], "ok");
  EXPECT_EQ(ok["data"].size(), 3U);
  std::tie(status, body) = post("/poll/query.do", form(param, "wrong-key"), kForm);
  EXPECT_EQ(Json::parse(body)["returnCode"], "503");
  std::tie(status, body) = post("/poll/query.do", form(R"({"com":"shunfeng","num":"SF9"})"), kForm);
  EXPECT_EQ(Json::parse(body)["returnCode"], "500");
  std::tie(status, body) = post("/poll/query.do", form("not json"), kForm);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(Json::parse(body)["returnCode"], "501");
  std::tie(status, body) = post("/poll/query.do", "customer=tracksim", kForm);
  EXPECT_EQ(status, 400);
}

TEST_F(CarrierServerTest, BatchAnswersEachNumberAndRefusesMoreThanOneHundred) {
  start_default();
  advance("2h");
  auto [status, body] =
      post("/track/batch",
           R"({"numbers":[{"com":"sf","num":"SF1234567890123"},{"com":"sf","num":"SF404"}]})");
  ASSERT_EQ(status, 200) << body;
  const Json j = Json::parse(body);
  ASSERT_EQ(j.size(), 2U);
  EXPECT_EQ(j[0]["data"].size(), 1U);
  EXPECT_EQ(j[1]["returnCode"], "404");
  Json many = {{"numbers", Json::array()}};
  for (int i = 0; i < 101; ++i) many["numbers"].push_back({{"com", "sf"}, {"num", "SF1"}});
  EXPECT_EQ(post("/track/batch", many.dump()).first, 400);
  many["numbers"].erase(0);
  EXPECT_EQ(post("/track/batch", many.dump()).first, 200);
}

TEST_F(CarrierServerTest, ClockAdminReportsAndNeverGoesBackwards) {
  start_default();
  Json j = get_json("/__admin/clock");
  EXPECT_EQ(j["now"], "2023-02-01T10:00:00+08:00");
  EXPECT_EQ(j["mode"], "manual");
  auto [status, body] = post("/__admin/clock", R"({"set":"2023-02-03T00:00:00+08:00"})");
  EXPECT_EQ(status, 200);
  EXPECT_EQ(Json::parse(body)["now"], "2023-02-03T00:00:00+08:00");
  std::tie(status, body) = post("/__admin/clock", R"({"set":"2023-02-02T00:00:00+08:00"})");
  EXPECT_EQ(status, 409);
  EXPECT_NE(Json::parse(body)["message"].get<std::string>().find("backwards"), std::string::npos);
  EXPECT_EQ(post("/__admin/clock", R"({"advance":"soon"})").first, 400);
  EXPECT_EQ(get_json("/__admin/clock")["now"], "2023-02-03T00:00:00+08:00");
}

TEST_F(CarrierServerTest, JournalRecordsRequestsWithVirtualTime) {
  start_default();
  get(kSf);
  advance("1h");
  get("/track/sf/SF404");
  Json j = get_json("/__admin/requests");
  ASSERT_EQ(j["requests"].size(), 2U) << j.dump();
  EXPECT_EQ(j["requests"][0]["method"], "GET");
  EXPECT_EQ(j["requests"][0]["path"], kSf);
  EXPECT_EQ(j["requests"][0]["status"], 200);
  EXPECT_EQ(j["requests"][0]["virtual_time"], "2023-02-01T10:00:00+08:00");
  EXPECT_EQ(j["requests"][1]["status"], 404);
  EXPECT_EQ(j["requests"][1]["virtual_time"], "2023-02-01T11:00:00+08:00");
  EXPECT_GT(j["requests"][1]["wall_ms"].get<std::int64_t>(), 0);
  auto res = client_->Delete("/__admin/requests");
  ASSERT_TRUE(res);
  EXPECT_TRUE(get_json("/__admin/requests")["requests"].empty());
}

TEST_F(CarrierServerTest, JunkGetsJsonErrorsNotCrashes) {
  start_default();
  for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
           {"/__admin/clock", "{not json"},
           {"/track/batch", "[1,2"},
           {"/track/batch", R"({"numbers":7})"},
           {"/__admin/faults", R"([{"kind":"meteor"}])"},
           {"/__admin/faults", "nope"}}) {
    auto [status, answer] = post(path, body);
    EXPECT_EQ(status, 400) << path << " " << body;
    EXPECT_FALSE(Json::parse(answer, nullptr, false).is_discarded()) << answer;
  }
  auto [status, body] = get("/no/such/page");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(Json::parse(body)["result"], false);
  std::tie(status, body) = get("/poll/query.do");
  EXPECT_EQ(status, 405);
  auto res = client_->Put("/__admin/clock", "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_FALSE(Json::parse(res->body, nullptr, false).is_discarded());
}

TEST_F(CarrierServerTest, ScenariosLoadThroughTheInjectedLoader) {
  ServerOptions o;
  o.start = kT0;
  o.loader = [](std::string_view yaml) -> Result<LoadedWorld> {
    if (yaml != "good") return unexpected(Error{"unknown key 'parcles'", "request.yaml:3:1"});
    LoadedWorld w;
    w.parcels = {sample_parcel()};
    w.start = kT0 + std::chrono::hours(48);
    return w;
  };
  start(std::move(o));
  EXPECT_EQ(get(kSf).first, 404);
  auto [status, body] = post("/__admin/scenarios", "bad", "application/yaml");
  EXPECT_EQ(status, 400);
  EXPECT_NE(body.find("request.yaml:3:1: unknown key"), std::string::npos) << body;
  std::tie(status, body) = post("/__admin/scenarios", "good", "application/yaml");
  EXPECT_EQ(status, 200) << body;
  EXPECT_EQ(get_json(kSf)["data"].size(), 3U);
  EXPECT_EQ(get_json("/__admin/clock")["now"], "2023-02-03T10:00:00+08:00");
}

TEST_F(CarrierServerTest, ResetRestoresTheStartingWorld) {
  start_default();
  advance("2d");
  ASSERT_EQ(post("/__admin/faults", R"([{"kind":"server_error"}])").first, 200);
  get(kSf);
  EXPECT_EQ(post("/__admin/reset", "").first, 200);
  EXPECT_EQ(get_json("/__admin/clock")["now"], "2023-02-01T10:00:00+08:00");
  EXPECT_TRUE(get_json(kSf)["data"].empty());
  EXPECT_EQ(get_json("/__admin/requests")["requests"].size(), 1U);
}

TEST_F(CarrierServerTest, ConcurrentReadersSeeTimeOnlyMoveForward) {
  start_default();
  std::atomic<bool> failed{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      std::size_t seen = 0;
      for (int i = 0; i < 50; ++i) {
        auto res = c.Get(kSf);
        if (!res || res->status != 200) return failed.store(true);
        const std::size_t n = Json::parse(res->body)["data"].size();
        if (n < seen) return failed.store(true);
        seen = n;
      }
    });
  }
  for (int i = 0; i < 10; ++i) advance("4h");
  for (auto& r : readers) r.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(get_json(kSf)["data"].size(), 3U);
}

}  // namespace
}  // namespace tracksim::sim::server

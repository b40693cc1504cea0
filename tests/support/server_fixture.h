// Helpers for tests of the mock carrier: a sample parcel, and a server on a loopback port with an
// HTTP client, stopped when the fixture ends. Not thread-safe; one per test.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/geo/atlas.h"
#include "sim/server/carrier_server.h"
#include "sim/time/timestamp.h"

namespace tracksim::testing {

// 2023-02-01T10:00:00+08:00
inline constexpr sim::Instant kT0 = sim::Instant::from_unix(1'675'216'800);

inline sim::geo::CityId city(std::string_view name) {
  return sim::geo::Atlas::china().find_city(name)->id;
}

inline sim::Scan scan(sim::ScanKind kind, int at_h, int visible_h, std::string_view city_name,
                      std::string text = "") {
  sim::Scan s;
  s.kind = kind;
  s.at = kT0 + std::chrono::hours(at_h);
  s.visible_at = kT0 + std::chrono::hours(visible_h);
  s.city = city(city_name);
  s.text = std::move(text);
  return s;
}

// SF1234567890123: picked up in Hangzhou at +1h, at the Shanghai hub at +10h (shown at +12h),
// delivered in Shanghai at +30h. Scans listed out of order on purpose.
inline sim::Parcel sample_parcel() {
  sim::Parcel p;
  p.carrier = sim::Carrier::sf;
  p.number = "SF1234567890123";
  p.consignee_city = city("上海市");
  p.scans = {scan(sim::ScanKind::arrive, 10, 12, "上海市"),
             scan(sim::ScanKind::pickup, 1, 1, "杭州市", "顺丰速运 已收取快件"),
             scan(sim::ScanKind::delivered, 30, 30, "上海市")};
  return p;
}

class ServerFixture : public ::testing::Test {
 protected:
  void start(sim::server::ServerOptions opts) {
    server_ = std::make_unique<sim::server::CarrierServer>(std::move(opts));
    auto port = server_->start();
    ASSERT_TRUE(port) << port.error().message;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", *port);
  }
  void start_default() {
    sim::server::ServerOptions o;
    o.start = kT0;
    o.parcels = {sample_parcel()};
    start(std::move(o));
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  // GET path; the status and the body (empty on transport failure).
  std::pair<int, std::string> get(const std::string& path) {
    auto res = client_->Get(path.c_str());
    if (!res) return {0, ""};
    return {res->status, res->body};
  }
  std::pair<int, std::string> post(const std::string& path, const std::string& body,
                                   const char* type = "application/json") {
    auto res = client_->Post(path.c_str(), body, type);
    if (!res) return {0, ""};
    return {res->status, res->body};
  }
  nlohmann::json get_json(const std::string& path, int expected_status = 200) {
    auto [status, body] = get(path);
    EXPECT_EQ(status, expected_status) << path << ": " << body;
    return nlohmann::json::parse(body, nullptr, false);
  }
  void advance(const std::string& by) {
    auto [status, body] = post("/__admin/clock", R"({"advance":")" + by + R"("})");
    ASSERT_EQ(status, 200) << body;
  }

  std::unique_ptr<sim::server::CarrierServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace tracksim::testing

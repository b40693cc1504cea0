// The admin API behind a bearer token, and the refusals that keep an unguarded server and its
// proxy on loopback (docs/security.md).
#include <gtest/gtest.h>

#include "sim/server/carrier_server.h"
#include "sim/server/fault_proxy.h"
#include "tests/support/server_fixture.h"

namespace tracksim::sim::server {
namespace {

using tracksim::testing::kT0;
using tracksim::testing::sample_parcel;

constexpr const char* kToken = "s3cret-token";

class AdminTokenTest : public tracksim::testing::ServerFixture {
 protected:
  void start_with_token() {
    ServerOptions o;
    o.start = kT0;
    o.parcels = {sample_parcel()};
    o.admin_token = kToken;
    start(std::move(o));
  }
  int admin_status(const char* method, const std::string& authorization) {
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    httplib::Result res = std::string(method) == "GET"
                              ? client_->Get("/__admin/clock", headers)
                              : client_->Post("/__admin/reset", headers, "", "application/json");
    return res ? res->status : 0;
  }
};

TEST_F(AdminTokenTest, AdminCallsWithoutTheBearerTokenGet401) {
  start_with_token();
  EXPECT_EQ(admin_status("GET", ""), 401);
  EXPECT_EQ(admin_status("POST", ""), 401);
  EXPECT_EQ(admin_status("GET", "Bearer wrong"), 401);
  EXPECT_EQ(admin_status("GET", std::string("Basic ") + kToken), 401);
  EXPECT_EQ(admin_status("GET", std::string("Bearer ") + kToken + "x"), 401);
  auto [status, body] = get("/__admin/no-such-thing");
  EXPECT_EQ(status, 401) << "unknown admin paths must not reveal what exists";
}

TEST_F(AdminTokenTest, AdminCallsWithTheBearerTokenAreServed) {
  start_with_token();
  EXPECT_EQ(admin_status("GET", std::string("Bearer ") + kToken), 200);
  EXPECT_EQ(admin_status("POST", std::string("Bearer ") + kToken), 200);
}

TEST_F(AdminTokenTest, TrackingEndpointsStayOpen) {
  start_with_token();
  EXPECT_EQ(get("/track/sf/SF1234567890123").first, 200);
  EXPECT_EQ(get("/").first, 200);
}

TEST_F(AdminTokenTest, WithoutATokenTheAdminApiIsOpenOnLoopback) {
  start_default();
  EXPECT_EQ(admin_status("GET", ""), 200);
}

TEST(CheckExposure, RefusesAnyHostButLoopbackWithoutAToken) {
  ServerOptions o;
  for (const char* host : {"0.0.0.0", "::", "192.168.1.5"}) {
    o.host = host;
    const Result<void> r = check_exposure(o);
    ASSERT_FALSE(r) << host;
    EXPECT_NE(r.error().message.find("--admin-token"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(host), std::string::npos) << r.error().message;
  }
  o.host = "127.0.0.1";
  EXPECT_TRUE(check_exposure(o));
  o.host = "0.0.0.0";
  o.admin_token = kToken;
  EXPECT_TRUE(check_exposure(o));
}

// start() checks too, before binding anything: a caller that skips check_exposure is covered.
TEST(CheckExposure, StartRefusesAnExposedHostWithoutAToken) {
  ServerOptions o;
  o.host = "0.0.0.0";
  CarrierServer server(std::move(o));
  const Result<int> port = server.start();
  ASSERT_FALSE(port);
  EXPECT_NE(port.error().message.find("admin token"), std::string::npos);
}

TEST(FaultProxyTarget, RefusesARemoteUpstreamUnlessAllowed) {
  ProxyOptions po;
  po.upstream_host = "10.1.2.3";
  po.upstream_port = 80;
  FaultProxy proxy(po);
  const Result<int> r = proxy.start();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not loopback"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace tracksim::sim::server

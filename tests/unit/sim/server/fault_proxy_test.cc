// The TCP fault proxy over loopback: requests still succeed through latency, jitter, slices and a
// bandwidth limit; resets fail the client; stalls time it out; the admin API reconfigures it.
#include "sim/server/fault_proxy.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "sim/carrier/number.h"
#include "sim/server/carrier_server.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

ServerOptions procedural_options(std::optional<ProxyConfig> proxy) {
  ServerOptions o;
  o.threads = 4;
  o.proxy = proxy;
  o.procedural.enabled = true;
  o.procedural.seed = 7;
  return o;
}

std::string sf_path() {
  Rng rng(11);
  return "/track/sf/" + generate_number(Carrier::sf, rng);
}

httplib::Client client_of(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(2, 0);
  c.set_read_timeout(5, 0);
  return c;
}

ProxyConfig spec(std::string_view s) {
  auto c = parse_proxy_config(s);
  EXPECT_TRUE(c) << s << ": " << c.error().message;
  return c ? *c : ProxyConfig{};
}

TEST(ProxyConfig, SpecParsesAndPrintsBack) {
  const ProxyConfig c =
      spec("latency=50ms,jitter=20ms,per=connection,bandwidth=64k,reset=0.01,stall=0.5,slice=7");
  EXPECT_EQ(c.latency.count(), 50);
  EXPECT_EQ(c.jitter.count(), 20);
  EXPECT_TRUE(c.per_connection);
  EXPECT_EQ(c.bandwidth, 65536U);
  EXPECT_EQ(c.reset_ppm, 10'000U);
  EXPECT_EQ(c.stall_ppm, 500'000U);
  EXPECT_EQ(c.slice, 7U);
  EXPECT_EQ(spec(to_spec(c)), c);
  EXPECT_EQ(spec("latency=1s").latency.count(), 1000);
  EXPECT_EQ(spec("on"), ProxyConfig{});
  EXPECT_EQ(to_spec(ProxyConfig{}), "");
}

TEST(ProxyConfig, BadSpecsSayWhatIsWrong) {
  for (const char* bad : {"latency=50", "latency=11s", "reset=2", "slice=0", "bandwidth=0",
                          "frobnicate=1", "latency", "per=packet", "stall=x"}) {
    EXPECT_FALSE(parse_proxy_config(bad)) << bad;
  }
  EXPECT_NE(parse_proxy_config("reset=2").error().message.find("reset"), std::string::npos);
}

TEST(FaultProxy, RequestsSucceedThroughLatencyJitterSlicesAndBandwidth) {
  CarrierServer server(procedural_options(spec("latency=3ms,jitter=2ms,slice=7,bandwidth=256k")));
  ASSERT_TRUE(server.start());
  ASSERT_NE(server.proxy(), nullptr);
  EXPECT_NE(server.client_url(), server.url());
  auto direct = client_of(server.port()).Get(sf_path());
  ASSERT_TRUE(direct);
  auto proxied = client_of(server.proxy()->port()).Get(sf_path());
  ASSERT_TRUE(proxied);
  EXPECT_EQ(proxied->status, 200);
  EXPECT_EQ(proxied->body, direct->body);
  server.proxy()->configure(spec("latency=2ms,jitter=2ms,per=connection,slice=1"));
  auto sliced = client_of(server.proxy()->port()).Get(sf_path());
  ASSERT_TRUE(sliced);
  EXPECT_EQ(sliced->body, direct->body);
  EXPECT_GT(server.proxy()->stats().bytes, 2 * direct->body.size());
  EXPECT_EQ(server.proxy()->stats().accepted, 2U);
  server.stop();
}

TEST(FaultProxy, ResetConnectionsFailTheClient) {
  CarrierServer server(procedural_options(spec("reset=1")));
  ASSERT_TRUE(server.start());
  auto res = client_of(server.proxy()->port()).Get(sf_path());
  EXPECT_FALSE(res);
  EXPECT_EQ(server.proxy()->stats().reset, 1U);
  server.stop();
}

TEST(FaultProxy, StalledConnectionsTimeTheClientOut) {
  CarrierServer server(procedural_options(spec("stall=1")));
  ASSERT_TRUE(server.start());
  httplib::Client c("127.0.0.1", server.proxy()->port());
  c.set_read_timeout(0, 200'000);  // 200 ms
  auto res = c.Get(sf_path());
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error(), httplib::Error::Read);
  EXPECT_EQ(server.proxy()->stats().stalled, 1U);
  server.stop();  // closes the stalled connection instead of waiting for kMaxStall
}

TEST(FaultProxy, AdminApiReconfiguresTheProxyAtRuntime) {
  CarrierServer server(procedural_options(ProxyConfig{}));
  ASSERT_TRUE(server.start());
  auto admin = client_of(server.port());
  ASSERT_TRUE(client_of(server.proxy()->port()).Get(sf_path()));
  auto set = admin.Post("/__admin/proxy", R"({"reset": 1, "latency": "1ms"})", "application/json");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->status, 200);
  EXPECT_EQ(Json::parse(set->body)["spec"], "latency=1ms,reset=1");
  EXPECT_FALSE(client_of(server.proxy()->port()).Get(sf_path()));
  auto bad = admin.Post("/__admin/proxy", R"({"spec": "slice=0"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto cleared = admin.Delete("/__admin/proxy");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(Json::parse(cleared->body)["spec"], "");
  auto ok = client_of(server.proxy()->port()).Get(sf_path());
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(Json::parse(admin.Get("/__admin/proxy")->body)["stats"]["reset"], 1);
}

TEST(FaultProxy, StandsAloneAndStopsTwice) {
  CarrierServer server(procedural_options(std::nullopt));
  ASSERT_TRUE(server.start());
  EXPECT_EQ(server.proxy(), nullptr);
  EXPECT_EQ(server.client_url(), server.url());
  ProxyOptions po;
  po.upstream_port = server.port();
  po.config = spec("slice=3");
  FaultProxy proxy(po);
  auto port = proxy.start();
  ASSERT_TRUE(port);
  EXPECT_EQ(proxy.url(), "http://127.0.0.1:" + std::to_string(*port) + "/");
  auto res = client_of(*port).Get(sf_path());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  proxy.stop();
  proxy.stop();
  EXPECT_FALSE(client_of(*port).Get(sf_path()));
  EXPECT_FALSE(proxy.start());
}

}  // namespace
}  // namespace tracksim::sim::server

// Procedural mode: any valid number answers with a timeline fixed by (seed, carrier, number),
// invalid numbers and unconfigured carriers answer 404, and memory stays flat.
#include "sim/server/procedural.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include "sim/carrier/number.h"
#include "sim/server/carrier_server.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

ServerOptions options(std::uint64_t seed, std::vector<Carrier> carriers = {}) {
  ServerOptions o;
  o.threads = 4;
  o.procedural = {true, seed, std::move(carriers)};
  return o;
}

// The body of GET path after moving the clock 30 days on (every timeline delivered by then).
std::string track_later(CarrierServer& server, const std::string& path) {
  httplib::Client c("127.0.0.1", server.port());
  EXPECT_TRUE(c.Post("/__admin/clock", R"({"advance":"30d"})", "application/json"));
  auto res = c.Get(path);
  EXPECT_TRUE(res);
  EXPECT_EQ(res ? res->status : 0, 200);
  return res ? res->body : "";
}

std::string number(Carrier carrier, std::uint64_t seed) {
  Rng rng(seed);
  return generate_number(carrier, rng);
}

TEST(Procedural, SameNumberSameTimelineDifferentSeedDifferentTimeline) {
  const std::string path = "/track/zto/" + number(Carrier::zto, 3);
  CarrierServer a(options(42)), b(options(42)), c(options(43));
  ASSERT_TRUE(a.start() && b.start() && c.start());
  const std::string body_a = track_later(a, path);
  const Json j = Json::parse(body_a);
  EXPECT_GE(j["data"].size(), 4U);
  EXPECT_EQ(j["ischeck"], "1");
  EXPECT_EQ(body_a, track_later(b, path));
  EXPECT_NE(Json::parse(track_later(c, path))["data"], j["data"]);
  EXPECT_EQ(a.world().size(), 0U);
}

// When and where each scan happened, in order: what a timeline is.
std::string signature(const Parcel& p) {
  std::string s = std::to_string(p.consignee_city);
  for (const Scan& scan : p.scans) {
    s += " " + std::to_string(scan.at.unix_seconds()) + "@" + std::to_string(scan.city) + ":" +
         scan.facility;
  }
  return s;
}

TEST(Procedural, ParcelIsAPureFunctionOfSeedCarrierAndNumber) {
  const Instant start = Instant::from_unix(1'700'000'000);
  const std::string n = number(Carrier::sf, 5);
  const Parcel p = procedural_parcel(1, Carrier::sf, n, start);
  EXPECT_EQ(signature(procedural_parcel(1, Carrier::sf, n, start)), signature(p));
  EXPECT_NE(signature(procedural_parcel(2, Carrier::sf, n, start)), signature(p));
  ASSERT_FALSE(p.scans.empty());
  EXPECT_GE(p.scans.front().at, start - Duration(10 * 86'400 + 6 * 3600));
  EXPECT_LE(p.scans.front().at, start + Duration(3 * 86'400));
}

TEST(Procedural, InvalidNumbersAndOtherCarriersAnswer404) {
  CarrierServer server(options(1, {Carrier::sf, Carrier::zto}));
  ASSERT_TRUE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  Rng rng(9);
  const std::string bad = make_invalid_number(Carrier::sf, rng);
  auto invalid = c.Get("/track/sf/" + bad);
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 404) << bad;
  auto other = c.Get("/track/yto/" + number(Carrier::yto, 1));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  auto ok = c.Get("/track/sf/" + number(Carrier::sf, 1));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(Procedural, OffByDefault) {
  ServerOptions o;
  o.threads = 2;
  CarrierServer server(std::move(o));
  ASSERT_TRUE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  auto res = c.Get("/track/sf/" + number(Carrier::sf, 1));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST(Procedural, TenThousandDistinctNumbersDoNotGrowTheWorld) {
  CarrierServer server(options(8));
  ASSERT_TRUE(server.start());
  httplib::Client c("127.0.0.1", server.port());
  c.set_keep_alive(true);
  Rng rng(77);
  std::set<std::string> asked;
  while (asked.size() < 10'000) {
    const Carrier carrier = all_carriers()[rng.below(kCarrierCount)];
    const std::string n = generate_number(carrier, rng);
    if (!asked.insert(std::string(code(carrier)) + n).second) continue;
    auto res = c.Get("/track/" + std::string(code(carrier)) + "/" + n);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << n;
  }
  EXPECT_EQ(server.world().size(), 0U);
  EXPECT_LE(server.procedural().cached(), Procedural::kCacheSlots);
  EXPECT_GE(server.procedural().generated(), 10'000U);
}

}  // namespace
}  // namespace tracksim::sim::server

#include "sim/timeline/route.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/wording.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim {
namespace {

using geo::Atlas;
using geo::CityId;

constexpr std::int64_t kHour = 3600;

const Atlas& atlas() { return Atlas::china(); }

CityId city(std::string_view name) {
  const geo::City* c = atlas().find_city(name);
  EXPECT_NE(c, nullptr) << name;
  return c != nullptr ? c->id : CityId{0};
}

Instant afternoon() { return parse_timestamp("2023-03-01T15:00:00+08:00").value(); }

RouteRequest request(CityId from, CityId to, std::uint64_t seed, Carrier carrier = Carrier::zto) {
  RouteRequest r;
  r.carrier = carrier;
  r.from = from;
  r.to = to;
  r.pickup_at = afternoon();
  r.seed = seed;
  return r;
}

// A pickup time spread over the day (weighted to business hours) and a random city pair.
RouteRequest random_request(Rng& rng) {
  const auto n = atlas().cities().size();
  RouteRequest r = request(static_cast<CityId>(rng.below(n)), static_cast<CityId>(rng.below(n)),
                           rng.next(), all_carriers()[rng.below(kCarrierCount)]);
  if (rng.chance_ppm(50'000)) r.to = r.from;
  r.pickup_at = afternoon() + Duration(rng.between(-15 * kHour, 9 * kHour));
  r.locker = rng.chance_ppm(200'000);
  return r;
}

double hours_between(Instant a, Instant b) { return static_cast<double>((b - a).count()) / 3600.0; }

bool is_hub_scan(const Scan& s) {
  return (s.kind == ScanKind::arrive || s.kind == ScanKind::depart) &&
         s.facility_type == FacilityType::hub;
}

// One letter a scan: I info, P pickup, D/A outlet depart/arrive, d/a hub depart/arrive,
// O out for delivery, V delivered, L locker.
std::string shape(const std::vector<Scan>& scans) {
  std::string out;
  for (const Scan& s : scans) {
    const bool hub = s.facility_type == FacilityType::hub;
    switch (s.kind) {
      case ScanKind::info_received:
        out += 'I';
        break;
      case ScanKind::pickup:
        out += 'P';
        break;
      case ScanKind::depart:
        out += hub ? 'd' : 'D';
        break;
      case ScanKind::arrive:
        out += hub ? 'a' : 'A';
        break;
      case ScanKind::out_for_delivery:
        out += 'O';
        break;
      case ScanKind::delivered:
        out += 'V';
        break;
      case ScanKind::locker:
        out += 'L';
        break;
      default:
        out += '?';
    }
  }
  return out;
}

double pickup_to_end_hours(const std::vector<Scan>& scans) {
  const auto pickup = std::find_if(scans.begin(), scans.end(),
                                   [](const Scan& s) { return s.kind == ScanKind::pickup; });
  return hours_between(pickup->at, scans.back().at);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

bool is_remote(CityId c) {
  static constexpr std::string_view kRemote[] = {"新疆", "西藏", "内蒙古", "青海",
                                                 "宁夏", "云南", "甘肃",   "海南"};
  const std::string_view p = atlas().province(atlas().city(c).province).short_name;
  return std::find(std::begin(kRemote), std::end(kRemote), p) != std::end(kRemote);
}

TEST(BuildRoute, TheSameRequestGivesTheSameRoute) {
  const RouteRequest r = request(city("杭州"), city("北京"), 42);
  const std::vector<Scan> a = build_route(r);
  const std::vector<Scan> b = build_route(r);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at, b[i].at);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].city, b[i].city);
    EXPECT_EQ(a[i].facility, b[i].facility);
  }
}

TEST(BuildRoute, AnotherSeedGivesOtherTimes) {
  const std::vector<Scan> a = build_route(request(city("杭州"), city("北京"), 1));
  const std::vector<Scan> b = build_route(request(city("杭州"), city("北京"), 2));
  EXPECT_NE(a.back().at, b.back().at);
}

TEST(BuildRoute, HangzhouToBeijingRunsOutletHubsOutletCourierSignature) {
  const std::vector<Scan> scans = build_route(request(city("杭州"), city("北京"), 7));
  EXPECT_TRUE(std::regex_match(shape(scans), std::regex("IPD(ad){2,4}AOV"))) << shape(scans);
  EXPECT_EQ(scans[1].at, afternoon());
  EXPECT_EQ(scans[1].city, city("杭州"));
  EXPECT_EQ(scans[1].facility_type, FacilityType::outlet);
  EXPECT_TRUE(scans[1].facility.starts_with("杭州")) << scans[1].facility;
  EXPECT_EQ(scans[3].facility, "杭州中转部");  // 中通's word for its hubs
  EXPECT_EQ(scans[3].city, city("杭州"));
  EXPECT_EQ(scans[scans.size() - 4].facility, "北京中转部");
  for (std::size_t i = scans.size() - 3; i < scans.size(); ++i) {
    EXPECT_EQ(scans[i].city, city("北京"));
  }
}

TEST(BuildRoute, LockerRequestsEndInALockerOrStationInTheDestinationCity) {
  RouteRequest r = request(city("广州"), city("长沙"), 5);
  r.locker = true;
  const std::vector<Scan> scans = build_route(r);
  EXPECT_EQ(scans.back().kind, ScanKind::locker);
  EXPECT_EQ(scans.back().city, city("长沙"));
  EXPECT_TRUE(scans.back().facility_type == FacilityType::locker ||
              scans.back().facility_type == FacilityType::station);
}

TEST(BuildRoute, WithoutInfoReceivedThePickupComesFirst) {
  RouteRequest r = request(city("上海"), city("南京"), 9);
  r.info_received = false;
  EXPECT_EQ(build_route(r).front().kind, ScanKind::pickup);
}

TEST(BuildRoute, SameCityParcelsSometimesSkipTheHub) {
  int hubless = 0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const std::vector<Scan> scans = build_route(request(city("上海"), city("上海"), seed));
    if (std::none_of(scans.begin(), scans.end(), is_hub_scan)) ++hubless;
  }
  EXPECT_GT(hubless, 20);
  EXPECT_LT(hubless, 180);
}

TEST(BuildRoute, EachCarrierNamesItsHubsItsOwnWay) {
  auto first_hub = [](Carrier c) {
    const std::vector<Scan> scans = build_route(request(city("杭州"), city("成都"), 3, c));
    return std::find_if(scans.begin(), scans.end(), is_hub_scan)->facility;
  };
  EXPECT_EQ(first_hub(Carrier::sf), "杭州中转场");
  EXPECT_EQ(first_hub(Carrier::jd), "杭州分拨中心");
  EXPECT_EQ(first_hub(Carrier::ems), "杭州邮件处理中心");
  EXPECT_EQ(first_hub(Carrier::zto), "杭州中转部");
  EXPECT_EQ(first_hub(Carrier::yunda), "浙江杭州分拨中心");  // with the province, as 韵达 writes
  EXPECT_EQ(first_hub(Carrier::sto), "浙江杭州转运中心");
  EXPECT_EQ(first_hub(Carrier::yto), hub_name(Carrier::yto, "杭州"));
  EXPECT_EQ(first_hub(Carrier::youzheng), "杭州邮区中心局");
  EXPECT_EQ(first_hub(Carrier::deppon), "杭州转运场");
  EXPECT_EQ(first_hub(Carrier::zjs), "浙江_配送区部_杭州分拨站");
  EXPECT_EQ(first_hub(Carrier::fengwang), "杭州中转场");
  EXPECT_EQ(first_hub(Carrier::uc), "杭州转运中心");
}

// The guarantees of route.h, over 10,000 random routes. Each assertion names the fault it
// would catch: a stall, a teleport, a slow first hub scan, a delivery elsewhere.
TEST(BuildRoute, TenThousandRandomRoutesKeepEveryDocumentedGuarantee) {
  Rng rng(20230301);
  for (int i = 0; i < 10'000; ++i) {
    const RouteRequest r = random_request(rng);
    const std::vector<Scan> scans = build_route(r);
    const std::string s = shape(scans);
    ASSERT_TRUE(std::regex_match(s, std::regex("IPD((ad){1,4})?AO[VL]"))) << s;
    if (r.from != r.to) {
      ASSERT_NE(s.find('a'), std::string::npos) << s;
    }
    ASSERT_EQ(scans[1].at, r.pickup_at);
    ASSERT_EQ(scans[1].city, r.from);
    for (std::size_t k = 1; k < scans.size(); ++k) {
      const Scan& a = scans[k - 1];
      const Scan& b = scans[k];
      ASSERT_GT(b.at, a.at) << "scan " << k << " of " << s;
      ASSERT_EQ(b.visible_at, b.at);
      ASSERT_NE(b.city, geo::kNoCity);
      ASSERT_LE(hours_between(a.at, b.at), 36.0) << "gap before scan " << k << " of " << s;
      const double km = geo::distance_km(atlas().city(a.city), atlas().city(b.city));
      if (km > 100) {
        ASSERT_LT(km / hours_between(a.at, b.at), 700.0) << s;
      }
      // Typed hub; and, but for China Post's 邮件处理中心 and 邮区中心局 (EMS and parcels),
      // recognisable as a hub by name alone.
      const bool china_post = r.carrier == Carrier::ems || r.carrier == Carrier::youzheng;
      if (is_hub_scan(b) && !china_post) {
        ASSERT_TRUE(is_hub_facility(FacilityType::unspecified, b.facility)) << b.facility;
      }
    }
    const auto first = std::find_if(scans.begin(), scans.end(), [](const Scan& x) {
      return is_hub_scan(x) || ends_forward_transit(x.kind);
    });
    ASSERT_LE(hours_between(r.pickup_at, first->at), 22.0) << s;
    if (is_hub_scan(*first)) {
      ASSERT_LE(hours_between(r.pickup_at, first->at), 20.0) << s;
    }
    ASSERT_EQ(scans[scans.size() - 1].city, r.to);
    ASSERT_EQ(scans[scans.size() - 2].city, r.to);
    ASSERT_EQ(scans[scans.size() - 3].city, r.to);
  }
}

TEST(BuildRoute, MostLineHaulDeparturesLeaveAtNight) {
  Rng rng(11);
  int night = 0;
  int total = 0;
  for (int i = 0; i < 2'000; ++i) {
    const std::vector<Scan> scans = build_route(random_request(rng));
    for (std::size_t k = 0; k + 1 < scans.size(); ++k) {
      if (scans[k].kind != ScanKind::depart || !is_hub_scan(scans[k])) continue;
      if (!is_hub_scan(scans[k + 1])) continue;  // a delivery van, not line haul
      const std::int64_t sod = beijing_seconds_of_day(scans[k].at);
      ++total;
      if (sod >= 20 * kHour || sod < 6 * kHour) ++night;
    }
  }
  ASSERT_GT(total, 1000);
  EXPECT_GT(night * 100 / total, 70);
}

TEST(BuildRoute, MedianTransitGrowsFromSameCityToCrossProvinceToRemote) {
  Rng rng(5);
  std::vector<double> same_city;
  std::vector<double> cross;
  std::vector<double> remote;
  for (int i = 0; i < 3'000; ++i) {
    RouteRequest r = random_request(rng);
    r.locker = false;
    if (i % 3 == 0) r.to = r.from;
    const double h = pickup_to_end_hours(build_route(r));
    const auto& c = atlas();
    if (r.from == r.to) {
      same_city.push_back(h);
    } else if (is_remote(r.from) || is_remote(r.to)) {
      remote.push_back(h);
    } else if (c.city(r.from).province != c.city(r.to).province) {
      cross.push_back(h);
    }
  }
  EXPECT_LT(median(same_city), 30.0);
  EXPECT_LT(median(same_city), median(cross));
  EXPECT_LT(median(cross), median(remote));
  EXPECT_LT(median(remote), 120.0);
}

TEST(BuildRoute, FarRoutesTakeLongerThanNeighbouringOnes) {
  std::vector<double> near;
  std::vector<double> far;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    near.push_back(pickup_to_end_hours(build_route(request(city("杭州"), city("上海"), seed))));
    far.push_back(pickup_to_end_hours(build_route(request(city("广州"), city("乌鲁木齐"), seed))));
  }
  EXPECT_LT(median(near), 36.0);
  EXPECT_GT(median(far), 60.0);
}

}  // namespace
}  // namespace tracksim::sim

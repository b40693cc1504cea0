// tracksim_transit_stats: builds 100,000 routes for a volume-weighted mix of city pairs and
// prints median and p95 pickup-to-delivery hours by class. Usage: tracksim_transit_stats [seed]
// Single-threaded; reads only the built-in atlas and hub network.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"
#include "sim/timeline/route.h"

namespace {

using tracksim::sim::Carrier;
using tracksim::sim::Duration;
using tracksim::sim::Rng;
namespace geo = tracksim::sim::geo;

constexpr int kRoutes = 100'000;
constexpr std::uint32_t kLocalPpm = 150'000;     // destination in the origin's own province
constexpr std::uint32_t kSameCityPpm = 330'000;  // of those, the origin city itself

// Share of parcels sent from and to each province, in tenths of a percent (rough shape of
// e-commerce volume: senders concentrate on the east coast, buyers follow population).
struct Weight {
  std::string_view province;
  std::uint32_t from;
  std::uint32_t to;
};
constexpr std::array<Weight, 31> kWeights = {{
    {"广东", 250, 110}, {"浙江", 220, 70}, {"江苏", 90, 80},  {"上海", 50, 40}, {"福建", 60, 40},
    {"山东", 60, 70},   {"河北", 40, 50},  {"河南", 30, 60},  {"北京", 30, 40}, {"湖北", 20, 40},
    {"安徽", 20, 40},   {"四川", 20, 50},  {"湖南", 15, 40},  {"江西", 10, 30}, {"广西", 10, 30},
    {"天津", 10, 15},   {"重庆", 10, 25},  {"陕西", 10, 25},  {"辽宁", 10, 30}, {"云南", 5, 25},
    {"贵州", 4, 20},    {"山西", 5, 20},   {"黑龙江", 4, 20}, {"吉林", 4, 15},  {"内蒙古", 3, 15},
    {"新疆", 3, 15},    {"甘肃", 2, 12},   {"海南", 3, 8},    {"宁夏", 1, 4},   {"青海", 1, 3},
    {"西藏", 1, 2},
}};
constexpr std::array<std::string_view, 8> kRemote = {"新疆", "西藏", "内蒙古", "青海",
                                                     "宁夏", "云南", "甘肃",   "海南"};
// Carrier market shares in percent (zto yto yunda sto jt sf jd ems).
constexpr std::array<std::pair<Carrier, std::uint32_t>, 8> kCarriers = {{
    {Carrier::zto, 22},
    {Carrier::yto, 17},
    {Carrier::yunda, 15},
    {Carrier::sto, 12},
    {Carrier::jt, 12},
    {Carrier::sf, 12},
    {Carrier::jd, 6},
    {Carrier::ems, 4},
}};

template <class T, class F>
const T& pick_weighted(const auto& table, F weight, Rng& rng) {
  std::uint64_t total = 0;
  for (const auto& e : table) total += weight(e);
  std::uint64_t x = rng.below(total);
  for (const auto& e : table) {
    if (x < weight(e)) return e;
    x -= weight(e);
  }
  return table.back();
}

// A city of the province: its capital (first in code order) half the time, else any.
geo::CityId city_in(geo::ProvinceId p, Rng& rng) {
  std::vector<geo::CityId> cities;
  for (const geo::City& c : geo::Atlas::china().cities()) {
    if (c.province == p) cities.push_back(c.id);
  }
  return rng.chance_ppm(500'000) ? cities.front() : cities[rng.below(cities.size())];
}

geo::ProvinceId province(std::string_view name) {
  return geo::Atlas::china().find_province(name)->id;
}

bool is_remote(geo::ProvinceId p) {
  const std::string_view name = geo::Atlas::china().province(p).short_name;
  return std::find(kRemote.begin(), kRemote.end(), name) != kRemote.end();
}

void print_row(const char* label, std::vector<double> hours) {
  if (hours.empty()) return;
  std::sort(hours.begin(), hours.end());
  const double median = hours[hours.size() / 2];
  const double p95 = hours[hours.size() * 95 / 100];
  std::printf("| %-15s | %7zu | %10.1f | %7.1f |\n", label, hours.size(), median, p95);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t seed = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1;
  Rng rng(seed);
  const auto start = tracksim::sim::parse_timestamp("2024-03-04T00:00:00+08:00").value();
  const geo::Atlas& atlas = geo::Atlas::china();
  std::vector<double> same_city, same_province, cross, remote, all;
  for (int i = 0; i < kRoutes; ++i) {
    Rng r = rng.split(static_cast<std::uint64_t>(i));
    tracksim::sim::RouteRequest req;
    const auto& from = pick_weighted<Weight>(
        kWeights, [](const Weight& w) { return w.from; }, r);
    const auto& to = pick_weighted<Weight>(
        kWeights, [](const Weight& w) { return w.to; }, r);
    req.from = city_in(province(from.province), r);
    const bool local = r.chance_ppm(kLocalPpm);
    req.to = local && r.chance_ppm(kSameCityPpm)
                 ? req.from
                 : city_in(local ? province(from.province) : province(to.province), r);
    req.carrier = pick_weighted<std::pair<Carrier, std::uint32_t>>(
                      kCarriers, [](const auto& c) { return c.second; }, r)
                      .first;
    const std::int64_t hour = r.chance_ppm(900'000) ? r.between(9, 19) : r.between(0, 23);
    req.pickup_at = start + Duration(r.between(0, 6) * 86400 + hour * 3600 + r.between(0, 3599));
    req.locker = r.chance_ppm(300'000);
    req.seed = r.next();
    const auto scans = tracksim::sim::build_route(req);
    const double h = static_cast<double>((scans.back().at - req.pickup_at).count()) / 3600.0;
    const geo::ProvinceId pf = atlas.city(req.from).province;
    const geo::ProvinceId pt = atlas.city(req.to).province;
    all.push_back(h);
    if (req.from == req.to) same_city.push_back(h);
    if (is_remote(pf) || is_remote(pt)) {
      remote.push_back(h);
    } else if (pf == pt) {
      same_province.push_back(h);
    } else {
      cross.push_back(h);
    }
  }
  std::printf("pickup-to-delivery hours over %d routes (seed %llu)\n", kRoutes,
              static_cast<unsigned long long>(seed));
  std::printf("| %-15s | %7s | %10s | %7s |\n", "class", "routes", "median h", "p95 h");
  std::printf("|-----------------|---------|------------|---------|\n");
  print_row("same city", same_city);
  print_row("same province", same_province);
  print_row("cross-province", cross);
  print_row("remote", remote);
  print_row("overall", all);
  return 0;
}

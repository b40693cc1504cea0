// TEMPORARY stand-in for build_route until branch `route` lands (deleted at that merge): a fixed
// outlet -> origin hub -> destination hub -> outlet -> delivery shape with plausible speeds.
#include <string>

#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/timeline/route.h"

namespace tracksim::sim {

std::vector<Scan> build_route(const RouteRequest& request) {
  Rng rng(request.seed);
  const auto& atlas = geo::Atlas::china();
  const std::string from(atlas.city(request.from).short_name);
  const std::string to(atlas.city(request.to).short_name);
  const double km = geo::distance_km(atlas.city(request.from), atlas.city(request.to));
  std::vector<Scan> out;
  Instant t = request.pickup_at;
  auto add = [&](ScanKind kind, geo::CityId city, std::string facility, FacilityType type) {
    Scan s;
    s.at = t;
    s.visible_at = t;
    s.kind = kind;
    s.city = city;
    s.facility = std::move(facility);
    s.facility_type = type;
    out.push_back(std::move(s));
  };
  auto wait = [&](std::int64_t lo_min, std::int64_t hi_min) {
    t += Duration(rng.between(lo_min, hi_min) * 60);
  };
  if (request.info_received) {
    t -= Duration(rng.between(10, 90) * 60);
    add(ScanKind::info_received, geo::kNoCity, "", FacilityType::unspecified);
    t = request.pickup_at;
  }
  add(ScanKind::pickup, request.from, from + "营业部", FacilityType::outlet);
  wait(60, 240);
  add(ScanKind::arrive, request.from, from + "转运中心", FacilityType::hub);
  wait(60, 180);
  add(ScanKind::depart, request.from, from + "转运中心", FacilityType::hub);
  const auto linehaul_min = static_cast<std::int64_t>(km / 80.0 * 60.0);
  wait(120 + linehaul_min, 240 + linehaul_min);
  add(ScanKind::arrive, request.to, to + "转运中心", FacilityType::hub);
  wait(60, 180);
  add(ScanKind::depart, request.to, to + "转运中心", FacilityType::hub);
  wait(120, 300);
  add(ScanKind::arrive, request.to, to + "营业部", FacilityType::outlet);
  wait(60, 240);
  add(ScanKind::out_for_delivery, request.to, to + "营业部", FacilityType::outlet);
  wait(60, 300);
  add(request.locker ? ScanKind::locker : ScanKind::delivered, request.to,
      request.locker ? to + "丰巢柜" : "",
      request.locker ? FacilityType::locker : FacilityType::unspecified);
  return out;
}

}  // namespace tracksim::sim

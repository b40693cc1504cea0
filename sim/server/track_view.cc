#include "sim/server/track_view.h"

#include "sim/geo/atlas.h"

namespace tracksim::sim::server {

std::string TrackView::state() const {
  return scans.empty() ? "0" : std::to_string(scans.back().status.state);
}

bool TrackView::delivered() const {
  return std::any_of(scans.begin(), scans.end(),
                     [](const ShownScan& s) { return s.kind == ScanKind::delivered; });
}

Rng wording_rng(Carrier carrier, std::string_view number) {
  return Rng(Rng::hash(code(carrier))).split(number);
}

ShownScan show_scan(Carrier carrier, const Rng& parcel_rng, geo::CityId consignee_city,
                    std::size_t file_index, const ScanFacts& scan) {
  const geo::Atlas& atlas = geo::Atlas::china();
  ShownScan s;
  s.at = scan.at;
  s.visible_at = scan.visible_at;
  s.kind = scan.kind;
  s.facility_type = scan.facility_type;
  s.facility = std::string(scan.facility);
  const bool has_city = scan.city != geo::kNoCity && scan.city < atlas.cities().size();
  const bool in_destination = has_city && scan.city == consignee_city;
  // Scans at a branch are 在途 (0); elsewhere, as before the type was told, 干线 (1002).
  s.status =
      kuaidi100_status(scan.kind, in_destination, scan.facility_type != FacilityType::outlet);
  std::string_view city_name;
  if (has_city) {
    const geo::City& city = atlas.city(scan.city);
    city_name = city.full_name;
    s.location = std::string(city.full_name);
    s.area_code = "CN" + std::string(city.code) + std::string(12 - city.code.size(), '0');
    s.area_name =
        std::string(atlas.province(city.province).short_name) + "," + std::string(city.full_name);
  }
  if (!scan.text.empty()) {
    s.context = std::string(scan.text);
    return s;
  }
  Rng rng = parcel_rng.split(static_cast<std::uint64_t>(file_index));
  const ScanWords words =
      word_scan(carrier, scan.kind, scan.facility_type, scan.facility, city_name, rng);
  // The words may say more than the kind (代签, 无法联系 ...): statusCode follows them.
  if (words.status_code != 0) {
    if (const auto status = kuaidi100_status_of_code(words.status_code)) s.status = *status;
  }
  const std::string& text = words.text;
  // A template's facility slot may be empty (no city): no stray spaces at the ends.
  const auto first = text.find_first_not_of(' ');
  if (first != std::string::npos) {
    s.context = text.substr(first, text.find_last_not_of(' ') - first + 1);
  }
  return s;
}

}  // namespace tracksim::sim::server

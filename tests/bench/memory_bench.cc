// tracksim_memory_bench: resident memory of the mock carrier server holding N parcels of 8 scans
// (default 1,000,000), against an empty server in the same process. The parcels are built in
// C++ and handed to CarrierServer exactly as `tracksim serve --scenario` hands over the loaded
// scenario's parcels (ServerOptions::parcels); loading a million parcels through YAML would take
// far longer than the measurement. The server keeps them in its compact table and frees the
// vector, so "loaded" is what a serving process holds; the peak (VmHWM) includes the vector.
// Usage: tracksim_memory_bench [parcels]. Single-threaded setup.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "sim/geo/atlas.h"
#include "sim/server/carrier_server.h"

namespace {

namespace sim = tracksim::sim;
namespace server = tracksim::sim::server;

// VmRSS or VmHWM of this process in kB (from /proc/self/status).
long status_kb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0)
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
  }
  return -1;
}

// The bench parcel's timeline (tests/bench/bench_parcel.yaml) between two cities of the atlas.
sim::Parcel make_parcel(std::size_t i, sim::Instant start) {
  const sim::geo::Atlas& atlas = sim::geo::Atlas::china();
  const auto cities = static_cast<std::size_t>(atlas.cities().size());
  const auto from = static_cast<sim::geo::CityId>(i % cities);
  const auto to = static_cast<sim::geo::CityId>((i * 7 + 13) % cities);
  const std::string from_name(atlas.city(from).full_name);
  const std::string to_name(atlas.city(to).full_name);
  sim::Parcel p;
  p.carrier = sim::Carrier::sf;
  p.number = "SF" + std::to_string(1'000'000'000'000 + i);
  p.consignee_city = to;
  p.consignee_phone_tail = "5678";
  struct Step {
    int hour;
    sim::ScanKind kind;
    bool at_origin;
    const char* facility;  // appended to the city name; nullptr: no facility
  };
  constexpr Step kSteps[] = {{2, sim::ScanKind::info_received, true, nullptr},
                             {6, sim::ScanKind::pickup, true, "营业部"},
                             {9, sim::ScanKind::arrive, true, "转运中心"},
                             {11, sim::ScanKind::depart, true, "转运中心"},
                             {29, sim::ScanKind::arrive, false, "转运中心"},
                             {31, sim::ScanKind::depart, false, "转运中心"},
                             {34, sim::ScanKind::out_for_delivery, false, "营业部"},
                             {37, sim::ScanKind::delivered, false, nullptr}};
  for (const Step& s : kSteps) {
    sim::Scan scan;
    scan.at = start + sim::Duration(s.hour * 3600);
    scan.visible_at = scan.at;
    scan.kind = s.kind;
    if (s.kind != sim::ScanKind::info_received) scan.city = s.at_origin ? from : to;
    if (s.facility) scan.facility = (s.at_origin ? from_name : to_name) + s.facility;
    p.scans.push_back(std::move(scan));
  }
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const sim::Instant start = sim::Instant::from_unix(1'675'213'200);  // 2023-02-01T09:00+08:00
  sim::geo::Atlas::china();  // the atlas is part of every server; load it before the baseline
  long empty_rss = 0;
  {
    server::ServerOptions o;
    o.start = start;
    server::CarrierServer empty(std::move(o));
    if (!empty.start()) return std::fprintf(stderr, "cannot start the empty server\n"), 1;
    empty_rss = status_kb("VmRSS");
  }
  std::vector<sim::Parcel> parcels;
  parcels.reserve(n);
  for (std::size_t i = 0; i < n; ++i) parcels.push_back(make_parcel(i, start));
  const long parcels_rss = status_kb("VmRSS");
  server::ServerOptions o;
  o.start = start;
  o.parcels = std::move(parcels);  // as cmd_serve does; the server also restores it on reset
  server::CarrierServer loaded(std::move(o));
  if (!loaded.start()) return std::fprintf(stderr, "cannot start the loaded server\n"), 1;
  const long loaded_rss = status_kb("VmRSS");
  const long hwm = status_kb("VmHWM");
  const auto view =
      loaded.world().view(sim::Carrier::sf, "SF1000000000000", start + sim::Duration(86400 * 3));
  if (loaded.world().size() != n || !view || view->scans.size() != 8 ||
      view->scans.back().context.empty()) {
    return std::fprintf(stderr, "the loaded world is not what was built\n"), 1;
  }
  std::printf("parcels %zu (8 scans each)\n", n);
  std::printf("empty server      VmRSS %8ld kB\n", empty_rss);
  std::printf("+ Parcel vector   VmRSS %8ld kB (input as the loader hands it over)\n", parcels_rss);
  std::printf("loaded server     VmRSS %8ld kB (the vector handed over and freed)\n", loaded_rss);
  std::printf("peak              VmHWM %8ld kB (vector and table together while loading)\n", hwm);
  const double mb = static_cast<double>(loaded_rss - empty_rss) / 1024.0;
  std::printf("loaded - empty    %8.1f MB  (%.0f bytes per parcel; goal <= 400 MB: %s)\n", mb,
              mb * 1024.0 * 1024.0 / static_cast<double>(n), mb <= 400.0 ? "met" : "NOT met");
  return 0;
}

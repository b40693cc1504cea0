// The national line-haul network: transfer hubs (sorting centres) in every province and the
// links between them, built from sim/data/hubs.tsv (sources and method in that file's header).
// A HubNetwork is immutable after construction; all const methods are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/core/rng.h"
#include "sim/geo/atlas.h"
#include "sim/geo/ids.h"

namespace tracksim::sim::geo {

using HubId = std::uint16_t;  // index into HubNetwork::hubs()
inline constexpr HubId kNoHub = 0xFFFF;

enum class HubTier : std::uint8_t { regional, super };  // super: a national super-hub (郑州, ...)

struct Hub {
  HubId id;
  CityId city;
  ProvinceId province;
  HubTier tier;
};

class HubNetwork {
 public:
  // The built-in network over Atlas::china(), parsed once from the embedded hubs.tsv.
  static const HubNetwork& china();

  // Builds a network from TSV text (format in sim/data/hubs.tsv) over `atlas`, which must
  // outlive it. Errors name "hubs.tsv:line:col". Every province must have a hub.
  static Result<HubNetwork> parse(const Atlas& atlas, std::string_view hubs_tsv);

  // All hubs in file order; element i has id i.
  std::span<const Hub> hubs() const { return hubs_; }
  const Hub& hub(HubId id) const;
  // The hubs in province `p`, in file order (never empty for a province of the atlas).
  std::span<const HubId> hubs_of(ProvinceId p) const;
  // The hub in `city`, if the city has one.
  const Hub* hub_in(CityId city) const;
  // The hub serving `city`: the nearest hub of the city's own province (the city's own hub if
  // it has one), ties to the earlier hub in file order. Precomputed: a table lookup.
  HubId nearest_hub(CityId city) const;

  // Hubs directly linked by line haul to `id`, ascending.
  std::span<const HubId> links(HubId id) const;
  bool linked(HubId a, HubId b) const;
  // Great-circle distance between the hubs' cities.
  double distance_km(HubId a, HubId b) const;

  // The hub chain from `from` to `to`, both included, with 0 to 2 intermediate hubs, every
  // consecutive pair linked: the path of shortest total distance; paths within 2% of the
  // shortest count as ties, broken by one draw from `rng`. {from} when from == to. Such a path
  // always exists (every hub links to super-hubs, and super-hubs link to each other).
  std::vector<HubId> path(HubId from, HubId to, Rng& rng) const;
  // As path(), same draw and same result, without allocating: a view into a table of every
  // pair's tied shortest paths, computed once when the network is built.
  std::span<const HubId> path_view(HubId from, HubId to, Rng& rng) const;

 private:
  HubNetwork() = default;
  // One candidate chain of path(): up to 4 hubs.
  struct Chain {
    std::array<HubId, 4> hubs{};
    std::uint8_t size = 0;
    double km = 0;
  };
  void derive_links();
  void link(HubId a, HubId b);
  void derive_paths();
  std::vector<Chain> tied_paths(HubId from, HubId to) const;

  const Atlas* atlas_ = nullptr;
  std::vector<Hub> hubs_;
  std::vector<std::vector<HubId>> by_province_;
  std::vector<std::vector<HubId>> links_;
  std::vector<std::vector<ProvinceId>> adjacent_;  // per province
  std::vector<HubId> hub_by_city_;                 // kNoHub where a city has none
  std::vector<HubId> nearest_by_city_;             // nearest_hub() per city
  std::vector<Chain> chains_;                      // every pair's tied paths, pair by pair
  std::vector<std::uint32_t> chain_start_;         // pair (a, b) owns [start[a*n+b], start[+1])
};

}  // namespace tracksim::sim::geo

// Order, Upload and Address: the platform's side of a shipment, as the engine sees it.
// Value types; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/carrier/carrier.h"
#include "sim/core/interned.h"
#include "sim/core/money.h"
#include "sim/geo/ids.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

enum class OrderKind : std::uint8_t { in_stock, custom, presale, tiered };
inline constexpr std::size_t kOrderKindCount = 4;
std::string_view to_string(OrderKind kind);
std::optional<OrderKind> parse_order_kind(std::string_view name);
const std::array<std::string_view, kOrderKindCount>& order_kind_names();

// The promised ship time (承诺发货时间).
struct Promise {
  enum class Type : std::uint8_t { same_day, next_day, duration, ship_by };
  Type type = Type::duration;
  sim::Duration within{48 * 3600};  // for Type::duration
  sim::Instant ship_by;             // for Type::ship_by
};

struct Address {
  sim::geo::ProvinceId province = sim::geo::kNoProvince;
  sim::geo::CityId city = sim::geo::kNoCity;
  sim::Interned district;  // shared: a handful of names over millions of orders
  std::string phone_tail;
  friend bool operator==(const Address&, const Address&) = default;
};

// The merchant's tracking upload (发货).
struct Upload {
  sim::Instant at;
  sim::Carrier carrier = sim::Carrier::sf;
  std::string number;
};

struct Order {
  std::string id;
  OrderKind kind = OrderKind::in_stock;
  sim::Instant paid_at;
  Promise promise;
  sim::Money amount;
  Address ship_from;
  Address ship_to;
  bool buyer_requested_return = false;
  std::optional<Upload> upload;
};

}  // namespace tracksim::harness

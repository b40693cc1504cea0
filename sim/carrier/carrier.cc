#include "sim/carrier/carrier.h"

#include "sim/core/check.h"

namespace tracksim::sim {
namespace {

struct CarrierInfo {
  std::string_view code;
  std::string_view chinese_name;
  std::string_view kuaidi100_code;
};

constexpr std::array<CarrierInfo, kCarrierCount> kInfo = {{
    {"sf", "顺丰速运", "shunfeng"},
    {"zto", "中通快递", "zhongtong"},
    {"yto", "圆通速递", "yuantong"},
    {"yunda", "韵达快递", "yunda"},
    {"sto", "申通快递", "shentong"},
    {"jt", "极兔速递", "jtexpress"},
    {"jd", "京东快递", "jd"},
    {"ems", "中国邮政EMS", "ems"},
    {"youzheng", "邮政快递包裹", "youzhengguonei"},
    {"deppon", "德邦快递", "debangwuliu"},
    {"best", "百世快递", "huitongkuaidi"},
    {"tiantian", "天天快递", "tiantian"},
    {"fengwang", "丰网速运", "fengwang"},
    {"uc", "优速快递", "youshuwuliu"},
    {"zjs", "宅急送", "zhaijisong"},
    {"ane", "安能物流", "annengwuliu"},
}};

// Accepted spellings and what they mean: our code, then Kuaidi100's codes. "yunda", "jd", "ems"
// and "tiantian" are both ours and Kuaidi100's, so they appear once.
struct Alias {
  std::string_view name;
  Carrier carrier;
};
constexpr std::array<Alias, 30> kAliases = {{
    {"sf", Carrier::sf},
    {"shunfeng", Carrier::sf},
    {"zto", Carrier::zto},
    {"zhongtong", Carrier::zto},
    {"yto", Carrier::yto},
    {"yuantong", Carrier::yto},
    {"yunda", Carrier::yunda},
    {"sto", Carrier::sto},
    {"shentong", Carrier::sto},
    {"jt", Carrier::jt},
    {"jtexpress", Carrier::jt},
    {"jd", Carrier::jd},
    {"ems", Carrier::ems},
    {"youzheng", Carrier::youzheng},
    {"youzhengguonei", Carrier::youzheng},
    {"deppon", Carrier::deppon},
    {"debangwuliu", Carrier::deppon},
    {"debangkuaidi", Carrier::deppon},
    {"best", Carrier::best},
    {"huitongkuaidi", Carrier::best},
    {"baishiwuliu", Carrier::best},
    {"htky", Carrier::best},
    {"tiantian", Carrier::tiantian},
    {"fengwang", Carrier::fengwang},
    {"uc", Carrier::uc},
    {"youshuwuliu", Carrier::uc},
    {"zjs", Carrier::zjs},
    {"zhaijisong", Carrier::zjs},
    {"ane", Carrier::ane},
    {"annengwuliu", Carrier::ane},
}};

constexpr std::array<std::string_view, kAliases.size()> make_names() {
  std::array<std::string_view, kAliases.size()> names{};
  for (std::size_t i = 0; i < kAliases.size(); ++i) names[i] = kAliases[i].name;
  return names;
}
constexpr std::array<std::string_view, kAliases.size()> kNames = make_names();

const CarrierInfo& info(Carrier carrier) {
  const auto i = static_cast<std::size_t>(carrier);
  TS_CHECK(i < kCarrierCount);
  return kInfo[i];
}

}  // namespace

const std::array<Carrier, kCarrierCount>& all_carriers() {
  static constexpr std::array<Carrier, kCarrierCount> kAll = [] {
    std::array<Carrier, kCarrierCount> all{};
    for (std::size_t i = 0; i < kCarrierCount; ++i) all[i] = static_cast<Carrier>(i);
    return all;
  }();
  return kAll;
}

std::string_view code(Carrier carrier) { return info(carrier).code; }
std::string_view chinese_name(Carrier carrier) { return info(carrier).chinese_name; }
std::string_view kuaidi100_code(Carrier carrier) { return info(carrier).kuaidi100_code; }

std::optional<Carrier> parse_carrier(std::string_view name) {
  for (const Alias& alias : kAliases) {
    if (alias.name == name) return alias.carrier;
  }
  return std::nullopt;
}

std::span<const std::string_view> carrier_names() { return kNames; }

}  // namespace tracksim::sim

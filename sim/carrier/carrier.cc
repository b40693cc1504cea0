#include "sim/carrier/carrier.h"

#include "sim/core/check.h"

namespace tracksim::sim {
namespace {

struct CarrierInfo {
  std::string_view code;
  std::string_view chinese_name;
  std::string_view kuaidi100_code;
  std::string_view kdniao_code;
};

// KDNiao codes as KDNiao's published company list spells them (SF, ZTO, YTO, YD, STO, JTSD, JD,
// EMS, YZPY, DBL, HTKY, HHTT, UC, ZJS); FWX and ANE as public carrier lists pair them with
// KDNiao's.
constexpr std::array<CarrierInfo, kCarrierCount> kInfo = {{
    {"sf", "顺丰速运", "shunfeng", "SF"},
    {"zto", "中通快递", "zhongtong", "ZTO"},
    {"yto", "圆通速递", "yuantong", "YTO"},
    {"yunda", "韵达快递", "yunda", "YD"},
    {"sto", "申通快递", "shentong", "STO"},
    {"jt", "极兔速递", "jtexpress", "JTSD"},
    {"jd", "京东快递", "jd", "JD"},
    {"ems", "中国邮政EMS", "ems", "EMS"},
    {"youzheng", "邮政快递包裹", "youzhengguonei", "YZPY"},
    {"deppon", "德邦快递", "debangwuliu", "DBL"},
    {"best", "百世快递", "huitongkuaidi", "HTKY"},
    {"tiantian", "天天快递", "tiantian", "HHTT"},
    {"fengwang", "丰网速运", "fengwang", "FWX"},
    {"uc", "优速快递", "youshuwuliu", "UC"},
    {"zjs", "宅急送", "zhaijisong", "ZJS"},
    {"ane", "安能物流", "annengwuliu", "ANE"},
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

// The Chinese names dumps and people write, besides chinese_name(): short brand names and the
// older or longer forms.
constexpr std::array<Alias, 27> kChineseNames = {{
    {"顺丰", Carrier::sf},           {"顺丰快递", Carrier::sf},   {"中通", Carrier::zto},
    {"圆通", Carrier::yto},          {"圆通快递", Carrier::yto},  {"韵达", Carrier::yunda},
    {"韵达速递", Carrier::yunda},    {"申通", Carrier::sto},      {"极兔", Carrier::jt},
    {"极兔快递", Carrier::jt},       {"京东", Carrier::jd},       {"京东物流", Carrier::jd},
    {"邮政EMS", Carrier::ems},       {"邮政", Carrier::youzheng}, {"中国邮政", Carrier::youzheng},
    {"邮政包裹", Carrier::youzheng}, {"德邦", Carrier::deppon},   {"德邦物流", Carrier::deppon},
    {"百世", Carrier::best},         {"汇通", Carrier::best},     {"百世汇通", Carrier::best},
    {"天天", Carrier::tiantian},     {"丰网", Carrier::fengwang}, {"优速", Carrier::uc},
    {"安能", Carrier::ane},          {"安能快递", Carrier::ane},  {"宅急送快递", Carrier::zjs},
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

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
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
std::string_view kdniao_code(Carrier carrier) { return info(carrier).kdniao_code; }

std::optional<Carrier> parse_carrier(std::string_view name) {
  for (const Alias& alias : kAliases) {
    if (alias.name == name) return alias.carrier;
  }
  return std::nullopt;
}

std::span<const std::string_view> carrier_names() { return kNames; }

std::optional<Carrier> carrier_from_any_name(std::string_view name) {
  name = trim_spaces(name);
  for (const Alias& alias : kAliases) {
    if (equal_ignoring_ascii_case(alias.name, name)) return alias.carrier;
  }
  for (Carrier c : all_carriers()) {
    if (equal_ignoring_ascii_case(kdniao_code(c), name) || chinese_name(c) == name) return c;
  }
  for (const Alias& alias : kChineseNames) {
    if (alias.name == name) return alias.carrier;
  }
  return std::nullopt;
}

}  // namespace tracksim::sim

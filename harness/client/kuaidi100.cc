#include "harness/client/kuaidi100.h"

#include <vector>

#include "harness/client/json_doc.h"
#include "sim/carrier/carrier.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using Json = JsonValue;
using sim::ScanKind;

bool has(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (text.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// A field that may be a JSON string or number ("103" or 103).
std::optional<int> int_field(const Json& event, const char* key) {
  const auto v = event.get(key);
  if (!v) return std::nullopt;
  if (v->is_integer()) return static_cast<int>(v->integer());
  if (!v->is_string()) return std::nullopt;
  const std::string s(v->str());
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoi(s);
}

// The string at `key`, or "" when it is absent or not a string. Borrowed from `obj`.
std::string_view string_field(const Json& obj, const char* key) {
  const auto v = obj.get(key);
  return v ? v->str() : std::string_view();
}

// Every text between 【 and 】 in order (both brackets are 3 bytes in UTF-8).
std::vector<std::string_view> bracketed(std::string_view text) {
  constexpr std::string_view kOpen = "【";
  constexpr std::string_view kClose = "】";
  std::vector<std::string_view> out;
  for (std::size_t open = text.find(kOpen); open != std::string_view::npos;
       open = text.find(kOpen, open + kOpen.size())) {
    const std::size_t close = text.find(kClose, open);
    if (close == std::string_view::npos) break;
    out.push_back(text.substr(open + kOpen.size(), close - open - kOpen.size()));
  }
  return out;
}

// The city an event names: areaName "浙江省,杭州市,西湖区" (or "浙江,杭州市"), else the first
// 【...】 that is a known city, else `location`. A leading province is not read as a city: short
// names collide across provinces ("海南" is 海南省 and also 海南藏族自治州 in 青海), so the city is
// looked up among the later parts, within that province. The tracksim mock (`area_only`) always
// writes areaName when a scan has a city, so there nothing else is guessed.
sim::geo::CityId city_of(const Json& event, std::string_view context, bool area_only) {
  const auto& atlas = sim::geo::Atlas::china();
  const std::string_view area = string_field(event, "areaName");
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= area.size();) {
    const std::size_t comma = area.find(',', start);
    parts.push_back(area.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  const sim::geo::Province* province =
      parts.size() > 1 ? atlas.find_province(parts.front()) : nullptr;
  for (std::size_t i = province != nullptr ? 1 : 0; i < parts.size(); ++i) {
    const auto* c =
        province != nullptr ? atlas.find_city(parts[i], province->id) : atlas.find_city(parts[i]);
    if (c != nullptr) return c->id;
  }
  if (area_only) return sim::geo::kNoCity;
  for (std::string_view inner : bracketed(context)) {
    if (const auto* c = atlas.find_city(inner)) return c->id;
  }
  if (const auto* c = atlas.find_city(string_field(event, "location"))) return c->id;
  return sim::geo::kNoCity;
}

// The first 【...】 that is not a city: the facility, as carriers bracket it.
std::string facility_of(std::string_view context) {
  const auto& atlas = sim::geo::Atlas::china();
  for (std::string_view inner : bracketed(context)) {
    if (!inner.empty() && !atlas.find_city(inner)) return std::string(inner);
  }
  return {};
}

Error field_error(std::size_t i, const char* field, const std::string& why) {
  return Error{"data[" + std::to_string(i) + "]." + field + ": " + why, {}};
}

// tracksim extensions of an event: "facility" and "facilityType" replace what the wording
// gives; "visibleAt" (when the mock started showing the scan) replaces the event time.
Result<void> apply_extensions(const Json& e, std::size_t i, sim::Scan& s) {
  if (const auto facility = e.get("facility"); facility && facility->is_string()) {
    s.facility = facility->str();
  } else {
    s.facility = facility_of(s.text);
  }
  if (auto t = sim::parse_facility_type(string_field(e, "facilityType"))) s.facility_type = *t;
  if (const std::string_view shown = string_field(e, "visibleAt"); !shown.empty()) {
    auto v = sim::parse_timestamp(shown);
    if (!v) return unexpected(field_error(i, "visibleAt", v.error().message));
    s.visible_at = *v;
  }
  return {};
}

// tracksim extension: "consignee": {"city": "杭州市", "phoneTail": "1234"}.
void read_consignee(const Json& doc, sim::Parcel& parcel) {
  const auto c = doc.get("consignee");
  if (!c || !c->is_object()) return;
  if (const auto* city = sim::geo::Atlas::china().find_city(string_field(*c, "city"))) {
    parcel.consignee_city = city->id;
  }
  parcel.consignee_phone_tail = string_field(*c, "phoneTail");
}

}  // namespace

std::optional<ScanKind> kind_from_status_code(int code, std::string_view context) {
  switch (code) {
    case 101:
    case 102:
      return ScanKind::info_received;
    case 103:
      return ScanKind::pickup;
    case 5:
      return ScanKind::out_for_delivery;
    case 501:
    case 304:
      return ScanKind::locker;
    case 3:
    case 301:
    case 302:
    case 303:
      return ScanKind::delivered;
    case 204:
    case 206:
      return ScanKind::failed_attempt;
    case 2:
    case 201:
    case 202:
    case 203:
    case 205:
    case 207:
    case 208:
    case 209:
      return ScanKind::exception;
    case 6:
      return ScanKind::returning;
    case 4:
      return ScanKind::returned;
    case 401:
    case 210:
      return ScanKind::cancelled;
    case 1001:
    case 1002:
    case 1003:
    case 0:
      // In transit: the wording tells an arrival from a departure.
      if (auto k = kind_from_wording(context); k == ScanKind::arrive || k == ScanKind::depart) {
        return k;
      }
      return ScanKind::arrive;
    default:
      return std::nullopt;
  }
}

std::optional<ScanKind> kind_from_wording(std::string_view c) {
  if (has(c, {"销单", "拦截成功", "已取消", "取消寄件"})) return ScanKind::cancelled;
  if (has(c, {"退签", "退回签收", "已退回寄件人", "退件签收"})) return ScanKind::returned;
  if (has(c, {"退回", "退件", "返回寄件"})) return ScanKind::returning;
  if (has(c, {"代收", "快递柜", "丰巢", "驿站", "待取件", "取件码", "自提"})) {
    return has(c, {"已签收", "已取件", "取出"}) ? ScanKind::delivered : ScanKind::locker;
  }
  if (has(c, {"签收", "妥投", "已送达"})) return ScanKind::delivered;
  if (has(c, {"派送不成功", "派件失败", "未妥投", "无法联系", "拒收", "改约"})) {
    return ScanKind::failed_attempt;
  }
  if (has(c, {"派件", "派送", "投递员", "正在为您派"})) return ScanKind::out_for_delivery;
  if (has(c, {"疑难", "异常", "滞留", "破损", "问题件"})) return ScanKind::exception;
  if (has(c, {"已下单", "电子面单", "等待揽收", "待揽收", "已打印", "下单成功"})) {
    return ScanKind::info_received;
  }
  if (has(c, {"揽收", "揽件", "已收取快件", "已收件", "收件员"})) return ScanKind::pickup;
  if (has(c, {"发出", "发往", "离开", "已发车", "下一站"})) return ScanKind::depart;
  if (has(c, {"到达", "已到", "到件", "进港"})) return ScanKind::arrive;
  return std::nullopt;
}

namespace {

Result<TrackingAnswer> parse_document(const Json& doc) {
  if (!doc.is_object()) return unexpected("the carrier's answer is not a JSON object");
  TrackingAnswer out;
  if (const auto result = doc.get("result"); result && result->is_boolean() && !result->boolean()) {
    out.return_code = string_field(doc, "returnCode");
    out.message = string_field(doc, "message");
    return out;
  }
  const auto data = doc.get("data");
  if (!data || !data->is_array()) {
    return unexpected("the carrier's answer has no data[] list");
  }
  out.found = true;
  out.message = string_field(doc, "message");
  out.parcel.number = string_field(doc, "nu");
  if (auto c = sim::parse_carrier(string_field(doc, "com"))) out.parcel.carrier = *c;
  const std::vector<Json> events = data->elements();
  out.parcel.scans.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Json& e = events[i];
    if (!e.is_object()) return unexpected(field_error(i, "", "not an object"));
    std::string_view when = string_field(e, "ftime");
    if (when.empty()) when = string_field(e, "time");
    auto at = sim::parse_timestamp(when);
    if (!at) return unexpected(field_error(i, "ftime", at.error().message));
    const std::string_view context = string_field(e, "context");
    // tracksim extension: the scan kind by name wins over statusCode and wording.
    std::optional<ScanKind> kind = sim::parse_scan_kind(string_field(e, "kind"));
    if (!kind) {
      if (auto code = int_field(e, "statusCode")) kind = kind_from_status_code(*code, context);
    }
    if (!kind) kind = kind_from_wording(context);
    if (!kind) {
      return unexpected(field_error(
          i, "context",
          "cannot tell the scan kind from '" + std::string(context) + "' (no statusCode)"));
    }
    sim::Scan s;
    s.at = *at;
    s.visible_at = *at;
    s.kind = *kind;
    s.city = city_of(e, context, /*area_only=*/e.get("kind").has_value());
    s.text = context;
    if (auto ext = apply_extensions(e, i, s); !ext) return unexpected(ext.error());
    out.parcel.scans.push_back(std::move(s));
  }
  read_consignee(doc, out.parcel);
  return out;
}

}  // namespace

Result<TrackingAnswer> parse_kuaidi100(std::string_view body) {
  const auto doc = JsonDoc::parse(body);
  if (!doc) return unexpected("malformed JSON in the carrier's answer");
  return parse_document(doc->root());
}

Result<std::vector<Result<TrackingAnswer>>> parse_kuaidi100_batch(std::string_view body,
                                                                  std::size_t expected) {
  const auto doc = JsonDoc::parse(body);
  if (!doc) return unexpected("malformed JSON in the carrier's batch answer");
  const Json root = doc->root();
  if (!root.is_array()) return unexpected("the carrier's batch answer is not a JSON list");
  if (root.size() != expected) {
    return unexpected("the carrier's batch answer has " + std::to_string(root.size()) +
                      " entries for " + std::to_string(expected) + " numbers");
  }
  std::vector<Result<TrackingAnswer>> out;
  out.reserve(root.size());
  for (const Json& entry : root.elements()) out.push_back(parse_document(entry));
  return out;
}

}  // namespace tracksim::harness

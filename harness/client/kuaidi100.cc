#include "harness/client/kuaidi100.h"

#include <vector>

#include "harness/client/dump_time.h"
#include "harness/client/json_doc.h"
#include "harness/client/places.h"
#include "sim/carrier/carrier.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using Json = JsonValue;
using sim::ScanKind;

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

// The city an event names: areaCode or areaName, else the words (places.h), else `location`.
// The tracksim mock (`area_only`) always writes areaName when a scan has a city, so there
// nothing else is guessed.
sim::geo::CityId city_of(const Json& event, std::string_view context, bool area_only) {
  const auto city = city_of_area(string_field(event, "areaName"), string_field(event, "areaCode"));
  if (city != sim::geo::kNoCity || area_only) return city;
  if (const auto c = city_in_words(context); c != sim::geo::kNoCity) return c;
  return city_in_words(string_field(event, "location"));
}

Error field_error(std::string_view where, std::size_t i, const char* field,
                  const std::string& why) {
  return Error{std::string(where) + "data[" + std::to_string(i) + "]." + field + ": " + why, {}};
}

// tracksim extensions of an event: "facility" and "facilityType" replace what the wording
// gives; "visibleAt" (when the mock started showing the scan) replaces the event time.
Result<void> apply_extensions(const Json& e, std::string_view where, std::size_t i, sim::Scan& s) {
  if (const auto facility = e.get("facility"); facility && facility->is_string()) {
    s.facility = facility->str();
  } else {
    s.facility = facility_in_words(s.text);
  }
  if (auto t = sim::parse_facility_type(string_field(e, "facilityType"))) s.facility_type = *t;
  if (const std::string_view shown = string_field(e, "visibleAt"); !shown.empty()) {
    auto v = sim::parse_timestamp(shown);
    if (!v) return unexpected(field_error(where, i, "visibleAt", v.error().message));
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

namespace {

// What an event's codes say of its kind: statusCode, else the `status` word.
std::optional<KindClass> code_class(const Json& e) {
  if (auto code = int_field(e, "statusCode")) {
    if (auto c = class_of_status_code(*code)) return c;
  }
  return class_of_status_word(string_field(e, "status"));
}

}  // namespace

Result<TrackingAnswer> read_kuaidi100(const Json& doc, std::optional<sim::Carrier> carrier,
                                      std::string_view where, std::vector<EventNote>* notes) {
  if (!doc.is_object()) {
    return unexpected(Error{std::string(where) + ": not a JSON object (a Kuaidi100 answer)", {}});
  }
  TrackingAnswer out;
  // `result: false` means no record, unless events came with it anyway (some answers carry
  // result: false beside a full data[] list).
  const auto listed = doc.get("data");
  const bool has_events = listed && listed->is_array() && listed->size() > 0;
  if (const auto result = doc.get("result");
      result && result->is_boolean() && !result->boolean() && !has_events) {
    out.return_code = string_field(doc, "returnCode");
    out.message = string_field(doc, "message");
    return out;
  }
  const auto data = doc.get("data");
  if (!data || !data->is_array()) {
    return unexpected(Error{std::string(where) + "data: the answer has no data[] list", {}});
  }
  out.found = true;
  out.message = string_field(doc, "message");
  out.parcel.number = string_field(doc, "nu");
  if (auto c = sim::carrier_from_any_name(string_field(doc, "com"))) {
    out.parcel.carrier = *c;
    carrier = *c;
  } else if (carrier) {
    out.parcel.carrier = *carrier;
  }
  const std::vector<Json> events = data->elements();
  out.parcel.scans.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Json& e = events[i];
    if (!e.is_object()) return unexpected(field_error(where, i, "", "not an object"));
    std::string_view when = string_field(e, "ftime");
    if (when.empty()) when = string_field(e, "time");
    auto at = parse_dump_time(when);
    if (!at) return unexpected(field_error(where, i, "ftime", at.error().message));
    const std::string_view context = string_field(e, "context");
    KindEvidence evidence;
    evidence.own = sim::parse_scan_kind(string_field(e, "kind"));  // tracksim's extension
    if (!evidence.own) evidence.code = code_class(e);
    evidence.carrier = carrier;
    evidence.text = context;
    const KindReading kind = read_kind(evidence);
    sim::Scan s;
    s.at = *at;
    s.visible_at = *at;
    s.kind = kind.kind;
    s.city = city_of(e, context, /*area_only=*/evidence.own.has_value());
    s.text = context;
    if (auto ext = apply_extensions(e, where, i, s); !ext) return unexpected(ext.error());
    if (!evidence.own && s.facility_type == sim::FacilityType::unspecified) {
      s.facility_type = facility_type_of(s.facility);  // a real dump: no facilityType
    }
    out.parcel.scans.push_back(std::move(s));
    if (notes != nullptr) {
      notes->push_back({std::string(where) + "data[" + std::to_string(i) + "]", kind.basis});
    }
  }
  read_consignee(doc, out.parcel);
  return out;
}

namespace {

Result<TrackingAnswer> parse_document(const Json& doc) {
  return read_kuaidi100(doc, std::nullopt, "", nullptr);
}

}  // namespace

Result<TrackingAnswer> parse_kuaidi100(std::string_view body) {
  const auto doc = JsonDoc::parse(body);
  if (!doc) return unexpected(ErrorKind::protocol, "malformed JSON in the carrier's answer");
  return parse_document(doc->root());
}

Result<std::vector<Result<TrackingAnswer>>> parse_kuaidi100_batch(std::string_view body,
                                                                  std::size_t expected) {
  const auto doc = JsonDoc::parse(body);
  if (!doc) return unexpected(ErrorKind::protocol, "malformed JSON in the carrier's batch answer");
  const Json root = doc->root();
  if (!root.is_array())
    return unexpected(ErrorKind::protocol, "the carrier's batch answer is not a JSON list");
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

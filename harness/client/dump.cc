#include "harness/client/dump.h"

#include <algorithm>
#include <array>

#include "harness/client/dump_time.h"
#include "harness/client/json_doc.h"
#include "harness/client/places.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using Json = JsonValue;

constexpr std::array<std::string_view, 4> kShapeNames = {"kuaidi100", "kuaidi100-push", "kdniao",
                                                         "text"};

std::string_view string_field(const Json& obj, std::string_view key) {
  const auto v = obj.get(key);
  return v ? v->str() : std::string_view();
}

// An integer that may be written as a JSON number or a string of digits.
std::optional<int> int_field(const Json& obj, std::string_view key) {
  const auto v = obj.get(key);
  if (!v) return std::nullopt;
  if (v->is_integer()) {
    const std::int64_t n = v->integer();
    if (n < 0 || n > 1'000'000) return std::nullopt;
    return static_cast<int>(n);
  }
  const std::string_view s = v->str();
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const std::size_t a = s.find_first_not_of(kSpace);
  if (a == std::string_view::npos) return {};
  const std::size_t b = s.find_last_not_of(kSpace);
  s = s.substr(a, b - a + 1);
  // A UTF-8 byte-order mark or ideographic spaces at either end.
  for (std::string_view junk : {std::string_view("\xEF\xBB\xBF"), std::string_view("　")}) {
    while (s.substr(0, junk.size()) == junk) s.remove_prefix(junk.size());
    while (s.size() >= junk.size() && s.substr(s.size() - junk.size()) == junk) {
      s.remove_suffix(junk.size());
    }
  }
  return s;
}

Error at(std::string where, std::string why) { return Error{where + ": " + why, {}}; }

// "LINE:COL" of byte `offset` in `text`, both 1-based; columns count bytes, as compilers do.
std::string line_col(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line =
      1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t start = before.rfind('\n');
  const std::size_t col = offset - (start == std::string_view::npos ? 0 : start + 1) + 1;
  return std::to_string(line) + ":" + std::to_string(col);
}

// The error for `part` of `body` (a view into it) that JsonDoc refused, placed in `body`.
Error malformed_json(std::string_view body, std::string_view part) {
  const JsonProblem p = JsonDoc::problem(part);
  const auto start = static_cast<std::size_t>(part.data() - body.data());
  return Error{"malformed JSON: " + p.what, line_col(body, start + p.offset)};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded value decoding ('+' is a space).
std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// The value of field `name` in a form body, decoded; nullopt when absent.
std::optional<std::string> form_field(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) {
      return url_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

bool looks_like_form(std::string_view body) {
  body = trim(body);
  return body.substr(0, 6) == "param=" || body.find("&param=") != std::string_view::npos;
}

// KDNiao: a response, or a push whose `Data` holds responses (the first one is read).
std::optional<Json> kdniao_response(const Json& root) {
  if (!root.is_object()) return std::nullopt;
  if (root.get("Traces")) return root;
  if (const auto data = root.get("Data"); data && data->is_array() && data->size() > 0) {
    const Json first = data->elements().front();
    if (first.is_object() && first.get("Traces")) return first;
  }
  return std::nullopt;
}

std::optional<DumpShape> json_shape(const Json& root) {
  if (!root.is_object()) return std::nullopt;
  if (root.get("lastResult")) return DumpShape::kuaidi100_push;
  if (root.get("param") && root.get("param")->is_string()) return DumpShape::kuaidi100_push;
  if (kdniao_response(root)) return DumpShape::kdniao;
  if (root.get("data") || root.get("result") || root.get("returnCode")) {
    return DumpShape::kuaidi100;
  }
  return std::nullopt;
}

// The carrier a dump names: our code, a Kuaidi100 or KDNiao code in any case, a Chinese name.
std::optional<sim::Carrier> carrier_named(std::string_view name) {
  if (name.empty()) return std::nullopt;
  return sim::carrier_from_any_name(name);
}

// ---- Kuaidi100 query response and push ---------------------------------------------------

Result<Dump> read_query(const Json& root, std::optional<sim::Carrier> carrier,
                        std::string_view where, DumpShape shape) {
  Dump out;
  out.shape = shape;
  auto answer = read_kuaidi100(root, carrier, where, &out.notes);
  if (!answer) return unexpected(answer.error());
  out.names_carrier = root.is_object() && carrier_named(string_field(root, "com"));
  out.answer = std::move(*answer);
  return out;
}

Result<Dump> read_push_json(std::string_view param_text, std::optional<sim::Carrier> carrier,
                            std::string_view where) {
  const auto doc = JsonDoc::parse(param_text);
  if (!doc && where.empty()) return unexpected(malformed_json(param_text, param_text));
  if (!doc) {
    return unexpected(
        at(std::string(where), "malformed JSON: " + JsonDoc::problem(param_text).what));
  }
  const Json root = doc->root();
  if (!root.is_object()) return unexpected(at(std::string(where), "not a JSON object"));
  if (const auto inner = root.get("param"); inner && inner->is_string()) {
    return read_push_json(inner->str(), carrier, std::string(where) + "param.");
  }
  const auto last = root.get("lastResult");
  if (!last || !last->is_object()) {
    return unexpected(at(std::string(where) + "lastResult",
                         "a Kuaidi100 push body carries the trace in lastResult{...}"));
  }
  return read_query(*last, carrier, std::string(where) + "lastResult.", DumpShape::kuaidi100_push);
}

Result<Dump> read_push(std::string_view body, std::optional<sim::Carrier> carrier) {
  if (looks_like_form(body)) {
    const auto param = form_field(trim(body), "param");
    if (!param) return unexpected(at("param", "the push form has no param field"));
    return read_push_json(*param, carrier, "param.");
  }
  return read_push_json(body, carrier, "");
}

// ---- KDNiao -------------------------------------------------------------------------------

std::optional<KindClass> kdniao_class(const Json& trace) {
  if (auto a = int_field(trace, "Action")) return class_of_kdniao_action(*a);
  return std::nullopt;
}

Result<Dump> read_kdniao(const Json& root, std::optional<sim::Carrier> carrier) {
  const auto response = kdniao_response(root);
  if (!response) {
    return unexpected(at("Traces", "a KDNiao answer carries its events in Traces[...]"));
  }
  const Json& r = *response;
  Dump out;
  out.shape = DumpShape::kdniao;
  if (auto c = carrier_named(string_field(r, "ShipperCode"))) {
    carrier = c;
    out.names_carrier = true;
  }
  if (carrier) out.answer.parcel.carrier = *carrier;
  out.answer.parcel.number = string_field(r, "LogisticCode");
  const auto success = r.get("Success");
  const Json traces = *r.get("Traces");
  if (!traces.is_array()) return unexpected(at("Traces", "not a list"));
  out.answer.found = traces.size() > 0 || !success || !success->is_boolean() || success->boolean();
  out.answer.message = string_field(r, "Reason");
  const std::vector<Json> events = traces.elements();
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = "Traces[" + std::to_string(i) + "]";
    const Json& e = events[i];
    if (!e.is_object()) return unexpected(at(where, "not an object"));
    auto when = parse_dump_time(string_field(e, "AcceptTime"));
    if (!when) return unexpected(at(where + ".AcceptTime", when.error().message));
    const std::string_view text = string_field(e, "AcceptStation");
    KindEvidence evidence;
    evidence.code = kdniao_class(e);
    evidence.carrier = carrier;
    evidence.text = text;
    const KindReading kind = read_kind(evidence);
    sim::Scan s;
    s.at = *when;
    s.visible_at = *when;
    s.kind = kind.kind;
    s.city = city_in_words(text);
    if (s.city == sim::geo::kNoCity) s.city = city_in_words(string_field(e, "Location"));
    s.text = text;
    s.facility = facility_in_words(text);
    s.facility_type = facility_type_of(s.facility);
    out.answer.parcel.scans.push_back(std::move(s));
    out.notes.push_back({where, kind.basis});
  }
  return out;
}

// ---- pasted text --------------------------------------------------------------------------

struct Line {
  std::size_t number;
  std::string_view text;
};

std::vector<Line> lines_of(std::string_view body) {
  std::vector<Line> out;
  for (std::size_t number = 1; !body.empty(); ++number) {
    const std::size_t nl = body.find('\n');
    const std::string_view line = trim(body.substr(0, nl));
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    if (!line.empty()) out.push_back({number, line});
  }
  return out;
}

// Skips separators and a weekday between a timestamp and the words ("周六", "星期六").
std::string_view after_time(std::string_view rest) {
  for (bool again = true; again;) {
    again = false;
    const std::string_view before = rest;
    rest = trim(rest);
    for (std::string_view junk : {"|", ",", "，", "-", ":", "："}) {
      if (rest.substr(0, junk.size()) == junk) rest.remove_prefix(junk.size());
    }
    for (std::string_view day :
         {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日", "星期天", "周一",
          "周二", "周三", "周四", "周五", "周六", "周日", "周天"}) {
      if (rest.substr(0, day.size()) == day) rest.remove_prefix(day.size());
    }
    again = rest != before;
  }
  return trim(rest);
}

Result<Dump> read_text(std::string_view body, std::optional<sim::Carrier> carrier) {
  Dump out;
  out.shape = DumpShape::text;
  out.answer.found = true;
  if (carrier) out.answer.parcel.carrier = *carrier;
  const std::vector<Line> lines = lines_of(body);
  struct Event {
    std::size_t line;
    sim::Instant at;
    std::string text;
  };
  std::vector<Event> events;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    const auto lead = leading_time(l.text);
    if (lead && lead->has_time_of_day) {
      events.push_back({l.number, lead->at, std::string(after_time(l.text.substr(lead->length)))});
      continue;
    }
    if (lead) {  // a date alone: the time of day is on the next line (or before it)
      const std::string_view rest = after_time(l.text.substr(lead->length));
      if (i + 1 < lines.size() && rest.empty()) {
        if (const auto tod = leading_time_of_day(lines[i + 1].text)) {
          events.push_back({l.number, lead->at + sim::Duration(tod->first),
                            std::string(after_time(lines[i + 1].text.substr(tod->second)))});
          ++i;
          continue;
        }
      }
      return unexpected(at("line " + std::to_string(l.number),
                           "a date without a time of day ('" + std::string(l.text) + "')"));
    }
    if (const auto tod = leading_time_of_day(l.text); tod && i + 1 < lines.size()) {
      // time first, date on the next line
      if (const auto date = leading_time(lines[i + 1].text); date && !date->has_time_of_day) {
        events.push_back({l.number, date->at + sim::Duration(tod->first),
                          std::string(after_time(lines[i + 1].text.substr(date->length)))});
        ++i;
        continue;
      }
    }
    if (events.empty()) continue;  // a heading before the first event ("物流详情", a number)
    std::string& text = events.back().text;  // the words went on to another line
    text += text.empty() ? "" : " ";
    text += l.text;
  }
  if (events.empty()) {
    return unexpected(Error{
        "not a tracking dump: expected " + std::string(dump_shape_names()) +
            " (JSON with data[] / lastResult / Traces[], or lines that start with a time such "
            "as 2023-02-04 19:30:02)",
        {}});
  }
  for (const Event& e : events) {
    KindEvidence evidence;
    evidence.carrier = carrier;
    evidence.text = e.text;
    const KindReading kind = read_kind(evidence);
    sim::Scan s;
    s.at = e.at;
    s.visible_at = e.at;
    s.kind = kind.kind;
    s.city = city_in_words(e.text);
    s.text = e.text;
    s.facility = facility_in_words(e.text);
    s.facility_type = facility_type_of(s.facility);
    out.answer.parcel.scans.push_back(std::move(s));
    out.notes.push_back({"line " + std::to_string(e.line), kind.basis});
  }
  return out;
}

// What one event means can depend on the rest of the trace. 顺丰 writes 已装车 (loaded) as its
// departure scan, except in traces that also write 已发车 (the vehicle left): there 已装车 is a
// step still inside the facility.
void settle_in_context(Dump& d) {
  auto& scans = d.answer.parcel.scans;
  if (d.answer.parcel.carrier != sim::Carrier::sf) return;
  const auto says = [](const sim::Scan& s, std::string_view w) {
    return s.text.find(w) != std::string::npos;
  };
  const bool vehicle_left = std::any_of(scans.begin(), scans.end(),
                                        [&](const sim::Scan& s) { return says(s, "已发车"); });
  if (!vehicle_left) return;
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const bool from_words =
        d.notes[i].basis == KindBasis::wording || d.notes[i].basis == KindBasis::code;
    if (from_words && scans[i].kind == sim::ScanKind::depart && says(scans[i], "已装车") &&
        !says(scans[i], "已发车")) {
      scans[i].kind = sim::ScanKind::arrive;
    }
  }
}

// `t` is the trimmed `body`; errors are placed in `body`.
Result<Dump> read_any(std::string_view body, std::string_view t, DumpShape shape,
                      std::optional<sim::Carrier> carrier) {
  switch (shape) {
    case DumpShape::text:
      return read_text(t, carrier);
    case DumpShape::kuaidi100_push: {
      auto d = read_push(t, carrier);
      if (!d && !d.error().where.empty()) {
        // A JSON push body: the place is in `t`; move it into `body`.
        return unexpected(malformed_json(body, t));
      }
      return d;
    }
    case DumpShape::kuaidi100:
    case DumpShape::kdniao: {
      const auto doc = JsonDoc::parse(t);
      if (!doc) return unexpected(malformed_json(body, t));
      if (shape == DumpShape::kdniao) return read_kdniao(doc->root(), carrier);
      return read_query(doc->root(), carrier, "", DumpShape::kuaidi100);
    }
  }
  return unexpected(Error{"unknown dump shape", {}});
}

}  // namespace

std::string_view to_string(DumpShape shape) { return kShapeNames[static_cast<std::size_t>(shape)]; }

std::optional<DumpShape> parse_dump_shape(std::string_view name) {
  for (std::size_t i = 0; i < kShapeNames.size(); ++i) {
    if (kShapeNames[i] == name) return static_cast<DumpShape>(i);
  }
  return std::nullopt;
}

std::string_view dump_shape_names() { return "kuaidi100, kuaidi100-push, kdniao or text"; }

std::optional<DumpShape> detect_dump_shape(std::string_view body) {
  const std::string_view t = trim(body);
  if (t.empty()) return std::nullopt;
  if (looks_like_form(t)) return DumpShape::kuaidi100_push;
  if (t.front() == '{' || t.front() == '[') {
    const auto doc = JsonDoc::parse(t);
    if (!doc) return std::nullopt;
    return json_shape(doc->root());
  }
  for (const Line& l : lines_of(t)) {
    if (leading_time(l.text)) return DumpShape::text;
  }
  return std::nullopt;
}

Result<Dump> read_dump(std::string_view body, std::optional<DumpShape> shape,
                       std::optional<sim::Carrier> carrier) {
  const std::string_view t = trim(body);
  if (!shape) {
    shape = detect_dump_shape(t);
    if (!shape) {
      const bool json = !t.empty() && (t.front() == '{' || t.front() == '[');
      if (json && !JsonDoc::parse(t)) {
        Error e = malformed_json(body, t);
        e.message += " (expected " + std::string(dump_shape_names()) + ")";
        return unexpected(e);
      }
      return unexpected(Error{
          "not a tracking dump: expected " + std::string(dump_shape_names()) +
              " (JSON with data[] / lastResult / Traces[], or lines that start with a time such "
              "as 2023-02-04 19:30:02)",
          {}});
    }
  }
  auto d = read_any(body, t, *shape, carrier);
  if (d) settle_in_context(*d);
  return d;
}

std::string render_as_text(const sim::Parcel& parcel) {
  std::vector<const sim::Scan*> scans;
  for (const sim::Scan& s : parcel.scans) scans.push_back(&s);
  std::stable_sort(scans.begin(), scans.end(),
                   [](const sim::Scan* a, const sim::Scan* b) { return a->at < b->at; });
  std::string out;
  for (const sim::Scan* s : scans) {
    out += sim::format_beijing(s->at);
    out += ' ';
    out += s->text;
    out += '\n';
  }
  return out;
}

}  // namespace tracksim::harness

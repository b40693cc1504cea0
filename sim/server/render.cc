#include "sim/server/render.h"

#include <nlohmann/json.hpp>

#include "sim/core/text.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

// Appends `s` as a JSON string, byte for byte what nlohmann::json::dump() writes: UTF-8 passed
// through; quote, backslash and control characters escaped. Bodies are written directly rather
// than through a JSON tree, which cost a third of `tracksim run`'s time in allocations.
void append_string(std::string& out, std::string_view s) {
  // Ill-formed UTF-8: let nlohmann reject it exactly as it always did (it throws).
  if (!valid_utf8(s)) {
    out += Json(std::string(s)).dump();
    return;
  }
  constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// `"key":` then the string value, or null when `null_if_empty` and the value is empty.
void append_member(std::string& out, std::string_view key, std::string_view value,
                   bool null_if_empty = false) {
  out += '"';
  out += key;
  out += "\":";
  if (null_if_empty && value.empty()) {
    out += "null";
  } else {
    append_string(out, value);
  }
}

// One event, keys in nlohmann's (sorted) order; the last four are tracksim extensions, absent
// from real Kuaidi100 answers: what the wording may lose.
void append_event(std::string& out, const ShownScan& s) {
  const std::string when = format_beijing(s.at);
  out += '{';
  append_member(out, "areaCode", s.area_code, /*null_if_empty=*/true);
  out += ',';
  append_member(out, "areaName", s.area_name, /*null_if_empty=*/true);
  out += ',';
  append_member(out, "context", s.context);
  out += ',';
  append_member(out, "facility", s.facility);
  out += ',';
  append_member(out, "facilityType", to_string(s.facility_type));
  out += ',';
  append_member(out, "ftime", when);
  out += ',';
  append_member(out, "kind", to_string(s.kind));
  out += ',';
  append_member(out, "location", s.location);
  out += ',';
  append_member(out, "status", s.status.code_name);
  out += ',';
  append_member(out, "statusCode", std::to_string(s.status.status_code));
  out += ',';
  append_member(out, "time", when);
  out += ',';
  append_member(out, "visibleAt", format_beijing(s.visible_at));
  out += '}';
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string state_name(const TrackView& view) {
  if (view.scans.empty()) return "暂无轨迹";
  return std::string(view.scans.back().status.state_name);
}

constexpr std::string_view kPageStyle =
    "body{font-family:sans-serif;max-width:40rem;margin:2rem auto;color:#222}"
    "h1{font-size:1.3rem}.state{font-size:1.1rem;color:#c40}"
    "ol{list-style:none;padding:0}li{border-left:3px solid #ddd;padding:.4rem .8rem;margin:0}"
    "li:first-child{border-color:#c40}time{color:#777;display:block;font-size:.85rem}";

}  // namespace

std::string kuaidi100_json(const TrackView& view, bool ascending) {
  // Keys in the order nlohmann::json (a sorted map) always wrote them; clients must not care,
  // but the bytes stay what they were.
  std::string out;
  out.reserve(200 + view.scans.size() * 320);
  out += '{';
  append_member(out, "com", kuaidi100_code(view.carrier));
  out += ',';
  append_member(out, "condition", "F00");
  // tracksim extension: the waybill consignee, when the carrier shows it.
  const auto& cities = geo::Atlas::china().cities();
  const bool has_city = view.consignee_city != geo::kNoCity && view.consignee_city < cities.size();
  if (has_city || !view.consignee_phone_tail.empty()) {
    out += ",\"consignee\":{";
    if (has_city) append_member(out, "city", cities[view.consignee_city].full_name);
    if (!view.consignee_phone_tail.empty()) {
      if (has_city) out += ',';
      append_member(out, "phoneTail", view.consignee_phone_tail);
    }
    out += '}';
  }
  out += ",\"data\":[";
  const auto n = view.scans.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += ',';
    append_event(out, view.scans[ascending ? i : n - 1 - i]);
  }
  out += "],";
  append_member(out, "ischeck", view.delivered() ? "1" : "0");
  out += ',';
  append_member(out, "message", "ok");
  out += ',';
  append_member(out, "nu", view.number);
  out += ',';
  append_member(out, "state", view.state());
  out += ',';
  append_member(out, "status", "200");
  out += '}';
  return out;
}

std::string kuaidi100_error(std::string_view return_code, std::string_view message) {
  Json j = {{"result", false},
            {"returnCode", std::string(return_code)},
            {"message", std::string(message)}};
  // The message may quote a client's bytes (a path, a number): invalid UTF-8 becomes U+FFFD
  // rather than an exception.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string tracking_page_html(const TrackView& view) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<title>" +
      escape_html(chinese_name(view.carrier)) + " 运单 " + escape_html(view.number) +
      "</title><style>" + std::string(kPageStyle) + "</style></head><body>\n<h1>" +
      escape_html(chinese_name(view.carrier)) + " 运单号：" + escape_html(view.number) +
      "</h1>\n<p class=\"state\">当前状态：" + escape_html(state_name(view)) + "</p>\n";
  if (view.scans.empty()) {
    html += "<p>暂无物流信息，请稍后再查。</p>\n";
  } else {
    html += "<ol>\n";
    for (auto it = view.scans.rbegin(); it != view.scans.rend(); ++it) {
      html +=
          "<li><time>" + format_beijing(it->at) + "</time>" + escape_html(it->context) + "</li>\n";
    }
    html += "</ol>\n";
  }
  html += "</body></html>\n";
  return html;
}

}  // namespace tracksim::sim::server

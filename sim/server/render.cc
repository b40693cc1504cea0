#include "sim/server/render.h"

#include <nlohmann/json.hpp>

#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::sim::server {
namespace {

using Json = nlohmann::json;

Json event_json(const ShownScan& s) {
  const std::string when = format_beijing(s.at);
  Json e = {{"time", when},
            {"ftime", when},
            {"context", s.context},
            {"location", s.location},
            {"status", std::string(s.status.state_name)},
            {"statusCode", std::to_string(s.status.status_code)}};
  e["areaCode"] = s.area_code.empty() ? Json(nullptr) : Json(s.area_code);
  e["areaName"] = s.area_name.empty() ? Json(nullptr) : Json(s.area_name);
  // tracksim extensions (absent from real Kuaidi100 answers): what the wording may lose.
  e["kind"] = std::string(to_string(s.kind));
  e["facility"] = s.facility;
  e["facilityType"] = std::string(to_string(s.facility_type));
  e["visibleAt"] = format_beijing(s.visible_at);
  return e;
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
  Json data = Json::array();
  if (ascending) {
    for (const ShownScan& s : view.scans) data.push_back(event_json(s));
  } else {
    for (auto it = view.scans.rbegin(); it != view.scans.rend(); ++it) {
      data.push_back(event_json(*it));
    }
  }
  Json j = {{"message", "ok"},
            {"nu", view.number},
            {"com", std::string(kuaidi100_code(view.carrier))},
            {"state", view.state()},
            {"ischeck", view.delivered() ? "1" : "0"},
            {"condition", "F00"},
            {"status", "200"},
            {"data", std::move(data)}};
  // tracksim extension: the waybill consignee, when the carrier shows it.
  const auto& cities = geo::Atlas::china().cities();
  const bool has_city = view.consignee_city != geo::kNoCity && view.consignee_city < cities.size();
  if (has_city || !view.consignee_phone_tail.empty()) {
    Json consignee = Json::object();
    if (has_city) {
      consignee["city"] = std::string(geo::Atlas::china().city(view.consignee_city).full_name);
    }
    if (!view.consignee_phone_tail.empty()) consignee["phoneTail"] = view.consignee_phone_tail;
    j["consignee"] = std::move(consignee);
  }
  return j.dump();
}

std::string kuaidi100_error(std::string_view return_code, std::string_view message) {
  Json j = {{"result", false},
            {"returnCode", std::string(return_code)},
            {"message", std::string(message)}};
  return j.dump();
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

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "harness/report/report.h"
#include "harness/rules/engine.h"
#include "harness/runner/judge.h"
#include "harness/runner/order_tracker.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

using sim::Instant;

constexpr std::int64_t kWidth = 1100;  // SVG geometry, in px
constexpr std::int64_t kLeft = 120;
constexpr std::int64_t kRight = 20;
constexpr std::int64_t kTop = 34;  // room for deadline labels
constexpr std::int64_t kRow = 26;
constexpr std::int64_t kAxis = 24;

constexpr std::string_view kStyle = R"(
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",
 "WenQuanYi Zen Hei",sans-serif;
 margin:24px;color:#1f2328;background:#fff}
h1{margin:0 0 4px}h2{margin:28px 0 2px;font-size:19px}h3{margin:16px 0 4px;font-size:15px}
.meta{color:#59636e;margin:0 0 6px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d0d7de;padding:2px 8px;
 text-align:left;vertical-align:top}th{background:#f6f8fa}
.badge{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:12px;
 font-weight:600;vertical-align:middle}
.pass{background:#2e7d32}.fail{background:#c62828}.error{background:#6a1b9a}
.o-ok{color:#2e7d32}.o-violated{color:#c62828;font-weight:600}.o-pending{color:#a66b00}
.o-na{color:#8c959f}
section.scenario{border-top:2px solid #d0d7de}section.failed{border-top-color:#c62828}
div.order{margin:8px 0 18px;padding:6px 10px;border-left:4px solid #d0d7de}
div.order.failed{border-left-color:#c62828;background:#fff5f5}
ul.mismatch,p.failures{color:#c62828;font-weight:600;margin:4px 0}
p.failures a{color:#c62828}
details{margin:4px 0}summary{cursor:pointer;color:#59636e}
svg{display:block;max-width:100%;height:auto}svg text{font-size:11px;fill:#1f2328}
.legend span{margin-right:14px;white-space:nowrap}
)";

std::string_view outcome_colour(Outcome o) {
  switch (o) {
    case Outcome::ok:
      return "#2e7d32";
    case Outcome::violated:
      return "#c62828";
    case Outcome::pending:
      return "#f9a825";
    case Outcome::not_applicable:
      return "#bdbdbd";
  }
  return "#bdbdbd";
}

std::string outcome_span(Outcome o) {
  const std::string_view cls = o == Outcome::not_applicable ? "na" : to_string(o);
  return "<span class=\"o-" + std::string(cls) + "\">" + std::string(to_string(o)) + "</span>";
}

std::string num(std::int64_t v) { return std::to_string(v); }

// The time axis of one order's timeline: [t0, t1] onto [kLeft, kWidth - kRight]; instants
// outside (a far `until`) are drawn at the edge.
struct Axis {
  std::int64_t t0 = 0;
  std::int64_t t1 = 1;
  std::int64_t x(Instant t) const {
    const std::int64_t span = std::max<std::int64_t>(1, t1 - t0);
    const std::int64_t s = std::clamp<std::int64_t>(t.unix_seconds(), t0, t1);
    return kLeft + (s - t0) * (kWidth - kLeft - kRight) / span;
  }
  bool shows(Instant t) const { return t.unix_seconds() >= t0 && t.unix_seconds() <= t1; }
};

// What one order's timeline shows beyond the result: the order, its parcel and its deadlines.
struct OrderPicture {
  const OrderSpec* spec = nullptr;
  const ParcelSpec* parcel = nullptr;
  std::array<std::optional<Instant>, kRuleCount> deadlines{};
};

OrderPicture picture_of(const Scenario& s, const OrderSpec& spec, const CrossOrderIndex& index) {
  OrderPicture p;
  p.spec = &spec;
  const Order& order = spec.order;
  if (order.upload) p.parcel = s.find_parcel(order.upload->carrier, order.upload->number);
  const Verdict v = evaluate(order, view_of(p.parcel), s.until, *s.ruleset, index);
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (s.ruleset->rules.test(i)) p.deadlines[i] = v.rules[i].deadline;
  }
  if (s.ruleset->rules.test(0)) p.deadlines[0] = ship_deadline(order, *s.ruleset);
  return p;
}

// From payment to the last event; `until` joins when it is near, else it sits at the right edge
// so that a quiet month after delivery does not squeeze the scans together.
Axis axis_of(const ScenarioResult& r, const OrderResult& o, const OrderPicture& p) {
  const Order& order = p.spec->order;
  std::vector<std::int64_t> ts = {order.paid_at.unix_seconds()};
  if (order.upload) ts.push_back(order.upload->at.unix_seconds());
  for (const auto& d : p.deadlines) {
    if (d) ts.push_back(d->unix_seconds());
  }
  if (p.parcel) {
    for (const sim::Scan& sc : p.parcel->scans) {
      ts.push_back(sc.at.unix_seconds());
      ts.push_back(sc.visible_at.unix_seconds());
    }
  }
  for (const Transition& t : o.history) ts.push_back(t.at.unix_seconds());
  for (const Mismatch& m : o.mismatches) {
    if (m.at != r.until) ts.push_back(m.at.unix_seconds());
  }
  Axis a{*std::min_element(ts.begin(), ts.end()), *std::max_element(ts.begin(), ts.end())};
  const std::int64_t until = r.until.unix_seconds();
  if (until <= a.t1 + std::max<std::int64_t>(86400, (a.t1 - a.t0) / 3))
    a.t1 = std::max(a.t1, until);
  const std::int64_t pad = std::max<std::int64_t>(1800, (a.t1 - a.t0) / 40);
  a.t0 -= pad;
  if (a.t1 != until) a.t1 += pad;
  return a;
}

std::string title(std::string_view text) { return "<title>" + xml_escape(text) + "</title>"; }

// Day ticks at Beijing midnight (every k days so that labels do not collide), plus `until`.
void draw_axis(std::string& svg, const Axis& a, std::int64_t bottom, Instant until) {
  constexpr std::int64_t kDay = 86400;
  const std::int64_t offset = sim::kBeijingOffset.count();
  const std::int64_t days = (a.t1 - a.t0) / kDay + 1;
  const std::int64_t step = std::max<std::int64_t>(1, days / 14 + (days % 14 ? 1 : 0));
  const std::int64_t xu = a.x(until);
  std::int64_t day = (a.t0 + offset) / kDay + 1;
  for (; day * kDay - offset <= a.t1; ++day) {
    if (day % step != 0) continue;
    const Instant t = Instant::from_unix(day * kDay - offset);
    const std::int64_t x = a.x(t);
    const std::string date = sim::format_beijing(t).substr(5, 5);
    svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(kTop - 6) + "\" x2=\"" + num(x) + "\" y2=\"" +
           num(bottom) + "\" stroke=\"#eaeef2\"/>";
    if (x > xu - 105) continue;  // the `until` label's place
    svg += "<text x=\"" + num(x) + "\" y=\"" + num(bottom + 14) + "\" text-anchor=\"middle\">" +
           date + "</text>";
  }
  svg += "<g>" + title("until " + sim::format_timestamp(until));
  svg += "<line x1=\"" + num(xu) + "\" y1=\"" + num(kTop - 6) + "\" x2=\"" + num(xu) + "\" y2=\"" +
         num(bottom) + "\" stroke=\"#59636e\" stroke-dasharray=\"2 3\"/>";
  const std::string label =
      a.shows(until) ? "until"
                     : "until " + sim::format_beijing(until).substr(5, 5) + " \xE2\x86\x92";
  svg += "<text x=\"" + num(xu - 3) + "\" y=\"" + num(bottom + 14) +
         "\" text-anchor=\"end\" style=\"fill:#59636e\">" + label + "</text></g>";
}

void draw_deadlines(std::string& svg, const Axis& a, const OrderPicture& p, std::int64_t bottom) {
  static constexpr std::string_view kNames[kRuleCount] = {"ship", "pickup", "linehaul", "stall",
                                                          "fake"};
  int shown = 0;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!p.deadlines[i]) continue;
    const std::int64_t x = a.x(*p.deadlines[i]);
    const std::string label = std::string(kNames[i]) + " deadline";
    svg += "<g><line x1=\"" + num(x) + "\" y1=\"" + num(kTop - 6) + "\" x2=\"" + num(x) +
           "\" y2=\"" + num(bottom) + "\" stroke=\"#8250df\" stroke-dasharray=\"5 3\"/>";
    const bool near_right = x > kWidth - kRight - 110;  // the label goes left of the line
    svg += "<text x=\"" + num(near_right ? x - 3 : x + 3) + "\" y=\"" + num(10 + 11 * (shown % 2)) +
           "\" text-anchor=\"" + (near_right ? "end" : "start") + "\" style=\"fill:#8250df\">" +
           label + "</text>";
    svg += title(label + ": " + sim::format_timestamp(*p.deadlines[i])) + "</g>";
    ++shown;
  }
}

void row_label(std::string& svg, std::int64_t y, std::string_view label) {
  svg += "<text x=\"6\" y=\"" + num(y + 4) + "\">" + xml_escape(label) + "</text>";
  svg += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(y) + "\" x2=\"" + num(kWidth - kRight) +
         "\" y2=\"" + num(y) + "\" stroke=\"#d0d7de\"/>";
}

void draw_order_row(std::string& svg, const Axis& a, const OrderPicture& p, std::int64_t y) {
  row_label(svg, y, "order");
  const Order& order = p.spec->order;
  svg += "<circle cx=\"" + num(a.x(order.paid_at)) + "\" cy=\"" + num(y) +
         "\" r=\"6\" fill=\"#0969da\">" + title("paid " + sim::format_timestamp(order.paid_at)) +
         "</circle>";
  if (order.upload) {
    const std::int64_t x = a.x(order.upload->at);
    svg +=
        "<path d=\"M" + num(x) + " " + num(y - 7) + " l7 7 l-7 7 l-7 -7 z\" fill=\"#8250df\">" +
        title("upload " + sim::format_timestamp(order.upload->at) + "  " +
              std::string(sim::chinese_name(order.upload->carrier)) + " " + order.upload->number) +
        "</path>";
  }
}

void draw_scans(std::string& svg, const Axis& a, const OrderPicture& p, std::int64_t y) {
  row_label(svg, y, "scans");
  if (!p.parcel) return;
  for (const sim::Scan& sc : p.parcel->scans) {
    const std::int64_t x = a.x(sc.at);
    const bool lagged = sc.visible_at > sc.at;
    std::string tip = std::string(sim::to_string(sc.kind)) + " at " + sim::format_timestamp(sc.at);
    if (sc.visible_at != sc.at) tip += ", visible " + sim::format_timestamp(sc.visible_at);
    if (!sc.facility.empty()) tip += "\n" + sc.facility;
    if (!sc.text.empty()) tip += "\n" + sc.text;
    svg += "<g>" + title(tip);
    if (lagged) {
      const std::int64_t xv = a.x(sc.visible_at);
      svg += "<line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(xv) + "\" y2=\"" +
             num(y) + "\" stroke=\"#bf8700\" stroke-width=\"2\"/>";
      svg += "<circle cx=\"" + num(xv) + "\" cy=\"" + num(y) +
             "\" r=\"4\" fill=\"#fff\" stroke=\"#bf8700\" stroke-width=\"2\"/>";
    }
    const std::string_view colour = sim::is_physical(sc.kind) ? "#1f2328" : "#8c959f";
    svg += "<rect x=\"" + num(x - 2) + "\" y=\"" + num(y - 8) +
           "\" width=\"4\" height=\"16\" fill=\"" + std::string(colour) + "\"/></g>";
  }
}

// One rule's outcome over time as a coloured band, its changes as markers, its mismatches as
// red crosses.
void draw_rule(std::string& svg, const Axis& a, const ScenarioResult& r, const OrderResult& o,
               Rule rule, std::int64_t y) {
  row_label(svg, y, to_string(rule));
  std::vector<const Transition*> changes;
  for (const Transition& t : o.history) {
    if (t.rule == rule) changes.push_back(&t);
  }
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::int64_t x0 = a.x(changes[i]->at);
    const std::int64_t x1 = i + 1 < changes.size() ? a.x(changes[i + 1]->at) : a.x(r.until);
    svg += "<rect x=\"" + num(x0) + "\" y=\"" + num(y - 5) + "\" width=\"" +
           num(std::max<std::int64_t>(1, x1 - x0)) + "\" height=\"10\" fill=\"" +
           std::string(outcome_colour(changes[i]->to)) + "\" opacity=\"0.55\"/>";
  }
  for (const Transition* t : changes) {
    const std::int64_t x = a.x(t->at);
    const std::string from = t->from ? std::string(to_string(*t->from)) : "start";
    std::string tip = sim::format_timestamp(t->at) + "  " + from + " -> " +
                      std::string(to_string(t->to)) + (t->overturned ? " (overturned)" : "");
    if (!t->explanation.empty()) tip += "\n" + t->explanation;
    svg += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" +
           (t->overturned ? "7" : "5") + "\" fill=\"" + std::string(outcome_colour(t->to)) +
           "\" stroke=\"" + (t->overturned ? "#0969da" : "#fff") + "\" stroke-width=\"2\">" +
           title(tip) + "</circle>";
  }
  for (const Mismatch& m : o.mismatches) {
    const bool here = m.key == to_string(rule) ||
                      (rule == Rule::fake_shipment && m.key == "fake_shipment detectors");
    if (!here) continue;
    const std::int64_t x = a.x(m.at);
    svg += "<path d=\"M" + num(x - 7) + " " + num(y - 7) + " l14 14 m0 -14 l-14 14\" stroke=\"" +
           "#c62828\" stroke-width=\"3\">" +
           title("MISMATCH " + m.key + ": expected " + m.expected + ", got " + m.actual + " (" +
                 m.where + ")") +
           "</path>";
  }
}

std::string timeline_svg(const ScenarioResult& r, const OrderResult& o, const OrderPicture& p) {
  const Axis a = axis_of(r, o, p);
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (r.rules.test(i)) rules.push_back(static_cast<Rule>(i));
  }
  const std::int64_t rows = 2 + static_cast<std::int64_t>(rules.size());
  const std::int64_t bottom = kTop + rows * kRow - kRow / 2;
  const std::int64_t height = bottom + kAxis;
  std::string svg = "<svg role=\"img\" viewBox=\"0 0 " + num(kWidth) + " " + num(height) +
                    "\" width=\"" + num(kWidth) + "\" height=\"" + num(height) + "\">";
  svg += title("timeline of order " + o.id);
  draw_axis(svg, a, bottom, r.until);
  draw_deadlines(svg, a, p, bottom);
  draw_order_row(svg, a, p, kTop);
  draw_scans(svg, a, p, kTop + kRow);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    draw_rule(svg, a, r, o, rules[i], kTop + (2 + static_cast<std::int64_t>(i)) * kRow);
  }
  return svg + "</svg>\n";
}

std::string scans_table(const ParcelSpec& parcel) {
  std::vector<const sim::Scan*> scans;
  for (const sim::Scan& sc : parcel.scans) scans.push_back(&sc);
  std::stable_sort(scans.begin(), scans.end(), [](auto* x, auto* y) { return x->at < y->at; });
  std::string out = "<details><summary>" + num(static_cast<std::int64_t>(scans.size())) +
                    " scans of " + std::string(sim::chinese_name(parcel.carrier)) + " " +
                    xml_escape(parcel.number) +
                    "</summary><table><tr><th>at (Beijing)</th><th>visible</th><th>kind</th>"
                    "<th>facility</th><th>text</th></tr>";
  for (const sim::Scan* sc : scans) {
    out += "<tr><td>" + sim::format_beijing(sc->at) + "</td><td>" +
           (sc->visible_at == sc->at ? "" : sim::format_beijing(sc->visible_at)) + "</td><td>" +
           std::string(sim::to_string(sc->kind)) + "</td><td>" + xml_escape(sc->facility) +
           "</td><td>" + xml_escape(sc->text) + "</td></tr>";
  }
  return out + "</table></details>\n";
}

std::string order_html(const ScenarioResult& r, const OrderResult& o, const OrderPicture* p) {
  std::string out = "<div class=\"order" + std::string(o.passed() ? "" : " failed") + "\">";
  out += "<h3>order " + xml_escape(o.id) + " <span class=\"badge " +
         (o.passed() ? "pass\">PASS" : "fail\">FAIL") + "</span></h3>\n";
  if (!o.mismatches.empty()) {
    out += "<ul class=\"mismatch\">";
    for (const Mismatch& m : o.mismatches) {
      out += "<li>" + xml_escape(m.key) + " at " + sim::format_beijing(m.at) + ": expected " +
             xml_escape(m.expected) + ", got " + xml_escape(m.actual) + " <code>" +
             xml_escape(m.where) + "</code></li>";
    }
    out += "</ul>\n";
  }
  if (p) out += timeline_svg(r, o, *p);
  out += "<table><tr><th>rule</th><th>outcome at until</th><th>why</th></tr>";
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!r.rules.test(i)) continue;
    out += "<tr><td>" + std::string(rule_names()[i]) + "</td><td>" + outcome_span(o.outcomes[i]) +
           "</td><td>" + xml_escape(o.explanations[i]) + "</td></tr>";
  }
  std::string detectors;
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (o.detectors.test(i))
      detectors += (detectors.empty() ? "" : ", ") + std::string(detector_names()[i]);
  }
  out += "<tr><td>compensation</td><td>" + std::to_string(o.compensation_yuan) +
         " yuan</td><td>detectors: " + (detectors.empty() ? "none" : detectors) + "</td></tr>";
  out += "</table>\n";
  if (p && p->parcel) out += scans_table(*p->parcel);
  return out + "</div>\n";
}

std::string scenario_html(const ScenarioResult& r, const Scenario* s, std::size_t n) {
  const bool passed = r.passed();
  std::string out = "<section class=\"scenario" + std::string(passed ? "" : " failed") +
                    "\" id=\"s" + std::to_string(n) + "\"><h2>" + xml_escape(r.name) + " " +
                    "<span class=\"badge " + (passed ? "pass\">PASS" : "fail\">FAIL") +
                    "</span></h2>\n<p class=\"meta\">" + xml_escape(r.file) + " &middot; ruleset " +
                    xml_escape(r.ruleset) + " &middot; until " + sim::format_timestamp(r.until) +
                    "</p>\n";
  if (s && !s->description.empty()) out += "<p>" + xml_escape(s->description) + "</p>\n";
  for (const std::string& e : r.errors) {
    out += "<p class=\"mismatch\"><span class=\"badge error\">ERROR</span> " + xml_escape(e) +
           "</p>\n";
  }
  std::optional<CrossOrderIndex> index;
  if (s && s->ruleset) index.emplace(build_index(*s));
  for (const OrderResult& o : r.orders) {
    const OrderSpec* spec = nullptr;
    if (index) {
      for (const OrderSpec& cand : s->orders) {
        if (cand.order.id == o.id) spec = &cand;
      }
    }
    std::optional<OrderPicture> p;
    if (spec) p = picture_of(*s, *spec, *index);
    out += order_html(r, o, p ? &*p : nullptr);
  }
  return out + "</section>\n";
}

std::string legend() {
  return "<p class=\"legend\">"
         "<span><svg width=\"14\" height=\"14\" style=\"display:inline\"><circle cx=\"7\" cy=\"7\" "
         "r=\"6\" fill=\"#0969da\"/></svg> payment</span>"
         "<span><svg width=\"14\" height=\"14\" style=\"display:inline\"><path d=\"M7 0 l7 7 "
         "l-7 7 l-7 -7 z\" fill=\"#8250df\"/></svg> upload</span>"
         "<span style=\"color:#8250df\">&#8942; deadline</span>"
         "<span><svg width=\"30\" height=\"14\" style=\"display:inline\"><rect x=\"0\" y=\"0\" "
         "width=\"4\" height=\"14\" fill=\"#1f2328\"/><line x1=\"2\" y1=\"7\" x2=\"26\" y2=\"7\" "
         "stroke=\"#bf8700\" stroke-width=\"2\"/><circle cx=\"25\" cy=\"7\" r=\"4\" fill=\"#fff\" "
         "stroke=\"#bf8700\" stroke-width=\"2\"/></svg> scan, line to when it became visible</span>"
         "<span class=\"o-ok\">&#9679; ok</span><span class=\"o-violated\">&#9679; violated</span>"
         "<span class=\"o-pending\">&#9679; pending</span><span class=\"o-na\">&#9679; n/a</span>"
         "<span style=\"color:#0969da\">&#9711; overturned</span>"
         "<span style=\"color:#c62828;font-weight:600\">&#10005; mismatch</span>"
         " &middot; hover a mark for details; times are Beijing</p>\n";
}

std::string summary_html(const RunResult& run) {
  std::size_t mismatches = 0;
  for (const ScenarioResult& s : run.scenarios) {
    for (const OrderResult& o : s.orders) mismatches += o.mismatches.size();
  }
  const std::size_t failed = run.failed();
  std::string out = "<h1>tracksim report</h1>\n<p class=\"meta\">" +
                    std::to_string(run.scenarios.size()) +
                    " scenarios: " + std::to_string(run.scenarios.size() - failed) + " passed, " +
                    std::to_string(failed) + " failed &middot; " + std::to_string(run.orders()) +
                    " orders &middot; " + std::to_string(mismatches) +
                    " mismatches &middot; seed " + std::to_string(run.seed) + "</p>\n";
  std::string failures;
  for (std::size_t i = 0; i < run.scenarios.size(); ++i) {
    if (run.scenarios[i].passed()) continue;
    failures += std::string(failures.empty() ? "" : " &middot; ") + "<a href=\"#s" +
                std::to_string(i) + "\">" + xml_escape(run.scenarios[i].name) + "</a>";
  }
  if (!failures.empty()) out += "<p class=\"failures\">Failed: " + failures + "</p>\n";
  out +=
      "<table><tr><th>scenario</th><th>file</th><th>ruleset</th><th>orders</th>"
      "<th>result</th></tr>\n";
  for (std::size_t i = 0; i < run.scenarios.size(); ++i) {
    const ScenarioResult& s = run.scenarios[i];
    const bool passed = s.passed();
    out += "<tr><td><a href=\"#s" + std::to_string(i) + "\">" + xml_escape(s.name) +
           "</a></td><td>" + xml_escape(s.file) + "</td><td>" + xml_escape(s.ruleset) +
           "</td><td>" + std::to_string(s.orders.size()) + "</td><td><span class=\"badge " +
           (passed ? "pass\">PASS" : (s.errors.empty() ? "fail\">FAIL" : "error\">ERROR")) +
           "</span></td></tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string html_report(const RunResult& run, const std::vector<const Scenario*>& scenarios) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>tracksim report</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  out += summary_html(run);
  out += legend();
  for (std::size_t i = 0; i < run.scenarios.size(); ++i) {
    const Scenario* s = i < scenarios.size() ? scenarios[i] : nullptr;
    out += scenario_html(run.scenarios[i], s, i);
  }
  return out + "</body>\n</html>\n";
}

}  // namespace tracksim::harness

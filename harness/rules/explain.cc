#include "harness/rules/explain.h"

#include "harness/rules/engine.h"
#include "sim/carrier/number.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

std::string t(sim::Instant i) { return sim::format_beijing(i); }

std::string scan_words(const sim::Scan* s) {
  if (!s) return "";
  std::string out = std::string(sim::to_string(s->kind)) + " scan";
  if (s->city != sim::geo::kNoCity) {
    out += " in " + std::string(sim::geo::Atlas::china().city(s->city).full_name);
  }
  if (!s->facility.empty()) out += " at " + s->facility;
  if (s->visible_at != s->at) out += ", shown from " + t(s->visible_at);
  return out;
}

// "1h30m before" / "5h after" the deadline.
std::string relative(sim::Instant event, sim::Instant deadline) {
  if (event == deadline) return "exactly at";
  const sim::Duration d = event - deadline;
  return d < sim::Duration(0) ? sim::format_duration(-d) + " before"
                              : sim::format_duration(d) + " after";
}

std::string ship(const RuleVerdict& v, const Order& o, const Ruleset& rs) {
  const std::string deadline = "the ship deadline " + t(*v.deadline);
  const std::string what =
      rs.ship_shipped_at == ShippedAt::upload ? "valid tracking upload" : "pickup scan";
  switch (v.reason) {
    case Reason::shipped_in_time:
    case Reason::shipped_late:
      return "shipped " + t(*v.event_at) + " (" +
             (v.scan ? scan_words(v.scan) : "upload of " + o.upload->number) + "), " +
             relative(*v.event_at, *v.deadline) + " " + deadline;
    case Reason::not_shipped_yet:
      return "no " + what + " yet; " + deadline + " has not passed";
    case Reason::invalid_number:
      return "the uploaded number " + o.upload->number + " does not fit " +
             std::string(sim::code(o.upload->carrier)) + "'s format (" +
             sim::check_number(o.upload->carrier, o.upload->number).reason +
             "), so it counts as no upload; " + deadline + " passed " +
             sim::format_duration(v.lateness) + " ago";
    default:
      return "no " + what + " by " + deadline + "; " + sim::format_duration(v.lateness) +
             " late so far";
  }
}

std::string timed(std::string_view obligation, const RuleVerdict& v) {
  const std::string deadline = "the deadline " + t(*v.deadline);
  switch (v.reason) {
    case Reason::event_in_time:
    case Reason::event_late:
      return std::string(obligation) + " " + t(*v.event_at) + " (" + scan_words(v.scan) + "), " +
             relative(*v.event_at, *v.deadline) + " " + deadline;
    case Reason::waiting:
      return "no " + std::string(obligation) + " seen yet; " + deadline + " has not passed";
    default:
      return "no " + std::string(obligation) + " seen by " + deadline;
  }
}

std::string stall(const RuleVerdict& v) {
  const std::string limit = sim::format_duration(v.limit);
  if (v.reason == Reason::gap_too_long && v.scan) {
    return "no scan for " + sim::format_duration(*v.event_at - v.scan_before->at) + " between " +
           scan_words(v.scan_before) + " and " + scan_words(v.scan) + ", above the " + limit +
           " limit";
  }
  if (v.reason == Reason::gap_too_long) {
    return "no scan since " + t(v.scan_before->at) + " (" + scan_words(v.scan_before) +
           "), above the " + limit + " limit";
  }
  if (v.outcome == Outcome::ok) {
    return "transit ended with the " + scan_words(v.scan) + " and no gap exceeded " + limit;
  }
  return "in transit, no gap above " + limit + " so far; next scan due by " + t(*v.deadline);
}

std::string fake(const Verdict& verdict, const Order& o) {
  if (verdict[Rule::fake_shipment].outcome == Outcome::ok) return "no detector fired";
  std::string out;
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (!verdict.detectors.test(i)) continue;
    const DetectorHit& hit = verdict.hits[i];
    std::string part(to_string(static_cast<Detector>(i)));
    switch (static_cast<Detector>(i)) {
      case Detector::reused_number:
        part += " (" + o.upload->number + " was uploaded earlier for another address)";
        break;
      case Detector::copied_track:
        part += " (another uploaded number shows the identical scans)";
        break;
      case Detector::no_pickup_48h:
        part += " (no pickup within the window after the upload)";
        break;
      default:
        if (hit.first && hit.second) {
          part += " (" + scan_words(hit.first) + " " + t(hit.first->at) + " then " +
                  scan_words(hit.second) + " " + t(hit.second->at) + ")";
        } else if (hit.first) {
          part += " (" + scan_words(hit.first) + " " + t(hit.first->at) + ")";
        }
    }
    out += (out.empty() ? "" : "; ") + part;
  }
  return "fired: " + out;
}

}  // namespace

std::string explain(Rule rule, const Verdict& verdict, const Order& order, const Ruleset& rs) {
  const RuleVerdict& v = verdict[rule];
  switch (v.reason) {
    case Reason::not_in_ruleset:
      return "ruleset " + rs.name + " has no " + std::string(to_string(rule));
    case Reason::no_valid_upload:
      return "n/a: no tracking number uploaded yet, so nothing to judge";
    case Reason::no_pickup_yet:
      return "n/a: no pickup seen yet to measure from";
    case Reason::no_hub_scan_yet:
      return "n/a: no hub scan yet, transit has not started";
    default:
      break;
  }
  if (v.reason == Reason::invalid_number && rule != Rule::ship_timeout) {
    return "n/a: the uploaded number " + order.upload->number + " does not fit " +
           std::string(sim::code(order.upload->carrier)) + "'s format (" +
           sim::check_number(order.upload->carrier, order.upload->number).reason + ")";
  }
  switch (rule) {
    case Rule::ship_timeout:
      return ship(v, order, rs);
    case Rule::pickup_timeout:
      return timed("picked up", v);
    case Rule::linehaul_timeout:
      return timed("left for line haul", v);
    case Rule::transit_stall:
      return stall(v);
    case Rule::fake_shipment:
      return fake(verdict, order);
  }
  return {};
}

}  // namespace tracksim::harness

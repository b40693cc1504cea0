// tracksim replay: one real order (ORDER.yaml) and the carrier's tracking dump (Kuaidi100 JSON)
// judged as `judge` would: timeline, verdict history, plain-words outcomes, and optionally the
// JSON and HTML reports `run` writes and a scenario that reproduces the case.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/client/kuaidi100.h"
#include "harness/report/report.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/writer.h"
#include "sim/carrier/carrier.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

struct ReplayOptions {
  std::string order;
  std::string track;
  std::string ruleset;
  std::string at;
  std::string json;
  std::string html;
  std::string emit;
};

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return unexpected(Error{"cannot read file", path});
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// The ruleset as the emitted scenario names it: a shipped name, or an absolute path.
std::string ruleset_reference(const std::string& flag) {
  for (std::string_view n : shipped_ruleset_names()) {
    if (n == flag) return flag;
  }
  return std::filesystem::absolute(flag).string();
}

// The dump's parcel, checked against the order's upload (the dump must be that number's).
Result<ParcelSpec> dump_parcel(const std::string& file, const Scenario& s) {
  auto text = read_text(file);
  if (!text) return unexpected(text.error());
  auto answer = parse_kuaidi100(*text);
  if (!answer) return unexpected(Error{answer.error().message, file});
  ParcelSpec p;
  static_cast<sim::Parcel&>(p) = std::move(answer->parcel);
  p.where = file;
  const auto& upload = s.orders.front().order.upload;
  if (upload) {
    if (!p.number.empty() && p.number != upload->number) {
      return unexpected(Error{
          "nu: the dump is for '" + p.number + "' but the order uploaded '" + upload->number + "'",
          file});
    }
    p.carrier = upload->carrier;
    p.number = upload->number;
  } else if (p.number.empty()) {
    return unexpected(Error{"nu: the dump names no number and the order has no upload", file});
  }
  return p;
}

// Every physical scan needs a city in a scenario file; name the dump entry that lacks one.
Result<void> check_cities(const std::string& file, const ParcelSpec& p) {
  for (std::size_t i = 0; i < p.scans.size(); ++i) {
    const sim::Scan& sc = p.scans[i];
    if (sim::is_physical(sc.kind) && sc.city == sim::geo::kNoCity) {
      return unexpected(Error{"data[" + std::to_string(i) +
                                  "].areaName: no known city in areaName, context or location ('" +
                                  sc.text + "'); a scenario needs one for --emit",
                              file});
    }
  }
  return {};
}

void print_timeline(std::ostream& out, const ParcelSpec& p) {
  const auto& atlas = sim::geo::Atlas::china();
  std::vector<const sim::Scan*> scans;
  for (const sim::Scan& sc : p.scans) scans.push_back(&sc);
  std::stable_sort(scans.begin(), scans.end(),
                   [](const sim::Scan* a, const sim::Scan* b) { return a->at < b->at; });
  out << "timeline (" << sim::code(p.carrier) << ' ' << p.number << ", oldest first):\n";
  if (scans.empty()) out << "  (no scans)\n";
  for (const sim::Scan* sc : scans) {
    const std::string city = sc->city == sim::geo::kNoCity
                                 ? std::string("-")
                                 : std::string(atlas.city(sc->city).full_name);
    out << "  " << sim::format_timestamp(sc->at) << "  " << sim::to_string(sc->kind) << "  " << city
        << "  " << (sc->facility.empty() ? "-" : sc->facility) << "  " << sc->text << '\n';
  }
}

void print_verdicts(std::ostream& out, const ScenarioResult& r) {
  const OrderResult& o = r.orders.front();
  out << "\nverdict history (ruleset " << r.ruleset << ", judged until "
      << sim::format_timestamp(r.until) << "):\n";
  for (const Transition& t : o.history) {
    out << "  " << sim::format_timestamp(t.at) << "  " << to_string(t.rule) << ": "
        << (t.from ? std::string(to_string(*t.from)) + " -> " : std::string()) << to_string(t.to)
        << (t.overturned ? " (overturned)" : "") << "  " << t.explanation << '\n';
  }
  out << "\noutcomes:\n";
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!r.rules.test(i)) continue;
    out << "  " << rule_names()[i] << ": " << to_string(o.outcomes[i]) << "  " << o.explanations[i]
        << '\n';
  }
  out << "  compensation: " << o.compensation_yuan << " yuan\n";
  for (const Mismatch& m : o.mismatches) {
    out << "MISMATCH " << m.where << ": " << m.key << " at " << sim::format_timestamp(m.at)
        << ": expected " << m.expected << ", got " << m.actual << '\n';
  }
}

// The scenario that reproduces the case: the order expecting the replay's outcomes.
Scenario emitted(Scenario s, const OrderResult& r) {
  s.name = "replay of order " + s.orders.front().order.id;
  s.description = "emitted by tracksim replay from " + s.file + " and " + s.parcels.front().where;
  s.tags = {"replay"};
  OrderSpec& spec = s.orders.front();
  Expectation e;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (s.ruleset->has(static_cast<Rule>(i))) e.outcomes[i] = r.outcomes[i];
  }
  if (r.detectors.any()) e.detectors = r.detectors;
  e.compensation_yuan = r.compensation_yuan;
  spec.expect = e;
  spec.expect_at.clear();
  return s;
}

Result<Scenario> replay_scenario(const ReplayOptions& o) {
  RulesetPtr fixed;
  if (!o.ruleset.empty()) {
    auto rs = load_ruleset(o.ruleset);
    if (!rs) return unexpected(Error{rs.error().to_string(), "--ruleset"});
    fixed = *rs;
  }
  auto text = read_text(o.order);
  if (!text) return unexpected(text.error());
  auto s = parse_order_yaml(*text, o.order, fixed);
  if (!s) return unexpected(s.error());
  if (!o.ruleset.empty()) s->ruleset_name = ruleset_reference(o.ruleset);
  auto p = dump_parcel(o.track, *s);
  if (!p) return unexpected(p.error());
  for (const sim::Scan& sc : p->scans) {
    s->until = std::max(s->until, sc.at + sim::Duration(7 * 86400));
  }
  if (!o.at.empty()) {
    auto t = sim::parse_timestamp(o.at);
    if (!t) return unexpected(Error{t.error().message, "--at"});
    if (*t < s->start) return unexpected(Error{"is before the order's paid_at", "--at"});
    s->until = *t;
  }
  s->parcels.push_back(std::move(*p));
  return s;
}

int cmd_replay(const ReplayOptions& o, std::ostream& out, std::ostream& err) {
  auto s = replay_scenario(o);
  if (!s) return err << s.error().to_string() << '\n', code(ExitCode::invalid);
  if (!o.emit.empty()) {
    if (auto c = check_cities(o.track, s->parcels.front()); !c) {
      return err << c.error().to_string() << '\n', code(ExitCode::invalid);
    }
  }
  RunResult run;
  run.scenarios.push_back(judge_scenario(*s));
  print_timeline(out, s->parcels.front());
  print_verdicts(out, run.scenarios.front());
  auto write = [&](const std::string& path, const std::string& content) {
    if (auto w = write_file_atomically(path, content); !w) {
      err << "tracksim: " << w.error().to_string() << '\n';
      return false;
    }
    return true;
  };
  if (!o.json.empty() && !write(o.json, json_report(run))) return code(ExitCode::invalid);
  if (!o.html.empty() && !write(o.html, html_report(run, {&*s}))) return code(ExitCode::invalid);
  if (!o.emit.empty()) {
    const Scenario e = emitted(*s, run.scenarios.front().orders.front());
    if (!write(o.emit, write_scenario_yaml(e))) return code(ExitCode::invalid);
    out << "\nwrote " << o.emit << " (tracksim judge " << o.emit << " reproduces the case)\n";
  }
  return code(run.passed() ? ExitCode::ok : ExitCode::mismatch);
}

}  // namespace

Command add_replay_command(CLI::App& app) {
  auto o = std::make_shared<ReplayOptions>();
  CLI::App* cmd = app.add_subcommand(
      "replay", "Replay one real order and its tracking dump: timeline, verdicts, explanations");
  cmd->add_option("--order", o->order, "The order (one `orders:` entry, YAML)")
      ->required()
      ->type_name("ORDER.yaml");
  cmd->add_option("--track", o->track, "The carrier's Kuaidi100 query response (JSON)")
      ->required()
      ->type_name("DUMP.json");
  cmd->add_option("--ruleset", o->ruleset,
                  "Ruleset name or file (default: the shipped one in force at paid_at)")
      ->type_name("R");
  cmd->add_option("--at", o->at, "Judge until this instant (default: 7 days after the last time)")
      ->type_name("T");
  cmd->add_option("--json", o->json, "Write the JSON report to FILE")->type_name("FILE");
  cmd->add_option("--html", o->html, "Write the HTML report (the order's timeline) to FILE")
      ->type_name("FILE");
  cmd->add_option("--emit", o->emit, "Write a scenario that reproduces the case")
      ->type_name("FILE");
  return {cmd, [o](std::ostream& out, std::ostream& err) { return cmd_replay(*o, out, err); }};
}

}  // namespace tracksim::harness

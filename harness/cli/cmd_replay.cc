// tracksim replay: one real order (ORDER.yaml) and the carrier's tracking dump (Kuaidi100 query or
// push, KDNiao, or pasted text; harness/client/dump.h) judged as `judge` would: timeline, verdict
// history, plain-words outcomes, the events whose kind was guessed and the verdicts that depend
// on them, and optionally the JSON and HTML reports `run` writes and a scenario that reproduces
// the case.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/client/kuaidi100.h"
#include "harness/report/report.h"
#include "harness/runner/judge.h"
#include "harness/runner/replay.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/writer.h"
#include "sim/carrier/carrier.h"
#include "sim/core/atomic_file.h"
#include "sim/core/input_file.h"
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
  std::string format = "auto";
  bool strict = false;
};

Result<std::string> read_text(const std::string& path) { return sim::read_input_file(path); }

// The ruleset as the emitted scenario names it: a shipped name, or an absolute path.
std::string ruleset_reference(const std::string& flag) {
  for (std::string_view n : shipped_ruleset_names()) {
    if (n == flag) return flag;
  }
  return std::filesystem::absolute(flag).string();
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

// Oldest first; a kind that was guessed carries a '?'.
void print_timeline(std::ostream& out, const ParcelSpec& p, const std::vector<EventNote>& notes) {
  const auto& atlas = sim::geo::Atlas::china();
  std::vector<std::size_t> order(p.scans.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p.scans[a].at < p.scans[b].at; });
  out << "timeline (" << sim::code(p.carrier) << ' ' << p.number << ", oldest first):\n";
  if (order.empty()) out << "  (no scans)\n";
  for (std::size_t i : order) {
    const sim::Scan& sc = p.scans[i];
    const bool guessed = i < notes.size() && notes[i].basis == KindBasis::guessed;
    const std::string city = sc.city == sim::geo::kNoCity
                                 ? std::string("-")
                                 : std::string(atlas.city(sc.city).full_name);
    out << "  " << sim::format_timestamp(sc.at) << "  " << sim::to_string(sc.kind)
        << (guessed ? "?" : "") << "  " << city << "  "
        << (sc.facility.empty() ? "-" : std::string(sc.facility)) << "  " << sc.text << '\n';
  }
}

// The events read as in-transit scans because nothing told their kind, and what hangs on them.
void print_guesses(std::ostream& err, const std::string& file,
                   const std::vector<UncertainScan>& guesses) {
  if (guesses.empty()) return;
  err << "tracksim: warning: " << file << ": " << guesses.size()
      << (guesses.size() == 1 ? " event" : " events")
      << " whose kind could not be told from the dump, read as in-transit scans:\n";
  for (const UncertainScan& u : guesses) {
    err << "  " << u.where << "  " << sim::format_timestamp(u.at) << "  '" << u.text << "'  ";
    if (u.affects.empty()) {
      err << "(no verdict depends on it)\n";
      continue;
    }
    err << "(";
    for (std::size_t k = 0; k < u.affects.size(); ++k) {
      err << (k ? ", " : "") << to_string(u.affects[k]);
    }
    err << " would change were it another kind)\n";
  }
}

// Says in each affected rule's explanation that its verdict rests on guessed events.
void mark_guesses(OrderResult& o, const std::vector<UncertainScan>& guesses) {
  o.uncertain = guesses;
  for (std::size_t k = 0; k < kRuleCount; ++k) {
    std::vector<std::string_view> places;
    for (const UncertainScan& u : guesses) {
      for (Rule r : u.affects) {
        if (static_cast<std::size_t>(r) == k) places.push_back(u.where);
      }
    }
    if (places.empty()) continue;
    std::string note = " (depends on ";
    for (std::size_t i = 0; i < places.size(); ++i)
      note += (i ? ", " : "") + std::string(places[i]);
    note += places.size() == 1 ? ", an event whose kind was guessed)"
                               : ", events whose kind was guessed)";
    o.explanations[k] += note;
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

struct ReplayCase {
  Scenario scenario;
  std::vector<EventNote> notes;
};

Result<ReplayCase> replay_scenario(const ReplayOptions& o) {
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
  std::optional<DumpShape> shape;
  if (o.format != "auto") {
    shape = parse_dump_shape(o.format);
    if (!shape) {
      return unexpected(Error{"unknown dump format '" + o.format + "' (expected auto, " +
                                  std::string(dump_shape_names()) + ")",
                              "--format"});
    }
  }
  auto body = read_text(o.track);
  if (!body) return unexpected(body.error());
  auto p = read_replay_dump(o.track, *body, *s, shape);
  if (!p) return unexpected(p.error());
  for (const sim::Scan& sc : p->parcel.scans) {
    s->until = std::max(s->until, sc.at + sim::Duration(7 * 86400));
  }
  if (!o.at.empty()) {
    auto t = sim::parse_timestamp(o.at);
    if (!t) return unexpected(Error{t.error().message, "--at"});
    if (*t < s->start) return unexpected(Error{"is before the order's paid_at", "--at"});
    s->until = *t;
  }
  s->parcels.push_back(std::move(p->parcel));
  return ReplayCase{std::move(*s), std::move(p->notes)};
}

int cmd_replay(const ReplayOptions& o, std::ostream& out, std::ostream& err) {
  auto c = replay_scenario(o);
  if (!c) return err << c.error().to_string() << '\n', code(exit_code_of(c.error().kind));
  const Scenario* s = &c->scenario;
  if (o.strict) {
    std::string places;
    for (const EventNote& n : c->notes) {
      if (n.basis == KindBasis::guessed) places += (places.empty() ? "" : ", ") + n.where;
    }
    if (!places.empty()) {
      err << o.track << ": " << places
          << ": cannot tell the scan kind from the dump (--strict refuses guessed events)\n";
      return code(ExitCode::invalid);
    }
  }
  if (!o.emit.empty()) {
    if (auto cities = check_cities(o.track, s->parcels.front()); !cities) {
      return err << cities.error().to_string() << '\n', code(exit_code_of(cities.error().kind));
    }
  }
  RunResult run;
  run.scenarios.push_back(judge_scenario(*s));
  const std::vector<UncertainScan> guesses = guessed_scans(*s, c->notes);
  mark_guesses(run.scenarios.front().orders.front(), guesses);
  print_timeline(out, s->parcels.front(), c->notes);
  print_verdicts(out, run.scenarios.front());
  print_guesses(err, o.track, guesses);
  auto write = [&](const std::string& path, const std::string& content) {
    if (auto w = sim::write_file_atomically(path, content); !w) {
      err << "tracksim: " << w.error().to_string() << '\n';
      return false;
    }
    return true;
  };
  if (!o.json.empty() && !write(o.json, json_report(run))) return code(ExitCode::invalid);
  if (!o.html.empty() && !write(o.html, html_report(run, {s}))) return code(ExitCode::invalid);
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
  cmd->add_option("--track", o->track,
                  "The tracking dump: a Kuaidi100 query response or push body, a KDNiao "
                  "response, or text pasted from a carrier's page")
      ->required()
      ->type_name("DUMP");
  cmd->add_option("--format", o->format,
                  "The dump's shape: auto (detected), kuaidi100, kuaidi100-push, kdniao or text")
      ->type_name("F");
  cmd->add_flag("--strict", o->strict,
                "Refuse (exit 2) a dump with events whose kind cannot be told, instead of "
                "reading them as in-transit scans with a warning");
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

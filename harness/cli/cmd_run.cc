#include <memory>
#include <ostream>

#include "harness/cli/commands.h"
#include "harness/runner/http_runner.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

constexpr const char* kRunHelp =
    "Run scenarios over HTTP: each scenario's parcels are served by an embedded mock carrier\n"
    "website (127.0.0.1, a free port, manual virtual clock from the scenario's start); the\n"
    "runner steps the clock through every instant that matters (payment, upload, scan and\n"
    "visibility times, deadlines, expect_at, until) and every --poll-every of virtual time,\n"
    "polls the carrier for each uploaded order, and judges what came back. A poll that fails\n"
    "(5xx, timeout, bad body) is retried, never judged as \"no scans\"; one that stays unknown\n"
    "is reported as an error and fails its scenario. Same report and exit codes as `judge`\n"
    "(0 all expectations met, 1 some not met, 2 invalid input or usage), and the same verdicts.\n"
    "Polls go out as POST /track/batch requests of up to 100 numbers; one whose answer cannot\n"
    "have changed (the carrier's visible scans are those of the last answer) is not sent, and\n"
    "one may wait for a batch while its number's visible scans stay the same. With\n"
    "--engine exec:CMD the external engine judges what came back.";

// How `run` takes the carrier's answers: "poll" (default) or "push", with push faults given as
// "drop=0.05,delay=0.05,duplicate=0.05,reorder=0.05,bad_sign=0.05,storm=0.05" (or all=P).
struct ViaOptions {
  std::string via = "poll";
  std::string push_faults;
};

Result<std::vector<sim::server::PushFaultRule>> parse_push_fault_spec(const std::string& spec) {
  std::string json = "[";
  std::size_t from = 0;
  while (from < spec.size()) {
    const std::size_t comma = std::min(spec.find(',', from), spec.size());
    const std::string item = spec.substr(from, comma - from);
    from = comma + 1;
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos)
      return unexpected("--push-faults: expected KIND=P, got '" + item + "'");
    const std::string kind = item.substr(0, eq), p = item.substr(eq + 1);
    if (p.empty() || p.find_first_not_of("0123456789.") != std::string::npos)
      return unexpected("--push-faults: '" + item + "': P must be a number from 0 to 1");
    for (const char* k : {"drop", "delay", "duplicate", "reorder", "bad_sign", "storm"}) {
      if (kind == k || kind == "all") {
        json += std::string(json.size() > 1 ? "," : "") + R"({"kind":")" + k +
                R"(","probability":)" + p + "}";
      }
    }
  }
  json += "]";
  return sim::server::parse_push_fault_rules(json);
}

int cmd_run(const RunOptions& o, const std::string& poll_every, const ViaOptions& via,
            std::ostream& out, std::ostream& err) {
  auto every = sim::parse_duration(poll_every);
  if (!every || every->count() < 0) {
    err << "tracksim: --poll-every takes a duration such as 1h, 30m or 0s (off); got '"
        << poll_every << "'\n";
    return code(ExitCode::invalid);
  }
  RunnerOptions ro;
  ro.poll_every = *every;
  if (via.via != "poll" && via.via != "push") {
    err << "tracksim: --via takes poll or push; got '" << via.via << "'\n";
    return code(ExitCode::invalid);
  }
  ro.via_push = via.via == "push";
  if (!via.push_faults.empty()) {
    auto rules = parse_push_fault_spec(via.push_faults);
    if (!rules || !ro.via_push) {
      err << "tracksim: " << (rules ? "--push-faults needs --via push" : rules.error().message)
          << '\n';
      return code(ExitCode::invalid);
    }
    ro.push_faults = std::move(*rules);
  }
  if (ro.via_push) ro.push_tally = std::make_shared<RunnerOptions::PushTally>();
  auto judge = scenario_judge(
      o.engine, [&ro](const Scenario& s) { return run_scenario_http(s, ro); },
      [&ro](const Scenario& s, Evaluator& e) { return run_scenario_http(s, ro, e); });
  if (!judge) {
    return fail(err, judge.error());
  }
  const int rc = run_scenarios(o, *judge, out, err);
  if (ro.push_tally) {
    const PushCounts& c = ro.push_tally->counts;
    err << "push: " << c.received << " received, " << ro.push_tally->lost
        << " lost (dropped by the carrier), " << c.repeated << " repeated, " << c.reordered
        << " reordered (older than held), " << c.forged << " refused (bad sign), " << c.recovered
        << " recovered by reconciliation polls\n";
  }
  return rc;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  o->command = "run";
  auto poll_every = std::make_shared<std::string>("1h");
  auto via = std::make_shared<ViaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run scenarios against the embedded mock carrier website over HTTP (polling)");
  cmd->footer(kRunHelp);
  add_run_options(cmd, *o);
  cmd->add_option("--poll-every", *poll_every,
                  "Poll every watched order this often in virtual time (default 1h; 0s: off)")
      ->type_name("DURATION");
  cmd->add_option("--via", via->via,
                  "poll (default), or push: subscribe every uploaded number and judge on its "
                  "pushes, polling only to reconcile (docs/push.md)")
      ->type_name("MODE");
  cmd->add_option("--push-faults", via->push_faults,
                  "With --via push: drop=P,delay=P,duplicate=P,reorder=P,bad_sign=P,storm=P "
                  "or all=P")
      ->type_name("SPEC");
  return {cmd, [o, poll_every, via](std::ostream& out, std::ostream& err) {
            return cmd_run(*o, *poll_every, *via, out, err);
          }};
}

}  // namespace tracksim::harness

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

int cmd_run(const RunOptions& o, const std::string& poll_every, std::ostream& out,
            std::ostream& err) {
  auto every = sim::parse_duration(poll_every);
  if (!every || every->count() < 0) {
    err << "tracksim: --poll-every takes a duration such as 1h, 30m or 0s (off); got '"
        << poll_every << "'\n";
    return code(ExitCode::invalid);
  }
  RunnerOptions ro;
  ro.poll_every = *every;
  auto judge = scenario_judge(
      o.engine, [&ro](const Scenario& s) { return run_scenario_http(s, ro); },
      [&ro](const Scenario& s, Evaluator& e) { return run_scenario_http(s, ro, e); });
  if (!judge) {
    return fail(err, judge.error());
  }
  return run_scenarios(o, *judge, out, err);
}

}  // namespace

Command add_run_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  o->command = "run";
  auto poll_every = std::make_shared<std::string>("1h");
  CLI::App* cmd = app.add_subcommand(
      "run", "Run scenarios against the embedded mock carrier website over HTTP (polling)");
  cmd->footer(kRunHelp);
  add_run_options(cmd, *o);
  cmd->add_option("--poll-every", *poll_every,
                  "Poll every watched order this often in virtual time (default 1h; 0s: off)")
      ->type_name("DURATION");
  return {cmd, [o, poll_every](std::ostream& out, std::ostream& err) {
            return cmd_run(*o, *poll_every, out, err);
          }};
}

}  // namespace tracksim::harness

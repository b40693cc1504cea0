#include <ostream>

#include "harness/cli/commands.h"
#include "harness/runner/judge.h"

namespace tracksim::harness {

Command add_judge_command(CLI::App& app) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "judge", "Judge scenarios in process (no server): every order at every instant that matters");
  add_run_options(cmd, *o);
  return {cmd, [o](std::ostream& out, std::ostream& err) {
            auto judge = scenario_judge(o->engine);
            if (!judge) {
              return fail(err, judge.error());
            }
            return run_scenarios(*o, *judge, out, err);
          }};
}

}  // namespace tracksim::harness

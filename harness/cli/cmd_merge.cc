#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/runner/simulate_shard.h"

namespace tracksim::harness {
namespace {

int cmd_merge(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  std::vector<SimulateShard> shards;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(err, Error{"cannot read file", file, ErrorKind::io});
    std::ostringstream text;
    text << in.rdbuf();
    auto shard = parse_shard_json(text.str(), file);
    if (!shard) return fail(err, shard.error());
    shards.push_back(std::move(*shard));
  }
  auto run = merge_shards(shards, files);
  if (!run) return fail(err, run.error());
  auto rs = load_ruleset(run->ruleset);
  if (!rs) return fail(err, rs.error());
  PopulationOptions o;
  o.orders = run->orders;
  o.seed = run->seed;
  o.ruleset = run->ruleset;
  o.faults = run->faults;
  out << simulate_command_line(o) << '\n';
  print_dashboard(run->totals, **rs, out);
  out << "merged: " << files.size() << " shards\n";
  return run->totals.label_mismatches == 0 ? code(ExitCode::ok) : code(ExitCode::mismatch);
}

}  // namespace

Command add_merge_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "merge", "Combine the --json files of simulate's shards into the dashboard of one process");
  cmd->add_option("files", *files, "The shards' files (simulate --shard K/N --json FILE)")
      ->required();
  return {cmd,
          [files](std::ostream& out, std::ostream& err) { return cmd_merge(*files, out, err); }};
}

}  // namespace tracksim::harness

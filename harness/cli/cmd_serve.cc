#include <signal.h>

#include <memory>
#include <ostream>

#include "harness/cli/commands.h"
#include "harness/runner/served_world.h"
#include "harness/scenario/loader.h"
#include "sim/carrier/carrier.h"
#include "sim/server/carrier_server.h"
#include "sim/time/clock.h"

namespace tracksim::harness {
namespace {

struct ServeOptions {
  std::vector<std::string> scenarios;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string clock = "manual";
  std::string customer = "tracksim";
  std::string key = "tracksim-key";
  std::uint64_t seed = 0;
  std::string proxy;  // "": no proxy
  bool procedural = false;
  std::vector<std::string> carriers;
  std::string admin_token;  // --admin-token or TRACKSIM_ADMIN_TOKEN
  std::vector<std::string> callback_hosts;
};

// The proxy and procedural parts of the options; an error names the flag.
Result<void> add_serve_modes(const ServeOptions& o, sim::server::ServerOptions& so) {
  if (!o.proxy.empty()) {
    auto config = sim::server::parse_proxy_config(o.proxy);
    if (!config) return unexpected("--proxy: " + config.error().message);
    so.proxy = *config;
  }
  if (!o.carriers.empty() && !o.procedural) return unexpected("--carriers needs --procedural");
  so.callback_hosts = o.callback_hosts;
  so.procedural.enabled = o.procedural;
  so.procedural.seed = o.seed;
  for (const std::string& name : o.carriers) {
    auto carrier = sim::parse_carrier(name);
    if (!carrier) return unexpected("--carriers: unknown carrier '" + name + "'");
    so.procedural.carriers.push_back(*carrier);
  }
  return {};
}

// Serves until SIGINT or SIGTERM. The signals are blocked before the server's threads start, so
// they inherit the mask and only sigwait here sees them.
int cmd_serve(const ServeOptions& o, std::ostream& out, std::ostream& err) {
  auto mode = sim::server::parse_clock_mode(o.clock);
  if (!mode)
    return err << "tracksim: --clock: " << mode.error().message << '\n', code(ExitCode::invalid);
  sim::server::ServerOptions so;
  so.host = o.host;
  so.port = o.port;
  so.clock = *mode;
  so.customer = o.customer;
  so.key = o.key;
  so.seed = o.seed;
  so.loader = load_world_yaml;
  so.start = sim::SystemClock().now();
  so.admin_token = o.admin_token;
  if (auto exposed = sim::server::check_exposure(so); !exposed) {
    return err << "tracksim: " << exposed.error().message << '\n', code(ExitCode::invalid);
  }
  if (auto modes = add_serve_modes(o, so); !modes) {
    return err << "tracksim: " << modes.error().message << '\n', code(ExitCode::invalid);
  }
  if (!o.scenarios.empty()) {
    auto loaded = load_scenarios(o.scenarios);
    if (!loaded)
      return err << loaded.error().to_string() << '\n', code(exit_code_of(loaded.error().kind));
    sim::server::LoadedWorld world = world_of(*loaded);
    so.parcels = std::move(world.parcels);
    so.push_faults = std::move(world.push_faults);
    if (world.start) so.start = *world.start;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  sim::server::CarrierServer server(std::move(so));
  auto port = server.start();
  if (!port) return err << "tracksim: " << port.error().message << '\n', code(ExitCode::invalid);
  out << server.client_url() << std::endl;  // the first line, flushed: scripts wait for it
  if (server.proxy() != nullptr)
    err << "tracksim: upstream (no proxy faults) at " << server.url() << '\n';
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  err << "tracksim: stopped on signal " << received << '\n';
  return code(ExitCode::ok);
}

void add_serve_options(CLI::App* cmd, ServeOptions& o) {
  cmd->add_option("--scenario", o.scenarios, "Scenario files or folders whose parcels to serve")
      ->type_name("PATH");
  cmd->add_option("--host", o.host,
                  "Address to bind (default 127.0.0.1); any other needs --admin-token");
  cmd->add_option("--admin-token", o.admin_token,
                  "Bearer token every /__admin/ call must carry (docs/security.md)")
      ->envname("TRACKSIM_ADMIN_TOKEN")
      ->type_name("TOKEN");
  cmd->add_option("--port", o.port, "Port (default 0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--clock", o.clock, "manual (default), realtime, or xN (N times the wall)")
      ->type_name("MODE");
  cmd->add_option("--kuaidi100-customer", o.customer, "query.do customer (default tracksim)");
  cmd->add_option("--kuaidi100-key", o.key, "query.do signing key (default tracksim-key)");
  cmd->add_option("--seed", o.seed, "Seed of the HTTP faults, the proxy and procedural timelines");
  cmd->add_option("--proxy", o.proxy,
                  "TCP fault proxy in front; its URL is printed: on, or e.g. "
                  "latency=50ms,jitter=20ms,per=chunk,bandwidth=64k,reset=0.01,stall=0.1,slice=7")
      ->type_name("SPEC");
  cmd->add_flag("--procedural", o.procedural,
                "Answer any valid number with a timeline derived from (seed, carrier, number)");
  cmd->add_option("--carriers", o.carriers, "Carriers of --procedural (default all): sf,zto,...")
      ->delimiter(',')
      ->type_name("LIST");
  cmd->add_option("--allow-callback-hosts", o.callback_hosts,
                  "Push callback hosts allowed besides loopback (default none): a,b")
      ->delimiter(',')
      ->type_name("LIST");
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Run the mock carrier website; prints its URL as the first line of stdout");
  add_serve_options(cmd, *o);
  return {cmd, [o](std::ostream& out, std::ostream& err) { return cmd_serve(*o, out, err); }};
}

}  // namespace tracksim::harness

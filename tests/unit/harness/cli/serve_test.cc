// `tracksim serve` as a process: URL on the first line, scenario parcels served from the
// scenario's start, clean exit 0 on SIGTERM; bad flags exit 2.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/cli/app.h"

namespace tracksim::harness {
namespace {

int cli_code(std::vector<std::string> args) {
  args.insert(args.begin(), "tracksim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  return run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
}

TEST(Serve, BadFlagsExitTwo) {
  EXPECT_EQ(cli_code({"serve", "--clock", "fast"}), 2);
  EXPECT_EQ(cli_code({"serve", "--port", "70000"}), 2);
  EXPECT_EQ(cli_code({"serve", "--frobnicate"}), 2);
  EXPECT_EQ(cli_code({"serve", "--scenario", "/no/such/file.yaml"}), 2);
  EXPECT_EQ(cli_code({"serve", "--proxy", "latency=5"}), 2);
  EXPECT_EQ(cli_code({"serve", "--proxy", "frobnicate=1"}), 2);
  EXPECT_EQ(cli_code({"serve", "--procedural", "--carriers", "sf,dhl"}), 2);
  EXPECT_EQ(cli_code({"serve", "--carriers", "sf"}), 2);
}

TEST(Serve, PrintsItsUrlServesTheScenarioAndStopsOnSigterm) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const std::string scenario =
      std::string(TRACKSIM_SOURCE_DIR) + "/scenarios/ship_timeout/duration_promise.yaml";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    execl(TRACKSIM_BINARY, "tracksim", "serve", "--port", "0", "--scenario", scenario.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof line, out), nullptr);  // blocks until the server prints
  const std::string url(line);
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0U) << url;
  const int port = std::stoi(url.substr(17));
  httplib::Client client("127.0.0.1", port);
  auto clock = client.Get("/__admin/clock");
  ASSERT_TRUE(clock);
  EXPECT_EQ(nlohmann::json::parse(clock->body)["now"], "2023-03-10T10:00:00+08:00");
  ASSERT_TRUE(client.Post("/__admin/clock", R"({"advance":"3d"})", "application/json"));
  auto track = client.Get("/track/jt/JT3000000000011");
  ASSERT_TRUE(track);
  EXPECT_EQ(track->status, 200);
  EXPECT_FALSE(nlohmann::json::parse(track->body)["data"].empty());
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  fclose(out);
}

// With --proxy the first line is the proxy's URL; procedural numbers answer through it.
TEST(Serve, WithProxyPrintsTheProxyUrlAndServesProceduralNumbersThroughIt) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    execl(TRACKSIM_BINARY, "tracksim", "serve", "--procedural", "--seed", "5", "--carriers",
          "sf,zto", "--proxy", "latency=1ms,jitter=1ms,slice=5", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof line, out), nullptr);
  const std::string url(line);
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0U) << url;
  httplib::Client client("127.0.0.1", std::stoi(url.substr(17)));
  auto proxy = client.Get("/__admin/proxy");
  ASSERT_TRUE(proxy);
  const auto j = nlohmann::json::parse(proxy->body);
  EXPECT_EQ(j["url"], url.substr(0, url.size() - 1));  // the line is the proxy's URL
  EXPECT_EQ(j["spec"], "latency=1ms,jitter=1ms,slice=5");
  auto track = client.Get("/track/zto/78" + std::string(10, '1'));
  ASSERT_TRUE(track);
  EXPECT_EQ(track->status, 200);
  auto other = client.Get("/track/yto/YT" + std::string(13, '1'));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  fclose(out);
}

// The issue's example: `serve --host 0.0.0.0` used to start with the admin API open to all.
TEST(Serve, RefusesANonLoopbackHostWithoutAnAdminToken) {
  const char* saved = std::getenv("TRACKSIM_ADMIN_TOKEN");
  ASSERT_EQ(saved, nullptr) << "the test needs TRACKSIM_ADMIN_TOKEN unset";
  std::vector<std::string> args = {"tracksim", "serve", "--host", "0.0.0.0"};
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  EXPECT_EQ(run_cli(static_cast<int>(argv.size()), argv.data(), out, err), 2);
  EXPECT_NE(err.str().find("refusing to listen on 0.0.0.0 without an admin token"),
            std::string::npos)
      << err.str();
  EXPECT_EQ(out.str(), "") << "nothing may be served";
}

// The token from the environment guards /__admin/ of the real process; tracking stays open.
TEST(Serve, TakesTheAdminTokenFromTheEnvironment) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    setenv("TRACKSIM_ADMIN_TOKEN", "env-token", 1);
    execl(TRACKSIM_BINARY, "tracksim", "serve", "--procedural", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[256] = {};
  ASSERT_NE(fgets(line, sizeof line, out), nullptr);
  const std::string url(line);
  ASSERT_EQ(url.rfind("http://127.0.0.1:", 0), 0U) << url;
  httplib::Client client("127.0.0.1", std::stoi(url.substr(17)));
  auto refused = client.Get("/__admin/clock");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto allowed = client.Get("/__admin/clock", {{"Authorization", "Bearer env-token"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200);
  auto track = client.Get("/track/zto/78" + std::string(10, '1'));
  ASSERT_TRUE(track);
  EXPECT_EQ(track->status, 200);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  fclose(out);
}

}  // namespace
}  // namespace tracksim::harness

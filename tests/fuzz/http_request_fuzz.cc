// The server's request handling (method, path, query, headers, form body) over a real loopback
// connection: each input is sent as raw bytes to one CarrierServer. Invariants: the answer, if
// any, is an HTTP status line that is not 5xx (the server never fails on a client's bytes); the
// server answers a plain tracking request afterwards. An incomplete request holds a worker until
// the server's 5 s read timeout, so this target runs at tens of executions a second.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "sim/server/carrier_server.h"
#include "tests/fuzz/fuzz_support.h"

using namespace tracksim;

namespace {

sim::server::CarrierServer& server() {
  static sim::server::CarrierServer* s = [] {
    sim::server::ServerOptions o;
    o.procedural.enabled = true;
    auto* created = new sim::server::CarrierServer(std::move(o));
    if (!created->start()) std::abort();
    return created;
  }();
  return *s;
}

// Sends `raw` and returns what came back (up to 64 KB) until the server closes or is silent for
// `wait_ms`. No half-close: httplib drops a connection whose peer shut down writing unanswered.
std::string exchange(int port, std::string_view raw, int wait_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{wait_ms / 1000, (wait_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {  // NOLINT
    (void)::send(fd, raw.data(), raw.size(), MSG_NOSIGNAL);
    char buf[4096];
    while (got.size() < 65536) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return got;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int port = server().port();
  const std::string answer = exchange(port, fuzz::text_of(data, size), 100);
  if (answer.size() >= 12) {
    FUZZ_CHECK(answer.rfind("HTTP/1.1 ", 0) == 0, answer.substr(0, 80));
    FUZZ_CHECK(answer[9] != '5', answer.substr(0, 200));
  }
  const std::string check = exchange(
      port, "GET /track/zto/781111111111 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10'000);
  FUZZ_CHECK(check.rfind("HTTP/1.1 200", 0) == 0, "not served afterwards: " + check.substr(0, 80));
  return 0;
}

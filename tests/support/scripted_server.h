// ScriptedServer: a tiny cpp-httplib server on 127.0.0.1, port 0, whose answers to GET and POST a
// test scripts; started in the constructor (waits until ready), stopped and joined in the
// destructor.
// The handler runs on server threads; keep what it touches atomic or locked.
#pragma once

#include <httplib.h>

#include <functional>
#include <thread>

namespace tracksim::testing {

class ScriptedServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit ScriptedServer(Handler handler) {
    auto call = [h = std::move(handler)](const httplib::Request& q, httplib::Response& r) {
      h(q, r);
    };
    server_.Get(".*", call);
    server_.Post(".*", call);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::yield();  // listening within microseconds
  }
  ~ScriptedServer() {
    server_.stop();
    thread_.join();
  }
  ScriptedServer(const ScriptedServer&) = delete;
  ScriptedServer& operator=(const ScriptedServer&) = delete;

  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace tracksim::testing

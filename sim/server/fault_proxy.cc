#include "sim/server/fault_proxy.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/core/rng.h"
#include "sim/server/asio.h"

namespace tracksim::sim::server {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr std::size_t kChunk = 16 * 1024;
constexpr std::size_t kMaxSlice = 64 * 1024;

Result<std::uint64_t> parse_count(std::string_view key, std::string_view v) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end == v.data()) return unexpected(std::string(key) + ": not a number");
  return n;
}

Result<milliseconds> parse_millis(std::string_view key, std::string_view v) {
  std::uint64_t unit = 0;
  if (v.ends_with("ms")) {
    unit = 1, v.remove_suffix(2);
  } else if (v.ends_with("s")) {
    unit = 1000, v.remove_suffix(1);
  } else {
    return unexpected(std::string(key) + ": expected a duration like 50ms or 2s");
  }
  auto n = parse_count(key, v);
  if (!n) return unexpected(n.error());
  if (*n > static_cast<std::uint64_t>(kMaxProxyDelay.count()) / unit) {
    return unexpected(std::string(key) + ": at most " + std::to_string(kMaxProxyDelay.count()) +
                      "ms");
  }
  return milliseconds(static_cast<milliseconds::rep>(*n * unit));
}

Result<std::uint64_t> parse_bandwidth(std::string_view v) {
  std::uint64_t unit = 1;
  if (v.ends_with('k') || v.ends_with('K')) unit = 1024, v.remove_suffix(1);
  if (v.ends_with('m') || v.ends_with('M')) unit = 1024 * 1024, v.remove_suffix(1);
  auto n = parse_count("bandwidth", v);
  if (!n) return unexpected(n.error());
  if (*n == 0 || *n > (1ULL << 40U) / unit) {
    return unexpected("bandwidth: expected bytes per second like 65536, 64k or 1m (not 0)");
  }
  return *n * unit;
}

Result<std::uint32_t> parse_fraction(std::string_view key, std::string_view v) {
  double p = -1;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), p);
  if (ec != std::errc{} || end != v.data() + v.size() || !(p >= 0 && p <= 1)) {
    return unexpected(std::string(key) + ": expected a fraction in [0, 1] like 0.01");
  }
  return probability_ppm(p);
}

Result<void> apply_key(ProxyConfig& c, std::string_view key, std::string_view v) {
  if (key == "latency" || key == "jitter") {
    auto d = parse_millis(key, v);
    if (!d) return unexpected(d.error());
    (key == "latency" ? c.latency : c.jitter) = *d;
  } else if (key == "per") {
    if (v != "chunk" && v != "connection") return unexpected("per: expected chunk or connection");
    c.per_connection = v == "connection";
  } else if (key == "bandwidth") {
    auto b = parse_bandwidth(v);
    if (!b) return unexpected(b.error());
    c.bandwidth = *b;
  } else if (key == "reset" || key == "stall") {
    auto p = parse_fraction(key, v);
    if (!p) return unexpected(p.error());
    (key == "reset" ? c.reset_ppm : c.stall_ppm) = *p;
  } else if (key == "slice") {
    auto n = parse_count(key, v);
    if (!n || *n == 0 || *n > kMaxSlice) return unexpected("slice: expected bytes in 1..65536");
    c.slice = static_cast<std::size_t>(*n);
  } else {
    return unexpected("unknown proxy setting '" + std::string(key) +
                      "' (expected latency, jitter, per, bandwidth, reset, stall, slice)");
  }
  return {};
}

std::string fraction(std::uint32_t ppm) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<double>(ppm) / 1e6);
  return std::string(buf, r.ptr);
}

}  // namespace

Result<ProxyConfig> parse_proxy_config(std::string_view spec) {
  ProxyConfig c;
  if (spec == "on") return c;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return unexpected("proxy setting '" + std::string(item) + "' needs a value (key=value)");
    }
    if (auto r = apply_key(c, item.substr(0, eq), item.substr(eq + 1)); !r) {
      return unexpected(r.error());
    }
  }
  return c;
}

std::string to_spec(const ProxyConfig& c) {
  std::string s;
  auto add = [&s](std::string_view key, const std::string& value) {
    s += (s.empty() ? "" : ",") + std::string(key) + "=" + value;
  };
  if (c.latency.count() > 0) add("latency", std::to_string(c.latency.count()) + "ms");
  if (c.jitter.count() > 0) add("jitter", std::to_string(c.jitter.count()) + "ms");
  if (c.per_connection) add("per", "connection");
  if (c.bandwidth > 0) add("bandwidth", std::to_string(c.bandwidth));
  if (c.reset_ppm > 0) add("reset", fraction(c.reset_ppm));
  if (c.stall_ppm > 0) add("stall", fraction(c.stall_ppm));
  if (c.slice > 0) add("slice", std::to_string(c.slice));
  return s;
}

namespace {

// What the proxy and its sessions share: the current faults and the counters.
struct Shared {
  std::uint64_t seed = 0;
  mutable std::mutex mu;
  ProxyConfig config;
  std::atomic<std::uint64_t> accepted{0}, reset{0}, stalled{0}, bytes{0};

  ProxyConfig snapshot() const {
    std::lock_guard lock(mu);
    return config;
  }
};

// One client connection and its upstream: two pumps (client->upstream, upstream->client), each
// read -> wait (latency, bandwidth) -> write in slices -> read. Runs on the proxy's one thread.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket client, Shared& shared, Rng rng)
      : client_(std::move(client)),
        upstream_(client_.get_executor()),
        stall_timer_(client_.get_executor()),
        shared_(shared),
        connection_draw_(rng.split("jitter").next()),
        pipes_{Pipe(client_, upstream_, rng.split("up")),
               Pipe(upstream_, client_, rng.split("down"))} {}

  void forward(const tcp::endpoint& upstream);
  void stall();
  void close();

 private:
  struct Pipe {
    Pipe(tcp::socket& f, tcp::socket& t, Rng r) : from(f), to(t), timer(f.get_executor()), rng(r) {}
    tcp::socket& from;
    tcp::socket& to;
    asio::steady_timer timer;
    Rng rng;
    std::vector<char> buf = std::vector<char>(kChunk);
    std::size_t pending = 0;
    std::size_t offset = 0;
  };

  void read(std::size_t d);
  void wait_then_write(std::size_t d);
  void write(std::size_t d);
  void half_close(std::size_t d);
  void drain();
  microseconds delay(std::size_t d, const ProxyConfig& c);

  tcp::socket client_;
  tcp::socket upstream_;
  asio::steady_timer stall_timer_;
  Shared& shared_;
  std::uint64_t connection_draw_;
  Pipe pipes_[2];
  int open_pipes_ = 2;
  bool closed_ = false;
};

void Session::forward(const tcp::endpoint& upstream) {
  upstream_.async_connect(upstream, [self = shared_from_this()](boost::system::error_code ec) {
    if (ec) return self->close();  // the client sees its connection closed
    self->client_.set_option(tcp::no_delay(true), ec);
    self->upstream_.set_option(tcp::no_delay(true), ec);
    self->read(0);
    self->read(1);
  });
}

void Session::stall() {
  // Read and drop whatever the client sends, answer nothing, until it gives up or kMaxStall.
  stall_timer_.expires_after(kMaxStall);
  stall_timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec) self->close();
  });
  drain();
}

void Session::drain() {
  Pipe& p = pipes_[0];
  p.from.async_read_some(asio::buffer(p.buf),
                         [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                           if (ec) return self->close();
                           self->drain();
                         });
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ec;
  client_.close(ec);
  upstream_.close(ec);
  stall_timer_.cancel();
  for (Pipe& p : pipes_) p.timer.cancel();
}

void Session::read(std::size_t d) {
  Pipe& p = pipes_[d];
  const ProxyConfig c = shared_.snapshot();
  std::size_t limit = kChunk;
  // Under a bandwidth limit a chunk takes at most ~50 ms, so the pacing stays smooth.
  if (c.bandwidth > 0)
    limit = static_cast<std::size_t>(std::clamp<std::uint64_t>(c.bandwidth / 20, 1, kChunk));
  p.from.async_read_some(
      asio::buffer(p.buf.data(), limit),
      [self = shared_from_this(), d](boost::system::error_code ec, std::size_t n) {
        if (ec == asio::error::eof) return self->half_close(d);
        if (ec) return self->close();
        self->pipes_[d].pending = n;
        self->pipes_[d].offset = 0;
        self->wait_then_write(d);
      });
}

microseconds Session::delay(std::size_t d, const ProxyConfig& c) {
  std::int64_t ms = c.latency.count();
  const std::int64_t j = c.jitter.count();
  if (j > 0) {
    const std::uint64_t span = static_cast<std::uint64_t>(2 * j + 1);
    const std::uint64_t draw =
        c.per_connection ? connection_draw_ % span : pipes_[d].rng.below(span);
    ms += static_cast<std::int64_t>(draw) - j;
  }
  microseconds wait = milliseconds(std::clamp<std::int64_t>(ms, 0, kMaxProxyDelay.count()));
  if (c.bandwidth > 0) {
    const std::uint64_t us = pipes_[d].pending * 1'000'000ULL / c.bandwidth;
    wait += microseconds(static_cast<microseconds::rep>(us));
  }
  return std::min<microseconds>(wait, kMaxProxyDelay);
}

void Session::wait_then_write(std::size_t d) {
  const microseconds wait = delay(d, shared_.snapshot());
  if (wait.count() == 0) return write(d);
  Pipe& p = pipes_[d];
  p.timer.expires_after(wait);
  p.timer.async_wait([self = shared_from_this(), d](boost::system::error_code ec) {
    if (ec || self->closed_) return;
    self->write(d);
  });
}

void Session::write(std::size_t d) {
  Pipe& p = pipes_[d];
  const std::size_t slice = shared_.snapshot().slice;
  std::size_t n = p.pending - p.offset;
  if (slice > 0) n = std::min(n, slice);
  asio::async_write(p.to, asio::buffer(p.buf.data() + p.offset, n),
                    [self = shared_from_this(), d](boost::system::error_code ec, std::size_t w) {
                      if (ec) return self->close();
                      Pipe& q = self->pipes_[d];
                      self->shared_.bytes += w;
                      q.offset += w;
                      if (q.offset < q.pending) return self->write(d);
                      self->read(d);
                    });
}

void Session::half_close(std::size_t d) {
  boost::system::error_code ec;
  pipes_[d].to.shutdown(tcp::socket::shutdown_send, ec);
  if (--open_pipes_ == 0 || ec) close();
}

}  // namespace

struct FaultProxy::Impl {
  explicit Impl(ProxyOptions o) : opts(std::move(o)) {
    shared.seed = opts.seed;
    shared.config = opts.config;
  }

  void accept();
  void on_accept(tcp::socket socket);

  ProxyOptions opts;
  Shared shared;
  asio::io_context io;  // after `shared`: destroyed first, with the sessions its handlers hold
  tcp::acceptor acceptor{io};
  tcp::endpoint upstream;
  std::vector<std::weak_ptr<Session>> sessions;  // touched only on the io thread
  std::thread thread;
  int port = 0;
  bool running = false;
  bool used = false;
};

void FaultProxy::Impl::accept() {
  acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (!ec) on_accept(std::move(socket));
    accept();
  });
}

void FaultProxy::Impl::on_accept(tcp::socket socket) {
  const std::uint64_t k = shared.accepted++;
  const Rng rng = Rng(shared.seed).split(k);
  const ProxyConfig c = shared.snapshot();
  boost::system::error_code ec;
  if (rng.split("reset").chance_ppm(c.reset_ppm)) {
    ++shared.reset;
    socket.set_option(asio::socket_base::linger(true, 0), ec);  // close() sends RST
    socket.close(ec);
    return;
  }
  std::erase_if(sessions, [](const std::weak_ptr<Session>& w) { return w.expired(); });
  auto session = std::make_shared<Session>(std::move(socket), shared, rng);
  sessions.push_back(session);
  if (rng.split("stall").chance_ppm(c.stall_ppm)) {
    ++shared.stalled;
    session->stall();
  } else {
    session->forward(upstream);
  }
}

FaultProxy::FaultProxy(ProxyOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

FaultProxy::~FaultProxy() { stop(); }

Result<int> FaultProxy::start() {
  Impl& s = *impl_;
  if (s.running || s.used) return unexpected(ErrorKind::internal, "the proxy was started already");
  boost::system::error_code ec;
  tcp::resolver resolver(s.io);
  const auto found =
      resolver.resolve(s.opts.upstream_host, std::to_string(s.opts.upstream_port), ec);
  if (ec || found.empty()) {
    return unexpected("proxy: cannot resolve upstream " + s.opts.upstream_host + ": " +
                      ec.message());
  }
  s.upstream = found.begin()->endpoint();
  if (!s.opts.allow_remote_upstream && !s.upstream.address().is_loopback()) {
    return unexpected("proxy: refusing upstream " + s.opts.upstream_host +
                      ", which is not loopback: a remote target needs the server's admin token");
  }
  const tcp::endpoint local(asio::ip::address_v4::loopback(), 0);
  s.acceptor.open(local.protocol(), ec);
  if (!ec) s.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(local, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return unexpected("proxy: cannot listen on 127.0.0.1: " + ec.message());
  s.port = s.acceptor.local_endpoint().port();
  s.running = s.used = true;
  s.accept();
  s.thread = std::thread([&s] { s.io.run(); });
  return s.port;
}

void FaultProxy::stop() {
  Impl& s = *impl_;
  if (!s.running) return;
  s.running = false;
  asio::post(s.io, [&s] {
    boost::system::error_code ec;
    s.acceptor.close(ec);
    for (const auto& w : s.sessions) {
      if (auto session = w.lock()) session->close();
    }
    s.sessions.clear();
    s.io.stop();
  });
  s.thread.join();
}

int FaultProxy::port() const { return impl_->port; }

std::string FaultProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/";
}

void FaultProxy::configure(const ProxyConfig& config) {
  std::lock_guard lock(impl_->shared.mu);
  impl_->shared.config = config;
}

ProxyConfig FaultProxy::config() const { return impl_->shared.snapshot(); }

ProxyStats FaultProxy::stats() const {
  const Shared& s = impl_->shared;
  return {s.accepted.load(), s.reset.load(), s.stalled.load(), s.bytes.load()};
}

}  // namespace tracksim::sim::server

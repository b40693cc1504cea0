#include "sim/core/interned.h"

#include <deque>
#include <mutex>
#include <ostream>
#include <unordered_map>

namespace tracksim::sim {
namespace {

// The pool: texts in a deque (push_back never moves an element, so handles stay valid) and an
// index by text. Leaked on purpose: handles may outlive static destruction order.
struct Pool {
  std::mutex mu;
  std::deque<std::string> texts;
  std::unordered_map<std::string_view, const std::string*> index;
};

Pool& pool() {
  static Pool* p = new Pool;  // NOLINT(cppcoreguidelines-owning-memory): never freed
  return *p;
}

}  // namespace

Interned::Interned(std::string_view text) {
  if (text.empty()) return;
  Pool& p = pool();
  const std::lock_guard lock(p.mu);
  auto it = p.index.find(text);
  if (it == p.index.end()) {
    const std::string& kept = p.texts.emplace_back(text);
    it = p.index.emplace(std::string_view(kept), &kept).first;
  }
  entry_ = it->second;
}

std::ostream& operator<<(std::ostream& out, Interned s) { return out << s.view(); }

std::string operator+(const std::string& a, Interned b) {
  std::string out;
  out.reserve(a.size() + b.size());
  return out.append(a).append(b.view());
}

std::string operator+(const char* a, Interned b) { return std::string(a) + b; }

std::string operator+(Interned a, std::string_view b) {
  std::string out(a.view());
  return out.append(b);
}

std::size_t interned_count() {
  Pool& p = pool();
  const std::lock_guard lock(p.mu);
  return p.texts.size();
}

}  // namespace tracksim::sim

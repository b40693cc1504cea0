// Interned: an immutable handle to a string held once per process in an append-only pool, for
// names that repeat across millions of values (facility names of scans). Copying it copies a
// pointer; two handles are equal exactly when their texts are equal (one entry per text).
// Reads like a std::string_view. Thread-safe: interning locks the pool, reading never does.
// Entries are never freed, so intern only names from a bounded set, not free text.
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace tracksim::sim {

class Interned {
 public:
  constexpr Interned() = default;
  // Interns the text (empty text is the null handle and touches no pool).
  Interned(std::string_view text);   // NOLINT(google-explicit-constructor): drop-in for string
  Interned(const std::string& text)  // NOLINT(google-explicit-constructor)
      : Interned(std::string_view(text)) {}
  Interned(const char* text)  // NOLINT(google-explicit-constructor)
      : Interned(std::string_view(text)) {}

  std::string_view view() const { return entry_ != nullptr ? std::string_view(*entry_) : ""; }
  operator std::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }
  const char* c_str() const { return entry_ != nullptr ? entry_->c_str() : ""; }
  bool empty() const { return entry_ == nullptr; }
  std::size_t size() const { return view().size(); }
  bool starts_with(std::string_view p) const { return view().starts_with(p); }
  bool ends_with(std::string_view p) const { return view().ends_with(p); }
  void clear() { entry_ = nullptr; }

  // Same text, same entry: equality is a pointer comparison.
  friend bool operator==(Interned a, Interned b) { return a.entry_ == b.entry_; }
  // Against any text, without interning it (std::string, string_view, literals).
  template <class T>
  requires(std::convertible_to<const T&, std::string_view> &&
           !std::same_as<T, Interned>) friend bool
  operator==(const Interned& a, const T& b) {
    return a.view() == std::string_view(b);
  }
  // By text, as std::string orders (never by address: orders must not depend on the pool).
  friend std::strong_ordering operator<=>(Interned a, Interned b) {
    if (a.entry_ == b.entry_) return std::strong_ordering::equal;
    return a.view() <=> b.view();
  }

 private:
  const std::string* entry_ = nullptr;  // into the pool; null is the empty text
};

std::ostream& operator<<(std::ostream& out, Interned s);
std::string operator+(const std::string& a, Interned b);
std::string operator+(const char* a, Interned b);
std::string operator+(Interned a, std::string_view b);

// Entries in the pool (for tests and memory accounting).
std::size_t interned_count();

}  // namespace tracksim::sim

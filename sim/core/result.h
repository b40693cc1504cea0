// Result<T>: a value or an Error, shaped like C++23 std::expected so it can be swapped later.
// Plain value types; thread-safety is that of T.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tracksim {

// What went wrong, for callers that branch on it (retry a timeout, say "no such file" for a
// missing path) and for the one place that turns errors into exit codes (harness/cli/app.h).
enum class ErrorKind : std::uint8_t {
  invalid_input,  // a file, flag or request that breaks the format or the rules of the input
  not_found,      // a file, folder, number or page that does not exist
  io,             // reading or writing failed (permissions, full disk, a vanished folder)
  timeout,        // no answer in time (an external engine, a carrier, a callback receiver)
  protocol,       // a peer answered, but not in the agreed shape (malformed JSON, wrong status)
  internal,       // a state tracksim should not reach (a server started twice)
};

constexpr std::string_view to_string(ErrorKind kind) {
  constexpr std::string_view kNames[] = {"invalid input", "not found", "I/O",
                                         "timeout",       "protocol",  "internal"};
  return kNames[static_cast<std::size_t>(kind)];
}

// An expected failure. `where` is "file:line:col" for input files, empty otherwise.
struct Error {
  std::string message;
  std::string where;
  ErrorKind kind = ErrorKind::invalid_input;

  // "where: message", or just the message when there is no location.
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

template <class E>
struct Unexpected {
  E error;
};

inline Unexpected<Error> unexpected(Error e) { return {std::move(e)}; }
inline Unexpected<Error> unexpected(std::string message) { return {Error{std::move(message), {}}}; }
inline Unexpected<Error> unexpected(ErrorKind kind, std::string message, std::string where = {}) {
  return {Error{std::move(message), std::move(where), kind}};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit like expected
  Result(Unexpected<Error> e) : v_(std::in_place_index<1>, std::move(e.error)) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return check(), std::get<0>(v_); }
  const T& value() const& { return check(), std::get<0>(v_); }
  T&& value() && { return check(), std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  void check() const {
    if (v_.index() != 0) std::abort();  // reading the value of a failed Result is a bug
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected<Error> e) : error_(std::move(e.error)), ok_(false) {}  // NOLINT

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace tracksim

// Result<T>: a value or an Error, shaped like C++23 std::expected so it can be swapped later.
// Plain value types; thread-safety is that of T.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>

namespace tracksim {

// An expected failure. `where` is "file:line:col" for input files, empty otherwise.
struct Error {
  std::string message;
  std::string where;

  // "where: message", or just the message when there is no location.
  std::string to_string() const { return where.empty() ? message : where + ": " + message; }
};

template <class E>
struct Unexpected {
  E error;
};

inline Unexpected<Error> unexpected(Error e) { return {std::move(e)}; }
inline Unexpected<Error> unexpected(std::string message) { return {Error{std::move(message), {}}}; }

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

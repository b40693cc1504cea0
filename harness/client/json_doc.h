// JsonDoc: a read-only JSON tree for carrier answers, built in one pass over the body with the
// strings borrowed from it (no allocation per value). `tracksim run` parses a hundred thousand
// answers of about 2.5 KB; a general JSON tree spent most of the client's time allocating.
// A body the one-pass reader does not take as it is (escapes, fractions, ill-formed input) goes
// through nlohmann::json, which decides whether it is JSON at all; the tree is the same either
// way. Not thread-safe to build; a built document may be read from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracksim::harness {

class JsonDoc;

// One value of a JsonDoc; cheap to copy; valid while its document lives.
class JsonValue {
 public:
  bool is_null() const;
  bool is_boolean() const;
  bool is_integer() const;  // a number without fraction or exponent that fits in 64 bits
  bool is_number() const;
  bool is_string() const;
  bool is_array() const;
  bool is_object() const;

  bool boolean() const;          // false unless is_boolean()
  std::int64_t integer() const;  // 0 unless is_integer()
  std::string_view str() const;  // "" unless is_string()

  // Arrays and objects: the number of elements or members.
  std::size_t size() const;
  // Objects: the member named `key` (the last one when a key repeats, as JSON parsers keep it).
  std::optional<JsonValue> get(std::string_view key) const;
  // Arrays and objects: the elements (member values) in order.
  std::vector<JsonValue> elements() const;

 private:
  friend class JsonDoc;
  JsonValue(const JsonDoc* doc, std::uint32_t node) : doc_(doc), node_(node) {}
  const JsonDoc* doc_;
  std::uint32_t node_;
};

// Arrays and objects nest at most this deep; deeper input is refused (no carrier answer comes
// near it, and the tree is built recursively).
inline constexpr int kMaxJsonDepth = 256;

// Why a body is refused: the byte offset of the problem and what it is.
struct JsonProblem {
  std::size_t offset = 0;
  std::string what;
};

class JsonDoc {
 public:
  // Parses `body`, which must outlive the document; nullopt when it is not JSON or nests deeper
  // than kMaxJsonDepth.
  static std::optional<JsonDoc> parse(std::string_view body);
  // For a body parse() refuses: where and why (slow; for error messages only).
  static JsonProblem problem(std::string_view body);

  JsonValue root() const { return JsonValue(this, 0); }

  JsonDoc(JsonDoc&&) noexcept = default;
  JsonDoc& operator=(JsonDoc&&) noexcept = default;

 private:
  friend class JsonValue;
  friend class JsonReader;
  friend struct JsonAdopter;
  enum class Type : std::uint8_t { null, boolean, integer, number, string, array, object };
  struct Node {
    Type type = Type::null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string_view text;    // string value
    std::string_view key;     // member name, inside an object
    std::uint32_t first = 0;  // first child (arrays, objects); 0 = none (the root is no child)
    std::uint32_t next = 0;   // next sibling; 0 = none
    std::uint32_t count = 0;  // children
  };
  JsonDoc() = default;
  const Node& node(std::uint32_t i) const { return nodes_[i]; }

  std::vector<Node> nodes_;
  std::deque<std::string> owned_;  // decoded strings of the fallback path (stable addresses)
};

}  // namespace tracksim::harness

#include "harness/client/json_doc.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "sim/core/text.h"

namespace tracksim::harness {

// The one-pass reader: takes plain JSON as the mock and real aggregators write it (strings
// without escapes, integers) and gives up on anything else, which nlohmann then reads.
class JsonReader {
 public:
  JsonReader(std::string_view text, JsonDoc& doc) : s_(text), d_(doc) {}

  // True when the whole text is one value this reader takes.
  bool document() {
    if (!value(0)) return false;
    skip_ws();
    return pos_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;  // deeper goes to the fallback (which has kMaxJsonDepth)
  using Type = JsonDoc::Type;

  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool eat(char c) {
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // A string without escapes or raw control characters, well-formed UTF-8.
  bool string(std::string_view& out) {
    if (pos_ >= s_.size() || s_[pos_] != '"') return false;
    const std::size_t begin = ++pos_;
    while (pos_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        out = s_.substr(begin, pos_ - begin);
        ++pos_;
        return sim::valid_utf8(out);
      }
      if (c == '\\' || c < 0x20) return false;
      ++pos_;
    }
    return false;
  }

  // An integer that fits in 64 bits, in JSON's form (no leading zeros, no '+').
  bool integer(std::int64_t& out) {
    const bool negative = s_[pos_] == '-';
    if (negative) ++pos_;
    const std::size_t begin = pos_;
    std::uint64_t magnitude = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      const auto digit = static_cast<std::uint64_t>(s_[pos_] - '0');
      if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
      magnitude = magnitude * 10 + digit;
      ++pos_;
    }
    const std::size_t digits = pos_ - begin;
    if (digits == 0 || (digits > 1 && s_[begin] == '0')) return false;
    if (pos_ < s_.size() && (s_[pos_] == '.' || s_[pos_] == 'e' || s_[pos_] == 'E')) return false;
    const auto limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (magnitude > limit + (negative ? 1 : 0)) return false;
    out =
        negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    return true;
  }

  void link(std::uint32_t parent, std::uint32_t& prev, std::uint32_t child) {
    if (prev == 0) {
      d_.nodes_[parent].first = child;
    } else {
      d_.nodes_[prev].next = child;
    }
    ++d_.nodes_[parent].count;
    prev = child;
  }

  // Appends the value at pos_ (and its children) and returns its node, or 0 when not taken.
  std::uint32_t value(int depth) {
    skip_ws();
    if (depth > kMaxDepth || pos_ >= s_.size()) return 0;
    const auto self = static_cast<std::uint32_t>(d_.nodes_.size());
    d_.nodes_.emplace_back();
    // The root is node 0; any other value gets a positive index, so 0 can mean failure.
    const std::uint32_t ok = self == 0 ? 1 : self;
    const char c = s_[pos_];
    if (c == '{' || c == '[') {
      const bool object = c == '{';
      const char close = object ? '}' : ']';
      d_.nodes_[self].type = object ? Type::object : Type::array;
      ++pos_;
      if (eat(close)) return ok;
      std::uint32_t prev = 0;
      do {
        std::string_view key;
        if (object) {
          skip_ws();
          if (!string(key) || !eat(':')) return 0;
        }
        const std::uint32_t child = value(depth + 1);
        if (child == 0) return 0;
        d_.nodes_[child].key = key;
        link(self, prev, child);
      } while (eat(','));
      return eat(close) ? ok : 0;
    }
    JsonDoc::Node& n = d_.nodes_[self];
    if (c == '"') {
      n.type = Type::string;
      return string(n.text) ? ok : 0;
    }
    if (c == 't' || c == 'f') {
      n.type = Type::boolean;
      n.boolean = c == 't';
      return literal(n.boolean ? "true" : "false") ? ok : 0;
    }
    if (c == 'n') return literal("null") ? ok : 0;
    n.type = Type::integer;
    return integer(n.integer) ? ok : 0;
  }

  std::string_view s_;
  JsonDoc& d_;
  std::size_t pos_ = 0;
};

using Ordered = nlohmann::ordered_json;

// The fallback: copies a value nlohmann parsed into a document, strings into its own storage.
struct JsonAdopter {
  static std::uint32_t adopt(const Ordered& j, JsonDoc& doc);
};

namespace {

// The offset of the first '[' or '{' that opens a level deeper than kMaxJsonDepth (strings
// skipped), or nullopt. Runs before the fallback parser, whose tree is adopted recursively.
std::optional<std::size_t> too_deep(std::string_view body) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;  // the root is level 1
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<JsonDoc> JsonDoc::parse(std::string_view body) {
  JsonDoc doc;
  doc.nodes_.reserve(body.size() / 24 + 4);
  if (JsonReader(body, doc).document()) return doc;
  if (too_deep(body)) return std::nullopt;
  const Ordered j = Ordered::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  doc.nodes_.clear();
  JsonAdopter::adopt(j, doc);
  return doc;
}

JsonProblem JsonDoc::problem(std::string_view body) {
  if (const auto deep = too_deep(body)) {
    return {*deep, "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
  }
  try {
    [[maybe_unused]] const Ordered parsed = Ordered::parse(body.begin(), body.end());
  } catch (const Ordered::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ...": the
    // place is reported by the caller, so only the text after it is kept.
    std::string what = e.what();
    const std::size_t column = what.find(", column ");
    const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    if (colon != std::string::npos) what = what.substr(colon + 2);
    return {e.byte == 0 ? 0 : e.byte - 1, what};
  } catch (const std::exception& e) {
    return {0, e.what()};
  }
  return {0, "not JSON"};
}

std::uint32_t JsonAdopter::adopt(const Ordered& j, JsonDoc& doc) {
  using Type = JsonDoc::Type;
  auto& nodes = doc.nodes_;
  auto& owned = doc.owned_;
  const auto self = static_cast<std::uint32_t>(nodes.size());
  nodes.emplace_back();
  JsonDoc::Node n;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (j.is_boolean()) {
    n.type = Type::boolean;
    n.boolean = j.get<bool>();
  } else if (j.is_number_integer() && !(j.is_number_unsigned() && j.get<std::uint64_t>() > kMax)) {
    n.type = Type::integer;
    n.integer = j.get<std::int64_t>();
  } else if (j.is_number()) {
    n.type = Type::number;
  } else if (j.is_string()) {
    n.type = Type::string;
    n.text = owned.emplace_back(j.get<std::string>());
  } else if (j.is_array() || j.is_object()) {
    n.type = j.is_array() ? Type::array : Type::object;
  }
  nodes[self] = n;
  if (j.is_array() || j.is_object()) {
    std::uint32_t prev = 0;
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::uint32_t child = adopt(*it, doc);
      if (j.is_object()) nodes[child].key = owned.emplace_back(it.key());
      if (prev == 0) {
        nodes[self].first = child;
      } else {
        nodes[prev].next = child;
      }
      ++nodes[self].count;
      prev = child;
    }
  }
  return self;
}

bool JsonValue::is_null() const { return doc_->node(node_).type == JsonDoc::Type::null; }
bool JsonValue::is_boolean() const { return doc_->node(node_).type == JsonDoc::Type::boolean; }
bool JsonValue::is_integer() const { return doc_->node(node_).type == JsonDoc::Type::integer; }
bool JsonValue::is_number() const {
  const auto t = doc_->node(node_).type;
  return t == JsonDoc::Type::integer || t == JsonDoc::Type::number;
}
bool JsonValue::is_string() const { return doc_->node(node_).type == JsonDoc::Type::string; }
bool JsonValue::is_array() const { return doc_->node(node_).type == JsonDoc::Type::array; }
bool JsonValue::is_object() const { return doc_->node(node_).type == JsonDoc::Type::object; }

bool JsonValue::boolean() const { return doc_->node(node_).boolean; }
std::int64_t JsonValue::integer() const { return doc_->node(node_).integer; }
std::string_view JsonValue::str() const { return doc_->node(node_).text; }
std::size_t JsonValue::size() const { return doc_->node(node_).count; }

std::optional<JsonValue> JsonValue::get(std::string_view key) const {
  if (!is_object()) return std::nullopt;
  std::optional<JsonValue> found;
  for (std::uint32_t c = doc_->node(node_).first; c != 0; c = doc_->node(c).next) {
    if (doc_->node(c).key == key) found = JsonValue(doc_, c);
  }
  return found;
}

std::vector<JsonValue> JsonValue::elements() const {
  std::vector<JsonValue> out;
  out.reserve(size());
  for (std::uint32_t c = doc_->node(node_).first; c != 0; c = doc_->node(c).next) {
    out.push_back(JsonValue(doc_, c));
  }
  return out;
}

}  // namespace tracksim::harness

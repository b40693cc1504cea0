#include "harness/scenario/yaml_reader.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/core/text.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

std::string_view type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

}  // namespace

std::string yaml_location(const std::string& file, std::string_view text, const YAML::Mark& mark) {
  if (mark.is_null()) return file;
  int column = mark.column + 1;
  const auto pos = static_cast<std::size_t>(mark.pos);
  if (mark.pos >= 0 && pos <= text.size()) {
    std::size_t start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = (start == std::string_view::npos || pos == 0) ? 0 : start + 1;
    if (start <= pos) {
      column = 1;
      for (std::size_t i = start; i < pos; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) ++column;  // not a continuation
      }
    }
  }
  return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(column);
}

std::string YamlReader::where(const YAML::Mark& mark) const {
  return yaml_location(file_, text_, mark);
}

void YamlReader::fail(const YAML::Mark& mark, std::string message) {
  errors_.push_back(Error{std::move(message), where(mark)});
}

bool YamlReader::is_map(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  fail(node,
       std::string(what) + " must be a mapping (key: value), got " + std::string(type_name(node)));
  return false;
}

bool YamlReader::is_seq(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  fail(node, std::string(what) + " must be a list, got " + std::string(type_name(node)));
  return false;
}

void YamlReader::known_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys) {
  std::set<std::string> seen;
  const std::vector<std::string_view> allowed(keys);
  for (const auto& kv : map) {
    const YAML::Node& key = kv.first;
    if (!key.IsScalar()) {
      fail(key, "keys must be plain words");
      continue;
    }
    const std::string& name = key.Scalar();
    if (!seen.insert(name).second) {
      fail(key, "duplicate key '" + name + "'");
      continue;
    }
    bool ok = false;
    for (std::string_view k : allowed) ok = ok || k == name;
    if (!ok) fail(key, "unknown key '" + name + "'" + sim::did_you_mean(name, allowed));
  }
}

YAML::Node YamlReader::required(const YAML::Node& map, std::string_view key,
                                std::string_view what) {
  YAML::Node value = map[std::string(key)];
  if (!value) fail(map, std::string(what) + ": missing required key '" + std::string(key) + "'");
  return value;
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    fail(node, std::string(what) + " must be a single value, got " + std::string(type_name(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  fail(node, std::string(what) + " must be true or false, got '" + *s + "'");
  return std::nullopt;
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& node, std::string_view what,
                                                std::int64_t min, std::int64_t max) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  std::int64_t v = 0;
  bool ok = !s->empty() && s->size() < 18;
  for (char c : *s) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) v = v * 10 + (c - '0');
  }
  if (!ok || v < min || v > max) {
    fail(node, std::string(what) + " must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max) + ", got '" + *s + "'");
    return std::nullopt;
  }
  return v;
}

std::optional<sim::Duration> YamlReader::duration(const YAML::Node& node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  if (!s->empty() && (*s)[0] == '-') {
    fail(node, std::string(what) + " cannot be negative, got '" + *s + "'");
    return std::nullopt;
  }
  auto d = sim::parse_duration(*s);
  if (!d) return fail(node, std::string(what) + ": " + d.error().message), std::nullopt;
  return *d;
}

std::optional<sim::Instant> YamlReader::timestamp(const YAML::Node& node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  auto t = sim::parse_timestamp(*s);
  if (!t) return fail(node, std::string(what) + ": " + t.error().message), std::nullopt;
  return *t;
}

std::optional<sim::Instant> YamlReader::instant(const YAML::Node& node, std::string_view what,
                                                sim::Instant epoch) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  if (!s->empty() && ((*s)[0] == '+' || (*s)[0] == '-')) {
    auto d = sim::parse_offset(*s);
    if (!d) return fail(node, std::string(what) + ": " + d.error().message), std::nullopt;
    return epoch + *d;
  }
  auto t = sim::parse_timestamp(*s);
  if (!t) {
    fail(node, std::string(what) + ": " + t.error().message + " (or an offset such as +73h)");
    return std::nullopt;
  }
  return *t;
}

std::optional<sim::Money> YamlReader::money(const YAML::Node& node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  auto m = sim::Money::parse(*s);
  if (!m) return fail(node, std::string(what) + ": " + m.error().message), std::nullopt;
  return *m;
}

std::optional<std::size_t> YamlReader::choice(const YAML::Node& node, std::string_view what,
                                              std::span<const std::string_view> names) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == *s) return i;
  }
  std::string list;
  for (std::string_view n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  const std::string hint = sim::did_you_mean(*s, names);
  fail(node, "unknown " + std::string(what) + " '" + *s + "'" +
                 (hint.empty() ? " (expected one of: " + list + ")" : hint));
  return std::nullopt;
}

namespace {

// YAML is Unicode text: a NUL byte or ill-formed UTF-8 is refused before yaml-cpp sees it (it
// would pass the bytes on into names and reports). The place is "file:line:col".
Result<void> check_yaml_text(std::string_view text, const std::string& file) {
  const std::size_t nul = text.find('\0');
  const std::size_t bad = sim::first_invalid_utf8(text.substr(0, nul));
  const std::size_t at = bad != std::string_view::npos ? bad : nul;
  if (at == std::string_view::npos) return {};
  const std::string_view before = text.substr(0, at);
  const auto line = static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t start = before.rfind('\n');
  YAML::Mark mark;
  mark.pos = static_cast<int>(at);
  mark.line = line;
  mark.column = static_cast<int>(at - (start == std::string_view::npos ? 0 : start + 1));
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X",
                static_cast<unsigned>(static_cast<unsigned char>(text[at])));
  return unexpected(
      Error{at == nul ? std::string("NUL byte: YAML text may not contain one")
                      : std::string("invalid UTF-8 (byte ") + hex + "): save the file as UTF-8",
            yaml_location(file, text, mark)});
}

}  // namespace

Result<std::vector<YAML::Node>> parse_yaml_documents(std::string_view text,
                                                     const std::string& file) {
  if (auto checked = check_yaml_text(text, file); !checked) return unexpected(checked.error());
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
    return docs;
  } catch (const YAML::Exception& e) {
    return unexpected(Error{"malformed YAML: " + e.msg, yaml_location(file, text, e.mark)});
  }
}

}  // namespace tracksim::harness

#include "harness/scenario/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "sim/core/text.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {

std::string yaml_location(const std::string& file, std::string_view text, const YamlMark& mark) {
  if (mark.is_null()) return file;
  int column = mark.column + 1;
  if (mark.in_chars)
    return file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(column);
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

std::string YamlReader::where(const YamlMark& mark) const {
  return yaml_location(file_, text_, mark);
}

void YamlReader::fail(const YamlMark& mark, std::string message) {
  errors_->push_back(Error{std::move(message), where(mark)});
  ++count_;
}

bool YamlReader::is_map(YamlNode node, std::string_view what) {
  if (node.is_map()) return true;
  fail(node,
       std::string(what) + " must be a mapping (key: value), got " + std::string(node.type_name()));
  return false;
}

bool YamlReader::is_seq(YamlNode node, std::string_view what) {
  if (node.is_seq()) return true;
  fail(node, std::string(what) + " must be a list, got " + std::string(node.type_name()));
  return false;
}

void YamlReader::known_keys(YamlNode map, std::initializer_list<std::string_view> keys) {
  std::set<std::string> seen;
  const std::vector<std::string_view> allowed(keys);
  for (const auto& [key, value] : map.entries()) {
    if (!key.is_scalar()) {
      fail(key, "keys must be plain words");
      continue;
    }
    const std::string& name = key.scalar();
    if (!seen.insert(name).second) {
      fail(key, "duplicate key '" + name + "'");
      continue;
    }
    bool ok = false;
    for (std::string_view k : allowed) ok = ok || k == name;
    if (!ok) fail(key, "unknown key '" + name + "'" + sim::did_you_mean(name, allowed));
  }
}

YamlNode YamlReader::required(YamlNode map, std::string_view key, std::string_view what) {
  YamlNode value = map[key];
  if (!value) fail(map, std::string(what) + ": missing required key '" + std::string(key) + "'");
  return value;
}

std::optional<std::string> YamlReader::text(YamlNode node, std::string_view what) {
  if (!node.is_scalar()) {
    fail(node, std::string(what) + " must be a single value, got " + std::string(node.type_name()));
    return std::nullopt;
  }
  return node.scalar();
}

std::optional<bool> YamlReader::boolean(YamlNode node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  fail(node, std::string(what) + " must be true or false, got '" + *s + "'");
  return std::nullopt;
}

std::optional<std::int64_t> YamlReader::integer(YamlNode node, std::string_view what,
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

std::optional<sim::Duration> YamlReader::duration(YamlNode node, std::string_view what) {
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

std::optional<sim::Instant> YamlReader::timestamp(YamlNode node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  auto t = sim::parse_timestamp(*s);
  if (!t) return fail(node, std::string(what) + ": " + t.error().message), std::nullopt;
  return *t;
}

std::optional<sim::Instant> YamlReader::instant(YamlNode node, std::string_view what,
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

std::optional<sim::Money> YamlReader::money(YamlNode node, std::string_view what) {
  auto s = text(node, what);
  if (!s) return std::nullopt;
  auto m = sim::Money::parse(*s);
  if (!m) return fail(node, std::string(what) + ": " + m.error().message), std::nullopt;
  return *m;
}

std::optional<std::size_t> YamlReader::choice(YamlNode node, std::string_view what,
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
  YamlMark mark;
  mark.pos = static_cast<std::int64_t>(at);
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

Result<std::vector<YamlData>> parse_yaml_documents(std::string_view text, const std::string& file) {
  if (auto checked = check_yaml_text(text, file); !checked) return unexpected(checked.error());
  try {
    std::vector<YamlData> docs;
    for (const YAML::Node& doc : YAML::LoadAll(std::string(text))) {
      docs.push_back(from_yaml_cpp(doc));
    }
    return docs;
  } catch (const YAML::Exception& e) {
    const YamlMark mark{e.mark.pos, e.mark.line, e.mark.column};
    return unexpected(Error{"malformed YAML: " + e.msg, yaml_location(file, text, mark)});
  }
}

}  // namespace tracksim::harness

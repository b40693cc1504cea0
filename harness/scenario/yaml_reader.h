// YamlReader: typed, located access to yaml-cpp nodes for the scenario and ruleset loaders.
// Every problem becomes an Error "file:line:col: message" (1-based) collected in a list, so a
// file reports all its mistakes at once. Private to harness/scenario (yaml-cpp stays here).
// Not thread-safe; one reader per file being loaded.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/money.h"
#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

class YamlReader {
 public:
  YamlReader(std::string file, std::vector<Error>& errors) : file_(std::move(file)), errors_(errors) {}

  const std::string& file() const { return file_; }
  std::string where(const YAML::Mark& mark) const;
  std::string where(const YAML::Node& node) const { return where(node.Mark()); }
  void fail(const YAML::Mark& mark, std::string message);
  void fail(const YAML::Node& node, std::string message) { fail(node.Mark(), std::move(message)); }
  std::size_t error_count() const { return errors_.size(); }

  // True when node is a mapping; else reports "<what> must be a mapping".
  bool is_map(const YAML::Node& node, std::string_view what);
  bool is_seq(const YAML::Node& node, std::string_view what);
  // Reports unknown (with did-you-mean) and duplicate keys of a mapping.
  void known_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys);
  // The value of a required key, or an invalid node after reporting "missing required key".
  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what);

  std::optional<std::string> text(const YAML::Node& node, std::string_view what);
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what);
  std::optional<std::int64_t> integer(const YAML::Node& node, std::string_view what,
                                      std::int64_t min, std::int64_t max);
  std::optional<sim::Duration> duration(const YAML::Node& node, std::string_view what);
  std::optional<sim::Instant> timestamp(const YAML::Node& node, std::string_view what);
  // A timestamp, or an offset like +73h from `epoch`.
  std::optional<sim::Instant> instant(const YAML::Node& node, std::string_view what,
                                      sim::Instant epoch);
  std::optional<sim::Money> money(const YAML::Node& node, std::string_view what);
  // One of `names`; reports "unknown <what> 'x' (did you mean 'y'?)".
  std::optional<std::size_t> choice(const YAML::Node& node, std::string_view what,
                                    std::span<const std::string_view> names);

 private:
  std::string file_;
  std::vector<Error>& errors_;
};

// Parses YAML text into documents, converting yaml-cpp's parse errors into located Errors.
Result<std::vector<YAML::Node>> parse_yaml_documents(std::string_view text, const std::string& file);

}  // namespace tracksim::harness

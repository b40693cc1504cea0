// YamlReader: typed, located access to YamlNodes for the scenario and ruleset loaders.
// Every problem becomes an Error "file:line:col: message" (1-based) collected in a list, so a
// file reports all its mistakes at once. Private to harness/scenario.
// Not thread-safe; one reader per file being loaded.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/yaml_node.h"
#include "sim/core/money.h"
#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

class YamlReader {
 public:
  // `text` is the YAML source, used to turn byte offsets into character columns
  // (what editors show for lines with Chinese text); it must outlive the reader.
  YamlReader(std::string file, std::string_view text, std::vector<Error>& errors)
      : file_(std::move(file)), text_(text), errors_(&errors) {}

  const std::string& file() const { return file_; }
  std::string where(const YamlMark& mark) const;
  std::string where(YamlNode node) const { return where(node.mark()); }
  void fail(const YamlMark& mark, std::string message);
  void fail(YamlNode node, std::string message) { fail(node.mark(), std::move(message)); }
  // Problems reported so far, wherever they went.
  std::size_t error_count() const { return count_; }
  // Sends the next problems to `errors` (which must outlive the reader or the next call).
  void report_into(std::vector<Error>& errors) { errors_ = &errors; }

  // True when node is a mapping; else reports "<what> must be a mapping".
  bool is_map(YamlNode node, std::string_view what);
  bool is_seq(YamlNode node, std::string_view what);
  // Reports unknown (with did-you-mean) and duplicate keys of a mapping.
  void known_keys(YamlNode map, std::initializer_list<std::string_view> keys);
  // The value of a required key, or an invalid node after reporting "missing required key".
  YamlNode required(YamlNode map, std::string_view key, std::string_view what);

  std::optional<std::string> text(YamlNode node, std::string_view what);
  std::optional<bool> boolean(YamlNode node, std::string_view what);
  std::optional<std::int64_t> integer(YamlNode node, std::string_view what, std::int64_t min,
                                      std::int64_t max);
  std::optional<sim::Duration> duration(YamlNode node, std::string_view what);
  std::optional<sim::Instant> timestamp(YamlNode node, std::string_view what);
  // A timestamp, or an offset like +73h from `epoch`.
  std::optional<sim::Instant> instant(YamlNode node, std::string_view what, sim::Instant epoch);
  std::optional<sim::Money> money(YamlNode node, std::string_view what);
  // One of `names`; reports "unknown <what> 'x' (did you mean 'y'?)".
  std::optional<std::size_t> choice(YamlNode node, std::string_view what,
                                    std::span<const std::string_view> names);

 private:
  std::string file_;
  std::string_view text_;
  std::vector<Error>* errors_;
  std::size_t count_ = 0;
};

// "file:line:col" for a mark, the column counted in characters of `text`.
std::string yaml_location(const std::string& file, std::string_view text, const YamlMark& mark);

// YAML is Unicode text: the first NUL byte or ill-formed UTF-8 in `text` as a located error
// ("file:line:col: NUL byte ..." or "... invalid UTF-8 (byte 0xFF) ..."), else nothing.
Result<void> check_yaml_text(std::string_view text, const std::string& file);

// Parses small YAML text with yaml-cpp into documents, converting its parse errors into located
// Errors (rulesets and order files; scenario files stream through read_yaml).
Result<std::vector<YamlData>> parse_yaml_documents(std::string_view text, const std::string& file);

}  // namespace tracksim::harness

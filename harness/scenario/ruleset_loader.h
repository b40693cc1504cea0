// Loading rulesets: the shipped ones (compiled in from harness/rules/rulesets/*.yaml) by name, or
// a YAML file by path. A file may `extends: <name>` and override only some keys.
// Thread-safe: shipped rulesets are parsed once and shared read-only.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/rules/ruleset.h"
#include "sim/core/result.h"
#include "sim/time/instant.h"

namespace tracksim::harness {

using RulesetPtr = std::shared_ptr<const Ruleset>;

// Names of the shipped rulesets ("douyin-2023", "douyin-2026").
std::vector<std::string_view> shipped_ruleset_names();

// A shipped ruleset by name, or a file path (relative paths resolve against `base_dir`).
// Errors name file:line:col for files and list the shipped names for unknown ones.
Result<RulesetPtr> load_ruleset(std::string_view name_or_path, const std::string& base_dir = ".");

// The shipped ruleset whose `effective` range holds `paid_at` (from inclusive, until exclusive),
// so that a dispute is judged under the rules in force when the order was paid.
Result<RulesetPtr> ruleset_in_force(sim::Instant paid_at);

// Parses ruleset YAML text; `file` names it in errors. All problems are reported, joined by '\n'.
Result<RulesetPtr> parse_ruleset(std::string_view yaml, const std::string& file);

}  // namespace tracksim::harness

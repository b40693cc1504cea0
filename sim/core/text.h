// Small text helpers shared by every loader: edit distance, "did you mean" suggestions and a
// UTF-8 check.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tracksim::sim {

// Levenshtein distance over Unicode code points (UTF-8 input).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate when it is close enough to be a likely typo, else nullopt.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

// " (did you mean 'x'?)" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

// Whether `s` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF): the strings JSON writers and parsers accept.
bool valid_utf8(std::string_view s);
// The offset of the first byte that starts an ill-formed sequence, or npos when `s` is valid.
std::size_t first_invalid_utf8(std::string_view s);

}  // namespace tracksim::sim

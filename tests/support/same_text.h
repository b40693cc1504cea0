// SameText: compares two long texts (reports, generated YAML) and, when they differ, says where
// the first difference is (line and column) and shows the lines around it, truncated. Never the
// whole texts: gtest's own string diff of two multi-megabyte reports can take gigabytes.
// Pure function; thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>

// EXPECT_TRUE(same_text(expected, actual)) << "context";
namespace tracksim::testing {
namespace {

constexpr std::size_t kContextLines = 2;
constexpr std::size_t kMaxLine = 160;  // bytes shown of one line

// Lines [first, first + count) of `text`, each cut to kMaxLine bytes, numbered from 1.
inline std::string excerpt(std::string_view text, std::size_t first, std::size_t count) {
  std::string out;
  std::size_t line = 0, pos = 0;
  while (pos <= text.size() && line < first + count) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    if (line >= first) {
      const std::string_view l = text.substr(pos, end - pos);
      out += "  " + std::to_string(line + 1) + ": " + std::string(l.substr(0, kMaxLine)) +
             (l.size() > kMaxLine ? "..." : "") + "\n";
    }
    if (end == text.size()) break;
    pos = end + 1;
    ++line;
  }
  return out;
}

}  // namespace

inline ::testing::AssertionResult same_text(std::string_view expected, std::string_view actual) {
  if (expected == actual) return ::testing::AssertionSuccess();
  const auto [e, a] = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
  const auto at = static_cast<std::size_t>(e - expected.begin());
  const std::size_t line = static_cast<std::size_t>(std::count(expected.begin(), e, '\n'));
  const std::size_t line_start = expected.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t column = at - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  const std::size_t from = line > kContextLines ? line - kContextLines : 0;
  return ::testing::AssertionFailure()
         << "texts differ first at line " << line + 1 << ", column " << column << " (byte " << at
         << "; " << expected.size() << " bytes expected, " << actual.size() << " actual)\n"
         << "expected:\n"
         << excerpt(expected, from, 2 * kContextLines + 1) << "actual:\n"
         << excerpt(actual, from, 2 * kContextLines + 1);
}

}  // namespace tracksim::testing

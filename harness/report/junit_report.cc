#include <map>
#include <string_view>
#include <vector>

#include "harness/report/report.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

// A file's scenarios, in the order the run lists them.
struct Suite {
  std::string file;
  std::vector<const ScenarioResult*> scenarios;
};

std::vector<Suite> suites_by_file(const RunResult& run) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t> index;
  for (const ScenarioResult& s : run.scenarios) {
    auto [it, added] = index.try_emplace(s.file, suites.size());
    if (added) suites.push_back({s.file, {}});
    suites[it->second].scenarios.push_back(&s);
  }
  return suites;
}

std::string classname(std::string_view file) {
  std::string out(file);
  for (char& c : out) {
    if (c == '/' || c == '\\') c = '.';
  }
  return out;
}

std::string mismatch_line(const OrderResult& o, const Mismatch& m) {
  return "order " + o.id + ": " + m.key + " at " + sim::format_timestamp(m.at) + ": expected " +
         m.expected + ", got " + m.actual + " (" + m.where + ")";
}

void write_case(std::string& out, const ScenarioResult& s) {
  out += "    <testcase name=\"" + xml_escape(s.name) + "\" classname=\"" +
         xml_escape(classname(s.file)) + "\" time=\"0\"";
  std::vector<std::string> lines;
  for (const OrderResult& o : s.orders) {
    for (const Mismatch& m : o.mismatches) lines.push_back(mismatch_line(o, m));
  }
  if (lines.empty() && s.errors.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  if (!lines.empty()) {
    const std::string message = std::to_string(lines.size()) +
                                (lines.size() == 1 ? " mismatch: " : " mismatches, first: ") +
                                lines.front();
    out += "      <failure type=\"mismatch\" message=\"" + xml_escape(message) + "\">";
    for (const std::string& l : lines) out += xml_escape(l) + "\n";
    out += "</failure>\n";
  }
  for (const std::string& e : s.errors) {
    out += "      <error type=\"error\" message=\"" + xml_escape(e) + "\">" + xml_escape(e) +
           "</error>\n";
  }
  out += "    </testcase>\n";
}

void write_suite(std::string& out, const Suite& suite, const RunResult& run,
                 std::string_view command) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  for (const ScenarioResult* s : suite.scenarios) {
    if (!s->errors.empty()) {
      ++errors;
    } else if (!s->passed()) {
      ++failures;
    }
  }
  out += "  <testsuite name=\"" + xml_escape(suite.file) + "\" tests=\"" +
         std::to_string(suite.scenarios.size()) + "\" failures=\"" + std::to_string(failures) +
         "\" errors=\"" + std::to_string(errors) + "\" skipped=\"0\" time=\"0\">\n";
  const std::string replay =
      "tracksim " + std::string(command) + " " + suite.file + " --seed " + std::to_string(run.seed);
  out += "    <properties>\n";
  out += "      <property name=\"seed\" value=\"" + std::to_string(run.seed) + "\"/>\n";
  out += "      <property name=\"replay\" value=\"" + xml_escape(replay) + "\"/>\n";
  out += "    </properties>\n";
  for (const ScenarioResult* s : suite.scenarios) write_case(out, *s);
  out += "  </testsuite>\n";
}

// The length of the UTF-8 sequence starting with `c`, or 0 when `c` cannot start one.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = utf8_length(c);
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) {
        len = 0;
      }
    }
    if (len == 0) {  // not UTF-8: the replacement character keeps the document well-formed
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += "&#9;";
        break;
      default:
        if (c < 0x20) {
          out += "\xEF\xBF\xBD";  // XML 1.0 cannot carry other control characters at all
        } else {
          out.append(text.substr(i, len));
        }
    }
    i += len;
  }
  return out;
}

std::string junit_report(const RunResult& run, std::string_view command) {
  std::size_t errors = 0;
  std::size_t failures = 0;
  for (const ScenarioResult& s : run.scenarios) {
    if (!s.errors.empty()) {
      ++errors;
    } else if (!s.passed()) {
      ++failures;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"tracksim\" tests=\"" + std::to_string(run.scenarios.size()) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
         "\" time=\"0\">\n";
  for (const Suite& suite : suites_by_file(run)) write_suite(out, suite, run, command);
  out += "</testsuites>\n";
  return out;
}

}  // namespace tracksim::harness

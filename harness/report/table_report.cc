#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <vector>

#include "harness/report/report.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

constexpr std::string_view kHeads[kRuleCount] = {"SHIP", "PICKUP", "LINEHAUL", "STALL", "FAKE"};

struct Cell {
  std::string text;
  const char* colour = nullptr;
};

std::string truncate(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    const std::string next = out + std::string(s.substr(i, len));
    if (display_width(next) + 1 > width) break;
    out = next;
    i += len;
  }
  return out + "~";
}

// The expectation of `key` that failed for this order at `until`, if any.
const Mismatch* final_mismatch(const OrderResult& o, const ScenarioResult& s,
                               std::string_view key) {
  for (const Mismatch& m : o.mismatches) {
    if (m.at == s.until && m.key == key) return &m;
  }
  return nullptr;
}

std::vector<Cell> row(const ScenarioResult& s, const OrderResult& o, bool first) {
  std::vector<Cell> cells;
  cells.push_back({first ? truncate(s.name, 44) : "", nullptr});
  cells.push_back({truncate(o.id, 12), nullptr});
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    if (!s.rules.test(i)) {
      cells.push_back({"-", kDim});
      continue;
    }
    const Mismatch* m = final_mismatch(o, s, rule_names()[i]);
    if (m) {
      cells.push_back({m->actual + " (want " + m->expected + ")", kRed});
    } else {
      const Outcome out = o.outcomes[i];
      cells.push_back({std::string(to_string(out)), out == Outcome::violated ? kBold : nullptr});
    }
  }
  const Mismatch* comp = final_mismatch(o, s, "compensation");
  cells.push_back(comp ? Cell{comp->actual + " (want " + comp->expected + ")", kRed}
                       : Cell{std::to_string(o.compensation_yuan), nullptr});
  std::string detectors;
  for (std::size_t i = 0; i < kDetectorCount; ++i) {
    if (o.detectors.test(i))
      detectors += (detectors.empty() ? "" : ",") + std::string(detector_names()[i]);
  }
  const Mismatch* det = final_mismatch(o, s, "fake_shipment detectors");
  cells.push_back(det ? Cell{det->actual + " (want " + det->expected + ")", kRed}
                      : Cell{detectors.empty() ? "-" : detectors, nullptr});
  if (o.checks == 0) {
    cells.push_back({"-", kDim});
  } else {
    cells.push_back(o.passed() ? Cell{"PASS", kGreen} : Cell{"FAIL", kRed});
  }
  return cells;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    char32_t cp = c;
    if (c >= 0xF0)
      len = 4, cp = c & 0x07U;
    else if (c >= 0xE0)
      len = 3, cp = c & 0x0FU;
    else if (c >= 0xC0)
      len = 2, cp = c & 0x1FU;
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
    i += len;
  }
  return width;
}

void write_table(std::ostream& out, const RunResult& run, const TableOptions& opt) {
  std::vector<std::string_view> heads = {"SCENARIO", "ORDER"};
  for (std::string_view h : kHeads) heads.push_back(h);
  heads.insert(heads.end(), {"COMP", "DETECTORS", "RESULT"});
  std::vector<std::vector<Cell>> rows;
  for (const ScenarioResult& s : run.scenarios) {
    bool first = true;
    for (const OrderResult& o : s.orders) {
      rows.push_back(row(s, o, first));
      first = false;
    }
    if (!s.errors.empty()) rows.push_back({{truncate(s.name, 44), nullptr}, {"(error)", kRed}});
  }
  std::vector<std::size_t> widths(heads.size());
  for (std::size_t c = 0; c < heads.size(); ++c) widths[c] = display_width(heads[c]);
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < r.size(); ++c)
      widths[c] = std::max(widths[c], display_width(r[c].text));
  }
  auto print = [&](const std::vector<Cell>& cells) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      const std::size_t pad = last ? 0 : widths[c] - display_width(cells[c].text) + 2;
      if (opt.colour && cells[c].colour) line += cells[c].colour;
      line += cells[c].text;
      if (opt.colour && cells[c].colour) line += kReset;
      line += std::string(pad, ' ');
    }
    out << line << '\n';
  };
  std::vector<Cell> head;
  for (std::string_view h : heads) head.push_back({std::string(h), opt.colour ? kBold : nullptr});
  print(head);
  for (const auto& r : rows) print(r);

  std::size_t mismatches = 0;
  for (const ScenarioResult& s : run.scenarios) {
    for (const std::string& e : s.errors) out << "\nERROR " << s.name << ": " << e << '\n';
    for (const OrderResult& o : s.orders) {
      if (opt.verbose) {
        out << '\n' << s.name << " / order " << o.id << '\n';
        for (std::size_t i = 0; i < kRuleCount; ++i) {
          if (s.rules.test(i)) {
            out << "  " << rule_names()[i] << ": " << to_string(o.outcomes[i]) << " - "
                << o.explanations[i] << '\n';
          }
        }
        for (const Transition& t : o.history) {
          out << "  " << sim::format_beijing(t.at) << "  " << to_string(t.rule) << ' '
              << (t.from ? std::string(to_string(*t.from)) : "start") << " -> " << to_string(t.to)
              << (t.overturned ? "  (overturned)" : "") << '\n';
        }
      }
      for (const Mismatch& m : o.mismatches) {
        if (mismatches++ == 0) out << "\nMismatches:\n";
        out << (opt.colour ? kRed : "") << "  FAIL" << (opt.colour ? kReset : "") << ' ' << m.where
            << "  scenario '" << s.name << "' order " << o.id << "  " << m.key << " at "
            << sim::format_beijing(m.at) << ": expected " << m.expected << ", got " << m.actual
            << '\n';
      }
    }
  }
  const std::size_t failed = run.failed();
  out << '\n'
      << run.scenarios.size() << " scenarios, " << run.orders() << " orders, " << mismatches
      << " mismatches (seed " << run.seed << ")\n";
  out << "scenarios: " << run.scenarios.size() - failed << " passed, " << failed << " failed\n";
}

Result<void> write_file_atomically(const std::string& path, const std::string& content) {
  return write_file_atomically(path, [&](std::ostream& f) { f << content; });
}

Result<void> write_file_atomically(const std::string& path,
                                   const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path tmp = target.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return unexpected(Error{"cannot write report (is the folder there?)", path});
    write(f);
    f.flush();
    if (!f) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      return unexpected(Error{"writing the report failed", path});
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) return unexpected(Error{"cannot move the report into place: " + ec.message(), path});
  return {};
}

}  // namespace tracksim::harness

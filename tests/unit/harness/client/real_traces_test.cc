// The real-trace corpus (tests/data/real_traces/): every trace, in the shape it was published
// in, is read by the dump readers, and each event's kind and city are compared with the
// hand-written labels beside it. Prints the agreement per carrier; the goal is at least 98% of
// kinds and 95% of cities right overall, and no trace refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "harness/client/dump.h"
#include "harness/client/dump_time.h"
#include "harness/runner/judge.h"
#include "harness/scenario/loader.h"
#include "harness/scenario/ruleset_loader.h"
#include "sim/carrier/number.h"
#include "sim/geo/atlas.h"
#include "sim/time/timestamp.h"

namespace tracksim::harness {
namespace {

namespace fs = std::filesystem;

struct Label {
  std::string time;
  std::string kind;
  std::string city;
};

struct Trace {
  fs::path file;
  std::string carrier;
  std::string shape;
  std::string number;
  std::vector<Label> labels;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

fs::path corpus_dir() { return fs::path(TRACKSIM_SOURCE_DIR) / "tests/data/real_traces"; }

// Every trace of the corpus with its labels, in path order.
std::vector<Trace> corpus() {
  std::vector<Trace> out;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_dir())) {
    const std::string name = entry.path().filename().string();
    constexpr std::string_view kSuffix = ".labels.tsv";
    if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) continue;
    Trace t;
    t.carrier = entry.path().parent_path().filename().string();
    const std::string stem = name.substr(0, name.size() - kSuffix.size());
    for (const char* ext : {".json", ".txt", ".form"}) {
      if (fs::exists(entry.path().parent_path() / (stem + ext))) {
        t.file = entry.path().parent_path() / (stem + ext);
      }
    }
    std::istringstream lines(slurp(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("# shape:", 0) == 0) t.shape = line.substr(8);
      if (line.rfind("# number:", 0) == 0) t.number = line.substr(9);
      if (line.empty() || line[0] == '#' || line.rfind("time\t", 0) == 0) continue;
      std::istringstream cols(line);
      Label l;
      std::getline(cols, l.time, '\t');
      std::getline(cols, l.kind, '\t');
      std::getline(cols, l.city, '\t');
      t.labels.push_back(l);
    }
    for (std::string* s : {&t.shape, &t.number}) {
      s->erase(0, s->find_first_not_of(' '));
      s->erase(s->find_last_not_of(" \r") + 1);
    }
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const Trace& a, const Trace& b) { return a.file < b.file; });
  return out;
}

struct Tally {
  std::size_t traces = 0, events = 0, kinds = 0, cities = 0, guessed = 0;
  void add(const Tally& o) {
    traces += o.traces, events += o.events, kinds += o.kinds, cities += o.cities;
    guessed += o.guessed;
  }
};

std::string percent(std::size_t part, std::size_t whole) {
  std::ostringstream s;
  const double ratio = whole ? static_cast<double>(part) / static_cast<double>(whole) : 1.0;
  s << std::fixed << std::setprecision(1) << 100.0 * ratio << '%';
  return s.str();
}

TEST(RealTraces, TheCorpusHasTracesOfEveryShapeAndManyCarriers) {
  const auto traces = corpus();
  std::map<std::string, int> shapes, carriers;
  for (const Trace& t : traces) ++shapes[t.shape], ++carriers[t.carrier];
  EXPECT_GE(traces.size(), 40U);
  EXPECT_GE(carriers.size(), 10U);
  for (const char* s : {"kuaidi100", "kuaidi100_push", "kdniao", "text"}) {
    EXPECT_GT(shapes[s], 0) << "no trace of shape " << s;
  }
}

TEST(RealTraces, EveryTraceReadsAndMeetsItsLabels) {
  const auto& atlas = sim::geo::Atlas::china();
  std::map<std::string, Tally> per_carrier;
  std::vector<std::string> misses;
  for (const Trace& t : corpus()) {
    SCOPED_TRACE(t.file.string());
    if (t.file.empty()) {
      ADD_FAILURE() << "labels without a trace";
      continue;
    }
    const auto carrier = sim::parse_carrier(t.carrier);
    EXPECT_TRUE(carrier.has_value()) << "unknown carrier folder " << t.carrier;
    const std::string body = slurp(t.file);
    const auto shape = detect_dump_shape(body);
    if (!shape) {
      ADD_FAILURE() << "shape not detected";
      continue;
    }
    std::string want_shape = t.shape;
    std::replace(want_shape.begin(), want_shape.end(), '_', '-');
    EXPECT_EQ(to_string(*shape), want_shape);
    const auto dump = read_dump(body, std::nullopt, carrier);
    if (!dump) {
      ADD_FAILURE() << "refused: " << dump.error().to_string();
      continue;
    }
    const auto& scans = dump->answer.parcel.scans;
    if (scans.size() != t.labels.size()) {
      ADD_FAILURE() << scans.size() << " events read, " << t.labels.size() << " labelled";
      continue;
    }
    if (carrier && !t.number.empty() && t.number != "-" &&
        t.number.find(' ') == std::string::npos) {
      EXPECT_TRUE(sim::is_valid_number(*carrier, t.number))
          << t.number << ": " << sim::check_number(*carrier, t.number).reason;
    }
    Tally& tally = per_carrier[t.carrier];
    ++tally.traces;
    for (std::size_t i = 0; i < scans.size(); ++i) {
      const Label& l = t.labels[i];
      const auto when = parse_dump_time(l.time);
      EXPECT_TRUE(when.has_value()) << "label time " << l.time;
      if (when) {
        EXPECT_EQ(scans[i].at, *when) << "event " << i;
      }
      ++tally.events;
      const std::string kind(sim::to_string(scans[i].kind));
      const std::string city = scans[i].city == sim::geo::kNoCity
                                   ? "-"
                                   : std::string(atlas.city(scans[i].city).full_name);
      tally.kinds += kind == l.kind;
      tally.cities += city == l.city;
      tally.guessed += dump->notes[i].basis == KindBasis::guessed;
      if (kind != l.kind || city != l.city) {
        misses.push_back(t.carrier + "/" + t.file.filename().string() + " " + dump->notes[i].where +
                         ": read " + kind + " " + city + ", label " + l.kind + " " + l.city +
                         "  '" + scans[i].text + "'");
      }
    }
  }
  Tally all;
  std::cout << "carrier     traces events  kinds    cities   guessed\n";
  for (const auto& [carrier, t] : per_carrier) {
    all.add(t);
    std::cout << std::left << std::setw(12) << carrier << std::right << std::setw(6) << t.traces
              << std::setw(7) << t.events << std::setw(8) << percent(t.kinds, t.events)
              << std::setw(9) << percent(t.cities, t.events) << std::setw(8) << t.guessed << '\n';
  }
  std::cout << std::left << std::setw(12) << "all" << std::right << std::setw(6) << all.traces
            << std::setw(7) << all.events << std::setw(8) << percent(all.kinds, all.events)
            << std::setw(9) << percent(all.cities, all.events) << std::setw(8) << all.guessed
            << '\n';
  for (const std::string& m : misses) std::cout << "  miss " << m << '\n';
  EXPECT_GE(all.kinds * 100, all.events * 98) << "kinds right: " << percent(all.kinds, all.events);
  EXPECT_GE(all.cities * 100, all.events * 95)
      << "cities right: " << percent(all.cities, all.events);
}

// The outcomes of one order paid a day before the parcel's first event and uploaded an hour
// before it, judged on `parcel` under `ruleset` until a week after its last event.
OrderResult judge_one(const sim::Parcel& parcel, const std::string& ruleset) {
  sim::Instant first = parcel.scans.front().at, last = first;
  for (const sim::Scan& s : parcel.scans)
    first = std::min(first, s.at), last = std::max(last, s.at);
  const std::string yaml =
      "id: T1\npaid_at: " + sim::format_timestamp(first - sim::Duration(86400)) +
      "\nupload: {at: +23h, carrier: " + std::string(sim::code(parcel.carrier)) + ", number: \"" +
      parcel.number + "\"}\n";
  auto rs = load_ruleset(ruleset);
  EXPECT_TRUE(rs.has_value());
  auto s = parse_order_yaml(yaml, "twin.order.yaml", *rs);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().to_string());
  if (!s) return {};
  ParcelSpec p;
  static_cast<sim::Parcel&>(p) = parcel;
  s->parcels.push_back(p);
  s->until = last + sim::Duration(7 * 86400);
  return judge_scenario(*s).orders.front();
}

// A user who pastes the carrier page's text gets the verdicts the Kuaidi100 answer gives: every
// Kuaidi100 trace of the corpus, rendered as "time words" lines, judges the same under both
// rulesets (the words alone must carry what the answer's fields said).
TEST(RealTraces, PastedTextJudgesLikeItsKuaidi100Twin) {
  std::size_t twins = 0;
  for (const Trace& t : corpus()) {
    if (t.shape != "kuaidi100" || t.labels.empty()) continue;
    const auto carrier = sim::parse_carrier(t.carrier);
    if (!carrier) continue;  // reported by EveryTraceReadsAndMeetsItsLabels
    SCOPED_TRACE(t.file.string());
    const auto json = read_dump(slurp(t.file), DumpShape::kuaidi100, carrier);
    ASSERT_TRUE(json.has_value()) << json.error().to_string();
    sim::Parcel a = json->answer.parcel;
    a.carrier = *carrier;
    a.number = sim::generate_number(*carrier, *std::make_unique<sim::Rng>(1));
    const auto text = read_dump(render_as_text(a), DumpShape::text, carrier);
    ASSERT_TRUE(text.has_value()) << text.error().to_string();
    sim::Parcel b = text->answer.parcel;
    b.carrier = a.carrier;
    b.number = a.number;
    for (const char* ruleset : {"douyin-2023", "douyin-2026"}) {
      const OrderResult x = judge_one(a, ruleset), y = judge_one(b, ruleset);
      for (std::size_t i = 0; i < kRuleCount; ++i) {
        EXPECT_EQ(x.outcomes[i], y.outcomes[i]) << ruleset << " " << rule_names()[i] << ": "
                                                << x.explanations[i] << " | " << y.explanations[i];
      }
      EXPECT_EQ(x.detectors, y.detectors) << ruleset;
    }
    ++twins;
  }
  EXPECT_GE(twins, 40U);
}

}  // namespace
}  // namespace tracksim::harness

// The mock carrier speaks like the real carriers (issue 10, deliverable 5): every text the mock
// writes reads back through the dump readers to the scan it came from, with none of tracksim's own
// fields to help, and every carrier's wording is recognisable against the real-trace corpus of
// that carrier (tests/data/real_traces/: the labelled traces and PHRASES.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "harness/client/dump.h"
#include "harness/client/places.h"
#include "harness/client/scan_kind.h"
#include "sim/carrier/wording.h"
#include "sim/geo/atlas.h"
#include "sim/server/render.h"
#include "sim/server/track_view.h"
#include "sim/timeline/route.h"

namespace tracksim::harness {
namespace {

namespace fs = std::filesystem;
using sim::Carrier;
using sim::FacilityType;
using sim::ScanKind;
using sim::geo::CityId;

constexpr sim::Instant kT0 = sim::Instant::from_unix(1'675'216'800);  // 2023-02-01 10:00 +08
constexpr int kSeeds = 60;  // parcels per carrier; each shows every kind at every place

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

fs::path corpus_dir() { return fs::path(TRACKSIM_SOURCE_DIR) / "tests/data/real_traces"; }

std::string city_name(CityId id) {
  if (id == sim::geo::kNoCity) return "-";
  return std::string(sim::geo::Atlas::china().city(id).full_name);
}

// One parcel of the mock's own making: a route (its facility names as the route builder gives
// them), then a scan of every kind at each place a kind can happen (hub, outlet, none; cabinet
// and station for lockers), each in a city drawn from the seed.
sim::Parcel mock_parcel(Carrier carrier, int seed) {
  const auto& cities = sim::geo::Atlas::china().cities();
  sim::Rng rng(static_cast<std::uint64_t>(seed) * 7919U + static_cast<std::uint64_t>(carrier));
  sim::Parcel p;
  p.carrier = carrier;
  p.number = "N" + std::to_string(seed);
  sim::RouteRequest req;
  req.carrier = carrier;
  req.from = static_cast<CityId>(rng.below(cities.size()));
  req.to = static_cast<CityId>(rng.below(cities.size()));
  req.pickup_at = kT0;
  req.seed = rng.next();
  req.locker = rng.below(2) == 0;
  p.consignee_city = req.to;
  p.scans = sim::build_route(req);
  sim::Instant t = p.scans.back().at;
  for (std::string_view name : sim::scan_kind_names()) {
    const ScanKind kind = *sim::parse_scan_kind(name);
    std::vector<FacilityType> places = {FacilityType::unspecified, FacilityType::outlet,
                                        FacilityType::hub};
    if (kind == ScanKind::locker) places = {FacilityType::locker, FacilityType::station};
    for (FacilityType type : places) {
      const CityId city = static_cast<CityId>(rng.below(cities.size()));
      const std::string_view short_name = cities[city].short_name;
      sim::Scan s;
      t += std::chrono::minutes(7);
      s.at = s.visible_at = t;
      s.kind = kind;
      s.city = city;
      s.facility_type = type;
      if (type == FacilityType::hub) {
        s.facility =
            sim::hub_name(carrier, short_name,
                          sim::geo::Atlas::china().province(cities[city].province).short_name);
      } else if (type == FacilityType::outlet) {
        s.facility = std::string(short_name) + "城东营业部";
      } else if (type == FacilityType::locker) {
        s.facility = std::string(short_name) + "丰巢智能柜";
      } else if (type == FacilityType::station) {
        s.facility = std::string(short_name) + "菜鸟驿站";
      }
      p.scans.push_back(std::move(s));
    }
  }
  return p;
}

// The mock's Kuaidi100 answer for the parcel, oldest first.
sim::server::TrackView mock_view(const sim::Parcel& p) {
  sim::server::TrackView view;
  view.carrier = p.carrier;
  view.number = p.number;
  view.consignee_city = p.consignee_city;
  const sim::Rng parcel_rng = sim::server::wording_rng(p.carrier, p.number);
  for (std::size_t i = 0; i < p.scans.size(); ++i) {
    const sim::Scan& s = p.scans[i];
    view.scans.push_back(sim::server::show_scan(
        p.carrier, parcel_rng, p.consignee_city, i,
        {s.at, s.visible_at, s.kind, s.city, s.facility_type, s.facility, s.text}));
  }
  return view;
}

// The answer as a real Kuaidi100 would give it: without tracksim's extension fields (facility,
// facilityType, kind, visibleAt, consignee) and, with `codes` false, without status/statusCode
// either (the words alone, as pasted text carries them).
std::string as_real_kuaidi100(const std::string& body, bool codes) {
  nlohmann::json j = nlohmann::json::parse(body);
  j.erase("consignee");
  for (auto& e : j["data"]) {
    for (const char* key : {"facility", "facilityType", "kind", "visibleAt"}) e.erase(key);
    if (!codes) {
      e.erase("status");
      e.erase("statusCode");
    }
  }
  return j.dump();
}

struct RoundTrip {
  std::size_t texts = 0, kinds = 0, cities = 0, words_kinds = 0, words_cities = 0,
              words_wrong_city = 0;
};

TEST(MockWording, EveryTextReadsBackToItsKindAndCityWithoutTracksimFields) {
  std::map<std::string, RoundTrip> per_carrier;
  std::string first_failure;
  auto fail_once = [&](const std::string& why) {
    if (first_failure.empty()) first_failure = why;
  };
  for (Carrier carrier : sim::all_carriers()) {
    RoundTrip& tally = per_carrier[std::string(sim::code(carrier))];
    for (int seed = 0; seed < kSeeds; ++seed) {
      const sim::Parcel parcel = mock_parcel(carrier, seed);
      const sim::server::TrackView view = mock_view(parcel);
      const std::string body = sim::server::kuaidi100_json(view, /*ascending=*/true);
      const auto with_codes = read_dump(as_real_kuaidi100(body, true), DumpShape::kuaidi100);
      const auto words_only = read_dump(as_real_kuaidi100(body, false), DumpShape::kuaidi100);
      ASSERT_TRUE(with_codes) << with_codes.error().to_string();
      ASSERT_TRUE(words_only) << words_only.error().to_string();
      ASSERT_EQ(with_codes->answer.parcel.carrier, carrier);
      const auto& got = with_codes->answer.parcel.scans;
      const auto& words = words_only->answer.parcel.scans;
      ASSERT_EQ(got.size(), view.scans.size());
      ASSERT_EQ(words.size(), view.scans.size());
      for (std::size_t i = 0; i < view.scans.size(); ++i) {
        const auto& shown = view.scans[i];
        const sim::Scan& truth = parcel.scans[i];
        ASSERT_EQ(got[i].at, shown.at);
        ++tally.texts;
        const std::string what = std::string(sim::code(carrier)) + " " +
                                 std::string(sim::to_string(truth.kind)) + " in " +
                                 city_name(truth.city) + ": '" + shown.context + "'";
        if (got[i].kind == truth.kind) {
          ++tally.kinds;
        } else {
          fail_once(what + " read as " + std::string(sim::to_string(got[i].kind)) +
                    " (statusCode " + std::to_string(shown.status.status_code) + ")");
        }
        if (got[i].city == truth.city) {
          ++tally.cities;
        } else {
          fail_once(what + " placed in " + city_name(got[i].city));
        }
        if (words[i].kind == truth.kind) {
          ++tally.words_kinds;
        } else {
          fail_once(what + " read from its words as " + std::string(sim::to_string(words[i].kind)));
        }
        // The words alone may leave the city unsaid, never name a wrong one.
        const CityId said = city_in_words(shown.context);
        tally.words_cities += said == truth.city;
        if (said != sim::geo::kNoCity && said != truth.city) {
          ++tally.words_wrong_city;
          fail_once(what + " names the city " + city_name(said));
        }
      }
    }
  }
  RoundTrip all;
  std::cout << "carrier   texts  kind+city(codes)  kind(words)  city named by words\n";
  for (const auto& [carrier, t] : per_carrier) {
    std::cout << std::left << std::setw(10) << carrier << std::right << std::setw(5) << t.texts
              << std::setw(9) << t.kinds << "+" << std::setw(5) << t.cities << std::setw(13)
              << t.words_kinds << std::setw(14) << t.words_cities << "\n";
    all.texts += t.texts, all.kinds += t.kinds, all.cities += t.cities;
    all.words_kinds += t.words_kinds, all.words_wrong_city += t.words_wrong_city;
  }
  EXPECT_EQ(all.kinds, all.texts) << "first failure: " << first_failure;
  EXPECT_EQ(all.cities, all.texts) << "first failure: " << first_failure;
  EXPECT_EQ(all.words_kinds, all.texts) << "first failure: " << first_failure;
  EXPECT_EQ(all.words_wrong_city, 0U) << "first failure: " << first_failure;
}

// ---- recognisability --------------------------------------------------------------------------

using PhraseSets = std::map<std::pair<Carrier, ScanKind>, std::set<std::string>>;

// Per carrier and kind, the reader's phrase that each labelled corpus event of that carrier and
// kind matches (match_wording), e.g. (yto, arrive) -> {"已收入", "到达"}. Only events whose words
// alone say their kind count: 韵达's ordinary signature labelled `returned` from its context is no
// phrase of returns.
PhraseSets corpus_phrases() {
  PhraseSets out;
  for (const auto& entry : fs::recursive_directory_iterator(corpus_dir())) {
    const std::string name = entry.path().filename().string();
    constexpr std::string_view kSuffix = ".labels.tsv";
    if (!name.ends_with(kSuffix)) continue;
    const auto carrier = sim::parse_carrier(entry.path().parent_path().filename().string());
    if (!carrier) continue;
    const std::string stem = name.substr(0, name.size() - kSuffix.size());
    fs::path trace;
    for (const char* ext : {".json", ".txt", ".form"}) {
      if (fs::exists(entry.path().parent_path() / (stem + ext))) {
        trace = entry.path().parent_path() / (stem + ext);
      }
    }
    const auto dump = read_dump(slurp(trace), std::nullopt, carrier);
    if (!dump) continue;
    std::vector<std::string> kinds;
    std::istringstream lines(slurp(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#' || line.rfind("time\t", 0) == 0) continue;
      std::istringstream cols(line);
      std::string time, kind;
      std::getline(cols, time, '\t');
      std::getline(cols, kind, '\t');
      kinds.push_back(kind);
    }
    const auto& scans = dump->answer.parcel.scans;
    for (std::size_t i = 0; i < scans.size() && i < kinds.size(); ++i) {
      const auto kind = sim::parse_scan_kind(kinds[i]);
      const auto m = match_wording(scans[i].text, carrier);
      if (kind && m && m->kind == *kind) out[{*carrier, *kind}].insert(std::string(m->phrase));
    }
  }
  return out;
}

// The ASCII words of `s` that are carrier codes.
std::vector<Carrier> carriers_named(std::string_view s) {
  std::vector<Carrier> out;
  std::string word;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const char c = i < s.size() ? s[i] : ' ';
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += c;
      continue;
    }
    if (const auto carrier = sim::parse_carrier(word); carrier && word == sim::code(*carrier)) {
      out.push_back(*carrier);
    }
    word.clear();
  }
  return out;
}

std::vector<std::string> split_cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\') &&
        std::count(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(i), '`') % 2 == 0) {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return cells;
}

// Per carrier and kind, the patterns PHRASES.md quotes (the text between backticks in the row of
// that kind of that carrier's section, or of a table row naming the carrier) whose words the
// reader files under that kind.
std::map<std::pair<Carrier, ScanKind>, std::vector<std::string>> phrases_md() {
  std::map<std::pair<Carrier, ScanKind>, std::vector<std::string>> out;
  std::istringstream lines(slurp(corpus_dir() / "PHRASES.md"));
  std::vector<Carrier> section;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("### ", 0) == 0) {
      section = carriers_named(line);
      std::sort(section.begin(), section.end());
      section.erase(std::unique(section.begin(), section.end()), section.end());
      continue;
    }
    if (line.rfind("| ", 0) != 0) continue;
    const std::vector<std::string> cells = split_cells(line);
    if (cells.size() < 2) continue;
    std::vector<Carrier> carriers = carriers_named(cells[0]);
    std::string kinds_cell = cells[0];
    if (!carriers.empty()) {
      kinds_cell = cells[1];
    } else if (section.size() == 1) {
      carriers = section;
    } else {
      continue;
    }
    std::vector<ScanKind> kinds;
    for (std::string_view name : sim::scan_kind_names()) {
      if (kinds_cell.find(name) != std::string::npos) kinds.push_back(*sim::parse_scan_kind(name));
    }
    std::vector<std::string> patterns;
    for (std::size_t c = 1; c < cells.size(); ++c) {
      const std::string& cell = cells[c];
      for (std::size_t a = cell.find('`'); a != std::string::npos;) {
        const std::size_t b = cell.find('`', a + 1);
        if (b == std::string::npos) break;
        patterns.push_back(cell.substr(a + 1, b - a - 1));
        a = cell.find('`', b + 1);
      }
    }
    // A pattern is evidence for the kinds its row names that its own words say (a row
    // "returning/returned" quoting `快件已退回/转寄` is evidence of returning only).
    for (Carrier carrier : carriers) {
      for (ScanKind kind : kinds) {
        auto& v = out[{carrier, kind}];
        for (const std::string& p : patterns) {
          const auto m = match_wording(p, carrier);
          if (m && m->kind == kind) v.push_back(p);
        }
      }
    }
  }
  return out;
}

TEST(MockWording, EveryCarriersWordingIsRecognisableAgainstItsCorpusPhrases) {
  const PhraseSets corpus = corpus_phrases();
  const auto documented = phrases_md();
  ASSERT_FALSE(corpus.empty());
  ASSERT_FALSE(documented.empty());
  // What counts as evidence of a carrier writing a phrase for a kind: a labelled event of that
  // carrier and kind matching it, or a PHRASES.md pattern of that carrier and kind holding it
  // (patterns keep placeholders, so they are searched rather than matched).
  auto recognised = [&](Carrier c, ScanKind k, std::string_view phrase) {
    if (const auto it = corpus.find({c, k});
        it != corpus.end() && it->second.count(std::string(phrase))) {
      return true;
    }
    if (const auto it = documented.find({c, k}); it != documented.end()) {
      for (const std::string& p : it->second) {
        if (p.find(phrase) != std::string::npos) return true;
      }
    }
    return false;
  };
  auto has_evidence = [&](Carrier c, ScanKind k) {
    const auto it = documented.find({c, k});
    return corpus.count({c, k}) > 0 || (it != documented.end() && !it->second.empty());
  };
  std::cout << "carrier   kinds-with-evidence  texts  recognised  (kinds without evidence)\n";
  std::string first_failure;  // the first text of each of the first few distinct misses
  std::set<std::string> unrecognised;
  std::size_t unrecognised_with_evidence = 0;
  for (Carrier carrier : sim::all_carriers()) {
    std::size_t texts = 0, hits = 0, evidence_kinds = 0;
    std::string missing;
    for (int seed = 0; seed < kSeeds; ++seed) {
      const sim::Parcel parcel = mock_parcel(carrier, seed);
      const sim::server::TrackView view = mock_view(parcel);
      for (std::size_t i = 0; i < view.scans.size(); ++i) {
        const ScanKind kind = parcel.scans[i].kind;
        if (!has_evidence(carrier, kind)) continue;
        ++texts;
        const auto m = match_wording(view.scans[i].context, carrier);
        if (m && recognised(carrier, kind, m->phrase)) {
          ++hits;
          continue;
        }
        ++unrecognised_with_evidence;
        const std::string key = std::string(sim::code(carrier)) + " " +
                                std::string(sim::to_string(kind)) + " phrase '" +
                                std::string(m ? m->phrase : "") + "'";
        if (unrecognised.size() < 8 && unrecognised.insert(key).second) {
          first_failure += "\n  " + key + ": '" + view.scans[i].context + "'";
        }
      }
    }
    for (std::string_view name : sim::scan_kind_names()) {
      if (has_evidence(carrier, *sim::parse_scan_kind(name))) {
        ++evidence_kinds;
      } else {
        missing += (missing.empty() ? "" : ",") + std::string(name);
      }
    }
    const double share = texts ? 100.0 * static_cast<double>(hits) / static_cast<double>(texts) : 0;
    std::cout << std::left << std::setw(10) << sim::code(carrier) << std::right << std::setw(6)
              << evidence_kinds << "/12" << std::setw(14) << texts << std::setw(9) << std::fixed
              << std::setprecision(1) << share << "%  (" << missing << ")\n";
  }
  EXPECT_EQ(unrecognised_with_evidence, 0U) << "unrecognised:" << first_failure;
}

// The check above can fail: a text in another carrier's dialect is not recognised as 圆通's.
TEST(MockWording, RecognisabilityRejectsAnotherCarriersDialect) {
  const PhraseSets corpus = corpus_phrases();
  const auto m = match_wording("顺丰速运 已收取快件", Carrier::yto);
  ASSERT_TRUE(m);
  const auto it = corpus.find({Carrier::yto, ScanKind::pickup});
  ASSERT_NE(it, corpus.end());
  EXPECT_EQ(it->second.count(std::string(m->phrase)), 0U) << m->phrase;
  const auto arrive = corpus.find({Carrier::yto, ScanKind::arrive});
  ASSERT_NE(arrive, corpus.end());
  EXPECT_EQ(arrive->second.count("已收入"), 1U);
}

TEST(MockWording, SameSeedSameBytes) {
  for (Carrier carrier : sim::all_carriers()) {
    const std::string a = sim::server::kuaidi100_json(mock_view(mock_parcel(carrier, 3)), false);
    const std::string b = sim::server::kuaidi100_json(mock_view(mock_parcel(carrier, 3)), false);
    EXPECT_EQ(a, b) << sim::code(carrier);
  }
}

// Masked phones have the corpus's shape and the statusCode/status pair is one of resultv2's.
TEST(MockWording, PhonesAreMaskedAndStatusCodesComeFromTheResultv2Table) {
  const std::regex unmasked("1[3-9][0-9]{9}");
  for (Carrier carrier : sim::all_carriers()) {
    const sim::server::TrackView view = mock_view(mock_parcel(carrier, 5));
    for (const auto& s : view.scans) {
      EXPECT_FALSE(std::regex_search(s.context, unmasked)) << s.context;
      const auto known = sim::kuaidi100_status_of_code(s.status.status_code);
      ASSERT_TRUE(known) << s.status.status_code;
      EXPECT_EQ(known->state, s.status.state);
      EXPECT_EQ(known->code_name, s.status.code_name);
      ASSERT_TRUE(class_of_status_code(s.status.status_code));
      EXPECT_TRUE(class_of_status_code(s.status.status_code)->allowed &
                  (1U << static_cast<unsigned>(s.kind)))
          << sim::code(carrier) << " " << sim::to_string(s.kind) << " " << s.status.status_code;
      EXPECT_TRUE(class_of_status_word(s.status.code_name)) << s.status.code_name;
      if (!s.area_code.empty()) {
        EXPECT_EQ(s.area_code.size(), 14U);
        EXPECT_EQ(city_of_area("", s.area_code), city_of_area(s.area_name, ""));
      }
    }
  }
}

}  // namespace
}  // namespace tracksim::harness

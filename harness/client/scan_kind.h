// Scan kinds from what a dump carries, in this order: tracksim's own `kind` field; the
// aggregator's codes (Kuaidi100 statusCode, else its Chinese `status` word; KDNiao's `Action`),
// which fix the class of the event (in transit, collected, delivering, signed, problem, ...);
// then wording rules, per carrier before the generic ones, which pick the kind within that
// class (or among all kinds when no code was given). An event no rule and no code can place is
// read as an in-transit physical scan (`arrive`) and marked as guessed, so that callers can say
// which verdicts depend on it. Pure functions over static tables; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/carrier/carrier.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

// A set of scan kinds, bit i = ScanKind i.
using KindSet = std::uint16_t;

// What an aggregator's code says of an event: the kinds it allows and the one it means when the
// wording says nothing more.
struct KindClass {
  KindSet allowed = 0;
  sim::ScanKind fallback = sim::ScanKind::arrive;
};

// Kuaidi100's resultv2 statusCode (0, 1001-1003 在途; 1, 101-103 揽收; 5, 501 派件; 3, 301-304
// 签收; 2, 201-211 疑难; 4, 401 退签; 6 退回; 7 转投; 8, 10-13 清关; 14 拒签); nullopt if unknown.
std::optional<KindClass> class_of_status_code(int status_code);
// Kuaidi100's Chinese state names ("在途", "揽收", ..., and the resultv2 sub-state names such
// as "到达派件城市" or "投柜或驿站"); nullopt if unknown.
std::optional<KindClass> class_of_status_word(std::string_view word);
// KDNiao's Action / StateEx codes (1 已揽收, 2 在途中, 201, 202, 211, 3, 301-311, 4, 401-412,
// 10 待揽件 ...); nullopt if unknown.
std::optional<KindClass> class_of_kdniao_action(int action);

// How a kind was decided, for reports and warnings.
enum class KindBasis : std::uint8_t { own_field, code, wording, code_fallback, guessed };
std::string_view to_string(KindBasis basis);

struct KindReading {
  sim::ScanKind kind = sim::ScanKind::arrive;
  KindBasis basis = KindBasis::guessed;
  bool guessed() const { return basis == KindBasis::guessed; }
};

// Everything a dump may say about one event. Empty / nullopt fields are absent.
struct KindEvidence {
  std::optional<sim::ScanKind> own;     // tracksim's "kind"
  std::optional<KindClass> code;        // from statusCode, status word or Action (first given)
  std::optional<sim::Carrier> carrier;  // whose wording rules apply first
  std::string_view text;                // the carrier's words
};

KindReading read_kind(const KindEvidence& evidence);

// The kind the wording alone describes among `allowed` kinds (all when 0), if any rule matches.
std::optional<sim::ScanKind> kind_from_wording(std::string_view text,
                                               std::optional<sim::Carrier> carrier = {},
                                               KindSet allowed = 0);

// The same, with the phrase of the rule that matched ("已收入"), for tests that compare the
// mock's wording with the real carriers'. The phrase points into static storage.
struct WordingMatch {
  sim::ScanKind kind;
  std::string_view phrase;
};
std::optional<WordingMatch> match_wording(std::string_view text,
                                          std::optional<sim::Carrier> carrier = {},
                                          KindSet allowed = 0);

}  // namespace tracksim::harness

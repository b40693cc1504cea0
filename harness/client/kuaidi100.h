// Kuaidi100 wire format, read side: turns a query response (what the mock carrier, a real
// carrier or an aggregator returned; newest first or not, Beijing times without offset, Chinese
// `context`) into scans the rule engine can judge. Scan kinds come from `statusCode` where it is
// given, else from the wording (rules in kind_from_wording). The mock adds tracksim extension
// fields (per event kind, facility, facilityType, visibleAt; top-level consignee) that win when
// present; real dumps lack them. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/result.h"
#include "sim/timeline/parcel.h"
#include "sim/timeline/scan.h"

namespace tracksim::harness {

// What a Kuaidi100 query answered.
struct TrackingAnswer {
  bool found = false;       // false: `result: false` (no record, or nothing visible yet)
  std::string return_code;  // for not-found answers, e.g. "500"
  std::string message;
  sim::Parcel parcel;  // carrier, number, consignee and scans (visible_at = at unless given)
};

// Parses a query response body. Malformed JSON, a wrong shape or an unparsable time is an
// error naming the field (`data[3].ftime`), never an empty result: a broken answer must not be
// mistaken for "no scans".
Result<TrackingAnswer> parse_kuaidi100(std::string_view body);

// Parses a batch answer (POST /track/batch): a JSON list with one query response per number
// asked, in order. The whole answer fails if it is not such a list of `expected` entries; each
// entry fails on its own as parse_kuaidi100 would.
Result<std::vector<Result<TrackingAnswer>>> parse_kuaidi100_batch(std::string_view body,
                                                                  std::size_t expected);

// The scan kind a Kuaidi100 advanced statusCode stands for, if it names one unambiguously.
std::optional<sim::ScanKind> kind_from_status_code(int status_code, std::string_view context);

// The scan kind the carrier's wording describes, if any rule matches (checked in order:
// returns and cancellations, lockers and stations, signatures, failed attempts, delivery,
// problems, electronic order ("等待揽收" is not a pickup), pickup, departures, arrivals).
std::optional<sim::ScanKind> kind_from_wording(std::string_view context);

}  // namespace tracksim::harness

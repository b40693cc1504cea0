// Kuaidi100 wire format, read side: turns a query response (what the mock carrier, a real
// carrier or an aggregator returned; newest first or not, Beijing times without offset, Chinese
// `context`) into scans the rule engine can judge. Scan kinds are read as scan_kind.h says
// (statusCode or the `status` word, then wording); cities from areaCode/areaName, else the
// words (places.h), else `location`. The mock adds tracksim extension fields (per event kind,
// facility, facilityType, visibleAt; top-level consignee) that win when present; real dumps
// lack them. Other dump shapes (push bodies, KDNiao, pasted text) are read in dump.h.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/client/json_doc.h"
#include "harness/client/scan_kind.h"
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

// How one scan of an answer was read: where it is in the dump ("data[3]") and how its kind was
// decided. Element i describes answer.parcel.scans[i].
struct EventNote {
  std::string where;
  KindBasis basis = KindBasis::guessed;
};

// Reads a query response already parsed as JSON. `carrier` (when the answer's `com` names none
// we know) selects carrier wording rules; `where` prefixes field names in errors and notes
// ("lastResult." for a push body). Fills `notes` when given.
Result<TrackingAnswer> read_kuaidi100(const JsonValue& doc, std::optional<sim::Carrier> carrier,
                                      std::string_view where, std::vector<EventNote>* notes);

}  // namespace tracksim::harness

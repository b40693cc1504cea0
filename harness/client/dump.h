// Tracking dumps as users bring them to `tracksim replay`: a Kuaidi100 query response (with or
// without resultv2 fields), a Kuaidi100 push body (the `param=` form, or JSON with
// `lastResult`), a KDNiao (快递鸟) response (`Traces: [{AcceptTime, AcceptStation, Location,
// Action}]`, also inside a push's `Data` list), or text pasted from a carrier's page or a back
// office (one event a line: a timestamp, then the words; the date and time may be split over
// two lines; newest or oldest first). The shape is detected unless forced. Every event becomes
// a scan; one whose kind nothing settles is read as an in-transit scan and reported as guessed
// (scan_kind.h). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/client/kuaidi100.h"
#include "sim/core/result.h"

namespace tracksim::harness {

enum class DumpShape : std::uint8_t { kuaidi100, kuaidi100_push, kdniao, text };

// "kuaidi100", "kuaidi100-push", "kdniao", "text".
std::string_view to_string(DumpShape shape);
std::optional<DumpShape> parse_dump_shape(std::string_view name);
// "kuaidi100, kuaidi100-push, kdniao or text", for messages.
std::string_view dump_shape_names();

struct Dump {
  DumpShape shape = DumpShape::kuaidi100;
  TrackingAnswer answer;         // the parcel; found = false when the dump says "no record"
  bool names_carrier = false;    // the dump said whose parcel it is (com, ShipperCode)
  std::vector<EventNote> notes;  // per scan: where it is in the dump, how its kind was read
};

// Reads `body` in the given shape, or the one it has. `carrier` (the order's) selects carrier
// wording rules when the dump names no carrier. Errors name the place ("Traces[2].AcceptTime",
// "line 7") and, for a body of no known shape, the shapes expected. JSON that does not parse (or
// nests deeper than kMaxJsonDepth) gets `where` = "LINE:COL" of the problem in `body`.
Result<Dump> read_dump(std::string_view body, std::optional<DumpShape> shape = std::nullopt,
                       std::optional<sim::Carrier> carrier = std::nullopt);

// The shape `body` looks like, or nullopt.
std::optional<DumpShape> detect_dump_shape(std::string_view body);

// The scans as pasted text, oldest first: "2023-02-04 19:30:02 <text>" per line. Reading it
// back with the same carrier gives the same times, texts and (where the words tell) kinds.
std::string render_as_text(const sim::Parcel& parcel);

}  // namespace tracksim::harness

// Replay of one real order against a tracking dump: the dump read in any shape dump.h knows,
// checked against the order's upload, and, for events whose kind was guessed, which verdicts
// depend on the guess (the rules whose outcome at `until` changes were the event of any other
// kind, or absent). Pure functions over the scenario; thread-safe per call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/client/dump.h"
#include "harness/runner/result.h"
#include "harness/scenario/scenario.h"

namespace tracksim::harness {

// The parcel `file` holds, as the order's carrier knows it. The dump must be the number the
// order uploaded (when it names one); errors name the file and the place in it.
struct ReplayDump {
  ParcelSpec parcel;
  DumpShape shape = DumpShape::kuaidi100;
  std::vector<EventNote> notes;  // per scan of parcel
};
Result<ReplayDump> read_replay_dump(const std::string& file, std::string_view body,
                                    const Scenario& scenario, std::optional<DumpShape> shape);

// For every scan whose kind was guessed: the rules whose outcome at `until` differs were that
// scan of any other kind or not there at all. `scenario` holds the order and `parcel` (its
// only parcel, index 0); `notes` describe its scans.
std::vector<UncertainScan> guessed_scans(const Scenario& scenario,
                                         const std::vector<EventNote>& notes);

}  // namespace tracksim::harness

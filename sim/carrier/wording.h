// Carrier wording: Kuaidi100 state codes per scan kind, facility naming, and the Chinese scan text
// each carrier writes. Pure functions over static tables; thread-safe (text draws only from the
// Rng passed in, so the same Rng state gives the same text).
#pragma once

#include <string>
#include <string_view>

#include "sim/carrier/carrier.h"
#include "sim/core/rng.h"
#include "sim/timeline/scan.h"

namespace tracksim::sim {

// Kuaidi100's view of one event: main state (0 在途 ... 6 退回), advanced statusCode, and the main
// state's name as Kuaidi100 prints it in `status`.
struct Kuaidi100Status {
  int state;
  int status_code;
  std::string_view state_name;
};

// Mapping (advanced codes from Kuaidi100's state table):
//   info_received 1/101 揽收 (已下单)      pickup 1/103 揽收 (已揽收)
//   arrive, depart 0/1002 在途 (干线); an arrive in the destination city 0/1001 (到达派件城市)
//   out_for_delivery 5/5 派件             locker 5/501 派件 (投柜或驿站)
//   delivered 3/301 签收 (本人签收)        failed_attempt 2/204 疑难 (派件异常)
//   exception 2/208 疑难 (滞留)            returning 6/6 退回
//   returned 4/4 退签                     cancelled 4/401 退签 (已销单; Kuaidi100 files 401 under
//   4)
Kuaidi100Status kuaidi100_status(ScanKind kind, bool in_destination_city = false);

// The carrier's name for its sorting centre in a city: "杭州转运中心" (ZTO, YTO, UC, ...),
// "杭州中转场" (SF, 丰网), "杭州分拨中心" (JD, 德邦, 百世, 天天, 宅急送, 安能), "杭州邮区中心局"
// (China Post: EMS and parcels). A trailing 市 is dropped.
std::string hub_name(Carrier carrier, std::string_view city_name);

// The carrier's own Chinese text for a scan: facility (or, without one, the city) in 【】, couriers
// with masked phones ("138****5678"), 驿站/丰巢 wording for lockers, and so on.
std::string render_scan_text(Carrier carrier, const Scan& scan, std::string_view city_name,
                             Rng& rng);
// The same from what the wording reads of a scan: its kind, facility type and facility name.
std::string render_scan_text(Carrier carrier, ScanKind kind, FacilityType facility_type,
                             std::string_view facility, std::string_view city_name, Rng& rng);

}  // namespace tracksim::sim

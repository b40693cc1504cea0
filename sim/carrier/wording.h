// Carrier wording: Kuaidi100 state codes per scan kind, facility naming, and the Chinese scan text
// each carrier writes, drawn from per-carrier templates (sim/data/wording.tsv, modelled on the
// real-trace corpus). Pure functions over static tables; thread-safe (text draws only from the
// Rng passed in, so the same Rng state gives the same text).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/carrier/carrier.h"
#include "sim/core/result.h"
#include "sim/core/rng.h"
#include "sim/timeline/scan.h"

namespace tracksim::sim {

// Kuaidi100's view of one event: main state (0 在途 ... 6 退回, `state`), advanced statusCode,
// the main state's name, and the advanced code's name, which resultv2 answers print in `status`
// ("干线", "到达派件城市", "投柜或驿站", "代签" ...).
struct Kuaidi100Status {
  int state;
  int status_code;
  std::string_view state_name;
  std::string_view code_name;
};

// Mapping (advanced codes from Kuaidi100's resultv2 table):
//   info_received 1/101 已下单             pickup 1/103 已揽收
//   arrive, depart at a hub 0/1002 干线; elsewhere 0/0 在途; an arrive in the destination city
//   0/1001 到达派件城市
//   out_for_delivery 5/5 派件             locker 5/501 投柜或驿站
//   delivered 3/301 本人签收               failed_attempt 2/204 派件异常
//   exception 2/208 滞留                  returning 6/6 退回
//   returned 4/4 退签                     cancelled 4/401 已销单
// The wording may refine the code within the kind's state (303 代签, 206 无法联系 ...).
Kuaidi100Status kuaidi100_status(ScanKind kind, bool in_destination_city = false,
                                 bool at_hub = true);
// The state and names of an advanced or main statusCode of the resultv2 table; nullopt if
// unknown.
std::optional<Kuaidi100Status> kuaidi100_status_of_code(int status_code);

// The carrier's name for its sorting centre in a city, as its traces write it: "杭州转运中心"
// (YTO, J&T, 百世, 优速), "杭州中转部" (ZTO), "浙江杭州分拨中心" (韵达, with the province),
// "浙江杭州转运中心" (申通), "杭州中转场" (SF, 丰网), "杭州分拨中心" (JD, 安能),
// "杭州邮件处理中心" (EMS), "杭州邮区中心局" (China Post parcels), "杭州转运场" (德邦),
// "浙江杭州分拨" (天天), "浙江_配送区部_杭州分拨站" (宅急送). Every name but China Post's holds
// one of docs/rules.md's hub marks (转运, 中转, 集散, 分拨). A trailing 市 (or 省) is dropped.
std::string hub_name(Carrier carrier, std::string_view city_name,
                     std::string_view province_name = {});

// A scan's words and the statusCode they imply (0: the kind's own, from kuaidi100_status).
struct ScanWords {
  std::string text;
  int status_code = 0;
};

// The carrier's own Chinese text for a scan, drawn from its templates for the kind and place
// (hub, outlet, locker cabinet, station): facility (or, without one, the city) named as the
// carrier does, couriers with masked phones ("138****5678"), 驿站 / 丰巢 wording with pickup
// codes, and so on. Every call makes the same draws whatever the template: the text is a function
// of (carrier, kind, facility, city, Rng state).
ScanWords word_scan(Carrier carrier, ScanKind kind, FacilityType facility_type,
                    std::string_view facility, std::string_view city_name, Rng& rng);
// word_scan's text alone.
std::string render_scan_text(Carrier carrier, const Scan& scan, std::string_view city_name,
                             Rng& rng);
std::string render_scan_text(Carrier carrier, ScanKind kind, FacilityType facility_type,
                             std::string_view facility, std::string_view city_name, Rng& rng);

// One template row of the wording table, for tests and docs.
struct WordingTemplate {
  Carrier carrier;
  ScanKind kind;
  std::string_view place;  // "hub", "outlet", "cabinet", "station", or "-" for any
  int status_code;         // 0: the kind's own; -1: the drawn reason's
  std::string_view text;
};
// Every row of the built-in table, grouped by carrier, kind and place (file order within).
std::span<const WordingTemplate> wording_templates();
// Parses a wording table (the format of sim/data/wording.tsv); errors name the line. Views point
// into `tsv`. Checks that every carrier has a row for every kind and place.
Result<std::vector<WordingTemplate>> parse_wording_table(std::string_view tsv);

}  // namespace tracksim::sim

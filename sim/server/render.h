// What the mock carrier writes: Kuaidi100 query-response JSON, Kuaidi100 error bodies and the
// carrier-style HTML tracking page. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "sim/server/track_view.h"

namespace tracksim::sim::server {

// {"message":"ok","nu","com","state","ischeck","condition":"F00","status":"200","data":[...]},
// events newest first unless `ascending`.
std::string kuaidi100_json(const TrackView& view, bool ascending);

// {"result":false,"returnCode":"<code>","message":"<message>"}
std::string kuaidi100_error(std::string_view return_code, std::string_view message);

// A readable UTF-8 tracking page (state and timeline newest first), no external assets.
std::string tracking_page_html(const TrackView& view);

// Kuaidi100's answer when it has no record of a number.
inline constexpr std::string_view kNoRecordMessage = "查询无结果，请隔段时间再查";
// Our answer when a number is polled again within the lock window.
inline constexpr std::string_view kLockedMessage = "单号查询过于频繁，已被锁定，请30分钟后再查";

}  // namespace tracksim::sim::server

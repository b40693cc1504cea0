#include "harness/client/places.h"

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/geo/atlas.h"
#include "sim/geo/districts.h"

namespace tracksim::harness {
namespace {

using sim::geo::Atlas;
using sim::geo::City;
using sim::geo::CityId;
using sim::geo::District;
using sim::geo::Districts;
using sim::geo::kNoCity;
using sim::geo::kNoProvince;
using sim::geo::ProvinceId;

// Everything one name can stand for.
struct Named {
  ProvinceId province = kNoProvince;
  CityId city = kNoCity;
  std::vector<const District*> districts;        // by full name ("萧山区")
  std::vector<const District*> short_districts;  // by short name ("萧山")
};

constexpr std::size_t kLongestName = 12;  // characters; "石家庄高新技术产业开发区"

// Every province, city and district name of the built-in tables.
const std::unordered_map<std::string_view, Named>& gazetteer() {
  static const auto table = [] {
    std::unordered_map<std::string_view, Named> t;
    const Atlas& atlas = Atlas::china();
    for (const auto& p : atlas.provinces()) {
      t[p.full_name].province = p.id;
      t[p.short_name].province = p.id;
    }
    for (const auto& c : atlas.cities()) {
      t[c.full_name].city = c.id;
      t[c.short_name].city = c.id;
    }
    for (const District& d : Districts::china().all()) {
      t[d.full_name].districts.push_back(&d);
      if (!d.short_name.empty()) t[d.short_name].short_districts.push_back(&d);
    }
    return t;
  }();
  return table;
}

std::size_t char_length(unsigned char lead) {
  if (lead < 0x80U) return 1;
  if (lead >= 0xF0U) return 4;
  if (lead >= 0xE0U) return 3;
  if (lead >= 0xC0U) return 2;
  return 1;  // a stray continuation byte: step over it alone
}

// Byte offsets of the next `n` character ends after `pos` (ends[k] = end of k+1 characters).
std::vector<std::size_t> char_ends(std::string_view text, std::size_t pos, std::size_t n) {
  std::vector<std::size_t> ends;
  for (std::size_t at = pos; ends.size() < n && at < text.size();) {
    at = std::min(text.size(), at + char_length(static_cast<unsigned char>(text[at])));
    ends.push_back(at);
  }
  return ends;
}

// The words about the place the event happened at: the text up to the first marker of a place
// the parcel is going to or came from, without the stretches that name people (a customer
// account named after its town is no place of the parcel's: "取件人: 会理石榴仓", "签收人:
// 磐石新城二区韵达快递超市"; such a stretch ends at the next bracket: "签收人：单位收发章
// 【毕节地区】").
std::string here_part(std::string_view text) {
  static constexpr std::array<std::string_view, 10> kElsewhere = {
      "发往", "下一站", "前往", "送往", "上一站", "运往", "转运至", "转往", "来自", "下一部门"};
  static constexpr std::array<std::string_view, 7> kPeople = {
      "取件人", "签收人", "派件人", "收件人", "联系电话", "投诉电话", "电话"};
  std::size_t cut = text.size();
  for (std::string_view m : kElsewhere) cut = std::min(cut, text.find(m));
  text = text.substr(0, cut);
  std::string out;
  while (!text.empty()) {
    std::size_t at = text.size();
    for (std::string_view m : kPeople) at = std::min(at, text.find(m));
    out += text.substr(0, at);
    if (at == text.size()) break;
    text.remove_prefix(at);
    const std::size_t next = std::min(text.find("【"), text.find('['));
    if (next == std::string_view::npos) break;
    text.remove_prefix(next);
  }
  return out;
}

// Whether a word starts at byte `pos`: after a bracket, a space or punctuation.
bool at_token_start(std::string_view text, std::size_t pos) {
  // Also after a region's name, which carriers put before a facility's ("华北昌平城配中心").
  static constexpr std::array<std::string_view, 21> kBefore = {
      "【", "[",  " ", ",",    "，",   ":",    "：",   "(",    "（",   "_",   "-",
      "、", "】", "]", "华北", "华东", "华南", "华中", "西南", "西北", "东北"};
  for (std::string_view b : kBefore) {
    if (pos >= b.size() && text.substr(pos - b.size(), b.size()) == b) return true;
  }
  return false;
}

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.substr(0, w.size()) == w) return true;
  }
  return false;
}

// Every text between 【 and 】 in order (both brackets are 3 bytes in UTF-8).
std::vector<std::string_view> bracketed(std::string_view text) {
  constexpr std::string_view kOpen = "【";
  constexpr std::string_view kClose = "】";
  std::vector<std::string_view> out;
  for (std::size_t open = text.find(kOpen); open != std::string_view::npos;
       open = text.find(kOpen, open + kOpen.size())) {
    const std::size_t close = text.find(kClose, open);
    if (close == std::string_view::npos) break;
    out.push_back(text.substr(open + kOpen.size(), close - open - kOpen.size()));
  }
  return out;
}

bool is_place_name(std::string_view s) {
  const auto& names = gazetteer();
  return names.find(s) != names.end();
}

}  // namespace

std::string facility_in_words(std::string_view text) {
  for (std::string_view inner : bracketed(text)) {
    if (!inner.empty() && !is_place_name(inner)) return std::string(inner);
  }
  static constexpr std::array<std::string_view, 16> kFacilityWords = {
      "转运中心", "中转场", "分拨中心", "集散中心",   "中转部",   "分拣中心", "营业部", "营业点",
      "网点",     "公司",   "揽投部",   "邮区中心局", "处理中心", "分部",     "驿站",   "营业所"};
  // A facility written without brackets sits between spaces: "北京七道堰 已发出".
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(start, end - start);
    for (std::string_view w : kFacilityWords) {
      if (token.size() > w.size() && token.substr(token.size() - w.size()) == w) {
        return std::string(token);
      }
    }
    start = end + 1;
  }
  return {};
}

sim::FacilityType facility_type_of(std::string_view facility) {
  for (std::string_view mark : {"分拣中心", "处理中心", "邮区中心", "运转中心", "枢纽"}) {
    if (facility.find(mark) != std::string_view::npos) return sim::FacilityType::hub;
  }
  return sim::FacilityType::unspecified;
}

CityId city_of_area(std::string_view area_name, std::string_view area_code) {
  const Atlas& atlas = Atlas::china();
  if (area_code.size() >= 8 && area_code.substr(0, 2) == "CN") {
    const std::string_view code = area_code.substr(2, 6);
    if (const auto* d = Districts::china().by_code(code)) return d->city;
    for (const auto& c : atlas.cities()) {
      if (c.code == code) return c.id;
    }
  }
  if (area_name.empty()) return kNoCity;
  return city_in_words(area_name);
}

// A city's full name standing alone at the end of the text, as EMS and China Post's older
// traces append the event's city ("已离开收寄点，发往廊坊市 沧州市"); not when a destination
// marker stands right before it ("已发往 北京市").
CityId trailing_city(std::string_view text) {
  const std::size_t space = text.find_last_of(' ');
  if (space == std::string_view::npos) return kNoCity;
  const std::string_view last = text.substr(space + 1);
  const City* city = Atlas::china().find_city(last);
  if (city == nullptr || city->full_name != last) return kNoCity;
  std::string_view before = text.substr(0, space);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (std::string_view m : {"发往", "下一站", "前往", "送往", "运往", "来自"}) {
    if (before.size() >= m.size() && before.substr(before.size() - m.size()) == m) {
      return kNoCity;
    }
  }
  return city->id;
}

CityId city_in_words(std::string_view text) {
  const auto& names = gazetteer();
  const Atlas& atlas = Atlas::china();
  if (const CityId city = trailing_city(text); city != kNoCity) return city;
  const std::string here = here_part(text);
  text = here;
  ProvinceId province = kNoProvince;  // named so far, to settle cities and districts
  CityId tentative = kNoCity;         // a name that is a province and a city (吉林): the city
  std::size_t last_end = 0;           // where the last place name ended
  for (std::size_t pos = 0; pos < text.size();) {
    const std::vector<std::size_t> ends = char_ends(text, pos, kLongestName);
    const Named* found = nullptr;
    std::size_t end = 0;
    for (std::size_t k = ends.size(); k >= 2 && found == nullptr; --k) {
      const auto it = names.find(text.substr(pos, ends[k - 1] - pos));
      if (it != names.end()) found = &it->second, end = ends[k - 1];
    }
    if (found == nullptr) {
      pos = ends.empty() ? text.size() : ends.front();
      continue;
    }
    const bool token_start = pos == 0 || pos == last_end || at_token_start(text, pos);
    const std::size_t start = pos;
    pos = end;
    if (starts_with_any(text.substr(end), {"路", "街", "大道", "大街", "巷"})) continue;
    last_end = end;
    (void)start;
    if (found->city != kNoCity && found->province != kNoProvince) {
      if (atlas.province(found->province).kind == sim::geo::ProvinceKind::kMunicipality) {
        return found->city;
      }
      province = found->province;
      tentative = found->city;
      continue;
    }
    if (found->province != kNoProvince) {
      if (atlas.province(found->province).kind == sim::geo::ProvinceKind::kMunicipality) {
        for (const auto& c : atlas.cities()) {
          if (c.province == found->province) return c.id;
        }
      }
      province = found->province;
      continue;
    }
    if (found->city != kNoCity) {
      if (province == kNoProvince || atlas.city(found->city).province == province) {
        return found->city;
      }
      continue;
    }
    // A district's short name inside a word is not a place ("圆通合作点" is no 合作市): it
    // counts only where a word starts, or right after a province or city.
    std::vector<const District*> candidates = found->districts;
    if (token_start) {
      candidates.insert(candidates.end(), found->short_districts.begin(),
                        found->short_districts.end());
    }
    CityId only = kNoCity;
    bool ambiguous = false;
    for (const District* d : candidates) {
      if (province != kNoProvince && atlas.city(d->city).province != province) continue;
      ambiguous = ambiguous || (only != kNoCity && only != d->city);
      only = d->city;
    }
    if (only != kNoCity && !ambiguous) return only;
  }
  return tentative;
}

}  // namespace tracksim::harness

#include "harness/client/scan_kind.h"

#include <array>
#include <string>

namespace tracksim::harness {
namespace {

using sim::ScanKind;
using K = ScanKind;

constexpr KindSet bit(ScanKind k) { return static_cast<KindSet>(1U << static_cast<unsigned>(k)); }
template <class... Ks>
constexpr KindSet set(Ks... ks) {
  return static_cast<KindSet>((bit(ks) | ...));
}

// Classes of aggregator codes.
// 在途 is Kuaidi100's default bucket and lags the words (a station's 代收 still says 在途): it
// only rules out the ends of a trace.
constexpr KindClass kTransit{set(K::arrive, K::depart, K::pickup, K::info_received, K::exception,
                                 K::out_for_delivery, K::locker, K::failed_attempt, K::returning),
                             K::arrive};
constexpr KindClass kForwarded{set(K::depart, K::arrive), K::depart};
constexpr KindClass kCollect{set(K::info_received, K::pickup), K::pickup};
constexpr KindClass kOrdered{set(K::info_received), K::info_received};
constexpr KindClass kCollected{set(K::pickup), K::pickup};
constexpr KindClass kDelivering{set(K::out_for_delivery, K::locker, K::failed_attempt, K::arrive),
                                K::out_for_delivery};
constexpr KindClass kInLocker{set(K::locker, K::delivered), K::locker};
constexpr KindClass kSigned{set(K::delivered, K::locker), K::delivered};
constexpr KindClass kProblem{
    set(K::failed_attempt, K::exception, K::returning, K::cancelled, K::locker), K::exception};
constexpr KindClass kFailed{set(K::failed_attempt, K::exception, K::returning), K::failed_attempt};
constexpr KindClass kCancelled{set(K::cancelled), K::cancelled};
constexpr KindClass kReturning{set(K::returning, K::returned, K::failed_attempt), K::returning};
constexpr KindClass kReturned{set(K::returned, K::cancelled, K::returning), K::returned};
constexpr KindClass kCustoms{set(K::exception, K::arrive, K::depart), K::exception};

// The first of the '|'-separated phrases that `text` contains, or "".
std::string_view found(std::string_view text, std::string_view phrases) {
  while (!phrases.empty()) {
    const std::size_t bar = phrases.find('|');
    const std::string_view phrase = phrases.substr(0, bar);
    if (text.find(phrase) != std::string_view::npos) return phrase;
    if (bar == std::string_view::npos) break;
    phrases.remove_prefix(bar + 1);
  }
  return {};
}

bool has(std::string_view text, std::string_view phrases) { return !found(text, phrases).empty(); }

// One wording rule: the kind, the carriers it is for (our codes, comma-separated; "" = every
// carrier), phrases any of which must appear, phrases none of which may, and phrases one of
// which the whole text (brackets included) must hold.
struct Rule {
  ScanKind kind;
  std::string_view carriers;
  std::string_view any;
  std::string_view unless = {};
  std::string_view also = {};
};

// Carrier-specific rules are tried before the generic ones; within each group, first match wins.
// Each group is tried first on the words outside 【】 and [] (facility names such as
// 【姜堰大宗邮件收寄中心】 or 【家门口代收】 say nothing of the event), then on the whole text.
// Learnt from the real-trace corpus (tests/data/real_traces/; PHRASES.md there lists each
// carrier's wording); the generic group covers the words every carrier uses.
constexpr std::array kCarrierRules = {
    // 顺丰 splits a hub visit into 到达, 完成分拣 / 已装车 (both still at the hub) and 已发车.
    Rule{K::arrive, "sf", "完成分拣"},
    Rule{K::depart, "sf", "已装车"},
    // 京东's own trace ("您的订单在【X】...") and its warehouse steps.
    Rule{K::depart, "jd", "发货完成"},
    Rule{K::arrive, "jd", "收货完成|验货完成"},
    Rule{K::info_received, "jd", "扫描员已经扫描|打包成功|进入|送达您手中"},
    Rule{K::delivered, "jd", "感谢您在京东购物"},
    // 极兔 and 宅急送 write 已取件 for the courier collecting from the sender.
    Rule{K::pickup, "jt,zjs", "已取件"},
    Rule{K::arrive, "yto", "已收入"},
};

constexpr std::array kGenericRules = {
    // Merchant steps some pages mix into the carrier's trace: electronic only.
    Rule{K::info_received, "",
         "添加快递单|卖家发货|商家已发货|商家正通知|正在通知|通知快递|商品已经下单|提交订单|"
         "提交了订单|已出库|待配货|开始处理|开始拣货|拣货完成|验货完成|打包完成|准备出库|订单确认"},
    Rule{K::cancelled, "",
         "销单|拦截成功|已取消|取消寄件|撤单|已撤销|订单已取消|已作废|终止揽收|未揽收成功"},
    Rule{K::returned, "",
         "退签|退回签收|退件签收|退回妥投|已退回寄件人|退件已被|退回件已|退回成功|寄件人已签收"},
    Rule{K::returning, "", "退回|退件|返回寄件|原路返回|退货"},
    Rule{
        K::failed_attempt, "",
        "派送不成功|派件失败|未妥投|无法联系|拒收|改约|派送未成功|派件未成功|投递失败|未能完成配送|"
        "联系不上|无人接听|签收失败|失败签收|无法接通|名址有误|联系好|未投递成功|再次投递|要求自取|"
        "自提件"},
    // A locker or station signing for the buyer is a locker scan, however it is worded.
    Rule{K::locker, "", "代签收|已送达", "", "柜|驿站|自提|代收点"},
    Rule{K::delivered, "", "取出|已领取|取件签收|已取走"},
    Rule{K::out_for_delivery, "", "准备签收|派送途中|正在派送|派送中", "已签收|签收人"},
    Rule{K::delivered, "", "已签收|签收人", "代收|待取|请及时取件|请凭"},
    Rule{K::locker, "",
         "代收|快递柜|丰巢|驿站|待取件|取件码|自提|智能柜|快件箱|代投点|自助柜|速递易|取货码|"
         "存放至|已存放"},
    Rule{K::delivered, "", "签收|妥投|已送达"},
    Rule{K::pickup, "", "已取件"},
    Rule{K::arrive, "", "到达目的地网点|到达派件网点|很快进行派送"},
    Rule{K::exception, "", "疑难件|问题件|海关|清关|待验|留仓", "来自"},
    Rule{K::out_for_delivery, "",
         "派件|派送|投递员|正在为您派|配送员|安排投递|正在投递|开始配送|配送中"},
    Rule{K::exception, "", "疑难|异常|滞留|破损|延误|超区"},
    Rule{K::info_received, "",
         "已下单|电子面单|等待揽收|待揽收|已打印|下单成功|已接单|收到寄件信息|上门收件|等待揽件|"
         "等待收件|等待收寄|打印完毕|已经打印|安排发货"},
    Rule{K::depart, "", "长途运输"},
    Rule{K::info_received, "", "预计"},  // an estimated time of arrival is no scan
    Rule{K::pickup, "", "揽收|揽件|已收取快件|已收件|收件员|已收寄|已经收寄|收寄成功"},
    Rule{K::pickup, "", "收寄", "离开|发往|到达|处理中心"},
    Rule{K::depart, "", "已发车|已起飞|离开|已发出|发出", "准备"},
    Rule{K::arrive, "", "完成分拣|到达|已到|到件|进港|已收入|卸车|分拣|入库|准备装车"},
    // Work on the parcel inside a facility (bagging, packing, weighing); 百世 writes 到【X】.
    Rule{K::arrive, "", "装袋|打包|称重|进行分拨|到【|到 【", "发往|发出"},
    Rule{K::arrive, "", "准备发往|准备发出", "离开|装车|发车"},
    Rule{K::depart, "", "发往|下一站|装车|送往|发出|运输中"},
};

// The text with what stands in 【】 and [] left out.
std::string outside_brackets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  int depth = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    if (rest.substr(0, 3) == "【" || rest.front() == '[') {
      ++depth;
      i += rest.front() == '[' ? 1U : 3U;
      out += ' ';
      continue;
    }
    if (depth > 0 && (rest.substr(0, 3) == "】" || rest.front() == ']')) {
      --depth;
      i += rest.front() == ']' ? 1U : 3U;
      continue;
    }
    if (depth == 0) out += text[i];
    ++i;
  }
  return out;
}

bool for_carrier(std::string_view carriers, std::optional<sim::Carrier> carrier) {
  if (carriers.empty()) return true;
  if (!carrier) return false;
  const std::string_view mine = sim::code(*carrier);
  while (!carriers.empty()) {
    const std::size_t comma = carriers.find(',');
    if (carriers.substr(0, comma) == mine) return true;
    if (comma == std::string_view::npos) break;
    carriers.remove_prefix(comma + 1);
  }
  return false;
}

template <std::size_t N>
std::optional<WordingMatch> first_match(const std::array<Rule, N>& rules, std::string_view text,
                                        std::string_view whole, std::optional<sim::Carrier> carrier,
                                        KindSet allowed) {
  for (const Rule& r : rules) {
    if (allowed != 0 && (allowed & bit(r.kind)) == 0) continue;
    if (!for_carrier(r.carriers, carrier)) continue;
    const std::string_view phrase = found(text, r.any);
    if (phrase.empty() || (!r.unless.empty() && has(text, r.unless))) continue;
    if (r.also.empty() || has(whole, r.also)) return WordingMatch{r.kind, phrase};
  }
  return std::nullopt;
}

}  // namespace

std::optional<KindClass> class_of_status_code(int code) {
  switch (code) {
    case 0:
    case 1001:
    case 1002:
    case 1003:
      return kTransit;
    case 7:
      return kForwarded;
    case 1:
      return kCollect;
    case 101:
    case 102:
      return kOrdered;
    case 103:
      return kCollected;
    case 5:
      return kDelivering;
    case 501:
      return kInLocker;
    case 3:
    case 301:
    case 302:
    case 303:
    case 304:
      return kSigned;
    case 203:
    case 204:
    case 206:
    case 14:
      return kFailed;
    case 210:
    case 401:
      return kCancelled;
    case 2:
    case 201:
    case 202:
    case 205:
    case 207:
    case 208:
    case 209:
    case 211:
      return kProblem;
    case 6:
      return kReturning;
    case 4:
      return kReturned;
    case 8:
    case 10:
    case 11:
    case 12:
    case 13:
      return kCustoms;
    default:
      return std::nullopt;
  }
}

std::optional<KindClass> class_of_status_word(std::string_view w) {
  struct Word {
    std::string_view word;
    KindClass cls;
  };
  static constexpr std::array<Word, 38> kWords = {{
      {"在途", kTransit},
      {"到达派件城市", kTransit},
      {"干线", kTransit},
      {"转递", kTransit},
      {"转投", kForwarded},
      {"揽收", kCollect},
      {"揽件", kCollect},
      {"已下单", kOrdered},
      {"待揽收", kOrdered},
      {"已揽收", kCollected},
      {"派件", kDelivering},
      {"投柜或驿站", kInLocker},
      {"签收", kSigned},
      {"本人签收", kSigned},
      {"派件异常后签收", kSigned},
      {"代签", kSigned},
      {"投柜或站签收", kSigned},
      {"疑难", kProblem},
      {"超时未签收", kProblem},
      {"超时未更新", kProblem},
      {"拒收", kFailed},
      {"派件异常", kFailed},
      {"柜或驿站超时未取", kProblem},
      {"无法联系", kFailed},
      {"超区", kProblem},
      {"滞留", kProblem},
      {"破损", kProblem},
      {"销单", kCancelled},
      {"已销单", kCancelled},
      {"退签", kReturned},
      {"退回", kReturning},
      {"拒签", kFailed},
      {"清关", kCustoms},
      {"待清关", kCustoms},
      {"清关中", kCustoms},
      {"已清关", kCustoms},
      {"清关异常", kCustoms},
      {"已签收", kSigned},
  }};
  for (const Word& x : kWords) {
    if (x.word == w) return x.cls;
  }
  return std::nullopt;
}

std::optional<KindClass> class_of_kdniao_action(int action) {
  switch (action) {
    case 1:
      return kCollect;
    case 10:
      return kOrdered;
    case 2:
    case 201:
      return kTransit;
    case 5:
      return kForwarded;
    case 202:
      return kDelivering;
    case 211:
      return kInLocker;
    case 3:
    case 301:
    case 302:
    case 304:
    case 311:
      return kSigned;
    case 404:
    case 405:
      return kFailed;
    case 406:
      return kReturned;
    case 407:
      return kReturning;
    case 4:
    case 401:
    case 402:
    case 403:
    case 412:
      return kProblem;
    case 6:
      return kCustoms;
    default:
      return std::nullopt;
  }
}

std::string_view to_string(KindBasis basis) {
  switch (basis) {
    case KindBasis::own_field:
      return "kind field";
    case KindBasis::code:
      return "status code and wording";
    case KindBasis::wording:
      return "wording";
    case KindBasis::code_fallback:
      return "status code";
    case KindBasis::guessed:
      return "guessed";
  }
  return "guessed";
}

std::optional<WordingMatch> match_wording(std::string_view text,
                                          std::optional<sim::Carrier> carrier, KindSet allowed) {
  const std::string outside = outside_brackets(text);
  for (std::string_view t : {std::string_view(outside), text}) {
    if (auto m = first_match(kCarrierRules, t, text, carrier, allowed)) return m;
    if (auto m = first_match(kGenericRules, t, text, carrier, allowed)) return m;
  }
  return std::nullopt;
}

std::optional<ScanKind> kind_from_wording(std::string_view text,
                                          std::optional<sim::Carrier> carrier, KindSet allowed) {
  if (auto m = match_wording(text, carrier, allowed)) return m->kind;
  return std::nullopt;
}

KindReading read_kind(const KindEvidence& e) {
  if (e.own) return {*e.own, KindBasis::own_field};
  if (e.code) {
    if (auto k = kind_from_wording(e.text, e.carrier, e.code->allowed)) {
      return {*k, KindBasis::code};
    }
    return {e.code->fallback, KindBasis::code_fallback};
  }
  if (auto k = kind_from_wording(e.text, e.carrier)) return {*k, KindBasis::wording};
  return {ScanKind::arrive, KindBasis::guessed};
}

}  // namespace tracksim::harness

#include "sim/carrier/wording.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include "sim/core/check.h"

namespace tracksim::sim {
namespace {

// One carrier's text for each kind of scan. Placeholders: {F} facility in 【】 (the city when
// there is no facility), {C} city in 【】, {N} courier name, {P} masked phone, {S} signer,
// {K} pickup code, {R} reason, {B} brand. The first eight carriers' texts are pinned by tests
// (tests/unit/sim/server/world_test.cc): change them only on purpose.
struct ScanWording {
  std::string_view info_received;
  std::string_view pickup;
  std::string_view arrive;
  std::string_view depart;
  std::string_view out_for_delivery;
  std::string_view locker_cabinet;  // a parcel locker (丰巢 ...)
  std::string_view locker_station;  // a pickup station (菜鸟驿站 ...)
  std::string_view delivered;
  std::string_view failed_attempt;
  std::string_view exception;
  std::string_view returning;
  std::string_view returned;
  std::string_view cancelled;
};

constexpr std::string_view kTongdaArrive = "快件已到达 {F}";
constexpr std::string_view kTongdaDepart = "{F} 已发出，正在发往下一站";

// In Carrier order.
constexpr std::array<ScanWording, kCarrierCount> kWording = {{
    // sf
    {.info_received = "顺丰速运 已接单，{F} 快递员将尽快上门收件",
     .pickup = "顺丰速运 已收取快件 {F} 收件员：{N}，电话：{P}",
     .arrive = "快件到达 {F}",
     .depart = "快件已从 {F} 发出，准备发往下一站",
     .out_for_delivery = "{F} 派送中 快件交给{N}，联系电话：{P}，请保持电话畅通",
     .locker_cabinet = "快件已投递至{F}，请凭取件码{K}取件，如有疑问请联系{N}（{P}）",
     .locker_station = "快件已由{F}代收，请凭取件码{K}取件，如有疑问请联系{N}（{P}）",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢使用顺丰，期待再次为您服务",
     .failed_attempt = "因{R}，快件暂未派送成功，{F} 将安排再次派送",
     .exception = "快件在 {F} 出现异常：{R}，我们将尽快处理",
     .returning = "{F} 快件已安排退回，原因：{R}，将退回寄件人",
     .returned = "{F} 退回快件已签收，签收人：寄件人",
     .cancelled = "{F} 快件已被拦截，订单已取消"},
    // zto
    {.info_received = "{F} 商家已下单，等待中通快递员揽收",
     .pickup = "{C}{F} 的{N}（{P}）已揽收",
     .arrive = "{C} 快件已到达 {F}",
     .depart = "{C} 快件离开 {F} 已发往下一站",
     .out_for_delivery = "{F} 的派件员 {N}（{P}）正在为您派件",
     .locker_cabinet = "快件已被{F}代收，取件码{K}，请及时取件",
     .locker_station = "快件已由{F}代收，请及时取件，取件码{K}",
     .delivered = "{F} 快件已签收，签收人: {S}，如有疑问请联系{N} {P}",
     .failed_attempt = "{F} 快件派送未成功，原因：{R}，我们将再次为您派送",
     .exception = "快件在{F}滞留，原因：{R}，我们将尽快处理",
     .returning = "{F} 快件已办理退回，原因：{R}，将退回寄件人",
     .returned = "{F} 退回件已由寄件人签收",
     .cancelled = "{F} 寄件人已取消寄件，快件已拦截"},
    // yto
    {.info_received = "{F} 电子面单已生成，等待圆通揽收",
     .pickup = "{F} 已揽收 取件人: {N} ({P})",
     .arrive = kTongdaArrive,
     .depart = kTongdaDepart,
     .out_for_delivery = "{F} 派件中 派件人: {N} 电话 {P}",
     .locker_cabinet = "快件已被{F}代收，请凭取件码{K}及时取件",
     .locker_station = "已由{F}代收，请及时取件，如有疑问请联系{P}",
     .delivered = "{F} 您的快递已签收，签收人: {S}",
     .failed_attempt = "{F} 派件未成功：{R}，派件员{N}（{P}）将再次派送",
     .exception = "{F} 快件异常：{R}",
     .returning = "{F} 快件退回中，退回原因：{R}",
     .returned = "{F} 退回件已签收，签收人: 寄件人本人",
     .cancelled = "{F} 快件已被寄件人取消"},
    // yunda
    {.info_received = "{F} 韵达已收到寄件信息，等待揽件",
     .pickup = "{F} 已揽收，揽件员：{N}，联系电话：{P}",
     .arrive = kTongdaArrive,
     .depart = kTongdaDepart,
     .out_for_delivery = "{F} 派件员{N}（{P}）正在第1次派件，请保持电话畅通",
     .locker_cabinet = "您的快件已放入{F}，取件码{K}，请及时领取",
     .locker_station = "快件已到达{F}，取件码{K}，请尽快领取",
     .delivered = "{F} 快件已被签收，签收人：{S}，扫描员：{N}",
     .failed_attempt = "{F} 快件派送不成功，原因：{R}",
     .exception = "快件在{F}滞留，原因：{R}",
     .returning = "{F} 快件已退回，原因：{R}",
     .returned = "{F} 退件已被寄件人签收",
     .cancelled = "{F} 运单已取消"},
    // sto
    {.info_received = "{F} 商家已打印面单，申通快递等待收件",
     .pickup = "{F} 的收件员 {N} 已收件，电话：{P}",
     .arrive = kTongdaArrive,
     .depart = kTongdaDepart,
     .out_for_delivery = "{F} 的派件员 {N} 正在派件，电话：{P}",
     .locker_cabinet = "快件已被{F}代收，取件码{K}，如有疑问请联系派件员{N}（{P}）",
     .locker_station = "快件已由{F}代收，凭取件码{K}取件",
     .delivered = "{F} 已签收，签收人：{S}，感谢使用申通快递",
     .failed_attempt = "{F} 派件失败，原因：{R}，请联系派件员{N}，电话：{P}",
     .exception = "{F} 快件问题件登记：{R}，正在处理",
     .returning = "{F} 快件已办理退件，原因：{R}",
     .returned = "{F} 退回件已签收",
     .cancelled = "{F} 寄件人已撤销运单"},
    // jt
    {.info_received = "{F} 极兔速递已接收寄件订单，等待揽收",
     .pickup = "{F} 快件已揽收，揽收员：{N}，联系方式：{P}",
     .arrive = kTongdaArrive,
     .depart = kTongdaDepart,
     .out_for_delivery =
         "{F} 快件派送中，派件员：{N}，联系电话：{P}，正在第1次派件，请保持电话畅通",
     .locker_cabinet = "您的快件已存入{F}，请凭取件码{K}取件",
     .locker_station = "您的快件已到{F}，请凭取件码{K}及时取件",
     .delivered = "{F} 您的快件已签收，签收人：{S}，感谢使用极兔速递",
     .failed_attempt = "{F} 快件派送未成功，原因：{R}，将于次日再次派送",
     .exception = "快件在{F}出现异常，原因：{R}，客服将为您跟进",
     .returning = "{F} 快件退回寄件人，原因：{R}",
     .returned = "{F} 退回快件已由寄件人签收",
     .cancelled = "{F} 寄件订单已取消"},
    // jd
    {.info_received = "商家已通知京东快递揽收，{F} 待揽收",
     .pickup = "京东快递 您的快件已由{F}揽收完成，揽收员：{N}，电话：{P}",
     .arrive = "您的快件已到达{F}，正在分拣",
     .depart = "您的快件在{F}分拣完成，已发出",
     .out_for_delivery = "{F} 配送员{N}正在为您配送，请保持电话畅通，联系电话：{P}",
     .locker_cabinet = "您的快件已放入{F}，请凭取件码{K}取件，感谢您使用京东物流",
     .locker_station = "您的快件已由{F}代收，请凭取件码{K}取件",
     .delivered = "{F} 您的快件已签收，签收人：{S}，感谢您使用京东物流",
     .failed_attempt = "{F} 配送员{N}未能完成配送：{R}，将与您联系再次配送",
     .exception = "您的快件在{F}出现异常：{R}，京东客服将为您跟进",
     .returning = "您的快件已在{F}办理退回，原因：{R}",
     .returned = "{F} 您的退回快件已由商家签收",
     .cancelled = "{F} 商家已取消订单，快件已拦截"},
    // ems
    {.info_received = "{F} 电子面单已生成，等待收寄",
     .pickup = "{F} 已收寄，揽投员：{N}，电话：{P}",
     .arrive = "快件已到达{F}，正在进行分拣处理",
     .depart = "离开{F}，发往下一处理中心",
     .out_for_delivery = "{F} 安排投递，投递员：{N}，电话：{P}",
     .locker_cabinet = "{F} 已投入智能快件箱，取件码{K}",
     .locker_station = "{F} 已到达代投点，请凭取件码{K}取件",
     .delivered = "{F} 已妥投，投递结果：{S}",
     .failed_attempt = "{F} 未妥投，原因：{R}",
     .exception = "{F} 邮件滞留，原因：{R}",
     .returning = "{F} 退回，原因：{R}",
     .returned = "{F} 退回妥投，寄件人已签收",
     .cancelled = "{F} 邮件已撤单"},
    // youzheng
    {.info_received = "{F} 邮件信息已录入，等待揽投部收寄",
     .pickup = "{F} 邮件已收寄，揽投员：{N}，电话：{P}",
     .arrive = "邮件到达{F}",
     .depart = "邮件离开{F}，发往下一处理中心",
     .out_for_delivery = "{F} 邮件正在投递，投递员：{N}，电话：{P}",
     .locker_cabinet = "{F} 邮件已投递至智能快件箱，取件码{K}",
     .locker_station = "{F} 邮件已由代投点代收，请凭取件码{K}取件",
     .delivered = "{F} 邮件已投递并签收，签收人：{S}",
     .failed_attempt = "{F} 邮件未妥投，原因：{R}，投递员：{N}，电话：{P}",
     .exception = "{F} 邮件异常，原因：{R}",
     .returning = "{F} 邮件已办理退回，原因：{R}",
     .returned = "{F} 退回邮件已投递并签收，签收人：寄件人",
     .cancelled = "{F} 寄件人已撤回邮件"},
    // deppon
    {.info_received = "{F} 您的订单已提交，德邦快递将尽快安排上门收货",
     .pickup = "{F} 已揽收，揽收人：{N}，电话：{P}",
     .arrive = "运输中，快件已到达{F}",
     .depart = "运输中，快件已从{F}发出",
     .out_for_delivery = "{F} 派送中，派送员：{N}，电话：{P}，请保持电话畅通",
     .locker_cabinet = "快件已放入{F}，取件码{K}，如有疑问请联系派送员{N}（{P}）",
     .locker_station = "快件已由{F}代收，取件码{K}，如有疑问请联系派送员{N}（{P}）",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢您使用德邦快递",
     .failed_attempt = "{F} 派送员{N}（{P}）派送未成功，原因：{R}，将再次为您派送",
     .exception = "快件在{F}异常：{R}，德邦客服将为您跟进",
     .returning = "{F} 快件已办理返货，原因：{R}",
     .returned = "{F} 返货快件已签收，签收人：寄件人",
     .cancelled = "{F} 订单已撤销，快件已拦截"},
    // best
    {.info_received = "{F} 百世快递已接收寄件订单，等待收件",
     .pickup = "{F} 的收件员 {N}（{P}）已收件",
     .arrive = "{F} 快件已到达，正在分拣",
     .depart = "快件已从{F}发出，正在发往下一站",
     .out_for_delivery = "{F} 派件中，派件人：{N}，电话：{P}",
     .locker_cabinet = "快件已放入{F}，取件码{K}，请及时取件",
     .locker_station = "快件已到达{F}，请凭取件码{K}取件，如有疑问请联系{P}",
     .delivered = "{F} 已签收，签收人：{S}，感谢使用百世快递，期待再次为您服务",
     .failed_attempt = "{F} 派件未成功，原因：{R}，派件人：{N}（{P}）",
     .exception = "{F} 快件异常，原因：{R}，正在处理",
     .returning = "{F} 快件已退回，退回原因：{R}",
     .returned = "{F} 退回件已被寄件人签收",
     .cancelled = "{F} 寄件人已取消订单"},
    // tiantian
    {.info_received = "{F} 天天快递已收到寄件信息，等待收件",
     .pickup = "{F} 收件员 {N} 已收件，联系电话 {P}",
     .arrive = "快件已到达{F}，正在分拨",
     .depart = "{F} 快件已发出，发往下一站",
     .out_for_delivery = "{F} 派件员 {N}（{P}）正在为您派送",
     .locker_cabinet = "快件已存入{F}，取件码{K}，请及时领取",
     .locker_station = "快件已由{F}代收，请凭取件码{K}领取",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢使用天天快递",
     .failed_attempt = "{F} 快件未派送成功，原因：{R}",
     .exception = "快件在{F}出现问题：{R}，正在处理",
     .returning = "{F} 快件退回中，原因：{R}",
     .returned = "{F} 退回件已由寄件人签收",
     .cancelled = "{F} 订单已取消"},
    // fengwang
    {.info_received = "丰网速运 已接单，{F} 快递员将尽快上门收件",
     .pickup = "丰网速运 已收取快件 {F} 收件员：{N}，电话：{P}",
     .arrive = "快件到达 {F}",
     .depart = "快件已从 {F} 发出，准备发往下一站",
     .out_for_delivery = "{F} 派送中 快件交给{N}，联系电话：{P}",
     .locker_cabinet = "快件已投递至{F}，请凭取件码{K}取件",
     .locker_station = "快件已由{F}代收，请凭取件码{K}取件",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢使用丰网速运",
     .failed_attempt = "因{R}，快件暂未派送成功，{F} 将安排再次派送",
     .exception = "快件在 {F} 出现异常：{R}，我们将尽快处理",
     .returning = "{F} 快件已安排退回，原因：{R}",
     .returned = "{F} 退回快件已签收，签收人：寄件人",
     .cancelled = "{F} 快件已被拦截，订单已取消"},
    // uc
    {.info_received = "{F} 优速快递已收到寄件订单，等待揽收",
     .pickup = "{F} 优速快递已揽收，揽收员：{N}，电话：{P}",
     .arrive = kTongdaArrive,
     .depart = kTongdaDepart,
     .out_for_delivery = "{F} 派件员{N}（{P}）正在派件，请保持电话畅通",
     .locker_cabinet = "您的快件已放入{F}，请凭取件码{K}取件",
     .locker_station = "您的快件已由{F}代收，取件码{K}",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢使用优速快递",
     .failed_attempt = "{F} 派件不成功，原因：{R}",
     .exception = "{F} 快件滞留，原因：{R}",
     .returning = "{F} 快件已退回，原因：{R}",
     .returned = "{F} 退件已签收",
     .cancelled = "{F} 运单已作废"},
    // zjs
    {.info_received = "宅急送 已接单，{F} 将安排取件",
     .pickup = "宅急送 {F} 已取件，取件员：{N}，电话：{P}",
     .arrive = "快件已到达{F}",
     .depart = "快件已离开{F}，发往下一站",
     .out_for_delivery = "{F} 快件正在派送，派送员：{N}，电话：{P}",
     .locker_cabinet = "快件已存入{F}，取件码{K}",
     .locker_station = "快件已由{F}代收，取件码{K}",
     .delivered = "{F} 快件已签收，签收人：{S}，感谢使用宅急送",
     .failed_attempt = "{F} 派送未成功，原因：{R}，将再次派送",
     .exception = "快件在{F}异常，原因：{R}",
     .returning = "{F} 快件退回中，原因：{R}，将退回寄件人",
     .returned = "{F} 退回快件已签收",
     .cancelled = "{F} 取件订单已取消"},
    // ane
    {.info_received = "{F} 安能物流已收到下单信息，等待揽收",
     .pickup = "{F} 安能物流已揽收，揽收员：{N}，电话：{P}",
     .arrive = "快件已到达{F}，正在卸车分拣",
     .depart = "快件已从{F}装车发出，发往下一站",
     .out_for_delivery = "{F} 派送员{N}正在派送，电话：{P}",
     .locker_cabinet = "快件已放入{F}，取件码{K}",
     .locker_station = "快件已由{F}代收，请及时取件，取件码{K}",
     .delivered = "{F} 已签收，签收人：{S}，感谢使用安能物流",
     .failed_attempt = "{F} 派送未成功，原因：{R}",
     .exception = "快件在{F}异常：{R}，正在处理",
     .returning = "{F} 快件已退回，原因：{R}，将退回寄件人",
     .returned = "{F} 退回件已由寄件人签收",
     .cancelled = "{F} 运单已撤销"},
}};

constexpr bool every_text_written(const ScanWording& w) {
  for (std::string_view t : {w.info_received, w.pickup, w.arrive, w.depart, w.out_for_delivery,
                             w.locker_cabinet, w.locker_station, w.delivered, w.failed_attempt,
                             w.exception, w.returning, w.returned, w.cancelled}) {
    if (t.empty()) return false;
  }
  return true;
}
static_assert(std::all_of(kWording.begin(), kWording.end(), every_text_written),
              "every carrier needs a text for every kind of scan");

constexpr std::array<std::string_view, 16> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
constexpr std::array<std::string_view, 20> kGivenNames = {
    "伟", "芳", "娜", "敏", "静", "强", "磊",   "军",   "洋",   "勇",
    "杰", "涛", "明", "超", "平", "刚", "桂英", "建华", "海燕", "志强"};
constexpr std::array<std::string_view, 5> kSigners = {"本人", "他人代签", "凭取货码签收",
                                                      "家人代签", "门卫代签"};
constexpr std::array<std::string_view, 4> kFailReasons = {
    "收件人电话无人接听", "收件人要求改日派送", "地址不详，无法联系收件人", "收件人不在家"};
constexpr std::array<std::string_view, 4> kExceptionReasons = {
    "天气原因，快件延误", "地址信息有误，待核实", "运力紧张，快件滞留", "面单破损，待重新处理"};
constexpr std::array<std::string_view, 4> kReturnReasons = {"收件人拒收", "寄件人要求退回",
                                                            "地址错误无法投递", "超期未取"};

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& options, Rng& rng) {
  return options[static_cast<std::size_t>(rng.below(N))];
}

void append_digits(std::string& out, std::size_t n, Rng& rng) {
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>('0' + rng.below(10)));
}

std::string masked_phone(Rng& rng) {
  std::string phone = "1";
  phone.push_back("3578"[rng.below(4)]);
  append_digits(phone, 1, rng);
  phone += "****";
  append_digits(phone, 4, rng);
  return phone;
}

std::string bracket(std::string_view s) {
  return s.empty() ? std::string() : "【" + std::string(s) + "】";
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace

namespace {

struct Values {
  std::string facility;  // already in 【】
  std::string city;      // already in 【】
  std::string name;
  std::string phone;
  std::string_view signer;
  std::string code;
  std::string_view reason;
  std::string_view brand;
};

std::string fill(std::string_view tmpl, const Values& v) {
  std::string out;
  out.reserve(tmpl.size() + 64);
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{' || i + 2 >= tmpl.size() || tmpl[i + 2] != '}') {
      out.push_back(tmpl[i]);
      continue;
    }
    switch (tmpl[i + 1]) {
      case 'F':
        out += v.facility;
        break;
      case 'C':
        out += v.city;
        break;
      case 'N':
        out += v.name;
        break;
      case 'P':
        out += v.phone;
        break;
      case 'S':
        out += v.signer;
        break;
      case 'K':
        out += v.code;
        break;
      case 'R':
        out += v.reason;
        break;
      case 'B':
        out += v.brand;
        break;
      default:
        TS_CHECK(!"unknown placeholder in a scan template");
    }
    i += 2;
  }
  return out;
}

std::string_view template_for(const ScanWording& w, ScanKind kind, bool cabinet) {
  switch (kind) {
    case ScanKind::info_received:
      return w.info_received;
    case ScanKind::pickup:
      return w.pickup;
    case ScanKind::arrive:
      return w.arrive;
    case ScanKind::depart:
      return w.depart;
    case ScanKind::out_for_delivery:
      return w.out_for_delivery;
    case ScanKind::locker:
      return cabinet ? w.locker_cabinet : w.locker_station;
    case ScanKind::delivered:
      return w.delivered;
    case ScanKind::failed_attempt:
      return w.failed_attempt;
    case ScanKind::exception:
      return w.exception;
    case ScanKind::returning:
      return w.returning;
    case ScanKind::returned:
      return w.returned;
    case ScanKind::cancelled:
      return w.cancelled;
  }
  TS_CHECK(!"unknown scan kind");
  return w.arrive;
}

std::string_view reason_for(ScanKind kind, Rng& rng) {
  switch (kind) {
    case ScanKind::failed_attempt:
      return pick(kFailReasons, rng);
    case ScanKind::exception:
      return pick(kExceptionReasons, rng);
    case ScanKind::returning:
      return pick(kReturnReasons, rng);
    default:
      return {};
  }
}

std::string_view strip_city_suffix(std::string_view city) {
  constexpr std::string_view kShi = "市";
  if (city.size() > kShi.size() && city.ends_with(kShi)) city.remove_suffix(kShi.size());
  return city;
}

}  // namespace

Kuaidi100Status kuaidi100_status(ScanKind kind, bool in_destination_city) {
  switch (kind) {
    case ScanKind::info_received:
      return {1, 101, "揽收"};
    case ScanKind::pickup:
      return {1, 103, "揽收"};
    case ScanKind::arrive:
      return {0, in_destination_city ? 1001 : 1002, "在途"};
    case ScanKind::depart:
      return {0, 1002, "在途"};
    case ScanKind::out_for_delivery:
      return {5, 5, "派件"};
    case ScanKind::locker:
      return {5, 501, "派件"};
    case ScanKind::delivered:
      return {3, 301, "签收"};
    case ScanKind::failed_attempt:
      return {2, 204, "疑难"};
    case ScanKind::exception:
      return {2, 208, "疑难"};
    case ScanKind::returning:
      return {6, 6, "退回"};
    case ScanKind::returned:
      return {4, 4, "退签"};
    case ScanKind::cancelled:
      return {4, 401, "退签"};
  }
  TS_CHECK(!"unknown scan kind");
  return {0, 0, "在途"};
}

std::string hub_name(Carrier carrier, std::string_view city_name) {
  std::string name(strip_city_suffix(city_name));
  switch (carrier) {
    case Carrier::sf:
    case Carrier::fengwang:
      return name + "中转场";
    case Carrier::jd:
    case Carrier::deppon:
    case Carrier::best:
    case Carrier::tiantian:
    case Carrier::zjs:
    case Carrier::ane:
      return name + "分拨中心";
    case Carrier::ems:
    case Carrier::youzheng:
      return name + "邮区中心局";
    default:
      return name + "转运中心";
  }
}

std::string render_scan_text(Carrier carrier, const Scan& scan, std::string_view city_name,
                             Rng& rng) {
  const std::string_view facility = scan.facility;
  return render_scan_text(carrier, scan.kind, scan.facility_type, facility, city_name, rng);
}

std::string render_scan_text(Carrier carrier, ScanKind kind, FacilityType facility_type,
                             std::string_view facility, std::string_view city_name, Rng& rng) {
  // Every draw happens in the same order whatever the template uses, so the text is a function
  // of (carrier, scan, city, Rng state) alone.
  Values v;
  v.city = bracket(city_name);
  v.name = std::string(pick(kSurnames, rng)) + std::string(pick(kGivenNames, rng));
  v.phone = masked_phone(rng);
  v.signer = pick(kSigners, rng);
  append_digits(v.code, 6, rng);
  v.reason = reason_for(kind, rng);
  v.brand = chinese_name(carrier);
  const bool cabinet_by_coin = rng.below(2) == 0;

  bool cabinet = false;
  if (kind == ScanKind::locker) {
    cabinet = facility_type == FacilityType::locker || contains(facility, "柜") ||
              (facility.empty() && cabinet_by_coin);
    if (contains(facility, "驿站")) cabinet = false;
  }
  if (!facility.empty()) {
    v.facility = bracket(facility);
  } else if (kind == ScanKind::locker) {
    const std::string city(strip_city_suffix(city_name));
    v.facility = bracket(cabinet ? city + "丰巢智能柜" : city + "菜鸟驿站");
  } else {
    v.facility = v.city;
  }
  if (v.facility == v.city) v.city.clear();  // never 【杭州市】【杭州市】
  const auto index = static_cast<std::size_t>(carrier);
  TS_CHECK(index < kCarrierCount);
  return fill(template_for(kWording[index], kind, cabinet), v);
}

}  // namespace tracksim::sim

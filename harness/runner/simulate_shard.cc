#include "harness/runner/simulate_shard.h"

#include <nlohmann/json.hpp>

namespace tracksim::harness {
namespace {

using nlohmann::ordered_json;

constexpr std::array<Outcome, 4> kOutcomes = {Outcome::ok, Outcome::violated, Outcome::pending,
                                              Outcome::not_applicable};

// A non-negative integer field of `o`; throws with the field's name when it is not one.
std::uint64_t count_of(const nlohmann::json& o, const std::string& key, const std::string& at) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number_unsigned()) {
    throw std::runtime_error(at + key + ": expected a whole number >= 0");
  }
  return it->get<std::uint64_t>();
}

std::int64_t yuan_of(const nlohmann::json& o, const std::string& key, const std::string& at) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_number_integer()) {
    throw std::runtime_error(at + key + ": expected a whole number of yuan");
  }
  return it->get<std::int64_t>();
}

const nlohmann::json& object_at(const nlohmann::json& o, const std::string& key,
                                const std::string& at) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_object())
    throw std::runtime_error(at + key + ": expected an object");
  return *it;
}

std::string text_of(const nlohmann::json& o, const std::string& key, const std::string& at) {
  const auto it = o.find(key);
  if (it == o.end() || !it->is_string()) throw std::runtime_error(at + key + ": expected a string");
  return it->get<std::string>();
}

}  // namespace

std::string shard_json(const SimulateShard& s) {
  ordered_json rules = ordered_json::object();
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    ordered_json r = ordered_json::object();
    for (Outcome o : kOutcomes) r[std::string(to_string(o))] = s.totals.rules[i].count(o);
    r["compensation_yuan"] = s.totals.rules[i].compensation_yuan;
    rules[std::string(rule_names()[i])] = r;
  }
  ordered_json detectors = ordered_json::object();
  for (std::size_t d = 0; d < kDetectorCount; ++d) {
    detectors[std::string(detector_names()[d])] = s.totals.detectors[d];
  }
  ordered_json j = {
      {"format", kSimulateShardFormat},
      {"command",
       {{"orders", s.orders}, {"seed", s.seed}, {"ruleset", s.ruleset}, {"faults", s.faults}}},
      {"shard", {{"index", s.index}, {"total", s.total}}},
      {"totals",
       {{"orders", s.totals.orders},
        {"compensation_yuan", s.totals.compensation_yuan},
        {"label_checks", s.totals.label_checks},
        {"label_mismatches", s.totals.label_mismatches},
        {"rules", rules},
        {"detectors", detectors}}}};
  return j.dump(1) + "\n";
}

Result<SimulateShard> parse_shard_json(std::string_view text, const std::string& file) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return unexpected(ErrorKind::invalid_input, "not a JSON object (a simulate --json shard)",
                      file);
  }
  try {
    if (text_of(j, "format", "") != kSimulateShardFormat) {
      throw std::runtime_error("format: expected '" + std::string(kSimulateShardFormat) + "'");
    }
    SimulateShard s;
    const auto& cmd = object_at(j, "command", "");
    s.orders = count_of(cmd, "orders", "command.");
    s.seed = count_of(cmd, "seed", "command.");
    s.ruleset = text_of(cmd, "ruleset", "command.");
    s.faults = text_of(cmd, "faults", "command.");
    const auto& shard = object_at(j, "shard", "");
    s.index = count_of(shard, "index", "shard.");
    s.total = count_of(shard, "total", "shard.");
    if (s.total == 0 || s.index >= s.total) {
      throw std::runtime_error("shard: index " + std::to_string(s.index) + " of " +
                               std::to_string(s.total) + " is not a shard");
    }
    const auto& t = object_at(j, "totals", "");
    s.totals.orders = count_of(t, "orders", "totals.");
    s.totals.compensation_yuan = yuan_of(t, "compensation_yuan", "totals.");
    s.totals.label_checks = count_of(t, "label_checks", "totals.");
    s.totals.label_mismatches = count_of(t, "label_mismatches", "totals.");
    const auto& rules = object_at(t, "rules", "totals.");
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      const std::string name(rule_names()[i]);
      const auto& r = object_at(rules, name, "totals.rules.");
      const std::string at = "totals.rules." + name + ".";
      for (Outcome o : kOutcomes) {
        s.totals.rules[i].outcomes[static_cast<std::size_t>(o)] =
            count_of(r, std::string(to_string(o)), at);
      }
      s.totals.rules[i].compensation_yuan = yuan_of(r, "compensation_yuan", at);
    }
    const auto& detectors = object_at(t, "detectors", "totals.");
    for (std::size_t d = 0; d < kDetectorCount; ++d) {
      s.totals.detectors[d] =
          count_of(detectors, std::string(detector_names()[d]), "totals.detectors.");
    }
    return s;
  } catch (const std::exception& e) {
    return unexpected(ErrorKind::invalid_input, e.what(), file);
  }
}

Result<SimulateShard> merge_shards(const std::vector<SimulateShard>& shards,
                                   const std::vector<std::string>& files) {
  if (shards.empty()) return unexpected("merge needs the shard files of one simulate run");
  const SimulateShard& first = shards.front();
  auto command = [](const SimulateShard& s) {
    return "--orders " + std::to_string(s.orders) + " --seed " + std::to_string(s.seed) +
           " --ruleset " + s.ruleset + (s.faults.empty() ? "" : " --faults " + s.faults);
  };
  auto name = [&](std::size_t i) { return i < files.size() ? files[i] : std::to_string(i + 1); };
  std::vector<int> seen(first.total, -1);
  SimulateShard out = first;
  out.index = 0;
  out.total = 1;
  out.totals = SimulateTotals{};
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const SimulateShard& s = shards[i];
    const std::string file = name(i);
    if (command(s) != command(first) || s.total != first.total) {
      return unexpected(ErrorKind::invalid_input,
                        "shard of another run: " + command(s) + " (" + std::to_string(s.total) +
                            " shards), not " + command(first) + " (" + std::to_string(first.total) +
                            " shards) as in " + name(0),
                        file);
    }
    if (seen[s.index] >= 0) {
      return unexpected(ErrorKind::invalid_input,
                        "shard " + std::to_string(s.index + 1) + "/" + std::to_string(s.total) +
                            " given twice (also " + name(static_cast<std::size_t>(seen[s.index])) +
                            ")",
                        file);
    }
    seen[s.index] = static_cast<int>(i);
    out.totals.add(s.totals);
  }
  std::string missing;
  for (std::size_t k = 0; k < seen.size(); ++k) {
    if (seen[k] < 0) missing += (missing.empty() ? "" : ", ") + std::to_string(k + 1);
  }
  if (!missing.empty()) {
    return unexpected("shards missing from the run (" + command(first) + "): " + missing + " of " +
                      std::to_string(first.total));
  }
  if (out.totals.orders != out.orders) {
    return unexpected("the shards hold " + std::to_string(out.totals.orders) + " orders, not the " +
                      std::to_string(out.orders) + " of the run");
  }
  return out;
}

}  // namespace tracksim::harness

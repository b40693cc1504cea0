// JsonDoc: the one-pass reader and its nlohmann fallback must build the same tree, and whatever
// nlohmann refuses as JSON must be refused here too (a carrier's broken body is an unknown,
// never an empty answer).
#include "harness/client/json_doc.h"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace tracksim::harness {
namespace {

// The document as canonical text, built from the JsonDoc tree alone.
std::string dump(const JsonValue& v) {
  using Json = nlohmann::ordered_json;
  std::function<Json(const JsonValue&)> to = [&](const JsonValue& x) -> Json {
    if (x.is_boolean()) return x.boolean();
    if (x.is_integer()) return x.integer();
    if (x.is_number()) return "<number>";
    if (x.is_string()) return std::string(x.str());
    if (x.is_array()) {
      Json a = Json::array();
      for (const JsonValue& e : x.elements()) a.push_back(to(e));
      return a;
    }
    if (x.is_object()) return Json::object();  // members are checked through get()
    return nullptr;
  };
  return to(v).dump();
}

TEST(JsonDoc, ReadsPlainJsonInOnePassAndKeepsTheOrder) {
  const std::string body = R"( {"a": [1, -2, true, false, null, "杭州"], "b": {"c": "d"}} )";
  const auto doc = JsonDoc::parse(body);
  ASSERT_TRUE(doc);
  const JsonValue root = doc->root();
  ASSERT_TRUE(root.is_object());
  EXPECT_EQ(root.size(), 2U);
  EXPECT_EQ(dump(*root.get("a")), R"([1,-2,true,false,null,"杭州"])");
  EXPECT_EQ(root.get("b")->get("c")->str(), "d");
  EXPECT_FALSE(root.get("z").has_value());
  EXPECT_FALSE(root.get("a")->get("x").has_value());  // not an object
}

TEST(JsonDoc, EscapesAndFractionsGoThroughTheFallbackWithTheSameTree) {
  const auto doc =
      JsonDoc::parse(R"({"t": "a\"b\\c\n\u676d", "n": 1.5, "big": 18446744073709551615})");
  ASSERT_TRUE(doc);
  const JsonValue root = doc->root();
  EXPECT_EQ(root.get("t")->str(), "a\"b\\c\n杭");
  EXPECT_TRUE(root.get("n")->is_number());
  EXPECT_FALSE(root.get("n")->is_integer());
  EXPECT_FALSE(root.get("big")->is_integer());  // past int64: a number, not an integer
  const auto small = JsonDoc::parse(R"({"i": -9223372036854775808})");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->root().get("i")->integer(), INT64_MIN);
}

TEST(JsonDoc, ARepeatedKeyReadsAsItsLastValueOnBothPaths) {
  for (const std::string body : {R"({"k": "1", "k": "2"})", R"({"k": "1", "k": "2\n"})"}) {
    const auto doc = JsonDoc::parse(body);
    ASSERT_TRUE(doc) << body;
    EXPECT_EQ(doc->root().get("k")->str().substr(0, 1), "2") << body;
  }
}

TEST(JsonDoc, RefusesWhatIsNotJson) {
  for (const std::string bad : {"", "   ", "{", R"({"a": [1, 2)", R"({"a" 1})", R"({"a": 1,})",
                                "[1,]", "01", "-", "+1", "tru", "nul", R"({"a": 1} x)",
                                R"(["raw)"
                                "\n"
                                R"(newline"])",
                                "\"\xff\"", "\"\xc0\xaf\"", R"({a: 1})", R"(["\x"])", "1e"}) {
    EXPECT_FALSE(JsonDoc::parse(bad).has_value()) << bad;
    EXPECT_TRUE(nlohmann::json::parse(bad, nullptr, false).is_discarded()) << bad;
  }
}

TEST(JsonDoc, DeepNestingIsReadNotCrashed) {
  const std::string deep = std::string(200, '[') + std::string(200, ']');
  const auto doc = JsonDoc::parse(deep);
  ASSERT_TRUE(doc);
  EXPECT_TRUE(doc->root().is_array());
  EXPECT_EQ(doc->root().size(), 1U);
}

// The tree is adopted recursively: nesting beyond kMaxJsonDepth is refused, with its place.
TEST(JsonDoc, NestingBeyondTheLimitIsRefusedWithItsOffset) {
  const std::string at_limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(JsonDoc::parse(at_limit));
  const std::string deep(100'000, '[');
  EXPECT_FALSE(JsonDoc::parse(deep));
  const JsonProblem p = JsonDoc::problem(deep);
  EXPECT_EQ(p.offset, static_cast<std::size_t>(kMaxJsonDepth));
  EXPECT_NE(p.what.find("nested deeper"), std::string::npos) << p.what;
  // Brackets inside strings do not count.
  const std::string quoted = "[\"" + std::string(1000, '[') + "\"]";
  EXPECT_TRUE(JsonDoc::parse(quoted));
}

}  // namespace
}  // namespace tracksim::harness

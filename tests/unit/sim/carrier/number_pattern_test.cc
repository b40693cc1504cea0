#include "sim/carrier/number_pattern.h"

#include <gtest/gtest.h>

#include <string>

namespace tracksim::sim {
namespace {

NumberPattern parsed(std::string_view text) {
  auto p = parse_number_pattern(text);
  EXPECT_TRUE(p) << text << ": " << (p ? "" : p.error().message);
  return p ? *p : NumberPattern{};
}

std::string error_of(std::string_view text) {
  auto p = parse_number_pattern(text);
  return p ? std::string("(parsed)") : p.error().message;
}

TEST(ParseNumberPattern, ReadsLiteralsAndCounts) {
  const NumberPattern p = parsed("SF{13d}");
  ASSERT_EQ(p.segment_count, 2U);
  EXPECT_EQ(p.segments[0].part, PatternPart::literal);
  EXPECT_EQ(std::string(p.segments[0].text.data(), p.segments[0].min), "SF");
  EXPECT_EQ(p.segments[1].part, PatternPart::run);
  EXPECT_EQ(p.segments[1].allowed, kDigitBits);
  EXPECT_EQ(p.min_length, 15U);
  EXPECT_EQ(p.max_length, 15U);
  EXPECT_EQ(p.check_at, -1);
}

TEST(ParseNumberPattern, ReadsRangesLettersSetsAndTheCheckDigit) {
  const NumberPattern range = parsed("{12-15d}");
  EXPECT_EQ(range.min_length, 12U);
  EXPECT_EQ(range.max_length, 15U);
  const NumberPattern s10 = parsed("{2L}{8d}{c}{2L}");
  EXPECT_EQ(s10.segment_count, 4U);
  EXPECT_EQ(s10.segments[0].allowed, kLetterBits);
  EXPECT_EQ(s10.check_at, 10);
  EXPECT_EQ(s10.min_length, 13U);
  const NumberPattern set = parsed("{[189]}{12d}");
  EXPECT_EQ(set.segments[0].allowed, char_bit('1') | char_bit('8') | char_bit('9'));
  EXPECT_EQ(parsed("JD{2A}{11d}").segments[1].allowed, kDigitBits | kLetterBits);
}

TEST(ParseNumberPattern, MatchesWholeNumbersOnly) {
  const NumberPattern yt = parsed("YT{13d}");
  EXPECT_TRUE(pattern_matches(yt, "YT1234567890123"));
  EXPECT_FALSE(pattern_matches(yt, "YT123456789012"));
  EXPECT_FALSE(pattern_matches(yt, "YT12345678901234"));
  EXPECT_FALSE(pattern_matches(yt, "XYT1234567890123"));
  EXPECT_FALSE(pattern_matches(yt, "yt1234567890123"));
  const NumberPattern range = parsed("DPK{8-10d}");
  EXPECT_FALSE(pattern_matches(range, "DPK1234567"));
  EXPECT_TRUE(pattern_matches(range, "DPK12345678"));
  EXPECT_TRUE(pattern_matches(range, "DPK1234567890"));
  EXPECT_FALSE(pattern_matches(range, "DPK12345678901"));
  const NumberPattern s10 = parsed("{2L}{8d}{c}CN");
  EXPECT_TRUE(pattern_matches(s10, "EA123456785CN"));
  EXPECT_FALSE(pattern_matches(s10, "EA123456786CN"));
  EXPECT_FALSE(pattern_matches(s10, "EA123456785GB"));
  EXPECT_FALSE(pattern_matches(parsed("{[189]}{12d}"), "5123456789012"));
}

TEST(ParseNumberPattern, RefusesMalformedPatternsInPlainWords) {
  EXPECT_EQ(error_of(""), "empty pattern");
  EXPECT_NE(error_of("sf{13d}").find("character 1 ('s')"), std::string::npos);
  EXPECT_NE(error_of("SF{13x}").find("{13x} ends in 'x'"), std::string::npos);
  EXPECT_NE(error_of("SF{13d").find("never closed"), std::string::npos);
  EXPECT_NE(error_of("{0d}").find("needs a count from 1 to 32"), std::string::npos);
  EXPECT_NE(error_of("{33d}").find("needs a count"), std::string::npos);
  EXPECT_NE(error_of("{d}").find("needs a count"), std::string::npos);
  EXPECT_NE(error_of("{15-12d}").find("runs backwards"), std::string::npos);
  EXPECT_NE(error_of("{12-15d}X").find("only be the last part"), std::string::npos);
  EXPECT_NE(error_of("{c}{8d}").find("right after {8d}"), std::string::npos);
  EXPECT_NE(error_of("{2L}{7d}{c}").find("right after {8d}"), std::string::npos);
  EXPECT_NE(error_of("{[]}").find("empty set"), std::string::npos);
  EXPECT_NE(error_of("{[1a]}").find("not 'a'"), std::string::npos);
  EXPECT_NE(error_of("{[11]}").find("twice"), std::string::npos);
  EXPECT_NE(error_of("{}").find("empty"), std::string::npos);
  EXPECT_NE(error_of("ABCDEFGHI{1d}").find("at most 8 characters"), std::string::npos);
  EXPECT_NE(error_of("A{1d}B{1d}C{1d}D").find("at most 6 parts"), std::string::npos);
  EXPECT_NE(error_of("{20d}{20d}").find("up to 32 characters"), std::string::npos);
  EXPECT_NE(error_of("SF {13d}").find("character 3"), std::string::npos);
}

TEST(DescribePattern, SaysEachShapeInPlainWords) {
  EXPECT_EQ(describe_pattern(parsed("YT{13d}"), ""), "YT followed by 13 digits");
  EXPECT_EQ(describe_pattern(parsed("{12-15d}"), ""), "12 to 15 digits");
  EXPECT_EQ(describe_pattern(parsed("{12-13d}"), ""), "12 or 13 digits");
  EXPECT_EQ(describe_pattern(parsed("{[189]}{12d}"), ""), "13 digits starting 1, 8 or 9");
  EXPECT_EQ(describe_pattern(parsed("773{12d}"), ""), "15 digits starting 773");
  EXPECT_EQ(describe_pattern(parsed("V{[ABC]}{11d}"), ""), "VA, VB or VC followed by 11 digits");
  EXPECT_EQ(describe_pattern(parsed("JD{2A}{11d}"), ""),
            "JD followed by 2 upper-case letters or digits and 11 digits");
  EXPECT_EQ(describe_pattern(parsed("{2L}{8d}{c}{2L}"), "EA123456785CN"),
            "UPU S10 like EA123456785CN (2 upper-case letters, 8 digits, a check digit, 2 "
            "upper-case letters)");
  EXPECT_EQ(describe_pattern(parsed("{1L}{1d}"), ""), "1 upper-case letter and 1 digit");
}

constexpr std::string_view kHeader = "# carrier\tpattern\texample\tnote\tsource\n";

// A table with one valid row for every carrier, and `extra` after it.
std::string table_with(std::string_view extra) {
  std::string tsv(kHeader);
  for (Carrier c : all_carriers()) tsv += std::string(code(c)) + "\t{12d}\t123456789012\t-\ttest\n";
  return tsv + std::string(extra);
}

std::string table_error(std::string_view extra) {
  auto t = parse_number_formats(table_with(extra));
  return t ? std::string("(parsed)") : t.error().to_string();
}

TEST(ParseNumberFormats, ReadsRowsInOrderWithTheirNotesAndWords) {
  auto t = parse_number_formats(table_with("sf\tSF{13d}\tSF1234567890123\tnewer numbers\tRULES\n"));
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(t->rows.size(), kCarrierCount + 1);
  const CarrierFormats& sf = t->by_carrier[0];
  EXPECT_EQ(sf.count, 2U);
  EXPECT_EQ(sf.words, "sf numbers are 12 digits, or SF followed by 13 digits (newer numbers)");
  EXPECT_EQ(t->rows.back().note, "newer numbers");
  EXPECT_EQ(t->rows.front().note, "");
  EXPECT_EQ(t->rows.back().line, kCarrierCount + 2);
}

TEST(ParseNumberFormats, MergesNeighbouringDigitCountsUnderOneNote) {
  auto t =
      parse_number_formats(table_with("zto\t{14d}\t12345678901234\t-\tx\n"
                                      "zto\t{10d}\t1234567890\told\tx\n"
                                      "zto\t{18d}\t123456789012345678\told\tx\n"));
  ASSERT_TRUE(t) << t.error().to_string();
  EXPECT_EQ(t->by_carrier[1].words, "zto numbers are 12 or 14 digits, or 10 or 18 digits (old)");
}

TEST(ParseNumberFormats, FailsLoudlyOnAMalformedRowNamingTheRow) {
  const std::string bad_pattern = table_error("yto\tYT{13q}\tYT1234567890123\t-\tx\n");
  EXPECT_NE(bad_pattern.find("number_formats.tsv:" + std::to_string(kCarrierCount + 2) + ":5: "),
            std::string::npos)
      << bad_pattern;
  EXPECT_NE(bad_pattern.find("bad pattern 'YT{13q}'"), std::string::npos) << bad_pattern;
  EXPECT_NE(bad_pattern.find("in row \"yto\tYT{13q}"), std::string::npos) << bad_pattern;
  EXPECT_NE(table_error("yto\tYT{13d}\n").find("expected 5 tab-separated columns"),
            std::string::npos);
  EXPECT_NE(table_error("shunfeng\t{12d}\t123456789012\t-\tx\n").find("unknown carrier code"),
            std::string::npos);
  EXPECT_NE(table_error("dhl\t{12d}\t123456789012\t-\tx\n").find("unknown carrier code 'dhl'"),
            std::string::npos);
  EXPECT_NE(table_error("yto\tYT{13d}\tYT123\t-\tx\n").find("does not match its pattern"),
            std::string::npos);
  EXPECT_NE(table_error("yto\tYT{13d}\tYT1234567890123\t\tx\n").find("empty note"),
            std::string::npos);
  EXPECT_NE(table_error("yto\tYT{13d}\tYT1234567890123\t-\t\n").find("empty source"),
            std::string::npos);
  std::string nine;
  for (int i = 0; i < 8; ++i) nine += "jt\t{12d}\t123456789012\t-\tx\n";
  EXPECT_NE(table_error(nine).find("more than 8 formats for 'jt'"), std::string::npos);
}

TEST(ParseNumberFormats, NeedsAFormatForEveryCarrier) {
  auto t = parse_number_formats("sf\t{12d}\t123456789012\t-\tx\n");
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().to_string().find("no format for carrier 'zto'"), std::string::npos);
}

TEST(NumberFormats, TheShippedTableParses) {
  const NumberFormatTable& t = number_formats();
  EXPECT_GE(t.rows.size(), kCarrierCount);
  for (Carrier c : all_carriers()) {
    EXPECT_GE(t.by_carrier[static_cast<std::size_t>(c)].count, 1U) << code(c);
  }
}

}  // namespace
}  // namespace tracksim::sim

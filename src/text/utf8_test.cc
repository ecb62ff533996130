#include "text/utf8.h"

#include <gtest/gtest.h>

#include "text/ascii.h"

namespace storyline::text {
namespace {

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Кремль «цитата» — ok"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8(std::string_view("ab\xff", 3)), 2u);
  EXPECT_EQ(FindInvalidUtf8(std::string_view("a\xc0\xaf", 3)), 1u);         // overlong '/'
  EXPECT_EQ(FindInvalidUtf8(std::string_view("a\xed\xa0\x80", 4)), 1u);     // surrogate
  EXPECT_EQ(FindInvalidUtf8(std::string_view("ok\xe2\x82", 4)), 2u);        // truncated
  EXPECT_EQ(FindInvalidUtf8(std::string_view("\xf4\x90\x80\x80", 4)), 0u);  // > U+10FFFF
}

TEST(Utf8Test, CollapsesAllKindsOfSpace) {
  EXPECT_EQ(CollapseWhitespace("  a\t\tb\n\nc  "), "a b c");
  EXPECT_EQ(CollapseWhitespace("7\u00a0NOV\u2009 2025"), "7 NOV 2025");
  EXPECT_EQ(CollapseWhitespace("\ufeffzero\u200bwidth"), "zerowidth");
  EXPECT_EQ(CollapseWhitespace(""), "");
}

TEST(Utf8Test, VisibleTextAgreesWithCollapse) {
  for (const char* s : {"", "  \t\n", "\u00a0\u200b\ufeff", " x ", "\u3000\u00e9", "\x01\x02"}) {
    EXPECT_EQ(HasVisibleText(s), !CollapseWhitespace(s).empty()) << s;
  }
}

TEST(Utf8Test, CountsWords) {
  EXPECT_EQ(CountWords(""), 0u);
  EXPECT_EQ(CountWords("  one\ttwo\n\nthree "), 3u);
  EXPECT_EQ(CountWords("Песков сказал"), 2u);
}

TEST(Utf8Test, TruncatesOnCharacterBoundary) {
  const std::string s = "ab\u00e9";  // 'é' is two bytes
  EXPECT_EQ(TruncateUtf8(s, 3), "ab");
  EXPECT_EQ(TruncateUtf8(s, 4), s);
  EXPECT_EQ(TruncateUtf8(s, 0), "");
}

TEST(Utf8Test, AppendsCodePointsAndReplacesWhatIsNotOne) {
  std::string out;
  for (char32_t cp : {U'A', U'é', U'—', U'😀'}) AppendUtf8(cp, out);
  EXPECT_EQ(out, "Aé—😀");
  EXPECT_TRUE(IsValidUtf8(out));
  out.clear();
  AppendUtf8(0xD800, out);    // a surrogate
  AppendUtf8(0x110000, out);  // past Unicode
  AppendUtf8(0, out);
  EXPECT_EQ(out, "\uFFFD\uFFFD\uFFFD");
}

TEST(Utf8Test, ParsesNumericReferencesAfterTheAmpersand) {
  auto dec = ParseNumericReference("#8212; rest");
  ASSERT_TRUE(dec.has_value());
  EXPECT_EQ(dec->code_point, U'—');
  EXPECT_EQ(dec->length, 6u);
  auto hex = ParseNumericReference("#X2014;");
  ASSERT_TRUE(hex.has_value());
  EXPECT_EQ(hex->code_point, U'—');
  EXPECT_EQ(hex->length, 7u);
  EXPECT_EQ(ParseNumericReference("#0;")->code_point, 0u);  // the caller decides what is valid
  EXPECT_FALSE(ParseNumericReference("#;").has_value());
  EXPECT_FALSE(ParseNumericReference("#8212").has_value());      // no ';'
  EXPECT_FALSE(ParseNumericReference("#12345678;").has_value());  // over 7 digits
  EXPECT_FALSE(ParseNumericReference("amp;").has_value());
  EXPECT_FALSE(ParseNumericReference("").has_value());
}

TEST(AsciiTest, FoldsTrimsAndComparesOnlyAscii) {
  EXPECT_EQ(AsciiLower("Content-Type: ÉTÉ"), "content-type: ÉtÉ");  // É stays
  EXPECT_EQ(TrimAscii(" \t value\r\n"), "value");
  EXPECT_EQ(TrimAscii("  "), "");
  EXPECT_TRUE(EqualsIgnoreAsciiCase("WARC-Target-URI", "warc-target-uri"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("ETag", "ETags"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("É", "é"));
}

}  // namespace
}  // namespace storyline::text

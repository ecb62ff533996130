#include "eval/metrics.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyline::eval {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view t : WordTokens(text)) out.emplace_back(t);
  return out;
}

using Strings = std::vector<std::string>;

TEST(WordTokensTest, SplitsOnWhatPythonBackslashWDoesNotMatch) {
  EXPECT_EQ(Tokens("Don't stop—now, 2019!"), (Strings{"Don", "t", "stop", "now", "2019"}));
  EXPECT_EQ(Tokens("snake_case42 _x_"), (Strings{"snake_case42", "_x_"}));
  EXPECT_EQ(Tokens(""), Strings{});
  EXPECT_EQ(Tokens(" \n\t.,;"), Strings{});
}

TEST(WordTokensTest, UnicodeLettersAndNumbersAreWordCharacters) {
  EXPECT_EQ(Tokens("naïve Ünïcödé"), (Strings{"naïve", "Ünïcödé"}));  // precomposed
  EXPECT_EQ(Tokens("日本語のテキスト。次"), (Strings{"日本語のテキスト", "次"}));
  EXPECT_EQ(Tokens("Привет, мир"), (Strings{"Привет", "мир"}));
  EXPECT_EQ(Tokens("½ Ⅻ ٣"), (Strings{"½", "Ⅻ", "٣"}));  // No, Nl, Nd
  EXPECT_EQ(Tokens("ʰx"), (Strings{"ʰx"}));              // Lm
}

TEST(WordTokensTest, CombiningMarksSplitWordsLikePython) {
  // re.findall(r"\w+", "nai\u0308ve") == ["nai", "ve"]: U+0308 is Mn, not \w.
  EXPECT_EQ(Tokens("nai\u0308ve"), (Strings{"nai", "ve"}));
  // Devanagari vowel signs are marks too.
  EXPECT_EQ(Tokens("हिन्दी"), (Strings{"ह", "न", "द"}));
}

TEST(WordTokensTest, InvalidUtf8SplitsWords) {
  EXPECT_EQ(Tokens("ab\xff"
                   "cd"),
            (Strings{"ab", "cd"}));
}

TEST(ShinglesTest, FourGramsWithCounts) {
  const ShingleCounts s = Shingles("a b c d e");
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.at("a b c d"), 1u);
  EXPECT_EQ(s.at("b c d e"), 1u);
  EXPECT_EQ(Shingles("x x x x x").at("x x x x"), 2u);
}

TEST(ShinglesTest, ShortTextGivesOneShingleAndEmptyTextNone) {
  const ShingleCounts s = Shingles("Hello, world!");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.at("Hello world"), 1u);
  EXPECT_TRUE(Shingles("").empty());
  EXPECT_TRUE(Shingles("— …").empty());
}

TEST(ShinglesTest, CaseIsKept) {
  EXPECT_EQ(Shingles("One two three four").count("one two three four"), 0u);
}

TEST(MatchShinglesTest, CountsAreNormalizedPerPage) {
  const ShingleMatch same = MatchShingles("a b c d e", "a b c d e");
  EXPECT_DOUBLE_EQ(same.tp, 1);
  EXPECT_DOUBLE_EQ(same.fp, 0);
  EXPECT_DOUBLE_EQ(same.fn, 0);
  // Reference {abcd, bcde}; prediction {abcd, bcdx}: tp 1, fp 1, fn 1 → thirds.
  const ShingleMatch half = MatchShingles("a b c d e", "a b c d x");
  EXPECT_DOUBLE_EQ(half.tp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(half.fp, 1.0 / 3);
  EXPECT_DOUBLE_EQ(half.fn, 1.0 / 3);
  const ShingleMatch missing = MatchShingles("a b c d e", "");
  EXPECT_DOUBLE_EQ(missing.fn, 1);
  const ShingleMatch none = MatchShingles("", "");
  EXPECT_DOUBLE_EQ(none.tp + none.fp + none.fn, 0);
}

TEST(PageScoresTest, PerfectAndDegenerateCases) {
  EXPECT_DOUBLE_EQ(PagePrecision({0, 0, 0}), 1);  // fp = fn = 0
  EXPECT_DOUBLE_EQ(PageRecall({0, 0, 0}), 1);
  EXPECT_DOUBLE_EQ(PagePrecision({0, 0, 1}), 0);  // nothing predicted
  EXPECT_DOUBLE_EQ(PageRecall({0, 1, 0}), 0);     // nothing to find
  EXPECT_DOUBLE_EQ(PageF1({0.5, 0.25, 0.25}), 2.0 / 3);
}

TEST(AverageShingleScoresTest, PrecisionAndRecallAverageOverDifferentPages) {
  // Page 1: P = 2/3, R = 2/3. Page 2 (empty output): counts for recall only (R = 0).
  // Page 3 (both empty): counts for neither.
  const Score s = AverageShingleScores({{0.5, 0.25, 0.25}, {0, 0, 1}, {0, 0, 0}});
  EXPECT_DOUBLE_EQ(s.precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(s.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.f1, 4.0 / 9);
}

TEST(AverageShingleScoresTest, OutputOnAnEmptyReferenceCostsPrecisionOnly) {
  const Score s = AverageShingleScores({{1, 0, 0}, {0, 1, 0}});
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 1);
}

TEST(AverageShingleScoresTest, NoPagesScoreZero) {
  const Score s = AverageShingleScores({});
  EXPECT_DOUBLE_EQ(s.f1, 0);
}

TEST(MatchWordsTest, LowercaseBagOfWords) {
  const Score s = MatchWords("The cat, the hat.", "the CAT");
  EXPECT_DOUBLE_EQ(s.precision, 1);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 2.0 / 3);
  // Counts are clipped: three "the" predicted, two in the reference.
  EXPECT_DOUBLE_EQ(MatchWords("the the", "the the the").precision, 2.0 / 3);
}

TEST(MatchWordsTest, EmptySides) {
  EXPECT_DOUBLE_EQ(MatchWords("", "").f1, 1);
  EXPECT_DOUBLE_EQ(MatchWords("", "words").f1, 0);
  EXPECT_DOUBLE_EQ(MatchWords("words", "").f1, 0);
}

TEST(MeanScoreTest, AveragesEachField) {
  const Score s = MeanScore({{1, 0.5, 0.5}, {0, 0.5, 1}});
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_DOUBLE_EQ(s.f1, 0.75);
}

TEST(NormalizeTest, WhitespaceAndCase) {
  EXPECT_EQ(NormalizeSpaces("  Jane\n\t Doe "), "Jane Doe");
  EXPECT_EQ(NormalizeForMatch("  JANE\u00a0Doe "), "jane doe");
  EXPECT_EQ(Lowercase("ÉCOLE"), "école");
}

TEST(NormalizeTest, TypographicQuotesMatchStraightOnes) {
  EXPECT_EQ(NormalizeForMatch("Here\u2019s a \u201cstatus symbol\u201d"),
            NormalizeForMatch("Here's a \"status symbol\""));
  EXPECT_NE(NormalizeForMatch("Here\u2019s"), NormalizeForMatch("Heres"));
}

}  // namespace
}  // namespace storyline::eval

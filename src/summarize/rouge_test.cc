#include "summarize/rouge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyline::summarize {
namespace {

TEST(PorterStemTest, ClassicExamples) {
  EXPECT_EQ(PorterStem("caresses"), "caress");
  EXPECT_EQ(PorterStem("ponies"), "poni");
  EXPECT_EQ(PorterStem("cats"), "cat");
  EXPECT_EQ(PorterStem("feed"), "feed");
  EXPECT_EQ(PorterStem("agreed"), "agre");
  EXPECT_EQ(PorterStem("plastered"), "plaster");
  EXPECT_EQ(PorterStem("motoring"), "motor");
  EXPECT_EQ(PorterStem("hopping"), "hop");
  EXPECT_EQ(PorterStem("filing"), "file");
  EXPECT_EQ(PorterStem("happy"), "happi");
  EXPECT_EQ(PorterStem("relational"), "relat");
  EXPECT_EQ(PorterStem("generalization"), "gener");
  EXPECT_EQ(PorterStem("controll"), "control");
  EXPECT_EQ(PorterStem("yelling"), "yell");
  // ROUGE-1.5.5's step 4: "-ement" words also try "-ment" then "-ent".
  EXPECT_EQ(PorterStem("agreement"), "agreem");
  EXPECT_EQ(PorterStem("replacement"), "replac");
}

TEST(RougeTest, IdenticalSummariesScoreOne) {
  RougeOptions options;
  RougeScorer scorer(options);
  const std::vector<std::string> text = {"The cat sat on the mat.", "It was happy."};
  const RougeResult r = scorer.Score(text, {text});
  ASSERT_EQ(r.n.size(), 2u);
  EXPECT_DOUBLE_EQ(r.n[0].f, 1.0);
  EXPECT_DOUBLE_EQ(r.n[1].f, 1.0);
  EXPECT_DOUBLE_EQ(r.l.f, 1.0);
}

TEST(RougeTest, ClippedCountsAndModelAverage) {
  RougeOptions options;
  options.max_n = 1;
  RougeScorer scorer(options);
  // peer "the the the cat": 4 unigrams; model "the cat sat": hits min(3,1)+1 = 2.
  const RougeResult r = scorer.Score({"the the the cat"}, {{"the cat sat"}});
  EXPECT_DOUBLE_EQ(r.n[0].recall, 0.66667);
  EXPECT_DOUBLE_EQ(r.n[0].precision, 0.5);
  // Two models: hits 2 + 1, model grams 3 + 2, peer grams 4 × 2.
  const RougeResult two = scorer.Score({"the the the cat"}, {{"the cat sat"}, {"a cat"}});
  EXPECT_DOUBLE_EQ(two.n[0].recall, 0.6);
  EXPECT_DOUBLE_EQ(two.n[0].precision, 0.375);
}

TEST(RougeTest, PunctuationAndCaseAreIgnoredHyphensSplit) {
  RougeScorer scorer(RougeOptions{});
  EXPECT_EQ(scorer.Tokens("Pro-Russian forces, (they) said!"),
            (std::vector<std::string>{"pro", "russian", "forces", "they", "said"}));
}

TEST(RougeTest, WordLimitCutsBeforeCleaning) {
  RougeOptions options;
  options.max_n = 1;
  options.word_limit = 3;
  RougeScorer scorer(options);
  // The peer keeps "a b --" (3 words as split on white space); "--" is not a token.
  const RougeResult r = scorer.Score({"a b -- c d"}, {{"a b c d"}});
  // Model is cut to "a b c": hits 2 of 3; peer has 2 tokens.
  EXPECT_DOUBLE_EQ(r.n[0].recall, 0.66667);
  EXPECT_DOUBLE_EQ(r.n[0].precision, 1.0);
}

TEST(RougeTest, UnionLcsAcrossPeerSentences) {
  RougeOptions options;
  options.max_n = 1;
  RougeScorer scorer(options);
  // Lin (2004) section 3.2 example: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8,
  // c2 = w1 w3 w8 w9 w5; union LCS = w1 w2 w3 w5 → 4/5.
  const RougeResult r = scorer.Score({"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"}, {{"w1 w2 w3 w4 w5"}});
  EXPECT_DOUBLE_EQ(r.l.recall, 0.8);
  EXPECT_DOUBLE_EQ(r.l.precision, 0.4);
}

TEST(RougeTest, SeeFormat) {
  const std::string html =
      "<html>\n<body bgcolor=\"white\">\n"
      "<a name=\"1\">[1]</a> <a href=\"#1\" id=1>First sentence.</a>\n"
      "<a name=\"2\">[2]</a> <a href=\"#2\" id=2>Second one\n</a>\n</body>\n";
  const std::vector<std::string> s = ParseSeeSummary(html);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "First sentence.");
  EXPECT_EQ(s[1], "Second one\n");
}

TEST(RougeTest, AverageOfEqualScoresIsThatScore) {
  std::vector<RougeScore> docs(7, RougeScore{0.25, 0.5, 0.33333});
  const RougeScore avg = Rouge155Average(docs, 50);
  EXPECT_DOUBLE_EQ(avg.recall, 0.25);
  EXPECT_DOUBLE_EQ(avg.f, 0.33333);
}

}  // namespace
}  // namespace storyline::summarize

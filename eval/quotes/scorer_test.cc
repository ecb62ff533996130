#include "eval/quotes/scorer.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::eval::quotes {
namespace {

using storyline::quotes::Attribution;
using storyline::quotes::Span;

Span S(size_t b, size_t e) { return Span{{{b, e}}}; }
Span S2(size_t b1, size_t e1, size_t b2, size_t e2) { return Span{{{b1, e1}, {b2, e2}}}; }

// "“We will win,” Peskov said. Officials said talks would go on."
//  0  3  4   8 9 12   ...
const std::string kText = "\u201cWe will win,\u201d Peskov said. Officials said talks would go on.";
// Byte offsets: “ is 3 bytes (0-3), "We will win" 3-14, "," 14, ” 15-18, space 18,
// "Peskov" 19-25, " said" 26-30, "." 30, " Officials" 32-41, "said" 42-46,
// "talks would go on" 47-64, "." 64.

TEST(ScorerTest, TrimmingDropsSpacesPunctuationAndQuoteMarks) {
  EXPECT_EQ(kText.substr(3, 11), "We will win");
  EXPECT_EQ(Trimmed(kText, S(0, 19)), (Extent{3, 14}));
  EXPECT_EQ(Trimmed(kText, S(19, 25)), (Extent{19, 25}));
  EXPECT_EQ(Trimmed(kText, S(18, 26)), (Extent{19, 25}));
  // Only punctuation: empty at its end.
  Extent e = Trimmed(kText, S(14, 18));
  EXPECT_EQ(e.begin, e.end);
  // Discontinuous: first start to last end.
  EXPECT_EQ(Trimmed(kText, S2(0, 15, 47, 65)), (Extent{3, 64}));
}

TEST(ScorerTest, ExactMatchAfterTrimmingAndOneToOne) {
  std::vector<GoldAttribution> gold = {
      {S(0, 18), S(26, 30), S(19, 25)},
      {S(47, 65), S(42, 46), S(32, 41)},
  };
  std::vector<Attribution> pred(2);
  pred[0].content = S(3, 14);  // same as gold after trimming
  pred[0].cue = S(26, 30);
  pred[0].source = S(19, 25);
  pred[1].content = S(47, 58);  // "talks would": too short for exact, Jaccard 2/4
  pred[1].cue = S(26, 30);      // a second copy of the first cue: matched once only
  Scores s = ScoreText(kText, gold, pred);
  EXPECT_EQ(s[Role::kContent].exact.tp, 1u);
  EXPECT_EQ(s[Role::kContent].exact.fp, 1u);
  EXPECT_EQ(s[Role::kContent].exact.fn, 1u);
  EXPECT_EQ(s[Role::kContent].lenient.tp, 2u);
  EXPECT_EQ(s[Role::kCue].exact.tp, 1u);
  EXPECT_EQ(s[Role::kCue].exact.fp, 1u);
  EXPECT_EQ(s[Role::kCue].exact.fn, 1u);
  EXPECT_EQ(s[Role::kSource].exact.tp, 1u);
  EXPECT_EQ(s[Role::kSource].exact.fp, 0u);
  EXPECT_EQ(s[Role::kSource].exact.fn, 1u);
  EXPECT_DOUBLE_EQ(s[Role::kSource].exact.Precision(), 1.0);
  EXPECT_DOUBLE_EQ(s[Role::kSource].exact.Recall(), 0.5);
  EXPECT_NEAR(s[Role::kSource].exact.F1(), 2.0 / 3.0, 1e-12);
}

// A cue that is only punctuation (the colon of "PENCE: Well, ...") trims to an empty extent;
// the same empty extent is an exact match and a lenient one, another place neither.
TEST(ScorerTest, PunctuationCueMatchesWhereItIs) {
  std::vector<GoldAttribution> gold = {{S(19, 25), S(14, 15), std::nullopt}};
  std::vector<Attribution> pred(2);
  pred[0].content = S(19, 25);
  pred[0].cue = S(14, 15);
  pred[1].content = S(47, 65);
  pred[1].cue = S(30, 31);
  Scores s = ScoreText(kText, gold, pred);
  EXPECT_EQ(s[Role::kCue].exact.tp, 1u);
  EXPECT_EQ(s[Role::kCue].lenient.tp, 1u);
  EXPECT_EQ(s[Role::kCue].lenient.fp, 1u);
}

TEST(ScorerTest, LenientNeedsHalfTheTokens) {
  std::vector<GoldAttribution> gold = {{S(47, 64), S(42, 46), std::nullopt}};
  std::vector<Attribution> pred(1);
  pred[0].content = S(47, 52);  // "talks": 1 of 4 tokens
  pred[0].cue = S(42, 46);
  Scores s = ScoreText(kText, gold, pred);
  EXPECT_EQ(s[Role::kContent].lenient.tp, 0u);
  EXPECT_EQ(s[Role::kCue].exact.tp, 1u);
  EXPECT_EQ(s[Role::kSource].exact.tp + s[Role::kSource].exact.fp + s[Role::kSource].exact.fn, 0u);
}

TEST(ScorerTest, MicroAverageSumsCounts) {
  Scores a, b;
  a.roles[0].exact = {1, 0, 1};
  b.roles[0].exact = {3, 1, 0};
  a.Add(b);
  EXPECT_EQ(a[Role::kSource].exact.tp, 4u);
  EXPECT_DOUBLE_EQ(a[Role::kSource].exact.Precision(), 0.8);
  EXPECT_DOUBLE_EQ(a[Role::kSource].exact.Recall(), 0.8);
  Counts empty;
  EXPECT_EQ(empty.F1(), 0.0);
}

}  // namespace
}  // namespace storyline::eval::quotes

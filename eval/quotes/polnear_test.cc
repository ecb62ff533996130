#include "eval/quotes/polnear.h"

#include <gtest/gtest.h>

namespace storyline::eval::quotes {
namespace {

TEST(PolnearTest, ParsesEventsWithDiscontinuousSpans) {
  std::string ann =
      "T1\tSource 10 12\the\n"
      "T2\tCue 13 17\tsaid\n"
      "T3\tContent 40 50;0 9\tb a\n"
      "T4\tAttribution 13 17\tsaid\n"
      "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
      "T5\tCue 20 25\tadded\n"
      "T6\tContent 26 30\tthat\n"
      "E2\tAttribution-no-source:T4 Content:T6 Cue:T5\n"
      "E3\tAttribution:T4 Cue:T5\n";  // no content: skipped
  auto gold = ParseBrat(ann, std::string(60, 'x'));
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_EQ(gold->size(), 2u);
  const GoldAttribution& a = (*gold)[0];
  ASSERT_EQ(a.content.fragments.size(), 2u);
  EXPECT_EQ(a.content.begin(), 0u);  // fragments sorted
  EXPECT_EQ(a.content.end(), 50u);
  EXPECT_EQ(a.cue.begin(), 13u);
  ASSERT_TRUE(a.source.has_value());
  EXPECT_EQ(a.source->end(), 12u);
  EXPECT_FALSE((*gold)[1].source.has_value());
}

TEST(PolnearTest, OffsetsCountCodePoints) {
  std::string text = "\u201cYes,\u201d he said.";  // “ and ” are 3 bytes each
  auto gold = ParseBrat(
      "T1\tContent 0 6\tx\nT2\tCue 10 14\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2\n", text);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_EQ(gold->size(), 1u);
  EXPECT_EQ(text.substr((*gold)[0].cue.begin(), (*gold)[0].cue.end() - (*gold)[0].cue.begin()),
            "said");
  EXPECT_EQ((*gold)[0].content.end(), 10u);
}

TEST(PolnearTest, OffsetsOutsideTheTextAreAnError) {
  auto gold = ParseBrat("T1\tCue 13 99\tsaid\n", std::string(60, 'x'));
  ASSERT_FALSE(gold.ok());
  EXPECT_EQ(gold.status().code(), StatusCode::kBadInput);
  EXPECT_FALSE(ParseBrat("T1\tCue x y\tsaid\n", std::string(60, 'x')).ok());
}

}  // namespace
}  // namespace storyline::eval::quotes

#include "eval/summaries/peers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eval/summaries/summaries_eval.h"

namespace storyline::eval {
namespace {

const std::vector<std::string> kSentences = {
    "Floods hit the coastal town after heavy rain on Monday.",
    "The mayor said the floods damaged hundreds of homes in the town.",
    "A local football club won its match on Saturday.",
    "Heavy rain is expected to continue, and more floods could hit the town.",
};

TEST(PeersTest, GraphRankersPreferCentralSentences) {
  const std::vector<size_t> textrank = TextRankOrder(kSentences);
  ASSERT_EQ(textrank.size(), kSentences.size());
  EXPECT_EQ(textrank.back(), 2u);  // the off-topic sentence is ranked last
  // LexRank keeps each sentence's link to itself (Erkan & Radev's matrix), so an isolated
  // sentence keeps the average rank; it must still rank below the best-connected one.
  const std::vector<size_t> lexrank = LexRankOrder(kSentences);
  ASSERT_EQ(lexrank.size(), kSentences.size());
  EXPECT_NE(lexrank.front(), 2u);
}

TEST(PeersTest, LeadRoundRobinInterleavesArticles) {
  EXPECT_EQ(LeadRoundRobinOrder({0, 0, 1, 2, 2}), (std::vector<size_t>{0, 2, 3, 1, 4}));
}

TEST(PeersTest, BudgetSelectSkipsWhatDoesNotFit) {
  const std::vector<std::string> s = {"one two three four", "five six", "seven"};
  EXPECT_EQ(BudgetSelect(s, {0, 1, 2}, 3, true), (std::vector<size_t>{1, 2}));
  EXPECT_EQ(BudgetSelect(s, {0, 1, 2}, 7, true), (std::vector<size_t>{0, 1, 2}));
  EXPECT_TRUE(BudgetSelect(s, {0, 1, 2}, 3, false).empty());
  EXPECT_EQ(BudgetSelect(s, {1, 0, 2}, 3, false), (std::vector<size_t>{1}));
}

TEST(ReferenceSentencesTest, SplitsRunTogetherSentences) {
  const std::vector<std::string> s =
      ReferenceSentences("The dollar rose.China's currency is pegged.\"We are calm,\" he said.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "China's currency is pegged.");
}

}  // namespace
}  // namespace storyline::eval

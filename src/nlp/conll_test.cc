#include "nlp/conll.h"

#include <gtest/gtest.h>

#include <sstream>

namespace storyline::nlp {
namespace {

using V = std::vector<std::string>;

TEST(ConllTest, ReadsDocumentsAndSentences) {
  std::istringstream in(
      "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n"
      "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\n"
      "BRUSSELS NNP B-NP B-LOC\r\n");
  const auto docs = ReadConll(in);
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  ASSERT_EQ((*docs)[0].sentences.size(), 2u);
  EXPECT_EQ((*docs)[0].sentences[0].words, (V{"EU", "rejects"}));
  EXPECT_EQ((*docs)[0].sentences[1].tags, (V{"B-PER", "I-PER"}));
  EXPECT_EQ((*docs)[1].sentences[0].tags, (V{"B-LOC"}));
}

TEST(ConllTest, ChunksFollowConllevalRules) {
  EXPECT_EQ(ConllChunks({"B-PER", "I-PER", "O", "B-LOC"}),
            (std::vector<Chunk>{{0, 2, "PER"}, {3, 4, "LOC"}}));
  // IOB1-style: an I- after O starts a chunk; a type change starts a new one.
  EXPECT_EQ(ConllChunks({"I-ORG", "I-ORG", "I-LOC", "B-LOC", "I-LOC"}),
            (std::vector<Chunk>{{0, 2, "ORG"}, {2, 3, "LOC"}, {3, 5, "LOC"}}));
  EXPECT_EQ(ConllChunks({"O", "O"}), std::vector<Chunk>{});
  EXPECT_EQ(ConllChunks({}), std::vector<Chunk>{});
}

// Hand-computed: gold has 3 entities, the prediction 3, of which 1 matches exactly
// (a boundary error and a type error do not count).
TEST(ConllTest, ScoresExactTypeAndBoundaries) {
  ConllScore score;
  ScoreSentence({"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"},
                {"B-PER", "O", "O", "B-LOC", "O", "B-MISC"}, score);
  EXPECT_EQ(score.overall.gold, 3u);
  EXPECT_EQ(score.overall.predicted, 3u);
  EXPECT_EQ(score.overall.correct, 1u);
  EXPECT_NEAR(score.overall.f1(), 1.0 / 3.0, 1e-12);
  EXPECT_EQ(score.by_type["LOC"].correct, 1u);
  EXPECT_EQ(score.by_type["PER"].correct, 0u);
  EXPECT_EQ(score.by_type["MISC"].predicted, 1u);
  EXPECT_EQ(score.by_type["ORG"].gold, 1u);
  EXPECT_EQ(score.tokens, 6u);
  EXPECT_EQ(score.correct_tags, 4u);
  // Two more sentences: P = 2/4, R = 2/4 overall.
  ScoreSentence({"B-ORG", "I-ORG"}, {"B-ORG", "I-ORG"}, score);
  ScoreSentence({"O", "O"}, {"O", "O"}, score);
  EXPECT_EQ(score.overall.correct, 2u);
  EXPECT_NEAR(score.overall.precision(), 2.0 / 4.0, 1e-12);
  EXPECT_NEAR(score.overall.recall(), 2.0 / 4.0, 1e-12);
  ConllScore empty;
  EXPECT_EQ(empty.overall.f1(), 0.0);
}

}  // namespace
}  // namespace storyline::nlp

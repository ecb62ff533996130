#include "eval/ner/ner_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace storyline::eval {
namespace {

namespace fs = std::filesystem;

TEST(NerEvalTest, MissingDatasetIsAClearError) {
  auto tagger = nlp::NerTagger::Default();
  if (!tagger.ok()) GTEST_SKIP() << tagger.status().ToString();
  const auto report = EvaluateNer("/nonexistent/conll2003", *tagger, {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
  EXPECT_NE(report.status().message().find("valid.txt"), std::string::npos);
}

// A hand-made file: the scores are the scorer's on exactly what the tagger printed.
TEST(NerEvalTest, ScoresAFileAgainstItsTags) {
  auto tagger = nlp::NerTagger::Default();
  if (!tagger.ok()) GTEST_SKIP() << tagger.status().ToString();
  const fs::path dir = fs::temp_directory_path() / "storyline_ner_eval_test";
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "tiny.txt");
    out << "-DOCSTART- -X- -X- O\n\n"
           "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nvisited VBD B-VP O\n"
           "London NNP B-NP B-LOC\n. . O O\n\n"
           "Reuters NNP B-NP B-ORG\nreported VBD B-VP O\nit PRP B-NP O\n. . O O\n";
  }
  const auto report = EvaluateNer(dir, *tagger, {.split = "tiny.txt"});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->documents, 1u);
  EXPECT_EQ(report->sentences, 2u);
  EXPECT_EQ(report->score.overall.gold, 3u);
  EXPECT_EQ(report->score.tokens, 9u);
  EXPECT_EQ(report->score.by_type.at("PER").gold, 1u);
  EXPECT_GE(report->score.overall.correct, 2u);  // "Peter Blackburn" and "London" at least
  const std::string printed = FormatNerReport(*report, "tiny.txt");
  EXPECT_NE(printed.find("published, test set"), std::string::npos);
  EXPECT_NE(printed.find("BERT-large"), std::string::npos);
  EXPECT_NE(printed.find("overall"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace storyline::eval

#include "cluster/story_model.h"

#include <gtest/gtest.h>

namespace storyline::cluster {
namespace {

std::string AllWeights(double value) {
  std::string text = "# a comment\nbias -2.5\n";
  for (std::string_view name : kPairFeatureNames) {
    text += std::string(name) + " " + std::to_string(value) + "\n";
  }
  return text;
}

TEST(StoryModelTest, ParsesPriorAndWeights) {
  const auto model = ParseStoryModel("documents 10\n3\tkremlin\n1\t#john kerry\n", AllWeights(0.5));
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ(model->prior_documents, 10u);
  ASSERT_EQ(model->prior_df.size(), 2u);
  EXPECT_EQ(model->prior_df[1].first, "#john kerry");
  EXPECT_EQ(model->prior_df[1].second, 1u);
  EXPECT_TRUE(model->has_pair_weights);
  EXPECT_DOUBLE_EQ(model->bias, -2.5);
  EXPECT_DOUBLE_EQ(model->weights[static_cast<size_t>(PairFeature::kRarest)], 0.5);
}

TEST(StoryModelTest, WeightsRoundTrip) {
  StoryModel model;
  model.bias = -1.25;
  for (size_t f = 0; f < kPairFeatureCount; ++f) model.weights[f] = 0.1 * static_cast<double>(f);
  const auto parsed = ParseStoryModel("", FormatPairWeights(model, "trained\nby a test"));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->bias, model.bias);
  EXPECT_EQ(parsed->weights, model.weights);
  EXPECT_EQ(parsed->prior_documents, 0u);
}

TEST(StoryModelTest, BadFilesAreErrors) {
  EXPECT_FALSE(ParseStoryModel("3\tkremlin\n", "").ok());               // no header
  EXPECT_FALSE(ParseStoryModel("documents 2\n3\tkremlin\n", "").ok());  // df > documents
  EXPECT_FALSE(ParseStoryModel("documents 2\nkremlin\n", "").ok());
  EXPECT_FALSE(ParseStoryModel("", "bias 1\n").ok());                    // features missing
  EXPECT_FALSE(ParseStoryModel("", AllWeights(1) + "colour 2\n").ok());  // unknown feature
  EXPECT_FALSE(ParseStoryModel("", AllWeights(1) + "title x\n").ok());
  EXPECT_FALSE(LoadStoryModel("/nonexistent/idf.tsv", "").ok());
}

TEST(StoryModelTest, WordVectorsRoundTrip) {
  const std::vector<std::string> terms = {"kremlin", "moscow", "tariff"};
  const std::vector<float> vectors = {3, 4, 0, 0.6f, 0.8f, 0, 0, 0, -2};
  const std::string text = FormatWordVectors(terms, vectors, 3);
  const auto model = ParseStoryModel("", "", text);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(model->vector_dims, 3u);
  EXPECT_EQ(model->vector_terms, terms);
  EXPECT_EQ(model->VectorRow("moscow"), 1);
  EXPECT_EQ(model->VectorRow("paris"), -1);
  // Rows come back of unit length, quantized: kremlin and moscow point the same way.
  for (size_t d = 0; d < 3; ++d) EXPECT_NEAR(model->vectors[d], model->vectors[3 + d], 0.01);
  EXPECT_NEAR(model->vectors[8], -1.0, 1e-6);
  EXPECT_NEAR(model->vectors[0], 0.6, 0.01);
}

TEST(StoryModelTest, BadWordVectorsAreErrors) {
  EXPECT_FALSE(ParseStoryModel("", "", "kremlin\tAAA\n").ok());              // no header
  EXPECT_FALSE(ParseStoryModel("", "", "vectors 1 3\nkremlin\tAA\n").ok());  // too few bytes
  EXPECT_FALSE(ParseStoryModel("", "", "vectors 1 3\nkremlin\tA!AA\n").ok());
  EXPECT_FALSE(ParseStoryModel("", "", "vectors 2 3\nkremlin\tAAAA\n").ok());  // count
  EXPECT_FALSE(ParseStoryModel("", "", "vectors 2 3\nmoscow\tAAAA\nkremlin\tAAAA\n").ok());
  EXPECT_TRUE(ParseStoryModel("", "", "vectors 2 3\nkremlin\tAAAA\nmoscow\tAAAA\n").ok());
}

// The files compiled in (models/stories/) are whole and parse.
TEST(StoryModelTest, EmbeddedModelParses) {
  const auto model =
      ParseStoryModel(EmbeddedIdfPrior(), EmbeddedPairWeights(), EmbeddedWordVectors());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GE(model->vector_dims, 50u);
  EXPECT_GT(model->vector_terms.size(), 5000u);
  EXPECT_GT(EmbeddedStoryModel()->vector_dims, 0u);
  EXPECT_GT(model->prior_documents, 1000u);
  EXPECT_GT(model->prior_df.size(), 1000u);
  EXPECT_TRUE(model->has_pair_weights);
  EXPECT_TRUE(EmbeddedStoryModel()->has_pair_weights);
}

}  // namespace
}  // namespace storyline::cluster

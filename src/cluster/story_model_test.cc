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

// The files compiled in (models/stories/) are whole and parse.
TEST(StoryModelTest, EmbeddedModelParses) {
  const auto model = ParseStoryModel(EmbeddedIdfPrior(), EmbeddedPairWeights());
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_GT(model->prior_documents, 1000u);
  EXPECT_GT(model->prior_df.size(), 1000u);
  EXPECT_TRUE(model->has_pair_weights);
  EXPECT_TRUE(EmbeddedStoryModel()->has_pair_weights);
}

}  // namespace
}  // namespace storyline::cluster

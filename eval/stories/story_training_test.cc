#include "eval/stories/story_training.h"

#include <gtest/gtest.h>

#include "cluster/synthetic_news.h"

namespace storyline::eval {
namespace {

// Two parts of synthetic news, undated (as neus train is), with their gold events.
std::vector<StorySplit> Parts() {
  std::vector<StorySplit> parts;
  for (uint64_t seed : {1u, 2u}) {
    cluster::testing::SyntheticOptions o;
    o.seed = seed;
    o.articles_per_event = 3;
    cluster::testing::SyntheticNews news(o);
    StorySplit part;
    part.name = "part";
    for (int i = 0; i < 300; ++i) {
      Article a = news.Next();
      a.published.reset();
      part.articles.push_back(std::move(a));
      part.events.push_back(news.event());
    }
    part.event_count = static_cast<size_t>(part.events.back() + 1);
    parts.push_back(std::move(part));
  }
  return parts;
}

TEST(TrainPairWeightsTest, SecondRoundAddsTheIndexsOwnStories) {
  const std::vector<StorySplit> parts = Parts();
  const Result<PairTraining> gold = TrainPairWeights(parts, cluster::StoryOptions{}, 1.0);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_GT(gold->positives, 0u);
  // Same-event evidence weighs for the event: the centroid cosine and the margin over the
  // other candidates raise the probability.
  EXPECT_GT(gold->model.weights[static_cast<size_t>(cluster::PairFeature::kCentroid)], 0);
  EXPECT_GT(gold->model.weights[static_cast<size_t>(cluster::PairFeature::kMargin)], 0);

  const Result<PairTraining> two = TrainPairWeights(parts, cluster::StoryOptions{}, 1.0, {}, 2);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  // The second round adds the candidates of the index's own stories to the first round's.
  EXPECT_GT(two->examples, gold->examples);
  EXPECT_GT(two->positives, gold->positives);
  EXPECT_NE(two->model.weights, gold->model.weights);
  // Deterministic.
  const Result<PairTraining> again = TrainPairWeights(parts, cluster::StoryOptions{}, 1.0, {}, 2);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->model.weights, two->model.weights);
  EXPECT_EQ(again->model.bias, two->model.bias);
}

}  // namespace
}  // namespace storyline::eval

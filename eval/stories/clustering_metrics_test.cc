#include "eval/stories/clustering_metrics.h"

#include <gtest/gtest.h>

namespace storyline::eval {
namespace {

TEST(ClusteringMetricsTest, IdenticalPartitionsScoreOne) {
  const ClusteringScore s = ScoreClustering({1, 1, 2, 2, 3}, {7, 7, 5, 5, 9});
  EXPECT_DOUBLE_EQ(s.bcubed_f1, 1);
  EXPECT_DOUBLE_EQ(s.pair_f1, 1);
  EXPECT_DOUBLE_EQ(s.adjusted_rand, 1);
  EXPECT_EQ(s.gold_clusters, 3u);
  EXPECT_EQ(s.predicted_clusters, 3u);
}

TEST(ClusteringMetricsTest, AllSingletonsHavePerfectPrecisionOnly) {
  const ClusteringScore s = ScoreClustering({1, 1, 1, 2}, {1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(s.bcubed_precision, 1);
  EXPECT_DOUBLE_EQ(s.bcubed_recall, (1.0 / 3 * 3 + 1) / 4);
  EXPECT_DOUBLE_EQ(s.pair_recall, 0);
  EXPECT_DOUBLE_EQ(s.pair_precision, 1);  // no pair claimed
}

// A worked example: gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
TEST(ClusteringMetricsTest, WorkedExample) {
  const ClusteringScore s = ScoreClustering({1, 1, 1, 2, 2}, {1, 1, 2, 2, 2});
  // BCubed precision: a,b: 2/2; c: 1/3; d,e: 2/3 → (1+1+1/3+2/3+2/3)/5.
  EXPECT_NEAR(s.bcubed_precision, (2 + 1.0 / 3 + 4.0 / 3) / 5, 1e-12);
  // BCubed recall: a,b: 2/3; c: 1/3; d,e: 2/2.
  EXPECT_NEAR(s.bcubed_recall, (4.0 / 3 + 1.0 / 3 + 2) / 5, 1e-12);
  // Pairs: tp = C(2,2) + C(1,2) + C(2,2) = 2; predicted pairs 1 + 3 = 4; gold pairs 3 + 1.
  EXPECT_DOUBLE_EQ(s.pair_precision, 0.5);
  EXPECT_DOUBLE_EQ(s.pair_recall, 0.5);
  // ARI: expected = 4 * 4 / 10 = 1.6; max = 4 → (2 - 1.6) / (4 - 1.6).
  EXPECT_NEAR(s.adjusted_rand, 0.4 / 2.4, 1e-12);
}

TEST(ClusteringMetricsTest, EmptyInput) {
  const ClusteringScore s = ScoreClustering({}, {});
  EXPECT_EQ(s.items, 0u);
  EXPECT_DOUBLE_EQ(s.bcubed_f1, 0);
}

}  // namespace
}  // namespace storyline::eval

// External clustering metrics: a predicted partition against a gold one, item by item.
#ifndef STORYLINE_EVAL_STORIES_CLUSTERING_METRICS_H_
#define STORYLINE_EVAL_STORIES_CLUSTERING_METRICS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace storyline::eval {

struct ClusteringScore {
  size_t items = 0;
  size_t gold_clusters = 0;
  size_t predicted_clusters = 0;
  // BCubed: per item, the share of its predicted cluster that is in its gold cluster
  // (precision) and of its gold cluster that is in its predicted cluster (recall), averaged
  // over items; F1 of the two averages.
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  // Pairs of items: tp = Σ C(n_ij, 2) over the gold × predicted contingency table.
  double pair_precision = 0, pair_recall = 0, pair_f1 = 0;
  double adjusted_rand = 0;  // Hubert & Arabie; 1 for identical partitions, ~0 for chance
};

// `gold[i]` and `predicted[i]` are the cluster labels of item i (any values; only equality
// matters). REQUIRES: gold.size() == predicted.size(). Empty input scores all zeros.
ClusteringScore ScoreClustering(const std::vector<int64_t>& gold,
                                const std::vector<int64_t>& predicted);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_STORIES_CLUSTERING_METRICS_H_

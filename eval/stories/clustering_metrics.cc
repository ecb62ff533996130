#include "eval/stories/clustering_metrics.h"

#include <cassert>
#include <map>
#include <unordered_map>
#include <utility>

namespace storyline::eval {
namespace {

double Pairs(double n) { return n * (n - 1) / 2; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

}  // namespace

ClusteringScore ScoreClustering(const std::vector<int64_t>& gold,
                                const std::vector<int64_t>& predicted) {
  assert(gold.size() == predicted.size());
  ClusteringScore s;
  s.items = gold.size();
  if (s.items == 0) return s;
  std::unordered_map<int64_t, double> gold_size, predicted_size;
  std::map<std::pair<int64_t, int64_t>, double> cell;  // the contingency table
  for (size_t i = 0; i < s.items; ++i) {
    ++gold_size[gold[i]];
    ++predicted_size[predicted[i]];
    ++cell[{gold[i], predicted[i]}];
  }
  s.gold_clusters = gold_size.size();
  s.predicted_clusters = predicted_size.size();

  double precision = 0, recall = 0;
  for (size_t i = 0; i < s.items; ++i) {
    const double both = cell[{gold[i], predicted[i]}];
    precision += both / predicted_size[predicted[i]];
    recall += both / gold_size[gold[i]];
  }
  const auto n = static_cast<double>(s.items);
  s.bcubed_precision = precision / n;
  s.bcubed_recall = recall / n;
  s.bcubed_f1 = F1(s.bcubed_precision, s.bcubed_recall);

  double tp = 0, gold_pairs = 0, predicted_pairs = 0;
  for (const auto& [key, count] : cell) tp += Pairs(count);
  for (const auto& [key, count] : gold_size) gold_pairs += Pairs(count);
  for (const auto& [key, count] : predicted_size) predicted_pairs += Pairs(count);
  // No predicted (gold) pairs: nothing claimed is wrong (nothing to find was missed).
  s.pair_precision = predicted_pairs > 0 ? tp / predicted_pairs : 1;
  s.pair_recall = gold_pairs > 0 ? tp / gold_pairs : 1;
  s.pair_f1 = F1(s.pair_precision, s.pair_recall);

  const double all_pairs = Pairs(n);
  const double expected = all_pairs > 0 ? gold_pairs * predicted_pairs / all_pairs : 0;
  const double max_index = (gold_pairs + predicted_pairs) / 2;
  s.adjusted_rand = max_index - expected != 0 ? (tp - expected) / (max_index - expected) : 1;
  return s;
}

}  // namespace storyline::eval

#include "eval/summaries/peers.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "summarize/summarize.h"

namespace storyline::eval {
namespace {

// Power iteration of PageRank on a row-stochastic transition built from `weights`.
std::vector<double> PageRank(const std::vector<std::vector<double>>& weights, double damping) {
  const size_t n = weights.size();
  std::vector<double> rank(n, n > 0 ? 1.0 / static_cast<double>(n) : 0.0);
  if (n == 0) return rank;
  std::vector<double> out_sum(n, 0);
  for (size_t i = 0; i < n; ++i) {
    out_sum[i] = std::accumulate(weights[i].begin(), weights[i].end(), 0.0);
  }
  std::vector<double> next(n);
  for (int iter = 0; iter < 100; ++iter) {
    double dangling = 0;
    for (size_t i = 0; i < n; ++i) {
      if (out_sum[i] == 0) dangling += rank[i];
    }
    for (size_t j = 0; j < n; ++j) {
      double in = 0;
      for (size_t i = 0; i < n; ++i) {
        if (weights[i][j] > 0) in += rank[i] * weights[i][j] / out_sum[i];
      }
      next[j] = (1 - damping) / static_cast<double>(n) +
                damping * (in + dangling / static_cast<double>(n));
    }
    double delta = 0;
    for (size_t i = 0; i < n; ++i) delta += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (delta < 1e-6) break;
  }
  return rank;
}

std::vector<size_t> ByScore(const std::vector<double>& score) {
  std::vector<size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return score[a] > score[b]; });
  return order;
}

}  // namespace

size_t WordCount(const std::string& text) {
  size_t n = 0;
  bool in = false;
  for (unsigned char ch : text) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

std::vector<size_t> LeadOrder(size_t sentences) {
  std::vector<size_t> order(sentences);
  std::iota(order.begin(), order.end(), 0);
  return order;
}

std::vector<size_t> LeadRoundRobinOrder(const std::vector<size_t>& article_of) {
  size_t articles = 0;
  for (size_t a : article_of) articles = std::max(articles, a + 1);
  std::vector<std::vector<size_t>> by_article(articles);
  for (size_t i = 0; i < article_of.size(); ++i) by_article[article_of[i]].push_back(i);
  std::vector<size_t> order;
  for (size_t depth = 0; order.size() < article_of.size(); ++depth) {
    for (const std::vector<size_t>& a : by_article) {
      if (depth < a.size()) order.push_back(a[depth]);
    }
  }
  return order;
}

std::vector<size_t> TextRankOrder(const std::vector<std::string>& sentences) {
  const size_t n = sentences.size();
  std::vector<std::vector<std::string>> words(n);
  for (size_t i = 0; i < n; ++i) {
    words[i] = summarize::ContentTerms(sentences[i]);
    std::sort(words[i].begin(), words[i].end());
  }
  std::vector<std::vector<double>> w(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (words[i].size() < 2 || words[j].size() < 2) continue;
      std::vector<std::string> common;
      std::set_intersection(words[i].begin(), words[i].end(), words[j].begin(), words[j].end(),
                            std::back_inserter(common));
      common.erase(std::unique(common.begin(), common.end()), common.end());
      const double denom = std::log(static_cast<double>(words[i].size())) +
                           std::log(static_cast<double>(words[j].size()));
      if (denom > 0) w[i][j] = w[j][i] = static_cast<double>(common.size()) / denom;
    }
  }
  return ByScore(PageRank(w, 0.85));
}

std::vector<size_t> LexRankOrder(const std::vector<std::string>& sentences) {
  const size_t n = sentences.size();
  std::vector<std::unordered_map<std::string, double>> tf(n);
  std::unordered_map<std::string, double> df;
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& t : summarize::ContentTerms(sentences[i])) tf[i][t] += 1;
    for (const auto& [t, c] : tf[i]) df[t] += 1;
  }
  std::vector<double> norm(n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (auto& [t, c] : tf[i]) {
      c *= std::log(static_cast<double>(n) / df[t]) + 1.0;
      norm[i] += c * c;
    }
    norm[i] = std::sqrt(norm[i]);
  }
  std::vector<std::vector<double>> w(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i) {
    w[i][i] = 1;  // every sentence is similar to itself (Erkan & Radev's matrix)
    for (size_t j = i + 1; j < n; ++j) {
      if (norm[i] == 0 || norm[j] == 0) continue;
      double dot = 0;
      for (const auto& [t, c] : tf[i]) {
        auto it = tf[j].find(t);
        if (it != tf[j].end()) dot += c * it->second;
      }
      if (dot / (norm[i] * norm[j]) >= 0.1) w[i][j] = w[j][i] = 1;
    }
  }
  return ByScore(PageRank(w, 0.85));
}

std::vector<size_t> BudgetSelect(const std::vector<std::string>& sentences,
                                 const std::vector<size_t>& order, size_t budget, bool fill) {
  std::vector<size_t> out;
  size_t used = 0;
  for (size_t i : order) {
    const size_t words = WordCount(sentences[i]);
    if (used + words <= budget) {
      out.push_back(i);
      used += words;
    } else if (!fill) {
      break;
    }
  }
  return out;
}

}  // namespace storyline::eval

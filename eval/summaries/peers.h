// Baseline extractive summarizers, implemented here so they run in the same process and
// are scored by the same ROUGE as ours:
//   Lead      the first sentences (for stories: round-robin over the articles' leads);
//   TextRank  Mihalcea & Tarau (2004): sentence graph weighted by shared words normalized
//             by log lengths, weighted PageRank (d = 0.85);
//   LexRank   Erkan & Radev (2004): tf-idf cosine graph with a 0.1 threshold, degree-
//             normalized, PageRank (d = 0.85).
// Each returns the order in which sentences should be taken (best first); BudgetSelect
// then applies the same word budget to every system.
#ifndef STORYLINE_EVAL_SUMMARIES_PEERS_H_
#define STORYLINE_EVAL_SUMMARIES_PEERS_H_

#include <cstddef>
#include <string>
#include <vector>

namespace storyline::eval {

std::vector<size_t> LeadOrder(size_t sentences);
// `article_of[i]` is the article of pooled sentence i (sentences of one article in order).
std::vector<size_t> LeadRoundRobinOrder(const std::vector<size_t>& article_of);
std::vector<size_t> TextRankOrder(const std::vector<std::string>& sentences);
std::vector<size_t> LexRankOrder(const std::vector<std::string>& sentences);

// Takes sentences in `order` while they fit in `budget` words. With `fill`, a sentence
// that does not fit is passed over and a shorter later one may still fit; without, the
// selection stops there (a prefix of the ranking). Returns them in `order` order.
std::vector<size_t> BudgetSelect(const std::vector<std::string>& sentences,
                                 const std::vector<size_t>& order, size_t budget, bool fill);

size_t WordCount(const std::string& text);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_SUMMARIES_PEERS_H_

// Text-overlap metrics of the extraction benchmarks, written to give the same numbers as
// the benchmarks' own Python scorers.
//
// Tokens are what Python's re.findall(r"\w+") finds in a str: maximal runs of Unicode
// letters (Lu Ll Lt Lm Lo), numbers (Nd Nl No) and '_'. Combining marks are not word
// characters, so they split words exactly as Python does. Everything here is a pure
// function of its arguments and safe to call from any thread.
#ifndef STORYLINE_EVAL_METRICS_H_
#define STORYLINE_EVAL_METRICS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storyline::eval {

// The \w+ tokens of `utf8`, case kept, as views into it. Invalid UTF-8 bytes split words.
std::vector<std::string_view> WordTokens(std::string_view utf8);

// Full Unicode lowercase (ICU root locale, like Python's str.lower()).
std::string Lowercase(std::string_view utf8);

// Whitespace collapsed to single spaces, trimmed, lowercased, and typographic quotes as
// straight ones (‘ ’ as ', “ ” as "): the key two short strings (a title, an author) must
// share to count as the same.
std::string NormalizeForMatch(std::string_view utf8);
// Whitespace collapsed and trimmed, case kept.
std::string NormalizeSpaces(std::string_view utf8);

// The multiset of word n-gram shingles (tokens joined by one space). A text of fewer than
// n tokens gives one shingle of all its tokens; a text without tokens gives none.
using ShingleCounts = std::unordered_map<std::string, size_t>;
ShingleCounts Shingles(std::string_view text, size_t n = 4);

// One page's shingle overlap, divided by tp + fp + fn so that long pages weigh no more than
// short ones (all three stay 0 when both texts are empty).
struct ShingleMatch {
  double tp = 0;
  double fp = 0;  // predicted shingles the reference does not have
  double fn = 0;  // reference shingles the prediction misses
};
ShingleMatch MatchShingles(std::string_view reference, std::string_view prediction, size_t n = 4);

// Per-page precision and recall: 1 when fp = fn = 0, 0 when the denominator is 0.
double PagePrecision(const ShingleMatch& m);
double PageRecall(const ShingleMatch& m);
// 2PR / (P + R) of the two above, 0 when both are 0.
double PageF1(const ShingleMatch& m);

struct Score {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

// The article-extraction-benchmark aggregate: precision averaged over the pages with
// tp + fp > 0, recall over the pages with tp + fn > 0, F1 of the two averages.
Score AverageShingleScores(const std::vector<ShingleMatch>& pages);

// Bag-of-words overlap of the lowercased tokens (the WCXB metric). Both texts empty: 1, 1,
// 1; exactly one empty: 0, 0, 0.
Score MatchWords(std::string_view reference, std::string_view prediction);

// The mean of each field over the pages (WCXB averages per-page F1). All 0 when empty.
Score MeanScore(const std::vector<Score>& pages);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_METRICS_H_

// ROUGE as ROUGE-1.5.5 computes it (Lin 2004; the 2005 Perl release), written from its
// definition so that the numbers we print are the numbers the literature prints.
//
// Per text (a peer or a model summary, given as its sentences):
//   - lower case (ASCII); with a word limit (-l) or byte limit (-b) the text is cut first,
//     counting words split on white space before any clean-up, as ROUGE-1.5.5 does;
//   - "-" is split off and every other character that is not [a-z0-9] becomes a space;
//   - with remove_stopwords (-s) the SMART common words are dropped;
//   - with stem (-m) each token longer than 3 characters is replaced by its WordNet-2.0
//     exception base form when it has one (first base listed), else by ROUGE-1.5.5's Porter
//     stemmer (the 1980 algorithm as in Porter's Perl release, with ROUGE's step-4 change:
//     "-ement" words also try "-ment" and "-ent").
// ROUGE-N: hits = Σ_grams min(peer count, model count), summed over the models; recall =
// hits / Σ model grams, precision = hits / (peer grams × models) (-f A, "model average").
// ROUGE-L: summary-level union LCS of each model sentence against all peer sentences, hits
// clipped by the unigram counts (ROUGE-1.4.1+). F = PR / ((1-α)P + αR), α = 0.5 (-p).
// Each document's R, P, F are rounded to 5 decimals as ROUGE-1.5.5 rounds them.
//
// The data files (smart_common_words.txt, WordNet-2.0-Exceptions/*.exc) are third-party and
// read at run time; see RougeScorer::Load.
//
// Cost: ROUGE-L is quadratic in sentence lengths (as in ROUGE-1.5.5); it is an evaluation
// tool for summaries, not for scoring whole untrusted documents.
// Thread safety: a RougeScorer caches stems; use one per thread (copies are independent).
#ifndef STORYLINE_SUMMARIZE_ROUGE_H_
#define STORYLINE_SUMMARIZE_ROUGE_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "storyline/status.h"

namespace storyline::summarize {

struct RougeOptions {
  int max_n = 2;                  // ROUGE-1 .. ROUGE-max_n (-n)
  bool stem = false;              // -m: WordNet exceptions, then Porter
  bool remove_stopwords = false;  // -s: drop the SMART common words
  size_t word_limit = 0;          // -l: first N words of each summary (0: no limit)
  size_t byte_limit = 0;          // -b: first N bytes of each summary (0: no limit)
  double alpha = 0.5;             // -p: F weighting; 0.5 is the harmonic mean
};

struct RougeScore {
  double recall = 0;
  double precision = 0;
  double f = 0;
};

struct RougeResult {
  std::vector<RougeScore> n;  // n[k] is ROUGE-(k+1)
  RougeScore l;               // ROUGE-L
};

class RougeScorer {
 public:
  // Reads `data_dir`/smart_common_words.txt and `data_dir`/WordNet-2.0-Exceptions/*.exc
  // (adj, adv, noun, verb; a word listed in several keeps the base of the last file).
  // A missing file is an error only when the options need it (-m needs the exceptions,
  // -s the stopwords).
  static Result<RougeScorer> Load(const RougeOptions& options,
                                  const std::filesystem::path& data_dir);
  // Without data files: no exception lists and no stopwords (stemming is Porter only).
  explicit RougeScorer(const RougeOptions& options) : options_(options) {}

  const RougeOptions& options() const { return options_; }

  // Scores a peer summary against one or more model (reference) summaries. Each summary is
  // given as its sentences (ROUGE-L works sentence by sentence; ROUGE-N joins them).
  RougeResult Score(const std::vector<std::string>& peer,
                    const std::vector<std::vector<std::string>>& models);

  // The tokens ROUGE counts for `text` (one sentence, no length limit): cleaned, stopwords
  // removed with -s, stemmed with -m.
  std::vector<std::string> Tokens(std::string_view text);

  // The stem ROUGE-1.5.5 uses for one lower-case token (exception list, then Porter).
  std::string Stem(const std::string& token);

 private:
  std::vector<std::string> TokensOfClean(std::string_view clean);

  RougeOptions options_;
  std::unordered_set<std::string> stopwords_;
  std::unordered_map<std::string, std::string> exceptions_;
  std::unordered_map<std::string, std::string> stem_cache_;
};

// ROUGE-1.5.5's Porter stemmer on one lower-case word (no exception lists).
std::string PorterStem(std::string_view word);

// The sentences of a summary in ROUGE's SEE (HTML) format:
// <a name="1">[1]</a> <a href="#1" id=1>text</a>. Lines that are not sentences are skipped.
std::vector<std::string> ParseSeeSummary(std::string_view html);

// The average ROUGE-1.5.5 prints over a system's documents: the mean of `resamples`
// bootstrap samples, sample i drawn with Perl's rand seeded by srand(i) (drand48), the
// documents ordered by their ids as strings ("evalID.peerID"). `docs` must be in that order.
// Rounded to 5 decimals.
RougeScore Rouge155Average(const std::vector<RougeScore>& docs, int resamples = 1000);

// The plain mean of the documents' scores (what an evaluation reports).
RougeScore MeanScore(const std::vector<RougeScore>& docs);

}  // namespace storyline::summarize

#endif  // STORYLINE_SUMMARIZE_ROUGE_H_

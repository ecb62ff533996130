// Understanding one article: tokens and sentences → named entities (nlp::NerTagger) →
// quotes (quotes::QuoteFinder) → people with roles and resolved speakers (people.h).
//
// Takes the article's clean text (Article::text); gives an ArticleAnalysis whose offsets are
// bytes into that text. Models are compiled in; an Analyzer is built once per process.
//
// Threads: an Analyzer is immutable; Analyze may be called from any number of threads.
#ifndef STORYLINE_PEOPLE_ANALYZE_H_
#define STORYLINE_PEOPLE_ANALYZE_H_

#include <memory>
#include <string_view>
#include <vector>

#include "nlp/ner.h"
#include "quotes/quotes.h"
#include "storyline/analysis.h"
#include "storyline/status.h"

namespace storyline::people {

struct AnalyzeOptions {
  // Longer texts are refused (kTooLarge): the taggers are linear, this bounds time and memory.
  size_t max_text_bytes = 4u << 20;
  quotes::QuoteOptions quotes;
};

class Analyzer {
 public:
  // The models compiled into the binary.
  static Result<Analyzer> Default();
  Analyzer(nlp::NerTagger ner, quotes::QuoteFinder quotes);

  Result<ArticleAnalysis> Analyze(std::string_view text, const AnalyzeOptions& options = {}) const;

 private:
  nlp::NerTagger ner_;
  std::shared_ptr<const quotes::QuoteFinder> quotes_;  // shared by copies: immutable
};

// Several articles read together (a batch, `storyline analyze` over several files): a person
// an article names only by surname ("peskov") becomes the one person with that surname and a
// full name in the others ("dmitri-peskov"), if there is exactly one.
void LinkSurnames(std::vector<ArticleAnalysis*> analyses);

}  // namespace storyline::people

#endif  // STORYLINE_PEOPLE_ANALYZE_H_

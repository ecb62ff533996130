// The attribution evaluation: our QuoteFinder on every text of a PolNeAR split, scored
// against its annotations (scorer.h), and the report printed beside the published anchors.
#ifndef STORYLINE_EVAL_QUOTES_QUOTES_EVAL_H_
#define STORYLINE_EVAL_QUOTES_QUOTES_EVAL_H_

#include <ostream>
#include <vector>

#include "eval/quotes/polnear.h"
#include "eval/quotes/scorer.h"
#include "quotes/quotes.h"

namespace storyline::eval::quotes {

struct EvalResult {
  Scores scores;
  size_t texts = 0;
  double seconds = 0;  // time in QuoteFinder::Find only
};

Result<EvalResult> EvaluateSplit(const storyline::quotes::QuoteFinder& finder,
                                 const std::vector<AnnotatedText>& texts,
                                 const storyline::quotes::QuoteOptions& options = {});

// For `role`, the spans of each text that exact matching left over: "missed" (gold) and
// "spurious" (ours), one per line with the text's name, for error analysis.
Status PrintErrors(const storyline::quotes::QuoteFinder& finder,
                   const std::vector<AnnotatedText>& texts, Role role,
                   const storyline::quotes::QuoteOptions& options, std::ostream& out);

// The table: per role exact P/R/F1 and lenient F1, then the published test-split anchors.
void PrintReport(const EvalResult& result, std::ostream& out);

}  // namespace storyline::eval::quotes

#endif  // STORYLINE_EVAL_QUOTES_QUOTES_EVAL_H_

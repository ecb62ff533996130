// Summary quality with peers in the same run, scored by the same ROUGE-1.5.5 (-m -n 2):
//   BBC News Summary (single article → its extractive reference; every system gets the
//   reference's word count as budget): storyline, Lead, TextRank, LexRank.
//   AllSides neus (three outlets' texts → the editors' neutral roundup; budget = the
//   roundup's word count): storyline, Lead round-robin, TextRank, LexRank over the pooled
//   sentences.
// Scores are the mean over documents of ROUGE's per-document F (rounded to 5 decimals as
// ROUGE does).
#ifndef STORYLINE_EVAL_SUMMARIES_SUMMARIES_EVAL_H_
#define STORYLINE_EVAL_SUMMARIES_SUMMARIES_EVAL_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "storyline/status.h"
#include "summarize/summarize.h"

namespace storyline::eval {

struct SummariesEvalOptions {
  std::filesystem::path datasets;  // the folder holding summaries/ and stories/
  size_t stride = 1;               // evaluate every stride-th document (CI uses a subset)
  size_t max_docs = 0;             // 0: all
  std::string allsides_split = "val";
  bool run_peers = true;
  // AllSides: find each article's quotes and speakers with the shipped people/quotes models
  // (people::Analyzer), as `ingest` does before it summarizes a story.
  bool story_quotes = true;
  summarize::SummaryOptions article;  // ours on BBC (words set per document)
  summarize::SummaryOptions story;    // ours on AllSides (words set per document)
};

struct SystemScores {
  std::string system;
  std::vector<double> r1, r2, rl;  // per document F
  double seconds = 0;              // time spent summarizing (not scoring)
  double MeanR1() const;
  double MeanR2() const;
  double MeanRL() const;
};

struct EvalResult {
  std::vector<SystemScores> systems;  // ours first
  std::vector<size_t> doc_index;      // dataset line of each document scored
};

// The ROUGE data files (stopwords, WordNet exceptions) are read from
// datasets/summaries/rouge155-conformance/data.
Result<EvalResult> EvaluateBbc(const SummariesEvalOptions& options);
Result<EvalResult> EvaluateAllSides(const SummariesEvalOptions& options);

// A reference whose sentences were run together ("stabilise.China's") split back into
// sentences.
std::vector<std::string> ReferenceSentences(const std::string& text);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_SUMMARIES_SUMMARIES_EVAL_H_

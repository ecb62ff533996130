// Named-entity quality on CoNLL-2003 (../shared/datasets/ner/conll2003): entity-level
// precision, recall and F1 per type and overall, as conlleval computes them (a predicted
// entity counts only with the exact type and boundaries), with published results beside
// ours. The published numbers are on the CoNLL-2003 *test* split (eng.testb), which is
// held back here; ours are on valid.txt (eng.testa), usually 1-3 points easier.
#ifndef STORYLINE_EVAL_NER_NER_EVAL_H_
#define STORYLINE_EVAL_NER_NER_EVAL_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "nlp/conll.h"
#include "nlp/ner.h"
#include "storyline/status.h"

namespace storyline::eval {

struct NerEvalOptions {
  std::string split = "valid.txt";  // file under the conll2003 folder
  size_t max_documents = 0;         // 0: all; else the first N documents (quick runs)
};

struct NerReport {
  nlp::ConllScore score;
  size_t documents = 0;
  size_t sentences = 0;
  double seconds = 0;  // CPU time of the tagging only (one thread)
};

// Tags `options.split` under `conll_dir` with `tagger` and scores it against its tags.
Result<NerReport> EvaluateNer(const std::filesystem::path& conll_dir, const nlp::NerTagger& tagger,
                              const NerEvalOptions& options);

// A published result on the CoNLL-2003 English test set.
struct PublishedNer {
  std::string system;
  double f1;
  std::string source;
};
const std::vector<PublishedNer>& PublishedNerResults();

// The printed table: per type and overall P/R/F1, speed, then the published anchors.
std::string FormatNerReport(const NerReport& report, const std::string& split);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_NER_NER_EVAL_H_

// Training the named-entity tagger (library storyline::nlp_train; the command is
// storyline_train_ner, see models/ner/README.md). Deterministic: the same inputs and
// options give the same model bytes.
#ifndef STORYLINE_NLP_NER_TRAIN_H_
#define STORYLINE_NLP_NER_TRAIN_H_

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "nlp/conll.h"
#include "nlp/ner_model.h"
#include "storyline/status.h"

namespace storyline::nlp {

struct LexiconOptions {
  size_t min_count = 3;         // words seen fewer times get no cluster
  size_t max_words = 80000;     // most frequent words clustered
  size_t context_words = 3000;  // most frequent lower-cased words used as contexts
  size_t dimensions = 128;      // random projection of the context vectors
  size_t coarse = 64;           // k-means: clusters at the top level,
  size_t medium = 8;            // then each split into this many,
  size_t fine = 8;              // and each of those again
  int iterations = 12;
  uint64_t seed = 17;
};

// Word clusters (hierarchical k-means over projected PPMI context vectors) and
// capitalisation statistics, learned from unlabelled sentences of words.
detail::Lexicon BuildLexicon(const std::vector<std::vector<std::string>>& sentences,
                             const LexiconOptions& options, std::ostream* log);

// Sentences of unlabelled news text under `datasets` (../shared/datasets): BBC articles,
// AllSides texts, PolNeAR train texts, the extraction benchmarks' ground-truth texts.
// Missing folders are skipped; nothing from a CoNLL or PolNeAR dev/test split is read.
Result<std::vector<std::vector<std::string>>> ReadUnlabelledText(
    const std::filesystem::path& datasets, std::ostream* log);

struct TrainOptions {
  int epochs = 12;     // perceptron passes per stage
  int stages = 2;      // 2: stage two sees stage one's document-level votes
  int folds = 5;       // jackknife folds for gazetteer and vote features on train
  int shuffles = 5;    // models (sentence orders) averaged per stage: more is slower
  float prune = 0.0f;  // drop features whose largest |weight| is at most this
  uint64_t seed = 29;  // sentence order
};

// Trains on `train` (documents with IOB2 tags); `dev`, when not null, is scored after each
// epoch into `log` (tuning only: it never changes the model).
Result<detail::NerModel> TrainNer(const std::vector<ConllDocument>& train, detail::Lexicon lexicon,
                                  const TrainOptions& options,
                                  const std::vector<ConllDocument>* dev, std::ostream* log);

}  // namespace storyline::nlp

#endif  // STORYLINE_NLP_NER_TRAIN_H_

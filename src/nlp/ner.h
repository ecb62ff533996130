// Named entities: PER / ORG / LOC / MISC, from a tagger trained by the project on
// CoNLL-2003 (models/ner/, compiled in; see models/ner/README.md for the training command).
//
// The tagger is an averaged structured perceptron (first-order Viterbi over IOB2 labels)
// in two stages: the second also sees how the first tagged the same word elsewhere in the
// document. Features: word, shape, affixes, context ±2, word clusters and capitalisation
// statistics learned from unlabelled news text, gazetteers from the training data and
// document-level evidence (ner_features.h).
//
// Thread safety: a NerTagger is immutable; copies share the model and may be used from
// any number of threads at once.
#ifndef STORYLINE_NLP_NER_H_
#define STORYLINE_NLP_NER_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenize.h"
#include "storyline/status.h"

namespace storyline::nlp {

namespace detail {
struct NerModel;
}

enum class EntityType { kPerson, kOrganization, kLocation, kMisc };
std::string_view EntityTypeName(EntityType type);  // "PER", "ORG", "LOC", "MISC"

struct Entity {
  size_t begin = 0;  // bytes into the text, [begin, end)
  size_t end = 0;
  EntityType type = EntityType::kMisc;
  size_t first_token = 0;  // tokens [first_token, end_token)
  size_t end_token = 0;
};

class NerTagger {
 public:
  // The model compiled into the binary (loaded once per process; later calls share it).
  static Result<NerTagger> Default();
  // A model from its serialized bytes (a file written by storyline_train_ner).
  static Result<NerTagger> FromBytes(std::string_view bytes);
  static Result<NerTagger> FromFile(const std::string& path);

  // IOB2 tags ("O", "B-PER", "I-PER", ...) for the words of one sentence, read as a
  // document of its own.
  std::vector<std::string> TagWords(const std::vector<std::string>& words) const;
  // Tags for every sentence of one document: the same word elsewhere in the document is
  // evidence (a name in a headline, at a sentence start, in a later mention).
  std::vector<std::vector<std::string>> TagDocument(
      const std::vector<std::vector<std::string>>& sentences) const;
  // Entities of `text`, read as one document (tokens and sentences from tokenize.h).
  std::vector<Entity> Tag(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<Sentence>& sentences) const;

  // Model statistics, for logs: number of weighted features over all stages.
  size_t num_features() const;

  // Internal: wraps a model (training and tests).
  explicit NerTagger(std::shared_ptr<const detail::NerModel> model);

 private:
  // Shared, not unique: the model is immutable and Default() hands every caller the same
  // one, so copies of a tagger are cheap and never reload it.
  std::shared_ptr<const detail::NerModel> model_;
};

// `storyline ner --conll`: reads CoNLL lines from `in` and writes each line to `out` with
// the predicted tag appended as the last column (separated by one space); blank and
// -DOCSTART- lines are copied. Documents (between -DOCSTART- lines) are tagged as a whole.
Status TagConll(std::istream& in, std::ostream& out, const NerTagger& tagger);

}  // namespace storyline::nlp

#endif  // STORYLINE_NLP_NER_H_

// The named-entity model (internal to the nlp stage): feature weights of one or two
// stages, label transitions, the lexicon and the gazetteer, with the binary file format.
//
// File format (little-endian): "SLNER1\n", u32 section count, then for each
// section a tag and its contents; strings are u32 length + bytes. Weights are int16
// scaled by a per-stage float. Stage two, when present, also sees stage one's entity
// types of each word across the document (ner_features.h: DocumentTypeVotes).
#ifndef STORYLINE_NLP_NER_MODEL_H_
#define STORYLINE_NLP_NER_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/ner_features.h"
#include "storyline/status.h"

namespace storyline::nlp::detail {

// Feature hash → kNumLabels weights, in an open-addressing table.
class FeatureWeights {
 public:
  FeatureWeights() = default;
  // `keys` distinct; `weights` has kNumLabels values per key.
  FeatureWeights(std::vector<uint64_t> keys, std::vector<float> weights);

  // The weights of `key`, or null when the model does not know the feature.
  const float* Find(uint64_t key) const;
  size_t size() const { return keys_.size(); }
  const std::vector<uint64_t>& keys() const { return keys_; }
  const std::vector<float>& weights() const { return weights_; }

 private:
  std::vector<uint64_t> keys_;
  std::vector<float> weights_;
  // Open addressing, the key beside its index so that a miss costs one cache line.
  struct Slot {
    uint64_t key = 0;
    uint32_t index = 0;  // + 1 into keys_; 0 for an empty slot
  };
  std::vector<Slot> slots_;  // size a power of two, at most half full
};

struct StageWeights {
  FeatureWeights features;
  // transitions[(prev + 1) * kNumLabels + label]; prev = -1 at the sentence start.
  std::array<float, (kNumLabels + 1) * kNumLabels> transitions{};  // = Transitions
};

struct NerModel {
  Lexicon lexicon;
  Gazetteer gazetteer;
  std::vector<StageWeights> stages;  // one or two
};

using Emissions = std::vector<std::array<float, kNumLabels>>;
using Transitions = std::array<float, (kNumLabels + 1) * kNumLabels>;

// Best label sequence for per-token label scores and transitions (first-order Viterbi;
// I-X only after B-X or I-X).
std::vector<int> Viterbi(const Emissions& emissions, const Transitions& transitions);

// Best label sequence under `weights` for the features of one sentence (Viterbi,
// first order; I-X only after B-X or I-X).
std::vector<int> Decode(const StageWeights& weights, const SentenceFeatures& features);

// Labels of every sentence of a document, running all stages.
std::vector<std::vector<int>> TagDocumentLabels(const NerModel& model, const Document& document);

// The model compiled into the binary (embedded_ner_model.cc, generated from
// models/ner/conll2003.nermodel); empty when the build had none.
std::string_view EmbeddedNerModel();

std::string SerializeModel(const NerModel& model);
Result<NerModel> ParseModel(std::string_view bytes);

}  // namespace storyline::nlp::detail

#endif  // STORYLINE_NLP_NER_MODEL_H_

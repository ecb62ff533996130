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
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/ner_features.h"
#include "storyline/status.h"

namespace storyline::nlp::detail {

using Emissions = std::vector<std::array<float, kNumLabels>>;
// transitions[(prev + 1) * kNumLabels + label]; prev = -1 at the sentence start.
using Transitions = std::array<float, (kNumLabels + 1) * kNumLabels>;
inline constexpr size_t kMaxStages = 2;

// Feature hash → kNumLabels weights per stage, stored as in the model file: int16 values
// times one float scale per stage. An open-addressing table whose 64-byte slots hold the
// key beside the weights of every stage: a lookup (hit or miss) usually touches one cache
// line, and one lookup serves both stages. The table is megabytes, so that line is a
// cache miss, which Prefetch lets overlap with other work.
class FeatureWeights {
 public:
  using Quantized = std::array<int16_t, kNumLabels>;
  // One stage's weights: keys[k] (distinct) has weights[k][l] * scale.
  struct Stage {
    std::vector<uint64_t> keys;
    std::vector<Quantized> weights;
    float scale = 1.0f;
  };
  // A stage from trained weights (kNumLabels per key), quantized with scale
  // max |weight| / 32767.
  static Stage Quantize(const std::vector<uint64_t>& keys, const std::vector<float>& weights);

  FeatureWeights() = default;
  explicit FeatureWeights(const std::vector<Stage>& stages);  // at most kMaxStages

  // The weights of `key` in every stage, or null when no stage knows the feature.
  struct Entry {
    uint64_t key = 0;
    std::array<Quantized, kMaxStages> weights{};
    uint16_t stages = 0;  // bit s: stage s has the key; 0 for an empty slot
    bool Has(size_t stage) const { return (stages >> stage) & 1u; }
  };
  const Entry* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t s = SlotOf(key, mask);; s = (s + 1) & mask) {
      const Entry& slot = slots_[s].entry;
      if (slot.stages == 0) return nullptr;
      if (slot.key == key) return &slot;
    }
  }
  // Adds the weights of `entry` (may be null) in `stage` to `scores`.
  void AddTo(const Entry* entry, size_t stage, std::array<float, kNumLabels>& scores) const {
    if (entry == nullptr || !entry->Has(stage)) return;
    const Quantized& q = entry->weights[stage];
    const float scale = scales_[stage];
#pragma GCC unroll 9  // kNumLabels: keeps a caller's local scores in registers
    for (size_t l = 0; l < kNumLabels; ++l) scores[l] += static_cast<float>(q[l]) * scale;
  }
  // A hint that Find(key) follows soon: starts loading its slot.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[SlotOf(key, slots_.size() - 1)]);
  }

  size_t num_stages() const { return num_stages_; }
  float scale(size_t stage) const { return scales_[stage]; }
  size_t size(size_t stage) const { return stage < num_stages_ ? sizes_[stage] : 0; }
  std::vector<uint64_t> keys(size_t stage) const;  // in table order

 private:
  struct alignas(64) Slot {
    Entry entry;
  };
  static_assert(sizeof(Slot) == 64, "one slot per cache line");
  static size_t SlotOf(uint64_t key, size_t mask) {
    return static_cast<size_t>(key ^ (key >> 29)) & mask;
  }

  std::vector<Slot> slots_;  // size a power of two, at most half full
  size_t num_stages_ = 0;
  std::array<size_t, kMaxStages> sizes_{};
  std::array<float, kMaxStages> scales_{};
};

struct NerModel {
  Lexicon lexicon;
  Gazetteer gazetteer;
  std::vector<Transitions> transitions;  // per stage: one or two
  FeatureWeights features;               // of every stage
};

// Best label sequence for per-token label scores and transitions (first-order Viterbi;
// I-X only after B-X or I-X).
std::vector<int> Viterbi(const Emissions& emissions, const Transitions& transitions);

// Labels of every sentence of a document, running all stages.
std::vector<std::vector<int>> TagDocumentLabels(const NerModel& model, const Document& document);

// The model compiled into the binary (embedded_ner_model.cc, generated from
// models/ner/conll2003.nermodel); empty when the build had none.
std::string_view EmbeddedNerModel();

std::string SerializeModel(const NerModel& model);
Result<NerModel> ParseModel(std::string_view bytes);

}  // namespace storyline::nlp::detail

#endif  // STORYLINE_NLP_NER_MODEL_H_

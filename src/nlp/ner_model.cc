#include "nlp/ner_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace storyline::nlp::detail {
namespace {

constexpr std::string_view kMagic = "SLNER1\n";

uint64_t SlotOf(uint64_t key, size_t mask) { return (key ^ (key >> 29)) & mask; }

class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Raw(&v, sizeof v); }
  void U32(uint32_t v) { Raw(&v, sizeof v); }
  void U64(uint64_t v) { Raw(&v, sizeof v); }
  void F32(float v) { Raw(&v, sizeof v); }
  void Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  template <typename T>
  T Get() {
    T v{};
    if (!Need(sizeof v)) return v;
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string_view Str() {
    const auto n = Get<uint32_t>();
    if (!Need(n)) return {};
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool Need(size_t n) {
    if (!ok_ || in_.size() - pos_ < n) ok_ = false;
    return ok_;
  }
  size_t remaining() const { return in_.size() - pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

FeatureWeights::FeatureWeights(std::vector<uint64_t> keys, std::vector<float> weights)
    : keys_(std::move(keys)), weights_(std::move(weights)) {
  size_t capacity = 16;
  while (capacity < keys_.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (size_t k = 0; k < keys_.size(); ++k) {
    size_t s = SlotOf(keys_[k], mask);
    while (slots_[s].index != 0) s = (s + 1) & mask;
    slots_[s] = {keys_[k], static_cast<uint32_t>(k + 1)};
  }
}

const float* FeatureWeights::Find(uint64_t key) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t s = SlotOf(key, mask);; s = (s + 1) & mask) {
    const Slot& slot = slots_[s];
    if (slot.index == 0) return nullptr;
    if (slot.key == key) return &weights_[(slot.index - 1) * kNumLabels];
  }
}

std::vector<int> Viterbi(const Emissions& emissions, const Transitions& transitions) {
  const size_t n = emissions.size();
  std::vector<int> labels(n, 0);
  if (n == 0) return labels;
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  std::vector<std::array<float, kNumLabels>> score(n);
  std::vector<std::array<int8_t, kNumLabels>> back(n);
  for (size_t t = 0; t < n; ++t) {
    for (int l = 0; l < kNumLabels; ++l) {
      float best = kNone;
      int8_t arg = 0;
      if (t == 0) {
        if (Allowed(-1, l)) best = transitions[static_cast<size_t>(l)];
      } else {
        for (int p = 0; p < kNumLabels; ++p) {
          if (!Allowed(p, l)) continue;
          const float s = score[t - 1][static_cast<size_t>(p)] +
                          transitions[static_cast<size_t>((p + 1) * kNumLabels + l)];
          if (s > best) best = s, arg = static_cast<int8_t>(p);
        }
      }
      score[t][static_cast<size_t>(l)] = best + emissions[t][static_cast<size_t>(l)];
      back[t][static_cast<size_t>(l)] = arg;
    }
  }
  int best = 0;
  for (int l = 1; l < kNumLabels; ++l) {
    if (score[n - 1][static_cast<size_t>(l)] > score[n - 1][static_cast<size_t>(best)]) best = l;
  }
  for (size_t t = n; t-- > 0;) {
    labels[t] = best;
    best = back[t][static_cast<size_t>(best)];
  }
  return labels;
}

std::vector<int> Decode(const StageWeights& weights, const SentenceFeatures& features) {
  const size_t n = features.offsets.empty() ? 0 : features.offsets.size() - 1;
  Emissions emissions(n);
  for (size_t t = 0; t < n; ++t) {
    emissions[t].fill(0.0f);
    for (uint32_t f = features.offsets[t]; f < features.offsets[t + 1]; ++f) {
      if (const float* w = weights.features.Find(features.keys[f])) {
        for (int l = 0; l < kNumLabels; ++l) emissions[t][static_cast<size_t>(l)] += w[l];
      }
    }
  }
  return Viterbi(emissions, weights.transitions);
}

std::vector<std::vector<int>> TagDocumentLabels(const NerModel& model, const Document& document) {
  std::vector<std::vector<int>> labels;
  const DocumentTypeVotes* votes = nullptr;
  DocumentTypeVotes counted;
  for (size_t stage = 0; stage < model.stages.size(); ++stage) {
    const FeatureExtractor extractor(document, model.lexicon, model.gazetteer, votes);
    labels.clear();
    for (size_t s = 0; s < extractor.size(); ++s) {
      labels.push_back(Decode(model.stages[stage], extractor.Extract(s)));
    }
    if (stage + 1 < model.stages.size()) {
      counted.clear();
      for (size_t s = 0; s < document.size(); ++s) AddVotes(document[s], labels[s], counted);
      votes = &counted;
    }
  }
  if (model.stages.empty()) {
    for (const auto& sentence : document) labels.emplace_back(sentence.size(), 0);
  }
  return labels;
}

std::string SerializeModel(const NerModel& model) {
  Writer w;
  w.Raw(kMagic.data(), kMagic.size());
  w.U32(static_cast<uint32_t>(model.lexicon.clusters.size()));
  std::vector<std::pair<std::string, ClusterIds>> clusters(model.lexicon.clusters.begin(),
                                                           model.lexicon.clusters.end());
  std::sort(clusters.begin(), clusters.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [word, ids] : clusters) {
    w.Str(word);
    w.U16(ids.coarse);
    w.U16(ids.medium);
    w.U16(ids.fine);
  }
  std::vector<std::pair<std::string, uint8_t>> caps(model.lexicon.capitalisation.begin(),
                                                    model.lexicon.capitalisation.end());
  std::sort(caps.begin(), caps.end());
  w.U32(static_cast<uint32_t>(caps.size()));
  for (const auto& [word, bucket] : caps) {
    w.Str(word);
    w.U8(bucket);
  }
  std::vector<std::pair<std::string, uint8_t>> gaz(model.gazetteer.begin(), model.gazetteer.end());
  std::sort(gaz.begin(), gaz.end());
  w.U32(static_cast<uint32_t>(gaz.size()));
  for (const auto& [phrase, mask] : gaz) {
    w.Str(phrase);
    w.U8(mask);
  }
  w.U32(static_cast<uint32_t>(model.stages.size()));
  for (const StageWeights& stage : model.stages) {
    for (float t : stage.transitions) w.F32(t);
    const std::vector<uint64_t>& keys = stage.features.keys();
    const std::vector<float>& weights = stage.features.weights();
    float max = 0.0f;
    for (float x : weights) max = std::max(max, std::fabs(x));
    const float scale = max > 0.0f ? max / 32767.0f : 1.0f;
    // Sorted keys compress well and make the file reproducible.
    std::vector<size_t> order(keys.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys[a] < keys[b]; });
    w.F32(scale);
    // Only the non-zero weights of a feature are stored, after a bit mask of the labels.
    std::vector<size_t> kept;
    std::vector<std::array<int16_t, kNumLabels>> quantized(keys.size());
    for (size_t k : order) {
      uint16_t mask = 0;
      for (int l = 0; l < kNumLabels; ++l) {
        const float x = std::round(weights[k * kNumLabels + static_cast<size_t>(l)] / scale);
        const auto q = static_cast<int16_t>(std::clamp(x, -32767.0f, 32767.0f));
        quantized[k][static_cast<size_t>(l)] = q;
        if (q != 0) mask = static_cast<uint16_t>(mask | (1u << l));
      }
      if (mask != 0) kept.push_back(k);
    }
    w.U32(static_cast<uint32_t>(kept.size()));
    for (size_t k : kept) {
      w.U64(keys[k]);
      uint16_t mask = 0;
      for (int l = 0; l < kNumLabels; ++l) {
        if (quantized[k][static_cast<size_t>(l)] != 0)
          mask = static_cast<uint16_t>(mask | (1u << l));
      }
      w.U16(mask);
      for (int l = 0; l < kNumLabels; ++l) {
        const int16_t q = quantized[k][static_cast<size_t>(l)];
        if (q != 0) w.U16(static_cast<uint16_t>(q));
      }
    }
  }
  return w.Take();
}

Result<NerModel> ParseModel(std::string_view bytes) {
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    return Status::Corruption("NER model: not a storyline NER model (bad magic)");
  }
  Reader r(bytes.substr(kMagic.size()));
  NerModel model;
  const auto n_clusters = r.Get<uint32_t>();
  if (!r.Need(static_cast<size_t>(n_clusters) * 10))
    return Status::Corruption("NER model: truncated clusters");
  model.lexicon.clusters.reserve(n_clusters);
  for (uint32_t k = 0; k < n_clusters && r.ok(); ++k) {
    const std::string_view word = r.Str();
    ClusterIds ids;
    ids.coarse = r.Get<uint16_t>();
    ids.medium = r.Get<uint16_t>();
    ids.fine = r.Get<uint16_t>();
    model.lexicon.clusters.emplace(word, ids);
  }
  const auto n_caps = r.Get<uint32_t>();
  if (!r.Need(static_cast<size_t>(n_caps) * 5))
    return Status::Corruption("NER model: truncated lexicon");
  model.lexicon.capitalisation.reserve(n_caps);
  for (uint32_t k = 0; k < n_caps && r.ok(); ++k) {
    const std::string_view word = r.Str();
    model.lexicon.capitalisation.emplace(word, r.Get<uint8_t>());
  }
  const auto n_gaz = r.Get<uint32_t>();
  if (!r.Need(static_cast<size_t>(n_gaz) * 5))
    return Status::Corruption("NER model: truncated gazetteer");
  model.gazetteer.reserve(n_gaz);
  for (uint32_t k = 0; k < n_gaz && r.ok(); ++k) {
    const std::string_view phrase = r.Str();
    model.gazetteer.emplace(phrase, r.Get<uint8_t>());
  }
  const auto n_stages = r.Get<uint32_t>();
  if (n_stages > 2) return Status::Corruption("NER model: bad stage count");
  for (uint32_t s = 0; s < n_stages && r.ok(); ++s) {
    StageWeights stage;
    for (float& t : stage.transitions) t = r.Get<float>();
    const auto scale = r.Get<float>();
    const auto n = r.Get<uint32_t>();
    if (!r.Need(static_cast<size_t>(n) * 12))
      return Status::Corruption("NER model: truncated weights");
    std::vector<uint64_t> keys(n);
    std::vector<float> weights(static_cast<size_t>(n) * kNumLabels, 0.0f);
    for (size_t k = 0; k < n && r.ok(); ++k) {
      keys[k] = r.Get<uint64_t>();
      const auto mask = r.Get<uint16_t>();
      for (int l = 0; l < kNumLabels; ++l) {
        if (!(mask & (1u << l))) continue;
        weights[k * kNumLabels + static_cast<size_t>(l)] =
            static_cast<float>(static_cast<int16_t>(r.Get<uint16_t>())) * scale;
      }
    }
    stage.features = FeatureWeights(std::move(keys), std::move(weights));
    model.stages.push_back(std::move(stage));
  }
  if (!r.ok()) return Status::Corruption("NER model: truncated");
  if (r.remaining() != 0) return Status::Corruption("NER model: trailing bytes");
  if (model.stages.empty()) return Status::Corruption("NER model: no weights");
  return model;
}

}  // namespace storyline::nlp::detail

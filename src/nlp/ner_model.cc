#include "nlp/ner_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace storyline::nlp::detail {
namespace {

constexpr std::string_view kMagic = "SLNER1\n";

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

FeatureWeights::Stage FeatureWeights::Quantize(const std::vector<uint64_t>& keys,
                                               const std::vector<float>& weights) {
  float max = 0.0f;
  for (float x : weights) max = std::max(max, std::fabs(x));
  Stage stage;
  stage.keys = keys;
  stage.scale = max > 0.0f ? max / 32767.0f : 1.0f;
  stage.weights.resize(keys.size());
  for (size_t k = 0; k < keys.size(); ++k) {
    for (size_t l = 0; l < kNumLabels; ++l) {
      const float x = std::round(weights[k * kNumLabels + l] / stage.scale);
      stage.weights[k][l] = static_cast<int16_t>(std::clamp(x, -32767.0f, 32767.0f));
    }
  }
  return stage;
}

FeatureWeights::FeatureWeights(const std::vector<Stage>& stages)
    : num_stages_(std::min(stages.size(), kMaxStages)) {
  std::vector<uint64_t> all;  // the keys of every stage, to size the table
  for (size_t st = 0; st < num_stages_; ++st) {
    all.insert(all.end(), stages[st].keys.begin(), stages[st].keys.end());
  }
  std::sort(all.begin(), all.end());
  const auto distinct = static_cast<size_t>(std::unique(all.begin(), all.end()) - all.begin());
  size_t capacity = 16;
  while (capacity < distinct * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (size_t st = 0; st < num_stages_; ++st) {
    scales_[st] = stages[st].scale;
    const std::vector<uint64_t>& keys = stages[st].keys;
    for (size_t k = 0; k < keys.size(); ++k) {
      size_t s = SlotOf(keys[k], mask);
      while (slots_[s].entry.stages != 0 && slots_[s].entry.key != keys[k]) s = (s + 1) & mask;
      Entry& entry = slots_[s].entry;
      if (entry.Has(st)) continue;  // a repeated key: the first one counts
      entry.key = keys[k];
      entry.weights[st] = stages[st].weights[k];
      entry.stages = static_cast<uint16_t>(entry.stages | (1u << st));
      ++sizes_[st];
    }
  }
}

std::vector<uint64_t> FeatureWeights::keys(size_t stage) const {
  std::vector<uint64_t> out;
  out.reserve(size(stage));
  for (const Slot& slot : slots_) {
    if (slot.entry.Has(stage)) out.push_back(slot.entry.key);
  }
  return out;
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

namespace {

// Stage one's emission scores of a sentence (`first`: its base is all of stage one's
// features) and stage two's scores over the base features that come before the vote
// phrase features (`second`, continued by ScoreVotes). One lookup per feature serves both.
void ScoreBase(const FeatureWeights& weights, const SentenceBase& base, Emissions& first,
               Emissions& second) {
  const size_t n = base.titles.size();
  const std::vector<uint64_t>& keys = base.keys;
  // Nearly every lookup misses the caches: keep the next kAhead slots loading meanwhile.
  constexpr size_t kAhead = 16;
  for (size_t f = 0; f < kAhead && f < keys.size(); ++f) weights.Prefetch(keys[f]);
  auto find = [&](size_t f) {
    if (f + kAhead < keys.size()) weights.Prefetch(keys[f + kAhead]);
    return weights.Find(keys[f]);
  };
  first.resize(n);
  second.resize(n);
  for (size_t t = 0; t < n; ++t) {
    std::array<float, kNumLabels> one{};
    std::array<float, kNumLabels> two{};
    for (size_t f = base.bounds[2 * t]; f < base.bounds[2 * t + 1]; ++f) {
      const FeatureWeights::Entry* entry = find(f);
      weights.AddTo(entry, 0, one);
      weights.AddTo(entry, 1, two);
    }
    for (size_t f = base.bounds[2 * t + 1]; f < base.bounds[2 * t + 2]; ++f) {
      weights.AddTo(find(f), 0, one);
    }
    first[t] = one;
    second[t] = two;
  }
}

// Stage two's emission scores: `scores` from ScoreBase, continued in CombineFeatures'
// order with the vote phrase features, the rest of the base and the vote word features.
void ScoreVotes(const FeatureWeights& weights, const SentenceBase& base, const VoteFeatures& votes,
                Emissions& scores) {
  auto add = [&](uint64_t key, std::array<float, kNumLabels>& to) {
    weights.AddTo(weights.Find(key), 1, to);
  };
  for (size_t t = 0; t < scores.size(); ++t) {
    std::array<float, kNumLabels> two = scores[t];
    const SentenceFeatures& phrases = votes.phrases;
    for (uint32_t f = phrases.offsets[t]; f < phrases.offsets[t + 1]; ++f) {
      add(phrases.keys[f], two);
    }
    for (size_t f = base.bounds[2 * t + 1]; f < base.bounds[2 * t + 2]; ++f) add(base.keys[f], two);
    const SentenceFeatures& words = votes.words;
    for (uint32_t f = words.offsets[t]; f < words.offsets[t + 1]; ++f) add(words.keys[f], two);
    scores[t] = two;
  }
}

}  // namespace

std::vector<std::vector<int>> TagDocumentLabels(const NerModel& model, const Document& document) {
  std::vector<std::vector<int>> labels;
  if (model.transitions.empty()) {
    for (const auto& sentence : document) labels.emplace_back(sentence.size(), 0);
    return labels;
  }
  // Features are extracted once; stage two adds only its vote features.
  const FeatureExtractor extractor(document, model.lexicon, model.gazetteer);
  std::vector<SentenceBase> bases(extractor.size());
  std::vector<Emissions> second(extractor.size());
  Emissions first;
  for (size_t s = 0; s < bases.size(); ++s) {
    bases[s] = extractor.Base(s);
    ScoreBase(model.features, bases[s], first, second[s]);
    labels.push_back(Viterbi(first, model.transitions[0]));
  }
  if (model.transitions.size() < 2) return labels;
  DocumentTypeVotes votes;
  for (size_t s = 0; s < document.size(); ++s) AddVotes(document[s], labels[s], votes);
  VoteFeatures vote_features;
  for (size_t s = 0; s < bases.size(); ++s) {
    ExtractVoteFeatures(bases[s], votes, vote_features);
    ScoreVotes(model.features, bases[s], vote_features, second[s]);
    labels[s] = Viterbi(second[s], model.transitions[1]);
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
  const std::vector<std::pair<std::string, uint8_t>> gaz = model.gazetteer.Sorted();
  w.U32(static_cast<uint32_t>(gaz.size()));
  for (const auto& [phrase, mask] : gaz) {
    w.Str(phrase);
    w.U8(mask);
  }
  w.U32(static_cast<uint32_t>(model.transitions.size()));
  for (size_t stage = 0; stage < model.transitions.size(); ++stage) {
    for (float t : model.transitions[stage]) w.F32(t);
    const FeatureWeights& features = model.features;
    // Sorted keys compress well and make the file reproducible.
    std::vector<uint64_t> keys = features.keys(stage);
    std::sort(keys.begin(), keys.end());
    w.F32(stage < features.num_stages() ? features.scale(stage) : 1.0f);
    // Only the non-zero weights of a feature are stored, after a bit mask of the labels.
    auto mask_of = [](const FeatureWeights::Quantized& q) {
      uint16_t mask = 0;
      for (size_t l = 0; l < kNumLabels; ++l) {
        if (q[l] != 0) mask = static_cast<uint16_t>(mask | (1u << l));
      }
      return mask;
    };
    auto weights_of = [&](uint64_t key) -> const FeatureWeights::Quantized& {
      return features.Find(key)->weights[stage];
    };
    std::erase_if(keys, [&](uint64_t key) { return mask_of(weights_of(key)) == 0; });
    w.U32(static_cast<uint32_t>(keys.size()));
    for (uint64_t key : keys) {
      const FeatureWeights::Quantized& q = weights_of(key);
      w.U64(key);
      w.U16(mask_of(q));
      for (int16_t x : q) {
        if (x != 0) w.U16(static_cast<uint16_t>(x));
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
    const std::string phrase(r.Str());
    model.gazetteer.Add(phrase, r.Get<uint8_t>());
  }
  const auto n_stages = r.Get<uint32_t>();
  if (n_stages > 2) return Status::Corruption("NER model: bad stage count");
  std::vector<FeatureWeights::Stage> stages(n_stages);
  for (FeatureWeights::Stage& stage : stages) {
    Transitions& transitions = model.transitions.emplace_back();
    for (float& t : transitions) t = r.Get<float>();
    stage.scale = r.Get<float>();
    const auto n = r.Get<uint32_t>();
    if (!r.Need(static_cast<size_t>(n) * 12))
      return Status::Corruption("NER model: truncated weights");
    stage.keys.resize(n);
    stage.weights.resize(n);
    for (size_t k = 0; k < n && r.ok(); ++k) {
      stage.keys[k] = r.Get<uint64_t>();
      const auto mask = r.Get<uint16_t>();
      for (size_t l = 0; l < kNumLabels; ++l) {
        if (mask & (1u << l)) stage.weights[k][l] = static_cast<int16_t>(r.Get<uint16_t>());
      }
    }
    if (!r.ok()) break;
  }
  model.features = FeatureWeights(stages);
  if (!r.ok()) return Status::Corruption("NER model: truncated");
  if (r.remaining() != 0) return Status::Corruption("NER model: trailing bytes");
  if (model.transitions.empty()) return Status::Corruption("NER model: no weights");
  return model;
}

}  // namespace storyline::nlp::detail

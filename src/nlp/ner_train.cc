#include "nlp/ner_train.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <unordered_map>

#include "nlp/tokenize.h"

namespace storyline::nlp {
namespace {

namespace fs = std::filesystem;
using detail::kNumLabels;

// ---- unlabelled text ---------------------------------------------------------------

void AddText(std::string_view text, std::vector<std::vector<std::string>>& out) {
  const std::vector<Token> tokens = Tokenize(text);
  for (const Sentence& s : SplitSentences(text, tokens)) {
    std::vector<std::string>& words = out.emplace_back();
    for (size_t k = s.first_token; k < s.end_token; ++k) {
      words.push_back(detail::Normalize(TokenText(text, tokens[k])));
    }
  }
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(path.string() + ": read failed");
  return bytes;
}

void AddJsonString(const nlohmann::json& j, std::vector<std::vector<std::string>>& out) {
  if (j.is_string()) {
    AddText(j.get_ref<const std::string&>(), out);
  } else if (j.is_array()) {
    for (const auto& item : j) AddJsonString(item, out);
  }
}

Status ReadJsonLines(const fs::path& path,
                     const std::function<void(const nlohmann::json&)>& record) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      return Status::BadInput(path.string() + ":" + std::to_string(number) + ": not JSON");
    }
    record(j);
  }
  return Status::Ok();
}

// ---- lexicon ------------------------------------------------------------------------

bool IsHeadlineSentence(const std::vector<std::string>& words) {
  size_t letters = 0, caps = 0;
  for (const std::string& w : words) {
    bool lower = false, upper = false;
    for (unsigned char ch : w) {
      lower |= ch >= 'a' && ch <= 'z';
      upper |= ch >= 'A' && ch <= 'Z';
    }
    if (!lower && !upper) continue;
    ++letters;
    caps += upper && !lower ? 1 : 0;
  }
  return letters > 0 && caps * 2 > letters;
}

// Spherical k-means on rows [members] of `vectors` (dimension d); returns the cluster of
// each member. Deterministic for a seed (k-means++ initialisation).
std::vector<uint32_t> KMeans(const std::vector<float>& vectors, size_t d,
                             const std::vector<uint32_t>& members, size_t k, int iterations,
                             uint64_t seed) {
  const size_t n = members.size();
  std::vector<uint32_t> assignment(n, 0);
  if (n == 0) return assignment;
  k = std::min(k, n);
  std::mt19937_64 rng(seed);
  auto row = [&](size_t i) { return &vectors[static_cast<size_t>(members[i]) * d]; };
  auto dot = [d](const float* a, const float* b) {
    float s = 0;
    for (size_t x = 0; x < d; ++x) s += a[x] * b[x];
    return s;
  };
  std::vector<float> centroids(k * d);
  // k-means++ on cosine distance (1 - dot).
  std::vector<float> dist(n, 2.0f);
  size_t first = std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  std::copy(row(first), row(first) + d, centroids.begin());
  for (size_t c = 1; c < k; ++c) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      dist[i] = std::min(dist[i], std::max(0.0f, 1.0f - dot(row(i), &centroids[(c - 1) * d])));
      total += dist[i] * dist[i];
    }
    double pick = std::uniform_real_distribution<double>(0, total)(rng);
    size_t chosen = n - 1;
    for (size_t i = 0; i < n; ++i) {
      pick -= dist[i] * dist[i];
      if (pick <= 0) {
        chosen = i;
        break;
      }
    }
    std::copy(row(chosen), row(chosen) + d, centroids.begin() + static_cast<long>(c * d));
  }
  for (int it = 0; it < iterations; ++it) {
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      float best = -2.0f;
      uint32_t arg = 0;
      for (size_t c = 0; c < k; ++c) {
        const float s = dot(row(i), &centroids[c * d]);
        if (s > best) best = s, arg = static_cast<uint32_t>(c);
      }
      changed |= assignment[i] != arg || it == 0;
      assignment[i] = arg;
    }
    if (!changed) break;
    std::fill(centroids.begin(), centroids.end(), 0.0f);
    for (size_t i = 0; i < n; ++i) {
      float* c = &centroids[assignment[i] * d];
      const float* v = row(i);
      for (size_t x = 0; x < d; ++x) c[x] += v[x];
    }
    for (size_t c = 0; c < k; ++c) {
      float* v = &centroids[c * d];
      const float norm = std::sqrt(dot(v, v));
      if (norm > 0) {
        for (size_t x = 0; x < d; ++x) v[x] /= norm;
      }
    }
  }
  return assignment;
}

// ---- training -----------------------------------------------------------------------

using Labels = std::vector<int>;

struct LabeledDoc {
  detail::Document words;
  std::vector<Labels> labels;
};

Result<std::vector<LabeledDoc>> ToLabeled(const std::vector<ConllDocument>& docs) {
  std::vector<LabeledDoc> out;
  out.reserve(docs.size());
  for (const ConllDocument& d : docs) {
    LabeledDoc& ld = out.emplace_back();
    for (const ConllSentence& s : d.sentences) {
      ld.words.push_back(s.words);
      Labels& l = ld.labels.emplace_back();
      for (const std::string& tag : s.tags) {
        const int label = detail::LabelIndex(tag);
        if (label < 0) return Status::BadInput("unknown NER tag '" + tag + "' (want IOB2)");
        l.push_back(label);
      }
    }
  }
  return out;
}

void AddToGazetteer(const LabeledDoc& doc,
                    std::unordered_map<std::string, std::array<uint32_t, 4>>& counts) {
  for (size_t s = 0; s < doc.words.size(); ++s) {
    for (const detail::LabelSpan& span : detail::LabelSpans(doc.labels[s])) {
      if (span.end - span.begin > detail::kMaxGazetteerTokens) continue;
      std::string phrase;
      for (size_t k = span.begin; k < span.end; ++k) {
        if (k > span.begin) phrase.push_back(' ');
        phrase += detail::Normalize(doc.words[s][k]);
      }
      counts[phrase][static_cast<size_t>(span.type - 1)] += 1;
    }
  }
}

detail::Gazetteer ToGazetteer(
    const std::unordered_map<std::string, std::array<uint32_t, 4>>& counts) {
  detail::Gazetteer g;
  for (const auto& [phrase, c] : counts) {
    const uint32_t total = c[0] + c[1] + c[2] + c[3];
    uint8_t mask = 0;
    for (size_t t = 0; t < 4; ++t) {
      // A type the phrase has at least a fifth of the time.
      if (c[t] > 0 && c[t] * 5 >= total) mask = static_cast<uint8_t>(mask | (1u << t));
    }
    if (mask) g.Add(phrase, mask);
  }
  return g;
}

// A sentence with its features as dense indices.
struct Instance {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> features;
  Labels gold;
};

class FeatureIndex {
 public:
  uint32_t Add(uint64_t key) {
    auto [it, inserted] = index_.emplace(key, static_cast<uint32_t>(keys_.size()));
    if (inserted) keys_.push_back(key);
    return it->second;
  }
  long Find(uint64_t key) const {
    auto it = index_.find(key);
    return it == index_.end() ? -1 : static_cast<long>(it->second);
  }
  const std::vector<uint64_t>& keys() const { return keys_; }

 private:
  std::unordered_map<uint64_t, uint32_t> index_;
  std::vector<uint64_t> keys_;
};

Instance ToInstance(const detail::SentenceFeatures& f, const Labels& gold, FeatureIndex& index,
                    bool grow) {
  Instance inst;
  inst.gold = gold;
  inst.offsets.push_back(0);
  for (size_t t = 0; t + 1 < f.offsets.size(); ++t) {
    for (uint32_t k = f.offsets[t]; k < f.offsets[t + 1]; ++k) {
      if (grow) {
        inst.features.push_back(index.Add(f.keys[k]));
      } else if (const long i = index.Find(f.keys[k]); i >= 0) {
        inst.features.push_back(static_cast<uint32_t>(i));
      }
    }
    inst.offsets.push_back(static_cast<uint32_t>(inst.features.size()));
  }
  return inst;
}

// Dense averaged-perceptron weights over a FeatureIndex.
struct DenseWeights {
  std::vector<float> w;
  detail::Transitions t{};
};

Labels Predict(const DenseWeights& weights, const Instance& inst) {
  const size_t n = inst.gold.size();
  detail::Emissions e(n);
  for (size_t t = 0; t < n; ++t) {
    e[t].fill(0.0f);
    for (uint32_t k = inst.offsets[t]; k < inst.offsets[t + 1]; ++k) {
      const float* w = &weights.w[static_cast<size_t>(inst.features[k]) * kNumLabels];
      for (size_t l = 0; l < kNumLabels; ++l) e[t][l] += w[l];
    }
  }
  return detail::Viterbi(e, weights.t);
}

ConllScore Score(const DenseWeights& weights, const std::vector<Instance>& instances) {
  ConllScore score;
  auto names = [](const Labels& l) {
    std::vector<std::string> out;
    for (int x : l) out.emplace_back(detail::kLabelNames[static_cast<size_t>(x)]);
    return out;
  };
  for (const Instance& inst : instances)
    ScoreSentence(names(inst.gold), names(Predict(weights, inst)), score);
  return score;
}

// Trains on `instances` (the ones whose index is in `subset`) for `epochs` passes.
DenseWeights TrainPerceptron(const std::vector<Instance>& instances,
                             const std::vector<size_t>& subset, size_t num_features, int epochs,
                             uint64_t seed, const std::vector<Instance>* dev,
                             const std::string& name, std::ostream* log) {
  DenseWeights current;
  current.w.assign(num_features * kNumLabels, 0.0f);
  std::vector<double> sum(num_features * kNumLabels, 0.0);  // c-weighted updates (averaging)
  std::array<double, (kNumLabels + 1) * kNumLabels> tsum{};
  std::vector<size_t> order = subset;
  std::mt19937_64 rng(seed);
  double c = 1;
  auto averaged = [&] {
    DenseWeights avg;
    avg.w.resize(current.w.size());
    for (size_t k = 0; k < avg.w.size(); ++k) {
      avg.w[k] = static_cast<float>(current.w[k] - sum[k] / c);
    }
    for (size_t k = 0; k < avg.t.size(); ++k)
      avg.t[k] = static_cast<float>(current.t[k] - tsum[k] / c);
    return avg;
  };
  auto update = [&](const Instance& inst, size_t t, int label, float delta) {
    for (uint32_t k = inst.offsets[t]; k < inst.offsets[t + 1]; ++k) {
      const size_t at =
          static_cast<size_t>(inst.features[k]) * kNumLabels + static_cast<size_t>(label);
      current.w[at] += delta;
      sum[at] += c * delta;
    }
  };
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t mistakes = 0;
    for (size_t i : order) {
      const Instance& inst = instances[i];
      const Labels pred = Predict(current, inst);
      if (pred != inst.gold) {
        ++mistakes;
        for (size_t t = 0; t < pred.size(); ++t) {
          const int g = inst.gold[t], p = pred[t];
          if (g != p) {
            update(inst, t, g, 1.0f);
            update(inst, t, p, -1.0f);
          }
          const int gp = t ? inst.gold[t - 1] : -1, pp = t ? pred[t - 1] : -1;
          if (g != p || gp != pp) {
            const size_t ga = static_cast<size_t>((gp + 1) * kNumLabels + g);
            const size_t pa = static_cast<size_t>((pp + 1) * kNumLabels + p);
            current.t[ga] += 1.0f;
            tsum[ga] += c;
            current.t[pa] -= 1.0f;
            tsum[pa] -= c;
          }
        }
      }
      c += 1;
    }
    if (log) {
      *log << name << " epoch " << epoch << ": " << mistakes << " sentences wrong of "
           << order.size();
      if (dev && !dev->empty()) {
        const ConllScore s = Score(averaged(), *dev);
        *log << "; dev F1 " << s.overall.f1() << " (P " << s.overall.precision() << ", R "
             << s.overall.recall() << ")";
      }
      *log << std::endl;
    }
  }
  return averaged();
}

detail::FeatureWeights::Stage ToStage(const DenseWeights& dense, const FeatureIndex& index,
                                      float prune) {
  std::vector<uint64_t> keys;
  std::vector<float> weights;
  for (size_t f = 0; f < index.keys().size(); ++f) {
    const float* w = &dense.w[f * kNumLabels];
    float max = 0;
    for (size_t l = 0; l < kNumLabels; ++l) max = std::max(max, std::fabs(w[l]));
    if (max <= prune) continue;
    keys.push_back(index.keys()[f]);
    for (size_t l = 0; l < kNumLabels; ++l)
      weights.push_back(std::fabs(w[l]) <= prune ? 0.0f : w[l]);
  }
  return detail::FeatureWeights::Quantize(keys, weights);
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ReadUnlabelledText(const fs::path& datasets,
                                                                 std::ostream* log) {
  std::vector<std::vector<std::string>> out;
  auto report = [&](const std::string& what) {
    if (log) *log << what << ": " << out.size() << " sentences so far" << std::endl;
  };
  if (const fs::path p = datasets / "summaries/bbc/bbc.jsonl"; fs::exists(p)) {
    STORYLINE_RETURN_IF_ERROR(ReadJsonLines(p, [&](const nlohmann::json& j) {
      if (j.contains("title")) AddJsonString(j["title"], out);
      if (j.contains("article")) AddJsonString(j["article"], out);
    }));
    report(p.string());
  }
  if (const fs::path p = datasets / "stories/allsides/neus.jsonl"; fs::exists(p)) {
    STORYLINE_RETURN_IF_ERROR(ReadJsonLines(p, [&](const nlohmann::json& j) {
      if (!j.contains("articles") || !j["articles"].is_array()) return;
      for (const auto& a : j["articles"]) {
        if (a.contains("title")) AddJsonString(a["title"], out);
        if (a.contains("text")) AddJsonString(a["text"], out);
      }
    }));
    report(p.string());
  }
  if (const fs::path p = datasets / "stories/allsides/crawl.jsonl"; fs::exists(p)) {
    STORYLINE_RETURN_IF_ERROR(ReadJsonLines(p, [&](const nlohmann::json& j) {
      if (j.contains("roundup")) AddJsonString(j["roundup"], out);
      if (!j.contains("news") || !j["news"].is_object()) return;
      for (const auto& [side, item] : j["news"].items()) {
        if (item.is_object() && item.contains("newBody")) AddJsonString(item["newBody"], out);
      }
    }));
    report(p.string());
  }
  // Sorted directory listings keep the corpus order (and so the model) reproducible.
  auto sorted_files = [](const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
  };
  if (const fs::path dir = datasets / "attribution/polnear/train/text"; fs::is_directory(dir)) {
    for (const fs::path& f : sorted_files(dir)) {
      Result<std::string> text = ReadFile(f);
      if (!text.ok()) return text.status();
      AddText(*text, out);
    }
    report(dir.string());
  }
  if (const fs::path dir = datasets / "extraction/wcxb-dev/ground-truth"; fs::is_directory(dir)) {
    for (const fs::path& f : sorted_files(dir)) {
      Result<std::string> text = ReadFile(f);
      if (!text.ok()) return text.status();
      nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
      if (j.is_object() && j.contains("ground_truth") && j["ground_truth"].is_object() &&
          j["ground_truth"].contains("main_content")) {
        AddJsonString(j["ground_truth"]["main_content"], out);
      }
    }
    report(dir.string());
  }
  if (const fs::path p = datasets / "extraction/zyte/ground-truth.json"; fs::exists(p)) {
    Result<std::string> text = ReadFile(p);
    if (!text.ok()) return text.status();
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_object()) {
      std::vector<std::string> ids;
      for (const auto& [id, v] : j.items()) ids.push_back(id);
      std::sort(ids.begin(), ids.end());
      for (const std::string& id : ids) {
        if (j[id].is_object() && j[id].contains("articleBody"))
          AddJsonString(j[id]["articleBody"], out);
      }
    }
    report(p.string());
  }
  return out;
}

detail::Lexicon BuildLexicon(const std::vector<std::vector<std::string>>& sentences,
                             const LexiconOptions& options, std::ostream* log) {
  detail::Lexicon lexicon;
  // Word ids, counts; capitalisation counts per lower-cased word.
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> caps;  // (capitalised, all)
  std::vector<std::vector<uint32_t>> corpus;
  corpus.reserve(sentences.size());
  for (const auto& s : sentences) {
    const bool headline = IsHeadlineSentence(s);
    std::vector<uint32_t>& ids_of = corpus.emplace_back();
    for (size_t i = 0; i < s.size(); ++i) {
      auto [it, inserted] = ids.emplace(s[i], static_cast<uint32_t>(words.size()));
      if (inserted) {
        words.push_back(s[i]);
        counts.push_back(0);
      }
      ++counts[it->second];
      ids_of.push_back(it->second);
      if (i > 0 && !headline) {
        bool letter = false;
        for (unsigned char ch : s[i]) letter |= std::isalpha(ch) != 0 || ch >= 0x80;
        if (letter) {
          auto& c = caps[detail::Lower(s[i])];
          c.first += detail::IsCapitalised(s[i]) ? 1 : 0;
          c.second += 1;
        }
      }
    }
  }
  for (const auto& [lower, c] : caps) {
    if (c.second < 3) continue;
    const double r = double(c.first) / double(c.second);
    const uint8_t bucket = r == 0 ? 1 : r < 0.2 ? 2 : r < 0.6 ? 3 : r < 0.95 ? 4 : 5;
    lexicon.capitalisation.emplace(lower, bucket);
  }
  // The clustered vocabulary: most frequent words first (ties by spelling: reproducible).
  std::vector<uint32_t> by_count(words.size());
  std::iota(by_count.begin(), by_count.end(), 0u);
  std::sort(by_count.begin(), by_count.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : words[a] < words[b];
  });
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> row(words.size(), kNone);
  std::vector<uint32_t> vocab;
  for (uint32_t w : by_count) {
    if (counts[w] < options.min_count || vocab.size() >= options.max_words) break;
    row[w] = static_cast<uint32_t>(vocab.size());
    vocab.push_back(w);
  }
  // Context ids: the most frequent lower-cased words; everything else shares one id.
  std::unordered_map<std::string, uint64_t> lower_counts;
  for (size_t w = 0; w < words.size(); ++w) lower_counts[detail::Lower(words[w])] += counts[w];
  std::vector<std::pair<std::string, uint64_t>> lowers(lower_counts.begin(), lower_counts.end());
  std::sort(lowers.begin(), lowers.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string, uint32_t> context_of;
  for (size_t k = 0; k < lowers.size() && k < options.context_words; ++k) {
    context_of.emplace(lowers[k].first, static_cast<uint32_t>(k));
  }
  const auto other = static_cast<uint32_t>(options.context_words);
  std::vector<uint32_t> context(words.size());
  for (size_t w = 0; w < words.size(); ++w) {
    auto it = context_of.find(detail::Lower(words[w]));
    context[w] = it == context_of.end() ? other : it->second;
  }
  const uint32_t boundary = other + 1;
  const uint64_t per_block = other + 2;
  constexpr int kOffsets[] = {-2, -1, 1, 2};
  // (row, block * per_block + context) pairs, counted by sorting.
  std::vector<uint64_t> pairs;
  for (const auto& s : corpus) {
    for (size_t i = 0; i < s.size(); ++i) {
      if (row[s[i]] == kNone) continue;
      for (size_t b = 0; b < 4; ++b) {
        const long j = static_cast<long>(i) + kOffsets[b];
        const uint32_t c = (j < 0 || j >= static_cast<long>(s.size()))
                               ? boundary
                               : context[s[static_cast<size_t>(j)]];
        pairs.push_back((uint64_t{row[s[i]]} << 32) | (b * per_block + c));
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  const size_t columns = 4 * per_block;
  std::vector<double> row_total(vocab.size(), 0), column_total(columns, 0);
  double total = 0;
  for (uint64_t p : pairs) {
    row_total[p >> 32] += 1;
    column_total[p & 0xffffffffu] += 1;
    total += 1;
  }
  // Random ±1 projection of each context column (deterministic from the seed).
  const size_t d = options.dimensions;
  std::vector<float> projection(columns * d);
  std::mt19937_64 rng(options.seed);
  for (float& x : projection) x = (rng() & 1) ? 1.0f : -1.0f;
  std::vector<float> vectors(vocab.size() * d, 0.0f);
  for (size_t k = 0; k < pairs.size();) {
    size_t e = k;
    while (e < pairs.size() && pairs[e] == pairs[k]) ++e;
    const uint64_t r = pairs[k] >> 32, c = pairs[k] & 0xffffffffu;
    // Positive PMI of (word, context); the catch-all context carries no information.
    const double pmi = std::log(double(e - k) * total / (row_total[r] * column_total[c]));
    if (pmi > 0 && c % per_block != other) {
      float* v = &vectors[r * d];
      const float* pr = &projection[c * d];
      for (size_t x = 0; x < d; ++x) v[x] += static_cast<float>(pmi) * pr[x];
    }
    k = e;
  }
  std::vector<uint32_t> members;
  for (size_t r = 0; r < vocab.size(); ++r) {
    float* v = &vectors[r * d];
    double norm = 0;
    for (size_t x = 0; x < d; ++x) norm += double(v[x]) * v[x];
    if (norm <= 0) continue;
    const auto inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (size_t x = 0; x < d; ++x) v[x] *= inv;
    members.push_back(static_cast<uint32_t>(r));
  }
  if (log)
    *log << "clustering " << members.size() << " words (" << pairs.size() << " contexts)"
         << std::endl;
  const std::vector<uint32_t> coarse =
      KMeans(vectors, d, members, options.coarse, options.iterations, options.seed);
  for (size_t c = 0; c < options.coarse; ++c) {
    std::vector<uint32_t> in_c;
    for (size_t i = 0; i < members.size(); ++i) {
      if (coarse[i] == c) in_c.push_back(members[i]);
    }
    const std::vector<uint32_t> medium =
        KMeans(vectors, d, in_c, options.medium, options.iterations, options.seed + c + 1);
    for (size_t m = 0; m < options.medium; ++m) {
      std::vector<uint32_t> in_m;
      for (size_t i = 0; i < in_c.size(); ++i) {
        if (medium[i] == m) in_m.push_back(in_c[i]);
      }
      const std::vector<uint32_t> fine = KMeans(vectors, d, in_m, options.fine, options.iterations,
                                                options.seed + 1000 * (c + 1) + m);
      for (size_t i = 0; i < in_m.size(); ++i) {
        detail::ClusterIds ids_out;
        ids_out.coarse = static_cast<uint16_t>(c + 1);
        ids_out.medium = static_cast<uint16_t>(c * options.medium + m + 1);
        ids_out.fine = static_cast<uint16_t>((c * options.medium + m) * options.fine + fine[i] + 1);
        lexicon.clusters.emplace(words[vocab[in_m[i]]], ids_out);
      }
    }
  }
  if (log)
    *log << "lexicon: " << lexicon.clusters.size() << " clustered words, "
         << lexicon.capitalisation.size() << " capitalisation entries" << std::endl;
  return lexicon;
}

Result<detail::NerModel> TrainNer(const std::vector<ConllDocument>& train, detail::Lexicon lexicon,
                                  const TrainOptions& options,
                                  const std::vector<ConllDocument>* dev, std::ostream* log) {
  if (options.folds < 2 || options.stages < 1 || options.stages > 2 || options.shuffles < 1) {
    return Status::InvalidArgument("NER training: need folds >= 2, 1 or 2 stages, shuffles >= 1");
  }
  Result<std::vector<LabeledDoc>> docs = ToLabeled(train);
  if (!docs.ok()) return docs.status();
  std::vector<LabeledDoc> dev_docs;
  if (dev) {
    Result<std::vector<LabeledDoc>> d = ToLabeled(*dev);
    if (!d.ok()) return d.status();
    dev_docs = std::move(d).value();
  }
  const auto folds = static_cast<size_t>(options.folds);
  auto fold_of = [&](size_t doc) { return doc % folds; };
  // Gazetteers: the full one (shipped) and one per fold without that fold's documents,
  // so that on training text the gazetteer is as incomplete as on new text.
  std::unordered_map<std::string, std::array<uint32_t, 4>> all_counts;
  std::vector<std::unordered_map<std::string, std::array<uint32_t, 4>>> fold_counts(folds);
  for (size_t i = 0; i < docs->size(); ++i) {
    AddToGazetteer((*docs)[i], all_counts);
    AddToGazetteer((*docs)[i], fold_counts[fold_of(i)]);
  }
  detail::NerModel model;
  model.gazetteer = ToGazetteer(all_counts);
  std::vector<detail::Gazetteer> held_out(folds);
  for (size_t f = 0; f < folds; ++f) {
    auto counts = all_counts;
    for (const auto& [phrase, c] : fold_counts[f]) {
      auto& a = counts[phrase];
      for (size_t t = 0; t < 4; ++t) a[t] -= c[t];
    }
    held_out[f] = ToGazetteer(counts);
  }
  model.lexicon = std::move(lexicon);
  if (log) *log << "gazetteer: " << model.gazetteer.size() << " phrases" << std::endl;

  // Per-document votes from the previous stage (train: jackknifed; dev: full model).
  std::vector<detail::DocumentTypeVotes> train_votes(docs->size());
  std::vector<detail::DocumentTypeVotes> dev_votes(dev_docs.size());
  std::vector<detail::FeatureWeights::Stage> stages;
  for (int stage = 0; stage < options.stages; ++stage) {
    const bool with_votes = stage > 0;
    FeatureIndex index;
    std::vector<Instance> instances;
    std::vector<size_t> doc_of;
    std::vector<std::vector<size_t>> instances_of(docs->size());
    for (size_t i = 0; i < docs->size(); ++i) {
      const LabeledDoc& d = (*docs)[i];
      const auto features = detail::ExtractFeatures(d.words, model.lexicon, held_out[fold_of(i)],
                                                    with_votes ? &train_votes[i] : nullptr);
      for (size_t s = 0; s < features.size(); ++s) {
        instances_of[i].push_back(instances.size());
        instances.push_back(ToInstance(features[s], d.labels[s], index, true));
        doc_of.push_back(i);
      }
    }
    std::vector<Instance> dev_instances;
    for (size_t i = 0; i < dev_docs.size(); ++i) {
      const auto features = detail::ExtractFeatures(
          dev_docs[i].words, model.lexicon, model.gazetteer, with_votes ? &dev_votes[i] : nullptr);
      for (size_t s = 0; s < features.size(); ++s) {
        dev_instances.push_back(ToInstance(features[s], dev_docs[i].labels[s], index, false));
      }
    }
    if (log)
      *log << "stage " << stage + 1 << ": " << index.keys().size() << " features, "
           << instances.size() << " sentences" << std::endl;
    std::vector<size_t> all(instances.size());
    std::iota(all.begin(), all.end(), size_t{0});
    const std::string name = "stage " + std::to_string(stage + 1);
    // Several shuffles averaged: a cheap ensemble (the averaged weights stay one model).
    DenseWeights weights;
    for (int run = 0; run < options.shuffles; ++run) {
      const DenseWeights w = TrainPerceptron(
          instances, all, index.keys().size(), options.epochs,
          options.seed + static_cast<uint64_t>(stage) + 1000 * static_cast<uint64_t>(run),
          &dev_instances, name + (options.shuffles > 1 ? " run " + std::to_string(run + 1) : ""),
          log);
      if (run == 0) {
        weights = w;
        continue;
      }
      for (size_t k = 0; k < w.w.size(); ++k) weights.w[k] += w.w[k];
      for (size_t k = 0; k < w.t.size(); ++k) weights.t[k] += w.t[k];
    }
    const float inv = 1.0f / static_cast<float>(options.shuffles);
    for (float& x : weights.w) x *= inv;
    for (float& x : weights.t) x *= inv;
    if (log && options.shuffles > 1 && !dev_instances.empty()) {
      const ConllScore s = Score(weights, dev_instances);
      *log << name << " averaged over " << options.shuffles << " shuffles: dev F1 "
           << s.overall.f1() << std::endl;
    }
    stages.push_back(ToStage(weights, index, options.prune));
    model.transitions.push_back(weights.t);
    if (stage + 1 == options.stages) break;
    // Votes for the next stage: on train from models that did not see the document.
    for (size_t f = 0; f < folds; ++f) {
      std::vector<size_t> subset;
      for (size_t k = 0; k < instances.size(); ++k) {
        if (fold_of(doc_of[k]) != f) subset.push_back(k);
      }
      const DenseWeights partial =
          TrainPerceptron(instances, subset, index.keys().size(), options.epochs,
                          options.seed + 100 + f, nullptr, "", nullptr);
      for (size_t i = 0; i < docs->size(); ++i) {
        if (fold_of(i) != f) continue;
        train_votes[i].clear();
        for (size_t s = 0; s < instances_of[i].size(); ++s) {
          detail::AddVotes((*docs)[i].words[s], Predict(partial, instances[instances_of[i][s]]),
                           train_votes[i]);
        }
      }
      if (log) *log << "votes: fold " << f + 1 << " of " << folds << " done" << std::endl;
    }
    size_t k = 0;
    for (size_t i = 0; i < dev_docs.size(); ++i) {
      dev_votes[i].clear();
      for (size_t s = 0; s < dev_docs[i].words.size(); ++s, ++k) {
        detail::AddVotes(dev_docs[i].words[s], Predict(weights, dev_instances[k]), dev_votes[i]);
      }
    }
  }
  model.features = detail::FeatureWeights(stages);
  return model;
}

}  // namespace storyline::nlp

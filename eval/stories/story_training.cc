#include "eval/stories/story_training.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <unordered_map>

#include "cluster/terms.h"

namespace storyline::eval {
namespace {

using json = nlohmann::json;

// The distinct terms of a title and a text, as StoryIndex extracts them.
void DistinctTerms(cluster::TermExtractor& extractor, const cluster::TermWeights& weights,
                   const std::string& title, const std::string& text,
                   std::vector<std::pair<std::string, double>>& scratch,
                   std::set<std::string>& out) {
  out.clear();
  scratch.clear();
  extractor.Extract(title, weights, scratch);
  extractor.Extract(text, weights, scratch);
  for (auto& [term, weight] : scratch) out.insert(std::move(term));
}

// Solves a x = b (a: n x n, row-major) by Gaussian elimination with partial pivoting.
std::vector<double> Solve(std::vector<double> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t pivot = c;
    for (size_t r = c + 1; r < n; ++r) {
      if (std::fabs(a[r * n + c]) > std::fabs(a[pivot * n + c])) pivot = r;
    }
    for (size_t k = 0; k < n; ++k) std::swap(a[c * n + k], a[pivot * n + k]);
    std::swap(b[c], b[pivot]);
    for (size_t r = c + 1; r < n; ++r) {
      const double f = a[r * n + c] / a[c * n + c];
      for (size_t k = c; k < n; ++k) a[r * n + k] -= f * a[c * n + k];
      b[r] -= f * b[c];
    }
  }
  std::vector<double> x(n);
  for (size_t r = n; r-- > 0;) {
    double s = b[r];
    for (size_t k = r + 1; k < n; ++k) s -= a[r * n + k] * x[k];
    x[r] = s / a[r * n + r];
  }
  return x;
}

Result<std::vector<json>> JsonLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::vector<json> out;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::BadInput(fmt::format("{}:{}: not a JSON object", path.string(), number));
    }
    out.push_back(std::move(j));
  }
  return out;
}

std::string Field(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A dense n × k matrix, row-major.
struct Dense {
  size_t n = 0, k = 0;
  std::vector<double> a;
  double* Row(size_t i) { return a.data() + i * k; }
  const double* Row(size_t i) const { return a.data() + i * k; }
};

// A sparse square matrix by rows.
struct Sparse {
  size_t n = 0;
  std::vector<size_t> start;  // n + 1
  std::vector<uint32_t> column;
  std::vector<double> value;
};

// out = m · x (transpose: mᵀ · x).
Dense Multiply(const Sparse& m, const Dense& x, bool transpose) {
  Dense out{m.n, x.k, std::vector<double>(m.n * x.k, 0.0)};
  for (size_t i = 0; i < m.n; ++i) {
    for (size_t p = m.start[i]; p < m.start[i + 1]; ++p) {
      const size_t j = m.column[p];
      const double v = m.value[p];
      double* to = transpose ? out.Row(j) : out.Row(i);
      const double* from = transpose ? x.Row(i) : x.Row(j);
      for (size_t c = 0; c < x.k; ++c) to[c] += v * from[c];
    }
  }
  return out;
}

// Orthonormalizes the columns of `x` (modified Gram–Schmidt, twice for stability).
void Orthonormalize(Dense& x) {
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t c = 0; c < x.k; ++c) {
      for (size_t prev = 0; prev < c; ++prev) {
        double dot = 0;
        for (size_t i = 0; i < x.n; ++i) dot += x.Row(i)[c] * x.Row(i)[prev];
        for (size_t i = 0; i < x.n; ++i) x.Row(i)[c] -= dot * x.Row(i)[prev];
      }
      double norm2 = 0;
      for (size_t i = 0; i < x.n; ++i) norm2 += x.Row(i)[c] * x.Row(i)[c];
      const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0;
      for (size_t i = 0; i < x.n; ++i) x.Row(i)[c] *= inv;
    }
  }
}

// Eigenvalues and eigenvectors (columns of `vectors`) of the symmetric k × k `a`, by cyclic
// Jacobi rotations.
void SymmetricEigen(std::vector<double> a, size_t k, std::vector<double>& values,
                    std::vector<double>& vectors) {
  vectors.assign(k * k, 0.0);
  for (size_t i = 0; i < k; ++i) vectors[i * k + i] = 1;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0;
    for (size_t p = 0; p < k; ++p) {
      for (size_t q = p + 1; q < k; ++q) off += a[p * k + q] * a[p * k + q];
    }
    if (off < 1e-22) break;
    for (size_t p = 0; p < k; ++p) {
      for (size_t q = p + 1; q < k; ++q) {
        const double apq = a[p * k + q];
        if (std::fabs(apq) < 1e-300) continue;
        const double theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const double t =
            (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
        const double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (size_t r = 0; r < k; ++r) {  // columns p, q
          const double arp = a[r * k + p], arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (size_t r = 0; r < k; ++r) {  // rows p, q
          const double apr = a[p * k + r], aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (size_t r = 0; r < k; ++r) {
          const double vrp = vectors[r * k + p], vrq = vectors[r * k + q];
          vectors[r * k + p] = c * vrp - s * vrq;
          vectors[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  values.resize(k);
  for (size_t i = 0; i < k; ++i) values[i] = a[i * k + i];
}

}  // namespace

Result<std::vector<std::string>> LoadVectorCorpus(const VectorCorpus& corpus) {
  std::vector<std::string> documents;
  if (!corpus.neus.empty()) {
    auto lines = JsonLines(corpus.neus);
    if (!lines.ok()) return lines.status();
    for (const json& line : *lines) {
      if (Field(line, "split") != "train") continue;  // never learn from val
      if (const auto a = line.find("articles"); a != line.end() && a->is_array()) {
        for (const json& article : *a) {
          documents.push_back(Field(article, "title") + "\n\n" + Field(article, "text"));
        }
      }
      documents.push_back(Field(line, "summary_title") + "\n\n" + Field(line, "summary"));
    }
  }
  if (!corpus.bbc.empty()) {
    auto lines = JsonLines(corpus.bbc);
    if (!lines.ok()) return lines.status();
    for (const json& line : *lines) {
      documents.push_back(Field(line, "title") + "\n\n" + Field(line, "article"));
    }
  }
  if (!corpus.polnear_texts.empty()) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(corpus.polnear_texts, ec)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    if (ec) return Status::NotFound(corpus.polnear_texts.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) return Status::NotFound(file.string() + ": cannot open");
      documents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (!corpus.conll.empty()) {
    std::ifstream in(corpus.conll);
    if (!in) return Status::NotFound(corpus.conll.string() + ": cannot open");
    std::string line, document;
    while (std::getline(in, line)) {
      if (line.rfind("-DOCSTART-", 0) == 0) {
        if (!document.empty()) documents.push_back(std::move(document));
        document.clear();
        continue;
      }
      const size_t space = line.find(' ');
      document += line.empty() ? std::string("\n") : line.substr(0, space) + " ";
    }
    if (!document.empty()) documents.push_back(std::move(document));
  }
  return documents;
}

std::string BuildWordVectors(const std::vector<std::string>& documents,
                             const cluster::StoryOptions& options, const WordVectorOptions& v) {
  // Words of each document, in order.
  cluster::TermExtractor extractor;
  const cluster::TermWeights weights{0, options.number_weight};  // no entities
  std::vector<std::pair<std::string, double>> scratch;
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> names;
  std::vector<uint64_t> counts;
  std::vector<std::vector<uint32_t>> sequences;
  for (const std::string& document : documents) {
    scratch.clear();
    extractor.Extract(document, weights, scratch);
    std::vector<uint32_t> sequence;
    for (const auto& [term, weight] : scratch) {
      if (cluster::KindOf(term) != cluster::TermKind::kWord) continue;
      const auto [it, added] = ids.emplace(term, static_cast<uint32_t>(names.size()));
      if (added) {
        names.push_back(term);
        counts.push_back(0);
      }
      ++counts[it->second];
      sequence.push_back(it->second);
    }
    sequences.push_back(std::move(sequence));
  }
  // The vocabulary: most frequent first (ties by spelling), then renumbered.
  std::vector<uint32_t> order(names.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : names[a] < names[b];
  });
  constexpr uint32_t kOut = UINT32_MAX;
  std::vector<uint32_t> word(names.size(), kOut);
  size_t n = 0;
  for (const uint32_t id : order) {
    if (n == v.vocabulary || counts[id] < v.min_count) break;
    word[id] = static_cast<uint32_t>(n++);
  }
  // Co-occurrences within the window (of kept words), both directions.
  std::unordered_map<uint64_t, double> pairs;
  std::vector<double> marginal(n, 0.0);
  double total = 0;
  for (const auto& sequence : sequences) {
    std::vector<uint32_t> kept;
    for (const uint32_t id : sequence) {
      if (word[id] != kOut) kept.push_back(word[id]);
    }
    for (size_t i = 0; i < kept.size(); ++i) {
      for (size_t j = i + 1; j < kept.size() && j <= i + static_cast<size_t>(v.window); ++j) {
        if (kept[i] == kept[j]) continue;
        pairs[uint64_t{kept[i]} * n + kept[j]] += 1;
        pairs[uint64_t{kept[j]} * n + kept[i]] += 1;
        marginal[kept[i]] += 1;
        marginal[kept[j]] += 1;
        total += 2;
      }
    }
  }
  // PPMI with the context distribution raised to 0.75.
  double smoothed_total = 0;
  for (const double m : marginal) smoothed_total += std::pow(m, 0.75);
  std::vector<std::pair<uint64_t, double>> cells(pairs.begin(), pairs.end());
  std::sort(cells.begin(), cells.end());
  Sparse m;
  m.n = n;
  m.start.assign(n + 1, 0);
  for (const auto& [key, count] : cells) {
    const size_t i = key / n, j = key % n;
    const double pmi =
        std::log(count * smoothed_total / (marginal[i] * std::pow(marginal[j], 0.75)));
    if (pmi <= 0) continue;
    m.column.push_back(static_cast<uint32_t>(j));
    m.value.push_back(pmi);
    ++m.start[i + 1];
  }
  for (size_t i = 0; i < n; ++i) m.start[i + 1] += m.start[i];
  (void)total;
  // Randomized subspace iteration for the top singular vectors.
  const size_t k = v.dims + 10;
  std::mt19937_64 rng(20240611);
  Dense q{n, k, std::vector<double>(n * k)};
  for (double& x : q.a) x = static_cast<double>(rng() >> 11) * 0x1.0p-53 - 0.5;
  q = Multiply(m, q, false);
  Orthonormalize(q);
  for (int it = 0; it < v.iterations; ++it) {
    q = Multiply(m, q, true);
    Orthonormalize(q);
    q = Multiply(m, q, false);
    Orthonormalize(q);
  }
  // B = Qᵀ M (k × n); B Bᵀ = W S² Wᵀ; U = Q W.
  const Dense bt = Multiply(m, q, true);  // n × k: Mᵀ Q = Bᵀ
  std::vector<double> gram(k * k, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const double* r = bt.Row(i);
    for (size_t a = 0; a < k; ++a) {
      for (size_t b = a; b < k; ++b) gram[a * k + b] += r[a] * r[b];
    }
  }
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = 0; b < a; ++b) gram[a * k + b] = gram[b * k + a];
  }
  std::vector<double> values, w;
  SymmetricEigen(gram, k, values, w);
  std::vector<size_t> top(k);
  for (size_t i = 0; i < k; ++i) top[i] = i;
  std::sort(top.begin(), top.end(), [&](size_t a, size_t b) { return values[a] > values[b]; });
  top.resize(v.dims);
  // Rows of U sqrt(S), S = sqrt(eigenvalue).
  std::vector<float> vectors(n * v.dims);
  std::vector<std::string> terms(n);
  for (const uint32_t id : order) {
    if (word[id] != kOut) terms[word[id]] = names[id];
  }
  for (size_t i = 0; i < n; ++i) {
    const double* r = q.Row(i);
    for (size_t d = 0; d < v.dims; ++d) {
      const size_t e = top[d];
      double u = 0;
      for (size_t c = 0; c < k; ++c) u += r[c] * w[c * k + e];
      vectors[i * v.dims + d] = static_cast<float>(u * std::pow(std::max(values[e], 0.0), 0.25));
    }
  }
  // Terms in byte order, without those whose row vanished.
  std::vector<size_t> rows(n);
  for (size_t i = 0; i < n; ++i) rows[i] = i;
  std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return terms[a] < terms[b]; });
  std::vector<std::string> kept_terms;
  std::vector<float> kept_vectors;
  for (const size_t i : rows) {
    double norm2 = 0;
    for (size_t d = 0; d < v.dims; ++d) norm2 += vectors[i * v.dims + d] * vectors[i * v.dims + d];
    if (norm2 <= 0) continue;
    kept_terms.push_back(terms[i]);
    kept_vectors.insert(kept_vectors.end(),
                        vectors.begin() + static_cast<std::ptrdiff_t>(i * v.dims),
                        vectors.begin() + static_cast<std::ptrdiff_t>((i + 1) * v.dims));
  }
  return cluster::FormatWordVectors(kept_terms, kept_vectors, v.dims);
}

Result<std::string> BuildIdfPrior(const StorySplit& train,
                                  const std::filesystem::path& extra_corpus,
                                  const cluster::StoryOptions& options, uint32_t min_df) {
  cluster::TermExtractor extractor;
  const cluster::TermWeights weights{options.entity_weight, options.number_weight};
  std::vector<std::pair<std::string, double>> scratch;
  std::set<std::string> distinct;
  std::map<std::string, uint32_t> df;
  uint64_t documents = 0;
  const auto count = [&](const std::string& title, const std::string& text) {
    DistinctTerms(extractor, weights, title, text, scratch, distinct);
    for (const std::string& term : distinct) ++df[term];
    ++documents;
  };
  for (const Article& a : train.articles) count(a.title, a.text);
  if (!extra_corpus.empty()) {
    std::ifstream in(extra_corpus);
    if (!in) return Status::NotFound(extra_corpus.string() + ": cannot open");
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) continue;
      const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object() || !j.contains("title") || !j["title"].is_string() ||
          !j.contains("article") || !j["article"].is_string()) {
        return Status::BadInput(fmt::format("{}:{}: not a {{\"title\", \"article\"}} record",
                                            extra_corpus.string(), number));
      }
      count(j["title"].get<std::string>(), j["article"].get<std::string>());
    }
  }
  std::string out = fmt::format("documents {}\n", documents);
  for (const auto& [term, frequency] : df) {
    // Terms are single lines without tabs (the extractor splits on both).
    if (frequency >= min_df) out += fmt::format("{}\t{}\n", frequency, term);
  }
  return out;
}

Result<PairTraining> TrainPairWeights(const std::vector<StorySplit>& parts,
                                      const cluster::StoryOptions& options, double l2) {
  cluster::StoryOptions o = options;
  cluster::StoryModel prior_only = o.model ? *o.model : *cluster::EmbeddedStoryModel();
  prior_only.has_pair_weights = false;
  o.model = std::make_shared<const cluster::StoryModel>(prior_only);
  PairTraining result;
  std::vector<cluster::PairFeatures> x;
  std::vector<double> y;
  for (const StorySplit& train : parts) {
    cluster::StoryIndex index(o);
    std::unordered_map<int64_t, int64_t> story_of_event;
    int64_t next_story = 1;
    for (size_t i = 0; i < train.articles.size(); ++i) {
      const Article& article = train.articles[i];
      const auto known = story_of_event.find(train.events[i]);
      const std::optional<int64_t> gold =
          known == story_of_event.end() ? std::nullopt : std::optional<int64_t>(known->second);
      const std::vector<cluster::StoryCandidate> candidates = index.Candidates(article, gold);
      for (size_t k = 0; k < candidates.size(); ++k) {
        const bool positive = gold && candidates[k].story_id == *gold;
        // The gold story is appended last when the index did not rank it.
        if (positive && k + 1 == candidates.size() &&
            static_cast<int>(candidates.size()) > o.rerank_stories) {
          ++result.gold_missed;
        }
        x.push_back(candidates[k].features);
        y.push_back(positive ? 1.0 : 0.0);
        result.positives += positive ? 1 : 0;
      }
      const int64_t story = gold ? *gold : next_story++;
      if (!gold) story_of_event.emplace(train.events[i], story);
      index.Restore(static_cast<int64_t>(i + 1), article, story);
    }
  }
  result.examples = x.size();
  if (result.positives == 0 || result.positives == result.examples) {
    return Status::InvalidArgument("pair training: need both same-event and other candidates");
  }

  // Newton's method on the L2-regularized log-loss; parameter 0 is the bias.
  constexpr size_t kParams = cluster::kPairFeatureCount + 1;
  std::vector<double> w(kParams, 0.0);
  const auto row = [&](size_t i, size_t k) { return k == 0 ? 1.0 : x[i][k - 1]; };
  for (int iteration = 0; iteration < 50; ++iteration) {
    std::vector<double> gradient(kParams, 0.0), hessian(kParams * kParams, 0.0);
    for (size_t i = 0; i < x.size(); ++i) {
      double z = 0;
      for (size_t k = 0; k < kParams; ++k) z += w[k] * row(i, k);
      const double p = 1.0 / (1.0 + std::exp(-z));
      for (size_t k = 0; k < kParams; ++k) {
        gradient[k] += (p - y[i]) * row(i, k);
        for (size_t m = 0; m < kParams; ++m)
          hessian[k * kParams + m] += p * (1 - p) * row(i, k) * row(i, m);
      }
    }
    for (size_t k = 1; k < kParams; ++k) {
      gradient[k] += l2 * w[k];
      hessian[k * kParams + k] += l2;
    }
    const std::vector<double> step = Solve(hessian, gradient);
    double size = 0;
    for (size_t k = 0; k < kParams; ++k) {
      w[k] -= step[k];
      size = std::max(size, std::fabs(step[k]));
    }
    if (size < 1e-9) break;
  }
  double loss = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double z = 0;
    for (size_t k = 0; k < kParams; ++k) z += w[k] * row(i, k);
    const double p = std::clamp(1.0 / (1.0 + std::exp(-z)), 1e-12, 1 - 1e-12);
    loss -= y[i] * std::log(p) + (1 - y[i]) * std::log(1 - p);
  }
  result.log_loss = loss / static_cast<double>(x.size());
  result.model = prior_only;
  result.model.has_pair_weights = true;
  result.model.bias = w[0];
  for (size_t k = 1; k < kParams; ++k) result.model.weights[k - 1] = w[k];
  return result;
}

}  // namespace storyline::eval

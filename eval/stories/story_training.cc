#include "eval/stories/story_training.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
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

}  // namespace

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
                                      const cluster::StoryOptions& options, double l2,
                                      const std::vector<std::string>& dropped, int rounds) {
  std::array<bool, cluster::kPairFeatureCount> use{};
  use.fill(true);
  for (const std::string& name : dropped) {
    const auto it =
        std::find(cluster::kPairFeatureNames.begin(), cluster::kPairFeatureNames.end(), name);
    if (it == cluster::kPairFeatureNames.end()) {
      return Status::InvalidArgument("pair training: no feature \"" + name + "\" to drop");
    }
    use[static_cast<size_t>(it - cluster::kPairFeatureNames.begin())] = false;
  }
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
        cluster::PairFeatures f = candidates[k].features;
        for (size_t m = 0; m < f.size(); ++m) f[m] = use[m] ? f[m] : 0.0;
        x.push_back(f);
        y.push_back(positive ? 1.0 : 0.0);
        result.positives += positive ? 1 : 0;
      }
      const int64_t story = gold ? *gold : next_story++;
      if (!gold) story_of_event.emplace(train.events[i], story);
      index.Restore(static_cast<int64_t>(i + 1), article, story);
    }
  }
  constexpr size_t kParams = cluster::kPairFeatureCount + 1;
  std::vector<double> w(kParams, 0.0);
  const auto row = [&](size_t i, size_t k) { return k == 0 ? 1.0 : x[i][k - 1]; };
  for (int round = 0; round < rounds; ++round) {
    if (round > 0) {
      // On policy: the stories the index built itself with the last round's weights, where
      // a candidate is right when it holds an article of the same event.
      cluster::StoryModel current = prior_only;
      current.has_pair_weights = true;
      current.bias = w[0];
      for (size_t k = 1; k < kParams; ++k) current.weights[k - 1] = w[k];
      cluster::StoryOptions on = options;
      on.model = std::make_shared<const cluster::StoryModel>(current);
      for (const StorySplit& train : parts) {
        cluster::StoryIndex index(on);
        std::unordered_map<int64_t, std::set<int64_t>> events_of_story;
        for (size_t i = 0; i < train.articles.size(); ++i) {
          const Article& article = train.articles[i];
          for (const cluster::StoryCandidate& c : index.Candidates(article)) {
            const auto it = events_of_story.find(c.story_id);
            const bool positive = it != events_of_story.end() && it->second.count(train.events[i]);
            cluster::PairFeatures f = c.features;
            for (size_t m = 0; m < f.size(); ++m) f[m] = use[m] ? f[m] : 0.0;
            x.push_back(f);
            y.push_back(positive ? 1.0 : 0.0);
            result.positives += positive ? 1 : 0;
          }
          const cluster::Assignment a = index.Assign(static_cast<int64_t>(i + 1), article);
          events_of_story[a.story_id].insert(train.events[i]);
        }
      }
    }
    result.examples = x.size();
    if (result.positives == 0 || result.positives == result.examples) {
      return Status::InvalidArgument("pair training: need both same-event and other candidates");
    }

    // Newton's method on the L2-regularized log-loss; parameter 0 is the bias.
    std::fill(w.begin(), w.end(), 0.0);
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

// Streaming story clustering: terms (words, entities, numbers) → weight by IDF (prior +
// incremental) → find candidate stories through the inverted index → rank them by
// centroid cosine → score the best with the pair model against their members → join the
// best or start a new story.
#include "cluster/stories.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cluster/terms.h"

namespace storyline::cluster {
namespace {

constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kOutletWindowSeconds = 3600;
constexpr size_t kRecentOutlets = 8;  // per story, for the outlet-same-hour penalty

// ---------------------------------------------------------------------------------------
// The index

struct TermWeight {
  uint32_t term;
  float weight;
};

// Heaviest first, ties by term id (so truncation is deterministic).
bool Heavier(const TermWeight& a, const TermWeight& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
}
bool ByTerm(const TermWeight& a, const TermWeight& b) { return a.term < b.term; }

struct Posting {
  uint32_t story;  // index into Rep::stories
  int64_t time;    // the story's last dated time when posted, or kNoTime
};

// One term of a member article: its weight in the unit title vector and in the unit body
// vector (0 when absent from that field).
struct MemberTerm {
  uint32_t term;
  float title;
  float body;
};

struct Member {
  std::vector<MemberTerm> terms;  // sorted by term
};

struct OutletSeen {
  uint32_t outlet;
  int64_t time;
};

struct Story {
  int64_t id = 0;
  int64_t last_time = kNoTime;       // the latest dated article
  uint32_t articles = 0;             // with evidence (duplicates not counted)
  float norm = 0;                    // of centroid
  std::vector<TermWeight> centroid;  // sorted by term
  std::vector<OutletSeen> outlets;   // the most recent kRecentOutlets, oldest first
  std::vector<Member> members;       // the most recent linked_members, oldest first
};

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Heap bytes of a std::string (0 when it fits the small-string buffer).
size_t StringHeap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

struct StoryIndex::Rep {
  StoryOptions options;
  std::shared_ptr<const StoryModel> model;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> terms;
  std::vector<uint32_t> df;                             // by term id (prior + articles seen)
  std::vector<TermKind> kinds;                          // by term id
  std::vector<std::vector<Posting>> postings;           // by term id
  uint64_t documents = 0;                               // prior + articles seen
  std::vector<Story> stories;                           // in creation order
  std::unordered_map<int64_t, uint32_t> story_index;    // story id → index
  std::unordered_map<int64_t, uint32_t> article_story;  // article id → story index
  int64_t next_id = 1;

  // Scratch, reused between calls (not state).
  TermExtractor extractor;
  std::vector<std::pair<std::string, double>> extracted;
  std::vector<std::pair<uint32_t, double>> title_features, body_features;
  std::vector<TermWeight> vec;    // the article's unit vector (title and body), by term
  Member member;                  // the article's title and body vectors
  std::vector<uint32_t> counted;  // its distinct terms, for the document frequencies
  std::vector<float> dense;       // by term id: the article's weight
  std::vector<uint32_t> stamp;    // by story index: the query that last saw it
  uint32_t query = 0;

  explicit Rep(const StoryOptions& o)
      : options(o), model(o.model ? o.model : EmbeddedStoryModel()) {
    documents = model->prior_documents;
    terms.reserve(model->prior_df.size());
    for (const auto& [term, frequency] : model->prior_df) {
      const uint32_t id = TermId(term);
      df[id] = frequency;
    }
  }

  uint32_t TermId(std::string_view term) {
    auto it = terms.find(term);
    if (it != terms.end()) return it->second;
    const auto id = static_cast<uint32_t>(terms.size());
    terms.emplace(std::string(term), id);
    df.push_back(0);
    kinds.push_back(KindOf(term));
    postings.emplace_back();
    return id;
  }

  // Inverse document frequency with `documents` and `d` (BM25's, always positive).
  static double Idf(double n, double d) { return std::log(1.0 + (n - d + 0.5) / (d + 0.5)); }

  // One field's features, by term id, sorted, with the term frequencies summed.
  void Extract(std::string_view text, std::vector<std::pair<uint32_t, double>>& out) {
    extracted.clear();
    extractor.Extract(text, TermWeights{options.entity_weight, options.number_weight}, extracted);
    out.clear();
    for (const auto& [term, weight] : extracted) out.emplace_back(TermId(term), weight);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    size_t kept = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      if (kept > 0 && out[kept - 1].first == out[i].first) {
        out[kept - 1].second += out[i].second;
      } else {
        out[kept++] = out[i];
      }
    }
    out.resize(kept);
  }

  // The article's vectors into `vec` and `member`, weighted as if it were already counted
  // in the document frequencies (Commit() counts it).
  void Vectorize(const Article& article) {
    Extract(article.title, title_features);
    Extract(article.text, body_features);
    const double n = static_cast<double>(documents + 1);
    vec.clear();
    member.terms.clear();
    counted.clear();
    double norm2 = 0, title2 = 0, body2 = 0;
    size_t t = 0, b = 0;
    while (t < title_features.size() || b < body_features.size()) {
      uint32_t term;
      double title_tf = 0, body_tf = 0;
      if (b == body_features.size() ||
          (t < title_features.size() && title_features[t].first < body_features[b].first)) {
        term = title_features[t].first;
        title_tf = title_features[t++].second;
      } else if (t == title_features.size() || body_features[b].first < title_features[t].first) {
        term = body_features[b].first;
        body_tf = body_features[b++].second;
      } else {
        term = title_features[t].first;
        title_tf = title_features[t++].second;
        body_tf = body_features[b++].second;
      }
      counted.push_back(term);
      const double idf = Idf(n, df[term] + 1.0);
      const double w = std::log1p(options.title_weight * title_tf + body_tf) * idf;
      if (w <= 0) continue;
      vec.push_back({term, static_cast<float>(w)});
      norm2 += w * w;
      const double tw = std::log1p(title_tf) * idf, bw = std::log1p(body_tf) * idf;
      member.terms.push_back({term, static_cast<float>(tw), static_cast<float>(bw)});
      title2 += tw * tw;
      body2 += bw * bw;
    }
    if (norm2 > 0) {
      const double inv = 1.0 / std::sqrt(norm2);
      for (TermWeight& tw : vec) tw.weight = static_cast<float>(tw.weight * inv);
    }
    const double title_inv = title2 > 0 ? 1.0 / std::sqrt(title2) : 0;
    const double body_inv = body2 > 0 ? 1.0 / std::sqrt(body2) : 0;
    for (MemberTerm& m : member.terms) {
      m.title = static_cast<float>(m.title * title_inv);
      m.body = static_cast<float>(m.body * body_inv);
    }
    // Keep every title term and the heaviest member_terms body terms.
    const auto limit = static_cast<size_t>(std::max(options.member_terms, 0));
    size_t body_only = 0;
    for (const MemberTerm& m : member.terms) body_only += m.title == 0 ? 1 : 0;
    if (body_only > limit) {
      std::vector<float> weights;
      for (const MemberTerm& m : member.terms) {
        if (m.title == 0) weights.push_back(m.body);
      }
      std::nth_element(weights.begin(), weights.begin() + static_cast<std::ptrdiff_t>(limit),
                       weights.end(), std::greater<>());
      const float cut = weights[limit];  // keep body-only terms heavier than this
      std::erase_if(member.terms,
                    [cut](const MemberTerm& m) { return m.title == 0 && m.body <= cut; });
    }
  }

  // Counts the vectorized article in the document frequencies.
  void Commit() {
    ++documents;
    for (const uint32_t term : counted) ++df[term];
  }

  // The article's `k` heaviest terms (ties: lower term id first); with `indexed`, only terms
  // that point to some story (an article's heaviest terms are often its own new words).
  std::vector<uint32_t> Salient(int k, bool indexed) const {
    std::vector<TermWeight> top;
    top.reserve(vec.size());
    for (const TermWeight& tw : vec) {
      if (!indexed || !postings[tw.term].empty()) top.push_back(tw);
    }
    const size_t keep = std::min(top.size(), static_cast<size_t>(std::max(k, 0)));
    std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(keep), top.end(),
                      Heavier);
    std::vector<uint32_t> out;
    out.reserve(keep);
    for (size_t i = 0; i < keep; ++i) out.push_back(top[i].term);
    return out;
  }

  static int64_t TimeOf(const Article& article) {
    return article.published ? article.published->ToUnixSeconds() : kNoTime;
  }

  bool SameOutletWithinHour(const Story& s, uint32_t outlet, int64_t time) const {
    if (time == kNoTime) return false;
    for (const OutletSeen& o : s.outlets) {
      if (o.outlet == outlet && o.time != kNoTime && o.time > time - kOutletWindowSeconds &&
          o.time < time + kOutletWindowSeconds) {
        return true;
      }
    }
    return false;
  }

  // Seconds between the article and the story's last dated article, or nullopt.
  static std::optional<double> Gap(const Story& s, int64_t time) {
    if (time == kNoTime || s.last_time == kNoTime) return std::nullopt;
    return static_cast<double>(time > s.last_time ? time - s.last_time : s.last_time - time);
  }

  // Cosine of the article (in `dense`) and the story centroid, decayed by the time gap.
  double CentroidScore(const Story& s, int64_t time) const {
    if (s.norm <= 0) return 0;
    double dot = 0;
    for (const TermWeight& tw : s.centroid) dot += static_cast<double>(dense[tw.term]) * tw.weight;
    double score = dot / s.norm;
    const std::optional<double> gap = Gap(s, time);
    if (options.half_life_seconds > 0 && gap) {
      score *= std::exp2(-*gap / static_cast<double>(options.half_life_seconds));
    }
    return score;
  }

  // The pair features of the vectorized article against story `s` (centroid cosine given).
  PairFeatures Features(const Story& s, double centroid) const {
    PairFeatures f{};
    f[static_cast<size_t>(PairFeature::kCentroid)] = centroid;
    const double n = static_cast<double>(documents);
    for (const Member& m : s.members) {
      double title = 0, body = 0, cross = 0, entities = 0, numbers = 0, rarest = 0, shared = 0;
      size_t i = 0, j = 0;
      const std::vector<MemberTerm>& a = member.terms;
      const std::vector<MemberTerm>& b = m.terms;
      while (i < a.size() && j < b.size()) {
        if (b[j].term < a[i].term) {
          ++j;
        } else if (a[i].term < b[j].term) {
          ++i;
        } else {
          const MemberTerm& x = a[i++];
          const MemberTerm& y = b[j++];
          title += static_cast<double>(x.title) * y.title;
          body += static_cast<double>(x.body) * y.body;
          cross += static_cast<double>(x.title) * y.body + static_cast<double>(x.body) * y.title;
          const double idf = Idf(n, df[x.term]);
          rarest = std::max(rarest, idf);
          shared += idf;
          if (kinds[x.term] == TermKind::kEntity) entities += idf;
          if (kinds[x.term] == TermKind::kNumber) numbers += 1;
        }
      }
      const auto raise = [&f](PairFeature k, double v) {
        double& slot = f[static_cast<size_t>(k)];
        slot = std::max(slot, v);
      };
      raise(PairFeature::kTitle, title);
      raise(PairFeature::kBody, body);
      raise(PairFeature::kCross, cross / 2);
      raise(PairFeature::kEntities, std::log1p(entities));
      raise(PairFeature::kNumbers, std::log1p(numbers));
      raise(PairFeature::kRarest, rarest);
      raise(PairFeature::kShared, std::log1p(shared));
      f[static_cast<size_t>(PairFeature::kTitleMean)] += title;
      f[static_cast<size_t>(PairFeature::kCrossMean)] += cross / 2;
      f[static_cast<size_t>(PairFeature::kSharedMean)] += std::log1p(shared);
    }
    f[static_cast<size_t>(PairFeature::kSize)] = std::log1p(static_cast<double>(s.members.size()));
    if (!s.members.empty()) {
      const double inv = 1.0 / static_cast<double>(s.members.size());
      for (const PairFeature k :
           {PairFeature::kTitleMean, PairFeature::kCrossMean, PairFeature::kSharedMean}) {
        f[static_cast<size_t>(k)] *= inv;
      }
    }
    return f;
  }

  // The score Assign() compares with join_threshold.
  double Score(const Story& s, const PairFeatures& f, std::optional<uint32_t> outlet,
               int64_t time) const {
    double score = f[static_cast<size_t>(PairFeature::kCentroid)];  // decayed already
    if (model->has_pair_weights) {
      double logit = model->bias;
      for (size_t k = 0; k < kPairFeatureCount; ++k) logit += model->weights[k] * f[k];
      const std::optional<double> gap = Gap(s, time);
      if (gap && options.proximity_half_life_seconds > 0) {
        logit += options.proximity_bonus *
                 std::exp2(-*gap / static_cast<double>(options.proximity_half_life_seconds));
      }
      score = Sigmoid(logit);
      if (gap && options.half_life_seconds > 0) {
        score *= std::exp2(-*gap / static_cast<double>(options.half_life_seconds));
      }
    }
    if (outlet && SameOutletWithinHour(s, *outlet, time)) score -= options.outlet_hour_penalty;
    // One side dated, the other not: the time evidence that separates same-topic events is
    // missing for this pair (unlike a wholly undated collection, where the content model
    // was trained), so it must show more content evidence.
    if ((time == kNoTime) != (s.last_time == kNoTime)) score -= options.unknown_time_penalty;
    return score;
  }

  // The candidate stories of the vectorized article, best score first (ties: older story
  // first), plus story index `also` when it is live and not among them.
  std::vector<std::pair<uint32_t, StoryCandidate>> Rank(const Article& article, int64_t time,
                                                        std::optional<uint32_t> also) {
    std::vector<std::pair<uint32_t, StoryCandidate>> out;
    if (vec.empty()) return out;
    if (dense.size() < terms.size()) dense.resize(terms.size(), 0.0f);
    if (stamp.size() < stories.size()) stamp.resize(stories.size(), 0);
    if (++query == 0) {  // wrapped: forget every stamp
      std::fill(stamp.begin(), stamp.end(), 0);
      query = 1;
    }
    for (const TermWeight& tw : vec) dense[tw.term] = tw.weight;
    std::optional<uint32_t> outlet;
    if (!article.outlet.empty()) {
      const auto it = terms.find("@" + article.outlet);
      if (it != terms.end()) outlet = it->second;
    }
    const int64_t oldest = time == kNoTime ? kNoTime : time - options.window_seconds;
    std::vector<std::pair<double, uint32_t>> found;  // (centroid score, story index)
    for (const uint32_t term : Salient(options.query_terms, /*indexed=*/true)) {
      const std::vector<Posting>& list = postings[term];
      size_t scanned = 0;
      for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (++scanned > static_cast<size_t>(options.max_postings_scanned)) break;
        // Postings are in arrival order and each join re-posts the story, so once a dated
        // posting is older than the window every later one is too.
        if (oldest != kNoTime && it->time != kNoTime && it->time < oldest) break;
        if (stamp[it->story] == query) continue;
        stamp[it->story] = query;
        const Story& s = stories[it->story];
        if (oldest != kNoTime && s.last_time != kNoTime && s.last_time < oldest) continue;
        found.emplace_back(CentroidScore(s, time), it->story);
      }
    }
    const auto better = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    const size_t keep =
        std::min(found.size(), static_cast<size_t>(std::max(options.rerank_stories, 1)));
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      better);
    found.resize(keep);
    if (also && *also < stories.size() &&
        std::none_of(found.begin(), found.end(),
                     [&](const auto& f) { return f.second == *also; })) {
      found.emplace_back(CentroidScore(stories[*also], time), *also);
    }
    // The two best centroid scores, for each candidate's margin over the best other one.
    size_t top = 0;
    for (size_t k = 1; k < found.size(); ++k) {
      if (better(found[k], found[top])) top = k;
    }
    double runner_up = -1;
    for (size_t k = 0; k < found.size(); ++k) {
      if (k != top) runner_up = std::max(runner_up, found[k].first);
    }
    for (size_t k = 0; k < found.size(); ++k) {
      const auto& [centroid, index] = found[k];
      const Story& s = stories[index];
      StoryCandidate c;
      c.story_id = s.id;
      c.features = Features(s, centroid);
      const double other = k == top ? runner_up : found[top].first;
      c.features[static_cast<size_t>(PairFeature::kMargin)] = other < 0 ? 0 : centroid - other;
      c.score = Score(s, c.features, outlet, time);
      out.emplace_back(index, c);
    }
    for (const TermWeight& tw : vec) dense[tw.term] = 0.0f;
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.second.score != b.second.score ? a.second.score > b.second.score : a.first < b.first;
    });
    return out;
  }

  uint32_t NewStory(int64_t id) {
    const auto index = static_cast<uint32_t>(stories.size());
    stories.emplace_back();
    stories.back().id = id;
    story_index.emplace(id, index);
    next_id = std::max(next_id, id + 1);
    return index;
  }

  // Adds the vectorized, committed article's evidence to story `index`.
  void Join(uint32_t index, int64_t article_id, const Article& article, int64_t time) {
    Story& s = stories[index];
    ++s.articles;
    if (time != kNoTime) s.last_time = std::max(s.last_time, time);
    if (!article.outlet.empty()) {
      if (s.outlets.size() == kRecentOutlets) s.outlets.erase(s.outlets.begin());
      s.outlets.push_back({TermId("@" + article.outlet), time});
    }
    if (options.linked_members > 0) {
      if (s.members.size() >= static_cast<size_t>(options.linked_members)) {
        s.members.erase(s.members.begin());
      }
      s.members.push_back(member);
      s.members.back().terms.shrink_to_fit();
    }
    // centroid += vec, then keep the heaviest centroid_terms.
    std::vector<TermWeight> merged;
    merged.reserve(s.centroid.size() + vec.size());
    size_t a = 0, b = 0;
    while (a < s.centroid.size() || b < vec.size()) {
      if (b == vec.size() || (a < s.centroid.size() && s.centroid[a].term < vec[b].term)) {
        merged.push_back(s.centroid[a++]);
      } else if (a == s.centroid.size() || vec[b].term < s.centroid[a].term) {
        merged.push_back(vec[b++]);
      } else {
        merged.push_back({vec[b].term, s.centroid[a].weight + vec[b].weight});
        ++a;
        ++b;
      }
    }
    const auto limit = static_cast<size_t>(std::max(options.centroid_terms, 1));
    if (merged.size() > limit) {
      std::nth_element(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(limit),
                       merged.end(), Heavier);
      merged.resize(limit);
      std::sort(merged.begin(), merged.end(), ByTerm);
    }
    merged.shrink_to_fit();
    s.centroid = std::move(merged);
    double norm2 = 0;
    for (const TermWeight& tw : s.centroid) norm2 += static_cast<double>(tw.weight) * tw.weight;
    s.norm = static_cast<float>(std::sqrt(norm2));
    // Re-post the article's salient terms, so the newest posting of a live story is recent.
    for (const uint32_t term : Salient(options.posted_terms, /*indexed=*/false)) {
      std::vector<Posting>& list = postings[term];
      if (!list.empty() && list.back().story == index) {
        list.back().time = s.last_time;
      } else {
        list.push_back({index, s.last_time});
      }
    }
    article_story[article_id] = index;
  }
};

StoryIndex::StoryIndex(const StoryOptions& options) : rep_(std::make_unique<Rep>(options)) {}
StoryIndex::~StoryIndex() = default;
StoryIndex::StoryIndex(StoryIndex&&) noexcept = default;
StoryIndex& StoryIndex::operator=(StoryIndex&&) noexcept = default;

Assignment StoryIndex::Assign(int64_t article_id, const Article& article) {
  return Assign(article_id, article, std::nullopt);
}

Assignment StoryIndex::Assign(int64_t article_id, const Article& article,
                              std::optional<int64_t> excluded_story) {
  Rep& r = *rep_;
  const int64_t time = Rep::TimeOf(article);
  r.Vectorize(article);
  const auto ranked = r.Rank(article, time, std::nullopt);
  r.Commit();
  Assignment out;
  auto best = ranked.begin();
  while (best != ranked.end() && excluded_story && best->second.story_id == *excluded_story) ++best;
  if (best != ranked.end() && best->second.score >= r.options.join_threshold) {
    out.story_id = best->second.story_id;
    out.score = best->second.score;
    r.Join(best->first, article_id, article, time);
  } else {
    out.story_id = r.next_id;
    out.new_story = true;
    r.Join(r.NewStory(r.next_id), article_id, article, time);
  }
  return out;
}

std::vector<StoryCandidate> StoryIndex::Candidates(const Article& article,
                                                   std::optional<int64_t> also) {
  Rep& r = *rep_;
  r.Vectorize(article);
  std::optional<uint32_t> also_index;
  if (also) {
    const auto it = r.story_index.find(*also);
    if (it != r.story_index.end()) also_index = it->second;
  }
  std::vector<StoryCandidate> out;
  for (auto& [index, candidate] : r.Rank(article, Rep::TimeOf(article), also_index)) {
    out.push_back(candidate);
  }
  return out;
}

void StoryIndex::Restore(int64_t article_id, const Article& article, int64_t story_id) {
  Rep& r = *rep_;
  r.Vectorize(article);
  r.Commit();
  const auto it = r.story_index.find(story_id);
  const uint32_t index = it != r.story_index.end() ? it->second : r.NewStory(story_id);
  r.Join(index, article_id, article, Rep::TimeOf(article));
}
std::optional<int64_t> StoryIndex::AddDuplicate(int64_t article_id, int64_t original_id) {
  Rep& r = *rep_;
  const auto it = r.article_story.find(original_id);
  if (it == r.article_story.end()) return std::nullopt;
  const uint32_t index = it->second;
  r.article_story[article_id] = index;
  return r.stories[index].id;
}

size_t StoryIndex::story_count() const { return rep_->stories.size(); }

size_t StoryIndex::article_count() const { return rep_->article_story.size(); }

std::optional<int64_t> StoryIndex::StoryOf(int64_t article_id) const {
  const auto it = rep_->article_story.find(article_id);
  if (it == rep_->article_story.end()) return std::nullopt;
  return rep_->stories[it->second].id;
}

size_t StoryIndex::MemoryBytes() const {
  const Rep& r = *rep_;
  // Hash-map nodes: the value, a next pointer and the cached hash; plus the bucket array.
  constexpr size_t kNode = 2 * sizeof(void*);
  size_t bytes = sizeof(Rep);
  for (const auto& [term, id] : r.terms) {
    bytes += kNode + sizeof(std::pair<const std::string, uint32_t>) + StringHeap(term);
  }
  bytes += r.terms.bucket_count() * sizeof(void*);
  bytes += r.df.capacity() * sizeof(uint32_t) + r.kinds.capacity() * sizeof(TermKind);
  bytes += r.postings.capacity() * sizeof(std::vector<Posting>);
  for (const auto& list : r.postings) bytes += list.capacity() * sizeof(Posting);
  bytes += r.stories.capacity() * sizeof(Story);
  for (const Story& s : r.stories) {
    bytes += s.centroid.capacity() * sizeof(TermWeight) + s.outlets.capacity() * sizeof(OutletSeen);
    bytes += s.members.capacity() * sizeof(Member);
    for (const Member& m : s.members) bytes += m.terms.capacity() * sizeof(MemberTerm);
  }
  bytes += r.story_index.size() * (kNode + sizeof(std::pair<const int64_t, uint32_t>)) +
           r.story_index.bucket_count() * sizeof(void*);
  bytes += r.article_story.size() * (kNode + sizeof(std::pair<const int64_t, uint32_t>)) +
           r.article_story.bucket_count() * sizeof(void*);
  bytes += r.dense.capacity() * sizeof(float) + r.stamp.capacity() * sizeof(uint32_t);
  return bytes;
}

}  // namespace storyline::cluster

// Stories: one event, every outlet. Streaming, incremental clustering of articles.
//
// StoryIndex holds the live state of every story (term weights, entities, time span).
// Articles are assigned in publication order: a new article joins the best-matching story
// or starts a new one; nothing already assigned moves. Story ids are stable: they are
// handed out in order (1, 2, ...) and never reused. Not thread-safe: one writer.
//
// Evidence: title and body terms (cluster/terms.h: words, named entities, numbers), each
// weighted by an inverse document frequency: a prior from a reference corpus (the model),
// updated as articles arrive. A story keeps the top `centroid_terms` of the sum of its
// articles' unit vectors, and the title and body vectors of its most recent members; an
// article's most salient terms point to its story in an inverted index, so a new article
// is compared only with the stories that share one of its salient terms (cost
// near-linear in the number of articles). The best `rerank_stories` by centroid cosine are
// scored by the pair model (cluster/story_model.h): the probability that the article
// reports the story's event, from centroid, title, body and cross cosines with its
// members (the best member and the mean over members), shared entities, numbers and rare
// terms, the story's size, and how far its centroid cosine is ahead of the best other
// candidate's; dated articles close in time get a
// bonus, far ones a decay. Everything is deterministic: the same articles in the same
// order give the same stories, and Restore() of a prefix followed by Assign() of the rest
// gives exactly what Assign() of the whole sequence gives.
#ifndef STORYLINE_CLUSTER_STORIES_H_
#define STORYLINE_CLUSTER_STORIES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "cluster/story_model.h"
#include "storyline/article.h"

namespace storyline::cluster {

struct StoryOptions {
  // The IDF prior and pair weights; null: the model compiled in (models/stories/). Shared:
  // it is immutable and large, and every index built from these options reads it.
  std::shared_ptr<const StoryModel> model;
  // Score needed to join a story (tuned on NEUS train): a same-event probability with pair
  // weights, a centroid cosine without.
  double join_threshold = 0.56;
  int64_t window_seconds = 4 * 86400;  // an event is days: older stories are not candidates
  // Subtracted from the score when exactly one of the article and the story is dated: two
  // briefings by one spokesman share names and subjects, and only time would tell them apart.
  double unknown_time_penalty = 0.17;  // so such a pair needs a same-event probability >= 0.73
  // Within the window, similarity halves every this many seconds between the article and
  // the story's last dated article (0: no decay). Not tuned (the training split is undated).
  int64_t half_life_seconds = 2 * 86400;
  // Evidence weights (tuned on AllSides NEUS train with eval/stories).
  double title_weight = 2.0;  // a title word counts as this many body words
  // A named entity / acronym adds a feature of this weight on top of its words. Higher
  // helps when names tell events apart; on NEUS (one name, many events) 0.5 is best.
  double entity_weight = 0.5;
  double number_weight = 1.0;  // a number ("2021", "3.5") counts as this many words
  // One outlet rarely publishes two articles on one event within the hour: a story that
  // already has an article of the same outlet less than an hour away scores this less.
  double outlet_hour_penalty = 0.15;
  // Articles published close together are more likely one event than the undated training
  // pairs say: the log-odds gain this much at a gap of 0, halving every
  // proximity_half_life_seconds. Set by hand (no dated training split), not tuned.
  double proximity_bonus = 1.0;
  int64_t proximity_half_life_seconds = 12 * 3600;
  // Index size against recall: larger finds more candidates, costs memory and time.
  int centroid_terms = 64;          // terms kept per story (top weights of the summed vectors)
  int posted_terms = 16;            // an article's salient terms that point to its story
  int query_terms = 16;             // a new article's salient terms looked up in the index
  int max_postings_scanned = 4000;  // per query term, most recent first
  int rerank_stories = 8;           // best candidates by centroid scored by the pair model
  int linked_members = 16;          // most recent members per story the pair model compares
  int member_terms = 40;            // body terms kept per member (all title terms are)
};

// A candidate story of an article and what the pair model sees of it.
struct StoryCandidate {
  int64_t story_id = 0;
  PairFeatures features{};
  double score = 0;  // what Assign() compares with join_threshold
};

struct Assignment {
  int64_t story_id = 0;
  bool new_story = false;
  double score = 0;  // similarity to the story joined; 0 for a new story
};

class StoryIndex {
 public:
  explicit StoryIndex(const StoryOptions& options = {});
  ~StoryIndex();
  StoryIndex(StoryIndex&&) noexcept;
  StoryIndex& operator=(StoryIndex&&) noexcept;

  // Assigns `article` (REQUIRES: title/text set; `article_id` not yet added; articles
  // arrive in publication order, undated ones last) to a story. Time: a story whose last
  // dated article is more than window_seconds older than `article` is not a candidate;
  // when either side has no date there is no time restriction.
  Assignment Assign(int64_t article_id, const Article& article);
  // The same, never joining story `excluded_story` (e.g. the story of the page an appended
  // "related" article was split off: the page presents it as another article).
  Assignment Assign(int64_t article_id, const Article& article,
                    std::optional<int64_t> excluded_story);

  // Puts `article` into the story it is already known to belong to (reloading a store),
  // updating the evidence exactly as Assign() would have. REQUIRES: story_id > 0. Later
  // new stories get ids above every restored one.
  void Restore(int64_t article_id, const Article& article, int64_t story_id);

  // The stories Assign() would score for `article`, best score first, plus `also` when it
  // is a live story not among them (training the pair model on known stories:
  // eval/stories/train_story_model). Changes nothing in the index.
  std::vector<StoryCandidate> Candidates(const Article& article,
                                         std::optional<int64_t> also = std::nullopt);

  // Puts a duplicate into its original's story without changing the story's evidence.
  // Returns the story id, or nullopt when the original is unknown.
  std::optional<int64_t> AddDuplicate(int64_t article_id, int64_t original_id);

  size_t story_count() const;
  size_t article_count() const;  // assigned, restored and duplicates
  // The story of an added article, or nullopt.
  std::optional<int64_t> StoryOf(int64_t article_id) const;
  // Bytes held by the index (dictionary, document frequencies, stories, postings).
  size_t MemoryBytes() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_STORIES_H_

// Stories: one event, every outlet. Streaming, incremental clustering of articles.
//
// StoryIndex holds the live state of every story (term weights, entities, time span).
// Articles are assigned in publication order: a new article joins the best-matching story
// or starts a new one; nothing already assigned moves. Story ids are stable: they are
// handed out in order (1, 2, ...) and never reused. Not thread-safe: one writer.
//
// Evidence: title and body words (lowercased, lightly stemmed, stop words dropped), named
// entities (runs of capitalized words not at a sentence start, acronyms) and numbers, each
// weighted by an inverse document frequency that is updated as articles arrive. A story
// keeps the top `centroid_terms` of the sum of its articles' unit vectors; an article's
// most salient terms point to its story in an inverted index, so a new article is scored
// only against the stories that share one of its salient terms (cost near-linear in the
// number of articles). Everything is deterministic: the same articles in the same order
// give the same stories, and Restore() of a prefix followed by Assign() of the rest gives
// exactly what Assign() of the whole sequence gives.
#ifndef STORYLINE_CLUSTER_STORIES_H_
#define STORYLINE_CLUSTER_STORIES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "storyline/article.h"

namespace storyline::cluster {

struct StoryOptions {
  double join_threshold = 0.34;        // similarity needed to join a story (tuned on NEUS train)
  int64_t window_seconds = 4 * 86400;  // an event is days: older stories are not candidates
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
  // Index size against recall: larger finds more candidates, costs memory and time.
  int centroid_terms = 64;          // terms kept per story (top weights of the summed vectors)
  int posted_terms = 16;            // an article's salient terms that point to its story
  int query_terms = 16;             // a new article's salient terms looked up in the index
  int max_postings_scanned = 4000;  // per query term, most recent first
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

  // Puts `article` into the story it is already known to belong to (reloading a store),
  // updating the evidence exactly as Assign() would have. REQUIRES: story_id > 0. Later
  // new stories get ids above every restored one.
  void Restore(int64_t article_id, const Article& article, int64_t story_id);

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

// Stories: one event, every outlet. Streaming, incremental clustering of articles.
//
// StoryIndex holds the live state of every story (term weights, entities, time span).
// Articles are assigned in publication order: a new article joins the best-matching story
// or starts a new one; nothing already assigned moves. Story ids are stable: they are
// handed out in order and never reused. Not thread-safe: one writer.
#ifndef STORYLINE_CLUSTER_STORIES_H_
#define STORYLINE_CLUSTER_STORIES_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "storyline/article.h"

namespace storyline::cluster {

struct StoryOptions {
  double join_threshold = 0.3;          // similarity needed to join a story (tuned on train)
  int64_t window_seconds = 4 * 86400;   // an event is days: older stories are not candidates
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

  // Assigns `article` (REQUIRES: title/text set; articles arrive in publication order;
  // undated articles are taken as published now) to a story.
  Assignment Assign(int64_t article_id, const Article& article);

  // Puts `article` into the story it is already known to belong to (reloading a store).
  void Restore(int64_t article_id, const Article& article, int64_t story_id);

  // Puts a duplicate into its original's story without changing the story's evidence.
  // Returns the story id, or nullopt when the original is unknown.
  std::optional<int64_t> AddDuplicate(int64_t article_id, int64_t original_id);

  size_t story_count() const;
  size_t MemoryBytes() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_STORIES_H_

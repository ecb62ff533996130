// Duplicate relations between articles: exact copies, near copies (the same text with
// other chrome, trimmed or extended) and rewrites (the same facts in the same order in
// other words).
//
// DuplicateIndex is an in-memory index over the articles seen so far. Articles are added
// in publication order; each new article is matched against the earlier ones, so an
// article's original is always the earliest matching article. Not thread-safe: one writer.
//
// How: exact copies by the XXH3 hash of the normalized text; near copies by MinHash-LSH
// over 4-word shingles, verified by shingle containment on a sample of at most 96
// shingles per article; rewrites by rare words and names shared within the time window,
// verified by aligning sentences on their content words and names. Only article.text is
// read (and article.published, for the window). Undated articles have no window.
#ifndef STORYLINE_DEDUP_DEDUP_H_
#define STORYLINE_DEDUP_DEDUP_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "storyline/article.h"

namespace storyline::dedup {

enum class Relation {
  kExact,    // the same normalized text
  kNear,     // the same text with other chrome, trimmed, extended, retitled or re-wrapped
  kRewrite,  // the same facts in the same order, in other words
};

// "exact", "near", "rewrite".
std::string_view RelationName(Relation relation);
// The inverse of RelationName; nullopt for anything else.
std::optional<Relation> ParseRelation(std::string_view name);

struct DedupOptions {
  // Containment |A∩B|/min(|A|,|B|) of 4-word shingles for `near`. 0.65 keeps copies that
  // are trimmed AND wrapped in other chrome (~0.7); generated rewrites sit at ~0.4.
  double near_threshold = 0.65;
  // Share of the shorter text's sentences aligned, in order, for `rewrite`. Independent
  // reports of one event reach ~0.7 (BBC follow-ups); a paraphrase ~0.8 (seeds 002/004).
  double rewrite_threshold = 0.75;
  // ...or this in-order similarity per sentence (sum of aligned sentences' similarities /
  // sentences): close rewrites with sentences moved or dropped. Independent reports <= 0.5.
  double rewrite_similarity_threshold = 0.55;
  int64_t rewrite_window_seconds = 7 * 86400;  // rewrites are looked for this close in time
  // Similarity (weighted Dice of content words; names and numbers weigh double) for two
  // sentences to align in a rewrite. Lower: more paraphrases found, more same-topic noise.
  double sentence_threshold = 0.3;
  // A rewrite needs at least this many sentences aligned in order (short texts and
  // chrome never make one).
  size_t min_rewrite_sentences = 3;
  // Limits per Add, for the hostile web: candidates verified per kind, and documents kept
  // and read per LSH bucket or rare-word posting list (the newest). Larger: slower and
  // more memory, and only matters when thousands of articles share a bucket or a word.
  size_t max_candidates = 64;
  size_t max_postings_per_key = 32;
};

struct Match {
  int64_t original_id = 0;  // the earliest article this one duplicates
  Relation relation = Relation::kExact;
  double score = 0;  // 1 for exact; the similarity that decided otherwise
};

class DuplicateIndex {
 public:
  explicit DuplicateIndex(const DedupOptions& options = {});
  ~DuplicateIndex();
  DuplicateIndex(DuplicateIndex&&) noexcept;
  DuplicateIndex& operator=(DuplicateIndex&&) noexcept;

  // Matches `article` (REQUIRES: article.text set; `id` unique and not yet added) against
  // the indexed articles, then adds it. Returns the relation to the earliest original, or
  // nullopt when the article is original. A duplicate is indexed under its original, so a
  // copy of a copy points to the first article; the relation is the weaker of the links
  // (an exact copy of a rewrite is a rewrite of the original).
  std::optional<Match> Add(int64_t id, const Article& article);

  // Adds an article whose relation is already known (reloading a store): no matching.
  // A restored duplicate counts as a near copy of `duplicate_of` (its exact relation is not
  // stored); a `duplicate_of` not in the index is reported as the original of its copies.
  void Restore(int64_t id, const Article& article, std::optional<int64_t> duplicate_of);

  size_t size() const;
  // Bytes held by the index (signatures, buckets, sentence features), for the benchmarks.
  // About 1.2 KB per article of 300-600 words, plus a fixed 2 MB word-frequency table.
  size_t MemoryBytes() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_DEDUP_H_

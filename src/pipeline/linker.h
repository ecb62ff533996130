// Linking: what the dedup and cluster stages decide about new articles, kept across runs.
//
// A Linker holds the in-memory duplicate and story indexes. It is loaded from a store by
// replaying the stored links (no re-clustering), then links new articles: a duplicate
// (exact, near or rewrite) joins its original's story; any other article joins the best
// story or starts one. Not thread-safe.
#ifndef STORYLINE_PIPELINE_LINKER_H_
#define STORYLINE_PIPELINE_LINKER_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster/stories.h"
#include "dedup/dedup.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::pipeline {

struct LinkOptions {
  dedup::DedupOptions dedup;
  cluster::StoryOptions stories;
};

// The order in which articles are linked (and, on ingest, stored): dated articles by
// publication time; then undated ones, those that quote their sources verbatim first (a
// rewrite paraphrases its source's quotations, rarely the reverse), then in input order.
// An article split off a page's related list ("page#related-N") comes right after its page.
std::vector<size_t> LinkOrder(const std::vector<Article>& articles);

class Linker {
 public:
  explicit Linker(const LinkOptions& options = {});

  // Replays every stored article, in id order, into the indexes. Articles stored without
  // links (a run killed between storing and linking) are linked now and saved.
  Status LoadFrom(Store& store);

  // Links each article (REQUIRES: ids set, unique, in LinkOrder) and fills its story_id,
  // duplicate_of, relation and relation_score. Stories started here are appended to
  // `new_stories`.
  void Link(std::vector<Article>& articles, std::vector<StoryRecord>& new_stories);

  // The links of articles, as the store takes them.
  static std::vector<ArticleLinks> LinksOf(const std::vector<Article>& articles);

 private:
  void LinkOne(Article& article, std::vector<StoryRecord>& new_stories);

  // Stories of the pages linked so far, by source, for their split-off related articles.
  std::unordered_map<std::string, int64_t> story_of_page_;

  dedup::DuplicateIndex duplicates_;
  cluster::StoryIndex stories_;
};

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_LINKER_H_

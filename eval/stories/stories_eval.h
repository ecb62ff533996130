// Story clustering on the AllSides datasets (../shared/datasets/stories/allsides): our
// StoryIndex and a scikit-learn peer, scored by the same scorer.
//
// neus.jsonl: one line per event ({"split": "train"|"val", "articles": [{title, text}, x3]}),
// no dates and no outlets. crawl.jsonl: one line per event ({"date", "topic", "news":
// {stance: {newsSource, newsTitle, newBody: [paragraphs]}}}), all three articles dated
// with the event. A split pools all its articles: neus in a fixed pseudo-random order (the
// file keeps an event's articles together, which would make streaming trivially easy),
// crawl in date order (ties in that same fixed order).
#ifndef STORYLINE_EVAL_STORIES_STORIES_EVAL_H_
#define STORYLINE_EVAL_STORIES_STORIES_EVAL_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cluster/stories.h"
#include "eval/stories/clustering_metrics.h"
#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline::eval {

struct StorySplit {
  std::string name;               // "neus-train", "neus-val", "crawl"
  std::vector<Article> articles;  // pooled, in the order they are clustered
  std::vector<int64_t> events;    // the gold event of each article
  size_t event_count = 0;
};

// The three splits. Fails naming the file when it is missing or a line is not what it
// expects.
Result<std::vector<StorySplit>> LoadAllSides(const std::filesystem::path& dir);

// `split` cut into parts of about `events` events each (events by number modulo the number
// of parts), each in the split's order.
std::vector<StorySplit> SplitByEvents(const StorySplit& split, size_t events);

// Our clusters: StoryIndex::Assign over the split's articles in order; the story ids.
std::vector<int64_t> ClusterWithStoryIndex(const StorySplit& split,
                                           const cluster::StoryOptions& options);

// The peer: TF-IDF + agglomerative clustering (cosine, average linkage) from scikit-learn,
// run as `PYTHON SCRIPT --thresholds T1,T2,... --input FILE`. One labelling per threshold.
Result<std::vector<std::vector<int64_t>>> ClusterWithSklearn(
    const StorySplit& split, const std::string& python, const std::filesystem::path& script,
    const std::vector<double>& distance_thresholds);

struct SystemRow {
  std::string system;  // "storyline", "sklearn"
  ClusteringScore score;
  double seconds = 0;
};

struct SplitReport {
  std::string split;
  size_t articles = 0;
  size_t events = 0;
  std::vector<SystemRow> rows;
  std::string peer_error;  // why the peer has no row, if it has none
};

struct StoriesEvalOptions {
  cluster::StoryOptions ours;
  double peer_threshold = 0.80;  // cosine distance; tuned on neus train parts (--tune)
  bool run_peer = true;
  std::filesystem::path peer_script;  // default: STORYLINE_SOURCE_DIR/eval/stories/sklearn_peer.py
  // Debian's python3-sklearn is installed for the system interpreter, which a pyenv or venv
  // `python3` on PATH may hide: default /usr/bin/python3 when it exists, else `python3`.
  std::string python;
};

// Every split, ours and the peer side by side.
Result<std::vector<SplitReport>> EvaluateStories(const std::filesystem::path& dir,
                                                 const StoriesEvalOptions& options);

// The clustering mistakes of `predicted` on `split`, for reading: each gold event spread
// over several stories (split) and each story holding several events (merged), with the
// titles and the start of each article's text; at most `limit` of each.
std::string DescribeErrors(const StorySplit& split, const std::vector<int64_t>& predicted,
                           size_t limit);

// A fixed-width table of the reports.
std::string FormatStoryReports(const std::vector<SplitReport>& reports);

// The threshold sweeps on neus train: ours over join_threshold, the peer over its distance
// threshold; a table, and the best value of each.
struct TuneResult {
  double best_join_threshold = 0;
  double best_peer_threshold = 0;
  std::string table;
};
Result<TuneResult> TuneOnTrain(const std::filesystem::path& dir, const StoriesEvalOptions& options);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_STORIES_STORIES_EVAL_H_

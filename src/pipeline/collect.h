// storyline collects its own news: feeds → polite fetches → WARC archive → ingest.
//
// Collect polls each feed once (conditional GET with the validators the store remembers),
// fetches each item's page that was never fetched before, writes every response to the
// WARC archive under the store, and ingests the pages through the same pipeline as files
// (the feed's title, date and authors fill what a page leaves out; they are archived with
// the response, so Reprocess from the archive gives the same articles as the live fetch).
// Watch repeats Collect on a per-feed schedule that adapts to how often each feed changes.
//
// Threading: like Store, from one thread; the fetcher runs its transfers on that thread.
#ifndef STORYLINE_PIPELINE_COLLECT_H_
#define STORYLINE_PIPELINE_COLLECT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "feeds/feeds.h"
#include "fetch/fetcher.h"
#include "pipeline/pipeline.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::pipeline {

struct CollectOptions {
  fetch::FetchOptions fetch;
  bool archive = true;       // keep every response (feeds and pages) as WARC records
  std::string archive_dir;   // "" = <store dir>/archive
  uint64_t archive_max_file_bytes = 1ull << 30;  // rotate WARC files past this size
  size_t max_items_per_feed = 1000;  // items past this many (in feed order) are ignored
  bool follow_sitemap_index = true;  // a sitemap index's sitemaps are fetched as feeds
  // The watch schedule (seconds): a feed's interval starts at `initial_interval_s`, shrinks
  // when a poll brings new items (toward the gap between its items' dates), grows when it
  // brings nothing, and doubles on errors, always within [min, max].
  double initial_interval_s = 900;
  double min_interval_s = 120;
  double max_interval_s = 86400;
};

// What happened to one fetched URL; errors are named ("<url>: HTTP 404").
struct CollectEvent {
  std::string url;
  std::string kind;       // "feed" or "page"
  int status = 0;         // HTTP status, 0 if no response
  Status error;           // fetch or feed-parse error; ok otherwise
  size_t new_items = 0;   // feeds: items whose pages are fetched now
};

struct CollectReport {
  size_t feeds = 0;               // feeds polled
  size_t feeds_not_modified = 0;  // answered 304
  size_t feeds_failed = 0;        // no usable response, or not a feed
  size_t items = 0;               // items listed by the feeds that answered
  size_t items_known = 0;         // ... whose page was fetched by an earlier run (skipped)
  size_t pages_fetched = 0;       // pages that arrived (2xx)
  size_t pages_failed = 0;        // pages that did not
  size_t archived = 0;            // exchanges written to the archive
  uint64_t bytes = 0;             // body bytes received
  fetch::Fetcher::Stats fetcher;
  IngestReport ingest;  // ingest.times.read_s is the time spent fetching and archiving
  double seconds = 0;   // the whole run
};

// The feeds a list names: each entry is an http(s) URL (one feed) or a file holding a feed
// list (OPML, or one URL per line). Duplicates (after URL normalization) are kept once.
// An unreadable file is an error naming it.
Result<std::vector<feeds::FeedSource>> ReadFeedLists(const std::vector<std::string>& entries);

// Polls `feeds`, fetches and ingests their new items' pages. A feed or page that fails is
// reported to `on_fetch` and skipped; a store or archive failure stops the run.
Result<CollectReport> Collect(Store& store, const std::vector<feeds::FeedSource>& feeds,
                              const PipelineOptions& options, const CollectOptions& collect,
                              const std::function<void(const CollectEvent&)>& on_fetch,
                              const std::function<void(const IngestEvent&)>& on_ingest);

// The same with a fetcher the caller keeps between runs (its robots.txt rules, connections
// and per-host pace carry over), as Watch does.
Result<CollectReport> Collect(Store& store, const std::vector<feeds::FeedSource>& feeds,
                              const PipelineOptions& options, const CollectOptions& collect,
                              fetch::Fetcher& fetcher,
                              const std::function<void(const CollectEvent&)>& on_fetch,
                              const std::function<void(const IngestEvent&)>& on_ingest);

// The next polling interval of a feed (seconds) after a poll that brought `new_items`
// (failed: no usable answer), given the interval so far (0: first poll) and the median gap
// between the dates of its items (0: unknown).
double NextPollInterval(double interval_s, size_t new_items, bool failed, double item_gap_s,
                        const CollectOptions& collect);

struct WatchOptions {
  int cycles = 0;  // polling rounds to run; 0 = until `stop` says so
  std::function<bool()> stop;  // checked between rounds and while waiting (about every 0.2 s)
};
// Collects again and again: each round polls the feeds that are due (next poll time
// reached, or never polled), then waits for the next one due. Reports each round.
Status Watch(Store& store, const std::vector<feeds::FeedSource>& feeds,
             const PipelineOptions& options, const CollectOptions& collect,
             const WatchOptions& watch,
             const std::function<void(const CollectEvent&)>& on_fetch,
             const std::function<void(const IngestEvent&)>& on_ingest,
             const std::function<void(const CollectReport&)>& on_round);

// The archive directory of `store` (CollectOptions::archive_dir when set).
std::string ArchiveDir(const Store& store, const CollectOptions& collect);

// Re-runs extraction and everything after it on every page archived in `archive_dir`
// (finished WARC files, in the order they were written), into `store`.
Result<IngestReport> Reprocess(Store& store, const std::string& archive_dir,
                               const PipelineOptions& options,
                               const std::function<void(const IngestEvent&)>& on_event);

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_COLLECT_H_

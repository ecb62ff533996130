// The pipeline stages wired together: what the CLI and the server call.
//
// ExtractInputs runs read → extract without a store; Ingest runs read → extract → store.
// Both report each input as it is done, in input order, on the calling thread.
#ifndef STORYLINE_PIPELINE_PIPELINE_H_
#define STORYLINE_PIPELINE_PIPELINE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "people/analyze.h"
#include "summarize/summarize.h"
#include "pipeline/linker.h"
#include "read/reader.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::pipeline {

struct PipelineOptions {
  read::ReadOptions read;
  extract::ExtractOptions extract;
  size_t batch_size = 64;     // articles per store transaction: larger is faster, a kill loses more
  bool split_related = true;  // store appended related articles with full text as articles
  size_t related_min_words = 50;  // ... when their text has at least this many words
  LinkOptions link;               // duplicates and stories
  bool analyze = true;            // entities, people, quotes and summaries of stored articles
  people::AnalyzeOptions analysis;
  summarize::SummaryOptions summary;        // article summaries (3 sentences)
  summarize::SummaryOptions story_summary;  // story summaries (3 sentences)
  size_t max_story_summary_articles = 50;   // a story's summary reads its first N articles
  bool index = true;  // keep the search index (<store dir>/search) current on ingest
};

// Where a store keeps its search index.
std::string SearchIndexDir(const Store& store);

// One input (or JSON Lines record) after extraction.
struct PageResult {
  std::string source;
  Result<extract::Extraction> extraction;
};

void ExtractInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const std::function<void(PageResult)>& sink);

// Where documents come from: calls the sink once per document (or per rejected input), in
// order, on the calling thread. Files (InputsSource), a fetcher, an archive.
using DocumentSource = std::function<void(const read::DocumentSink&)>;
// The documents of `inputs` as ReadInputs reads them. REQUIRES: `inputs` outlives the source.
DocumentSource InputsSource(const std::vector<std::string>& inputs, const read::ReadOptions& options);
// ExtractInputs over any source.
void ExtractDocuments(const DocumentSource& source, const PipelineOptions& options,
                      const std::function<void(PageResult)>& sink);

enum class IngestOutcome { kNew, kAlreadyKnown, kRejected };

struct IngestEvent {
  std::string source;  // the input, or "input#related-N" for a split-off article
  IngestOutcome outcome = IngestOutcome::kRejected;
  int64_t article_id = 0;  // for kNew and kAlreadyKnown
  Status reason;           // for kRejected
};

struct IngestReport {
  size_t read = 0;           // inputs that gave an article
  size_t stored_new = 0;     // articles stored now (split-off related ones included)
  size_t already_known = 0;  // articles the store had
  size_t related_split = 0;  // of stored_new + already_known: split off another page
  size_t rejected = 0;       // inputs that gave no article
  size_t analyzed = 0;       // articles whose people and quotes were stored now
  size_t indexed = 0;        // articles (re)indexed for search now
  size_t quotes = 0;         // quotes found in them
  // Wall-clock seconds per stage. `read_s` is the source's own time: reading files, or
  // fetching pages when the source is a fetcher.
  struct StageTimes {
    double read_s = 0, extract_s = 0, store_link_s = 0, analyze_s = 0, index_s = 0;
  } times;
};

// Ingests every input into `store`, one transaction per batch. Rejected inputs are reported
// and skipped; a store error stops the run and is returned (batches already committed stay).
Result<IngestReport> Ingest(Store& store, const std::vector<std::string>& inputs,
                            const PipelineOptions& options,
                            const std::function<void(const IngestEvent&)>& on_event);

// Ingest over any source of documents (a fetcher, an archive); Ingest reads files with it.
Result<IngestReport> IngestDocuments(Store& store, const DocumentSource& source,
                                     const PipelineOptions& options,
                                     const std::function<void(const IngestEvent&)>& on_event);
// Analyzes the stored articles whose analysis is not stored yet (all new ones after an
// ingest, and any a killed run left behind) and stores it with the article's summary, a
// batch per transaction; then summarizes again every story those articles are in. An
// article the analyzer refuses (too large) is stored with an empty analysis.
Status AnalyzePending(Store& store, const PipelineOptions& options, IngestReport& report,
                      std::vector<int64_t>* analyzed_ids = nullptr);

// `storyline analyze`: one input after extraction (or, `plain`, the input's text as is) and
// analysis. A text over the limits gives an error instead of an analysis.
struct AnalyzedPage {
  std::string source;
  Result<extract::Extraction> extraction;
  Result<ArticleAnalysis> analysis = Status::Internal("not analyzed");
};

// Runs read → extract (unless `plain`) → analyze on every input, links people named only by
// surname across the inputs (people::LinkSurnames), then reports them in input order.
Status AnalyzeInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                     bool plain, const std::function<void(AnalyzedPage)>& sink);

// A story's articles as the summarizer takes them (copies left out; rewrites kept), with
// their stored quotes; each one's source_file is its article id.
Result<std::vector<summarize::StoryArticle>> StoryArticles(Store& store, int64_t story_id,
                                                          const PipelineOptions& options);

// What each outlet of a story reports that the others do not, the quotes it carries, and
// the wording outlets differ on; article_ids[i] is the stored id of coverage's article i.
struct StoryCoverage {
  summarize::Coverage coverage;
  std::vector<int64_t> article_ids;
};
// The stored coverage (StoreStoryCoverage) while the story's articles and quotes are still
// those it was computed from, else computed now; the same answer either way.
Result<StoryCoverage> CompareStoryCoverage(Store& store, int64_t story_id,
                                           const PipelineOptions& options);
// Computes the coverage of these stories and stores it with the fingerprint of its inputs (one
// transaction), so that story pages read it instead of computing it. AnalyzePending calls it
// for the stories it summarizes again.
Status StoreStoryCoverage(Store& store, const std::vector<int64_t>& story_ids,
                          const PipelineOptions& options);

// `storyline summarize`: reads and extracts the inputs; `together`: one summary of all of
// them as one story (quotes and speakers found by the analyzer), else one per input, each
// reported to `sink` with the source files it covers. Inputs that fail are reported
// with their error and left out.
struct SummarizeOptions {
  bool together = false;
  summarize::SummaryOptions summary;
};
Status SummarizeInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                       const SummarizeOptions& how,
                       const std::function<void(std::vector<std::string> sources,
                                                Result<summarize::StorySummary>)>& sink);

// One input (or split-off related article) after extraction, dedup and stories, as
// `storyline cluster` prints it. `article.id` numbers the articles of the run from 1.
struct ClusterResult {
  std::string source;
  Result<Article> article;
};

// Runs read → extract → dedup → stories without a store, batch by batch exactly as Ingest
// does (so it groups articles as ingest + stories would), and reports every input in input
// order (split-off related articles right after their page).
void ClusterInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const std::function<void(ClusterResult)>& sink);

// Articles split off a page's related list (those with enough text to stand alone).
std::vector<Article> RelatedArticles(const extract::Extraction& page, size_t min_words);

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_PIPELINE_H_

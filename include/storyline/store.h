// The embedded store: articles in SQLite (WAL mode) under one directory.
//
// Threading: a Store is used from one thread at a time; several processes may open the
// same directory (SQLite locking, busy timeout). Every write is one transaction per batch,
// so a process killed mid-ingest leaves the store as it was before that batch.
#ifndef STORYLINE_STORE_H_
#define STORYLINE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storyline/analysis.h"
#include "storyline/article.h"
#include "storyline/status.h"
#include "storyline/story.h"

namespace storyline {

struct StoreOptions {
  bool create_if_missing = true;  // false: Open fails when there is no store in the directory
  int busy_timeout_ms = 5000;     // wait this long for another writer before failing
};

enum class PutOutcome {
  kNew,           // stored now
  kAlreadyKnown,  // an article with the same canonical URL or content hash was stored before
};

struct PutResult {
  int64_t id = 0;  // the stored article's id (the earlier one when already known)
  PutOutcome outcome = PutOutcome::kNew;
};

struct ListOptions {
  int64_t after_id = 0;  // cursor: only ids greater than this
  int limit = 1000;      // at most this many
};

// What later stages decided about a stored article.
struct ArticleLinks {
  int64_t article_id = 0;
  std::optional<int64_t> story_id;
  std::optional<int64_t> duplicate_of;
  std::string relation;  // "exact", "near", "rewrite" or ""
  std::optional<double> relation_score;
};

// Which quotes to list.
struct QuoteQuery {
  std::string speaker;              // a person id, or words of the speaker's name; "" for all
  std::optional<int64_t> story_id = std::nullopt;    // only quotes of this story's articles
  std::optional<int64_t> article_id = std::nullopt;  // only quotes of this article
  int64_t after_id = 0;             // cursor: quote ids greater than this
  int limit = 1000;
};

// What the fetcher remembers about one URL (a feed or a page).
struct FetchRecord {
  std::string url;   // normalized
  std::string kind;  // "feed" or "page"
  std::string etag, last_modified;  // validators for the next conditional request
  int status = 0;                   // last HTTP status (304 keeps the validators), 0 if none
  std::string error;                // the last attempt's error, "" when it succeeded
  int64_t fetched_at = 0;           // Unix seconds of the last attempt
  int64_t changed_at = 0;           // ... of the last attempt that brought something new
  int64_t next_fetch_at = 0;        // feeds: when to poll next (watch)
  double interval_s = 0;            // feeds: the current polling interval
  std::optional<int64_t> article_id = std::nullopt;  // pages: the article stored from it
  std::string title;                // feeds: the feed's title
};

// A story as the store keeps it (its articles point to it).
struct StoryRecord {
  int64_t id = 0;
  std::string title;
};

// A story's coverage comparison as the pipeline stored it (pipeline::StoreStoryCoverage): the
// fingerprint of the inputs it was computed from and the pipeline's encoding; opaque here.
struct StoredCoverage {
  std::string inputs;
  std::string coverage;
};

class Store {
 public:
  // Opens the store in directory `dir` (file `dir/storyline.db`), creating the directory and
  // migrating the schema to the current version as needed.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Stores the batch in one transaction, in order. An article is already known (and not
  // stored again) when its non-empty canonical_url is stored, or when its content_hash is
  // stored for an article of the same outlet or where either has no canonical URL: the same
  // text at another outlet's URL is syndication, a new article (later marked a copy). REQUIRES:
  // each article has a content_hash, a valid published date if any, and a duplicate_of, if set,
  // that is a stored id (else InvalidArgument). Article::id is ignored: the store assigns ids. On
  // error nothing of the batch is stored.
  Result<std::vector<PutResult>> PutBatch(const std::vector<Article>& articles);

  // Records stories (new ones are created; known ids keep their title) and each article's
  // story and duplicate relation, in one transaction. REQUIRES: the articles are stored.
  Status SetLinks(const std::vector<StoryRecord>& stories, const std::vector<ArticleLinks>& links);

  // Stories in id order, paginated by cursor (ListOptions::after_id is a story id).
  Result<std::vector<Story>> ListStories(const ListOptions& options);
  // The story with this id (with its summary), or NotFound.
  Result<Story> GetStory(int64_t id);

  // The article with this id, or NotFound.
  Result<Article> Get(int64_t id);

  // Articles in id order, paginated by cursor.
  Result<std::vector<Article>> List(const ListOptions& options);

  Result<int64_t> CountArticles();

  // Stores each article's analysis (people, roles, entity mentions, quotes), replacing any
  // earlier analysis of it, and marks it analyzed; one transaction. A person known only by
  // surname ("peskov") takes the id of the one stored person with that surname, if there is
  // exactly one. REQUIRES: the articles are stored.
  Status PutAnalyses(const std::vector<std::pair<int64_t, ArticleAnalysis>>& analyses);
  // Ids of stored articles whose analysis is not stored yet, in id order, at most `limit`.
  Result<std::vector<int64_t>> UnanalyzedArticles(int limit);
  // People by number of mentions (most first), then id; with their roles across articles.
  Result<std::vector<PersonRecord>> ListPeople(int limit);
  // Quotes in id order (stored order), with the article's outlet, title and date.
  Result<std::vector<StoredQuote>> ListQuotes(const QuoteQuery& query);
  // The people an article names (ids, most mentioned first) and its entity mentions.
  Result<std::vector<std::string>> ArticlePeople(int64_t article_id);
  Result<std::vector<EntityMention>> ArticleEntities(int64_t article_id);
  // One person with roles and mention count, or NotFound.
  Result<PersonRecord> GetPerson(const std::string& id);
  // The article's stored summary sentences (empty when not analyzed yet).
  Result<std::vector<TextSpan>> GetArticleSummary(int64_t article_id);
  // Replaces the summaries of these stories; one transaction. REQUIRES: the stories exist.
  Status PutStorySummaries(const std::vector<std::pair<int64_t, std::vector<SummaryLine>>>& summaries);

  // Inserts or replaces the stored coverage of these stories; one transaction. REQUIRES: the
  // stories exist.
  Status PutStoryCoverage(const std::vector<std::pair<int64_t, StoredCoverage>>& coverage);
  // The story's stored coverage, nullopt if none was stored.
  Result<std::optional<StoredCoverage>> GetStoryCoverage(int64_t story_id);

  // What the fetcher knows about `url` (normalized), nullopt if it was never fetched.
  Result<std::optional<FetchRecord>> GetFetchRecord(const std::string& url);
  // Inserts or replaces these records, in one transaction.
  Status PutFetchRecords(const std::vector<FetchRecord>& records);
  // Records of one kind ("feed", "page", or "" for both) in URL order, at most `limit`.
  Result<std::vector<FetchRecord>> ListFetchRecords(const std::string& kind, int limit);

  // The schema version the store is at (after migrations).
  int schema_version() const;

  // The directory and database file.
  const std::string& directory() const;
  std::string database_path() const;

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace storyline

#endif  // STORYLINE_STORE_H_

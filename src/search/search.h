// The search index: a Xapian database derived from the store, rebuildable at any time
// (`Reindex`) and updated as articles are stored (`IndexArticles`).
//
// What is indexed, per article (one Xapian document whose docid is the article id):
//   - words of the title (weighted 3x in the body field, and also under `title:`) and of the
//     text, with positions (phrase queries) and stems (Xapian::Stem of the article's language
//     when Xapian has one, else English);
//   - boolean filter terms: `outlet:` (FilterKey of the outlet name), `person:` (people named),
//     `speaker:` (people quoted), `story:`, `lang:`, and the content hash (to skip exact copies
//     in Related);
//   - values: publication day (YYYYMMDD, for date ranges), publication time (for sorting by date)
//     and, in one value, the outlet name, month (YYYY-MM) and people ids (for facets);
//   - a boolean term for each two adjacent words (title or text), which phrase queries require
//     so that positions are read only in articles that have the phrase's pairs;
//   - spelling data: every unprefixed word once per article, so that replacing an article and
//     rebuilding give the same spelling frequencies (suggestions are the same either way).
//
// Queries (SearchQuery::text) use Xapian's QueryParser: words (all must match: the default
// operator is AND), "phrases", AND / OR / NOT (upper case), +word / -word, parentheses,
// `title:word`, the filters above (`outlet:sputnik speaker:dmitri-peskov story:12 lang:en`;
// the same filter twice is OR, different filters AND), and ranges of days, months or years
// `2025-11-01..2025-11-30`, `2025-11..`, `..2025` (inclusive, by the civil day the page states).
// Ranking is BM25; ties break by newer article id, so the order is a function of the indexed
// content only, not of the order it was added.
//
// Threads and processes: Xapian allows ONE writer per index directory, across all processes
// (a second writable Open fails with IoError naming the lock), and any number of readers. A
// SearchIndex serializes its own calls with a mutex, so it may be shared between threads, but
// calls do not run in parallel: a server that wants parallel queries opens one read-only
// SearchIndex (SearchIndexOptions::read_only) per worker thread. A read-only index sees each
// commit of the writer: every Search / Related / Count first reopens the database (cheap when
// nothing changed) and retries once if the writer replaced what it was reading.
#ifndef STORYLINE_SEARCH_SEARCH_H_
#define STORYLINE_SEARCH_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline {
class Store;
}

namespace storyline::search {

// What the index needs about one stored article.
struct IndexedArticle {
  Article article;                    // id (> 0), title, text, outlet, language, published,
                                      // story_id, url, content_hash
  std::vector<std::string> people;    // ids of the people it names (Store::ArticlePeople)
  std::vector<std::string> speakers;  // ids of the people quoted in it (Store::ListQuotes)
};

struct SearchQuery {
  std::string text;  // the user's query (see the top of this file); "" matches every article
  // Inclusive, by civil day; combined with the text's filters.
  std::optional<Timestamp> from = std::nullopt;
  std::optional<Timestamp> to = std::nullopt;
  enum class Sort { kRelevance, kDate } sort = Sort::kRelevance;  // kDate: newest first
  size_t offset = 0;
  size_t limit = 20;   // clamped to SearchIndexOptions::max_limit
  bool facets = true;  // false: skip the facet counts (faster)
};

struct Hit {
  int64_t article_id = 0;
  double score = 0;  // BM25 weight (0 for a query of filters only)
  std::string title;
  std::string outlet;
  std::string url;
  std::optional<Timestamp> published;
  std::optional<int64_t> story_id;
  // A passage of the text, HTML-escaped, with <mark>…</mark> around the query's words;
  // safe to put inside an HTML element as it is. "…" marks cut text.
  std::string snippet_html;
};

struct FacetValue {
  std::string value;  // outlet name as stored, person id, or "YYYY-MM"
  int64_t count = 0;
};

struct SearchResults {
  int64_t matches_estimated = 0;  // exact when below SearchIndexOptions::facet_depth
  std::vector<Hit> hits;
  // Facets count the best facet_depth matches (all of them when there are fewer): outlets and
  // people by count (most first, then value), months in calendar order. People are the people
  // named or quoted; the index keeps each article's list in one value and counts every entry.
  std::vector<FacetValue> outlets, people, months;
  // The query with misspelt words corrected (Xapian's spelling data, edit distance <= 2), ""
  // if none; only sought when a word of the query is in no article.
  std::string suggestion;
};

struct SearchIndexOptions {
  bool read_only = false;         // true: a reader; fails with NotFound when there is no index
  size_t max_limit = 100;         // most hits per page
  size_t max_offset = 10000;      // deepest page start; deeper paging is refused
  size_t max_query_bytes = 1024;  // longer query texts are refused
  size_t facet_depth = 2000;      // larger: exact facets for more queries, slower queries
  size_t max_facet_values = 20;   // per facet
  size_t snippet_bytes = 240;     // length of Hit::snippet_html before markup
  size_t related_terms = 40;      // terms of the article that make its "more like this" query
};

class SearchIndex {
 public:
  // Opens the index in `dir` (a Xapian database), creating it unless read_only.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& dir,
                                                   const SearchIndexOptions& options = {});
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Adds the articles, replacing any indexed article with the same id; one commit, all or
  // nothing. Putting the same article again changes nothing. REQUIRES: 0 < id < 2^32
  // (else InvalidArgument, nothing indexed).
  Status Put(const std::vector<IndexedArticle>& articles);
  // Removes every article (and spelling data). Readers see an empty index until the next Put.
  Status Clear();

  // InvalidArgument for a malformed query (unbalanced quotes or parentheses, a parser error,
  // too long, offset too deep); no exception escapes.
  Result<SearchResults> Search(const SearchQuery& query) const;
  // Articles like this one (Xapian relevance feedback: its best terms become a query), best
  // first; never the article itself nor its exact copies (same content hash). NotFound if the
  // article is not indexed.
  Result<std::vector<Hit>> Related(int64_t article_id, size_t n) const;
  // How many articles are indexed.
  Result<int64_t> Count() const;
  // False when the index was written by an older version that did not index what queries now
  // use to go faster (pairs of adjacent words, for phrases): its answers are the same, only
  // slower, until it is rebuilt (Reindex). True for an empty index.
  Result<bool> HasCurrentFormat() const;

 private:
  struct Rep;
  explicit SearchIndex(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

// The form filter values take in the index and in queries: lower case, runs of characters
// other than letters and digits replaced by one '-', no '-' at either end.
// "Sputnik News" -> "sputnik-news", "Новая газета" -> "новая-газета".
std::string FilterKey(std::string_view value);

// Rebuilds the index from the store: Clear, then every stored article in id order, in pages
// of `page_size` (one commit each), with its people and speakers.
Status Reindex(Store& store, SearchIndex& index, int page_size = 500);
// Indexes (or re-indexes) these stored articles with their current people, speakers and
// story; one commit. NotFound if an id is not stored (nothing indexed).
Status IndexArticles(Store& store, SearchIndex& index, const std::vector<int64_t>& ids);

}  // namespace storyline::search

#endif  // STORYLINE_SEARCH_SEARCH_H_

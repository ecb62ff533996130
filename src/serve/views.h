// What each page shows, loaded from the store: shared by the JSON API and the HTML pages so
// both say the same thing. Plain values; the loaders use the Store handle they are given
// (REQUIRES: the caller holds it alone).
#ifndef STORYLINE_SERVE_VIEWS_H_
#define STORYLINE_SERVE_VIEWS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/pipeline.h"
#include "search/search.h"
#include "storyline/analysis.h"
#include "storyline/article.h"
#include "storyline/status.h"
#include "storyline/store.h"
#include "storyline/story.h"

namespace storyline::serve {

struct Limits {
  int max_quotes = 500;         // quotes read for one story or person page
  int max_story_articles = 300;  // articles listed on one story page
  int key_quotes = 8;            // quotes shown as a story's key quotes
  int story_people = 12;         // people shown on a story page
  int max_scan_stories = 5000;   // stories scanned for an outlet filter per page
};

// True when a quote's content reads as a statement: at least `min_words` words (runs of
// characters between white space that hold a letter or digit). Scare-quoted phrases
// ("some point", "its timing") are not. A story's key quotes and the story page's only-here
// quotes show statements only.
bool IsStatement(std::string_view content, size_t min_words = 4);

struct StoryView {
  Story story;
  pipeline::StoryCoverage coverage;
  std::vector<Article> articles;  // in the story's order, without text
  std::vector<StoredQuote> key_quotes;  // statements only (IsStatement)
  std::vector<PersonRecord> people;  // most mentioned in the story first
};
Result<StoryView> LoadStory(Store& store, int64_t id, const pipeline::PipelineOptions& options,
                            const Limits& limits);

struct PersonView {
  PersonRecord person;
  // Statements (IsStatement), each once per article, by publication date (undated last),
  // then id.
  std::vector<StoredQuote> quotes;
  std::vector<StoryRecord> stories;  // the stories the quotes are in, most recent first
};
Result<PersonView> LoadPerson(Store& store, const std::string& id, const Limits& limits);

struct ArticleView {
  Article article;
  std::vector<TextSpan> summary;
  std::vector<PersonRecord> people;
  std::vector<StoredQuote> quotes;
  std::optional<StoryRecord> story;
  std::optional<StoryRecord> original;  // the article this one copies (id, title)
};
Result<ArticleView> LoadArticle(Store& store, int64_t id, const Limits& limits);

// Newest stories first: ids below `before` (0: from the newest), those with `outlet` among
// their outlets when it is not empty; `next_before` is the cursor of the next page, if any.
struct StoryPage {
  std::vector<Story> stories;  // with summaries
  std::optional<int64_t> next_before;
};
Result<StoryPage> LatestStories(Store& store, int64_t before, int limit, const std::string& outlet,
                                const Limits& limits);

// Outlets with the number of stories each covered, most first.
Result<std::vector<std::pair<std::string, int64_t>>> Outlets(Store& store);

// A search as the page and the API take it (?q=&outlet=&person=&speaker=&story=&month=
// &sort=&after=&limit=): the words, and filters that become `outlet:` ... terms of the query.
struct SearchParams {
  std::string q;
  std::string outlet;   // outlet name (as the facet gives it)
  std::string person;   // person id
  std::string speaker;  // person id
  std::string month;    // "YYYY-MM"
  int64_t story = 0;    // 0: any
  bool by_date = false;  // newest first instead of most relevant
  size_t offset = 0;
  size_t limit = 20;
};
// The index's query; InvalidArgument for a malformed month.
Result<search::SearchQuery> ToSearchQuery(const SearchParams& params);
// "/search?q=..." with the params (offset included when not 0).
std::string SearchHref(const SearchParams& params);

// The display names of these people (person id → name); ids not stored, or stored without a
// name, are left out. One store lookup per id: for a page's facet, not for bulk use.
Result<std::map<std::string, std::string>> PersonNames(Store& store,
                                                       const std::vector<std::string>& ids);

struct SearchView {
  SearchParams params;
  std::optional<search::SearchResults> results;  // none when there is no query yet
  // Names of the people in the people facet and the person/speaker filters (PersonNames);
  // a person not in it is shown by id.
  std::map<std::string, std::string> person_names;
  std::string error;                             // a malformed query, said to the user
  bool available = true;                         // false: the server has no search index
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_VIEWS_H_

// The JSON shapes the CLI and the API print. One object per line (JSON Lines); every
// string is valid UTF-8 (invalid bytes are replaced, never passed through).
#ifndef STORYLINE_PIPELINE_JSON_H_
#define STORYLINE_PIPELINE_JSON_H_

#include <string>

#include "pipeline/pipeline.h"
#include "search/search.h"
#include "storyline/article.h"
#include "storyline/story.h"

namespace storyline::pipeline {

struct ArticleJsonOptions {
  bool include_text = true;  // false: metadata only (listings)
};

// {"id","source_file","url","canonical_url","outlet","title","published","authors",
//  "language","tags","text","paragraphs","content_hash","story","duplicate_of","relation",
//  "relation_score"}
std::string ArticleToJson(const Article& article, const ArticleJsonOptions& options);

// The `storyline extract` record: {"source_file","url","title","published","authors","byline",
// "outlet","language","tags","text","related":[{title,outlet,url,published,text}],"error"}.
std::string PageResultToJson(const PageResult& page);

// The `storyline analyze` record: the extract record without "related", plus "entities"
// [{text,type,start,end,person}], "people" [{id,name,roles,mentions}] and "quotes"
// [{content,cue,source: {start,end,text[,fragments]} or null, speaker, speaker_name, direct}].
// Offsets are Unicode code points into "text".
std::string AnalyzedPageToJson(const AnalyzedPage& page);

// {"id","name","roles","mentions"}
std::string PersonToJson(const PersonRecord& person);

// {"id","article","story","speaker","speaker_name","source","cue","content","direct","outlet",
//  "title","published"}
std::string StoredQuoteToJson(const StoredQuote& quote);

// {"id","title","articles","outlets","first_published","last_published"}
std::string StoryToJson(const Story& story);

// `storyline story ID --json`: the story record plus "summary" [{text, article, outlet}] and
// "coverage" {"outlets": [{article, outlet, only_here: [text], quotes: [{speaker,
// speaker_name, content, only_here}]}], "wording": [{a, b, article_a, article_b, count,
// example_a, example_b}]}.
std::string StoryPageToJson(const Story& story, const StoryCoverage& coverage);

// `storyline summarize --json`: {"source_file" (or "source_files" with --together),
// "summary": [{text, source_file, outlet, start, end}]}; start/end are bytes into that
// input's article text.
std::string SummaryToJson(const std::vector<std::string>& source_files,
                          const summarize::StorySummary& summary);

// `storyline search --json`: {"matches_estimated", "hits": [{id, score, title, outlet, url,
// published, story, snippet_html}], "facets": {"outlets", "people", "months": [{value,
// count}]}, "suggestion"}.
std::string SearchResultsToJson(const search::SearchResults& results);

// The `storyline cluster` record: {"source_file","id","title","outlet","published","story",
// "duplicate_of","relation","relation_score","error"}.
std::string ClusterResultToJson(const ClusterResult& result);

}  // namespace storyline::pipeline

#endif  // STORYLINE_PIPELINE_JSON_H_

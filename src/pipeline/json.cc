#include "pipeline/json.h"

#include <nlohmann/json.hpp>

namespace storyline::pipeline {
namespace {

using nlohmann::json;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json TimeOrNull(const std::optional<Timestamp>& t) {
  return t ? json(t->ToIso8601()) : json(nullptr);
}

template <typename T>
json OptionalOrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string Dump(const json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

}  // namespace

std::string ArticleToJson(const Article& a, const ArticleJsonOptions& options) {
  json j = {
      {"id", a.id},
      {"source_file", a.source_file},
      {"url", OrNull(a.url)},
      {"canonical_url", OrNull(a.canonical_url)},
      {"outlet", OrNull(a.outlet)},
      {"title", OrNull(a.title)},
      {"published", TimeOrNull(a.published)},
      {"authors", a.authors},
      {"language", OrNull(a.language)},
      {"tags", a.tags},
      {"content_hash", a.content_hash},
      {"story", OptionalOrNull(a.story_id)},
      {"duplicate_of", OptionalOrNull(a.duplicate_of)},
      {"relation", OrNull(a.relation)},
      {"relation_score", OptionalOrNull(a.relation_score)},
  };
  if (options.include_text) {
    j["text"] = a.text;
    j["paragraphs"] = a.paragraphs;
  }
  return Dump(j);
}

namespace {
json PageJson(const PageResult& page) {
  json j;
  if (!page.extraction.ok()) {
    j = {{"source_file", page.source},
         {"url", nullptr},
         {"title", nullptr},
         {"published", nullptr},
         {"authors", json::array()},
         {"outlet", nullptr},
         {"language", nullptr},
         {"tags", json::array()},
         {"text", nullptr},
         {"related", json::array()},
         {"error", page.extraction.status().ToString()}};
    return j;
  }
  const extract::Extraction& e = *page.extraction;
  const Article& a = e.article;
  json related = json::array();
  for (const RelatedItem& r : e.related) {
    related.push_back({{"title", OrNull(r.title)},
                       {"outlet", OrNull(r.outlet)},
                       {"url", OrNull(r.url)},
                       {"published", TimeOrNull(r.published)},
                       {"text", OrNull(r.text)}});
  }
  j = {{"source_file", a.source_file},
       {"kind", extract::PageKindName(e.kind)},
       {"url", OrNull(a.url)},
       {"canonical_url", OrNull(a.canonical_url)},
       {"title", OrNull(a.title)},
       {"published", TimeOrNull(a.published)},
       {"authors", a.authors},
       {"byline", OrNull(e.byline)},
       {"outlet", OrNull(a.outlet)},
       {"language", OrNull(a.language)},
       {"tags", a.tags},
       {"modified", TimeOrNull(e.modified)},
       {"section", OrNull(e.section)},
       {"lead_image", OrNull(e.lead_image)},
       {"description", OrNull(e.description)},
       {"text", a.text},
       {"content_hash", a.content_hash},
       {"related", std::move(related)},
       {"error", nullptr}};
  if (e.kind == extract::PageKind::kEmpty) {  // what a page without text says of itself
    j["text"] = nullptr;
    j["error"] = extract::NoTextError(a.source_file).ToString();
  }
  return j;
}

}  // namespace

std::string PageResultToJson(const PageResult& page) { return Dump(PageJson(page)); }

namespace {

// Byte offsets into `text` → Unicode code point offsets, for the JSON we print.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text) : text_(text) {}
  size_t operator()(size_t byte) {
    byte = std::min(byte, text_.size());
    if (byte < at_byte_) at_byte_ = at_cp_ = 0;
    for (; at_byte_ < byte; ++at_byte_) {
      if ((static_cast<unsigned char>(text_[at_byte_]) & 0xC0) != 0x80) ++at_cp_;
    }
    return at_cp_;
  }

 private:
  std::string_view text_;
  size_t at_byte_ = 0;
  size_t at_cp_ = 0;
};

json SpanJson(const std::optional<TextSpan>& span, CodePoints& cp) {
  if (!span) return nullptr;
  json j = {{"start", cp(span->begin)}, {"end", cp(span->end)}, {"text", span->text}};
  if (!span->fragments.empty()) {
    json fragments = json::array();
    for (const auto& [b, e] : span->fragments) fragments.push_back({cp(b), cp(e)});
    j["fragments"] = std::move(fragments);
  }
  return j;
}

}  // namespace

std::string AnalyzedPageToJson(const AnalyzedPage& page) {
  json j = PageJson(PageResult{page.source, page.extraction});
  j.erase("related");
  json entities = json::array();
  json people = json::array();
  json quotes = json::array();
  if (page.extraction.ok() && page.analysis.ok()) {
    const std::string& text = page.extraction->article.text;
    const ArticleAnalysis& a = *page.analysis;
    CodePoints cp(text);
    for (const EntityMention& e : a.entities) {
      entities.push_back({{"text", e.text},
                          {"type", e.type},
                          {"start", cp(e.begin)},
                          {"end", cp(e.end)},
                          {"person", OrNull(e.person)}});
    }
    for (const PersonRecord& p : a.people) {
      people.push_back(
          {{"id", p.id}, {"name", p.name}, {"roles", p.roles}, {"mentions", p.mentions}});
    }
    for (const QuoteRecord& q : a.quotes) {
      quotes.push_back({{"content", SpanJson(q.content, cp)},
                        {"cue", SpanJson(q.cue, cp)},
                        {"source", SpanJson(q.source, cp)},
                        {"speaker", OrNull(q.speaker)},
                        {"speaker_name", OrNull(q.speaker_name)},
                        {"direct", q.direct}});
    }
  } else if (page.extraction.ok() && !page.analysis.ok()) {
    j["error"] = page.analysis.status().ToString();
  }
  j["entities"] = std::move(entities);
  j["people"] = std::move(people);
  j["quotes"] = std::move(quotes);
  return Dump(j);
}

std::string PersonToJson(const PersonRecord& p) {
  return Dump({{"id", p.id}, {"name", p.name}, {"roles", p.roles}, {"mentions", p.mentions}});
}

std::string StoredQuoteToJson(const StoredQuote& q) {
  return Dump({{"id", q.id},
               {"article", q.article_id},
               {"story", OptionalOrNull(q.story_id)},
               {"speaker", OrNull(q.speaker)},
               {"speaker_name", OrNull(q.speaker_name)},
               {"source", OrNull(q.source)},
               {"cue", OrNull(q.cue)},
               {"content", q.content},
               {"direct", q.direct},
               {"outlet", OrNull(q.outlet)},
               {"title", OrNull(q.title)},
               {"published", TimeOrNull(q.published)}});
}

namespace {
json StoryJson(const Story& story) {
  return {{"id", story.id},
          {"title", OrNull(story.title)},
          {"articles", story.article_ids},
          {"outlets", story.outlets},
          {"first_published", TimeOrNull(story.first_published)},
          {"last_published", TimeOrNull(story.last_published)}};
}

json SummaryLinesJson(const std::vector<SummaryLine>& lines) {
  json out = json::array();
  for (const SummaryLine& l : lines) {
    out.push_back({{"text", l.text}, {"article", l.article_id}, {"outlet", OrNull(l.outlet)}});
  }
  return out;
}
}  // namespace

std::string StoryToJson(const Story& story) { return Dump(StoryJson(story)); }

std::string StoryPageToJson(const Story& story, const StoryCoverage& coverage) {
  json j = StoryJson(story);
  j["summary"] = SummaryLinesJson(story.summary);
  json outlets = json::array();
  for (const summarize::OutletCoverage& o : coverage.coverage.outlets) {
    json only = json::array();
    for (const summarize::SummarySentence& s : o.only_here) only.push_back(s.text);
    json quotes = json::array();
    for (const summarize::OutletQuote& q : o.quotes) {
      quotes.push_back({{"speaker", OrNull(q.quote.speaker)},
                        {"speaker_name", OrNull(q.quote.speaker_name)},
                        {"content", q.quote.content.text},
                        {"only_here", q.only_here}});
    }
    outlets.push_back({{"article", o.article < coverage.article_ids.size()
                                       ? json(coverage.article_ids[o.article])
                                       : json(nullptr)},
                       {"outlet", OrNull(o.outlet)},
                       {"only_here", std::move(only)},
                       {"quotes", std::move(quotes)}});
  }
  json wording = json::array();
  for (const summarize::WordingDifference& w : coverage.coverage.wording) {
    auto article = [&](size_t i) {
      return i < coverage.article_ids.size() ? json(coverage.article_ids[i]) : json(nullptr);
    };
    wording.push_back({{"a", w.a},
                       {"b", w.b},
                       {"article_a", article(w.article_a)},
                       {"article_b", article(w.article_b)},
                       {"count", w.count},
                       {"example_a", w.example_a},
                       {"example_b", w.example_b}});
  }
  j["coverage"] = {{"outlets", std::move(outlets)}, {"wording", std::move(wording)}};
  return Dump(j);
}

std::string SummaryToJson(const std::vector<std::string>& source_files,
                          const summarize::StorySummary& summary) {
  json lines = json::array();
  for (const summarize::SummarySentence& s : summary.sentences) {
    lines.push_back({{"text", s.text},
                     {"source_file", s.source_file},
                     {"outlet", OrNull(s.outlet)},
                     {"start", s.begin},
                     {"end", s.end}});
  }
  json j = {{"summary", std::move(lines)}};
  if (source_files.size() == 1) {
    j["source_file"] = source_files.front();
  } else {
    j["source_files"] = source_files;
  }
  return Dump(j);
}

std::string SearchResultsToJson(const search::SearchResults& results) {
  json hits = json::array();
  for (const search::Hit& h : results.hits) {
    hits.push_back({{"id", h.article_id},
                    {"score", h.score},
                    {"title", OrNull(h.title)},
                    {"outlet", OrNull(h.outlet)},
                    {"url", OrNull(h.url)},
                    {"published", TimeOrNull(h.published)},
                    {"story", OptionalOrNull(h.story_id)},
                    {"snippet_html", h.snippet_html}});
  }
  auto facet = [](const std::vector<search::FacetValue>& values) {
    json out = json::array();
    for (const search::FacetValue& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
    return out;
  };
  return Dump({{"matches_estimated", results.matches_estimated},
               {"hits", std::move(hits)},
               {"facets",
                {{"outlets", facet(results.outlets)},
                 {"people", facet(results.people)},
                 {"months", facet(results.months)}}},
               {"suggestion", OrNull(results.suggestion)}});
}

std::string ClusterResultToJson(const ClusterResult& result) {
  if (!result.article.ok()) {
    return Dump({{"source_file", result.source},
                 {"id", nullptr},
                 {"story", nullptr},
                 {"duplicate_of", nullptr},
                 {"relation", nullptr},
                 {"relation_score", nullptr},
                 {"error", result.article.status().ToString()}});
  }
  const Article& a = *result.article;
  return Dump({{"source_file", a.source_file},
               {"id", a.id},
               {"title", OrNull(a.title)},
               {"outlet", OrNull(a.outlet)},
               {"published", TimeOrNull(a.published)},
               {"story", OptionalOrNull(a.story_id)},
               {"duplicate_of", OptionalOrNull(a.duplicate_of)},
               {"relation", OrNull(a.relation)},
               {"relation_score", OptionalOrNull(a.relation_score)},
               {"error", nullptr}});
}

}  // namespace storyline::pipeline

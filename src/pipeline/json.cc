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

std::string PageResultToJson(const PageResult& page) {
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
    return Dump(j);
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
  return Dump(j);
}

std::string StoryToJson(const Story& story) {
  return Dump({{"id", story.id},
               {"title", OrNull(story.title)},
               {"articles", story.article_ids},
               {"outlets", story.outlets},
               {"first_published", TimeOrNull(story.first_published)},
               {"last_published", TimeOrNull(story.last_published)}});
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

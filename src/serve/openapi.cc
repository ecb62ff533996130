#include "serve/openapi.h"

#include <nlohmann/json.hpp>

namespace storyline::serve {
namespace {

using nlohmann::json;

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json Ok(const std::string& description, const json& schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

json Errors(std::initializer_list<int> codes) {
  json out = json::object();
  for (int code : codes) {
    out[std::to_string(code)] = Ok("error", Ref("Error"));
  }
  return out;
}

json Query(const std::string& name, const std::string& type, const std::string& description) {
  return {{"name", name},
          {"in", "query"},
          {"required", false},
          {"description", description},
          {"schema", {{"type", type}}}};
}

json PathParam(const std::string& name, const std::string& type) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", type}}}};
}

json PageOf(const std::string& item) {
  return {{"type", "object"},
          {"required", {"items", "next"}},
          {"properties",
           {{"items", {{"type", "array"}, {"items", Ref(item)}}},
            {"next",
             {{"type", "string"},
              {"nullable", true},
              {"description", "pass as ?after= for the next page; null on the last page"}}}}}};
}

json Get(const std::string& summary, json parameters, json ok, json errors) {
  json op = {{"summary", summary}, {"parameters", std::move(parameters)}};
  json responses = std::move(errors);
  responses["200"] = std::move(ok);
  op["responses"] = std::move(responses);
  return {{"get", std::move(op)}};
}

json Build() {
  const json paging = json::array({Query("after", "string", "cursor from the previous page's next"),
                                   Query("limit", "integer", "page size (default 20, at most 100)")});
  json paths;
  paths["/api/stories"] =
      Get("Stories in id order", paging, Ok("a page of stories", PageOf("Story")), Errors({400}));
  paths["/api/stories/{id}"] =
      Get("A story with its summary, coverage comparison, key quotes and people",
          {PathParam("id", "integer")}, Ok("the story", Ref("StoryPage")), Errors({400, 404}));
  paths["/api/articles"] = Get("Articles in id order (metadata)", paging,
                               Ok("a page of articles", PageOf("Article")), Errors({400}));
  paths["/api/articles/{id}"] = Get("An article with text, summary, people and quotes",
                                    {PathParam("id", "integer")}, Ok("the article", Ref("Article")),
                                    Errors({400, 404}));
  paths["/api/people"] =
      Get("People, most mentioned first", paging, Ok("a page of people", PageOf("Person")),
          Errors({400}));
  paths["/api/people/{id}"] =
      Get("A person with their quotes as a timeline (by date) and their stories",
          {PathParam("id", "string")}, Ok("the person", Ref("PersonPage")), Errors({404}));
  json quote_params = paging;
  quote_params.push_back(Query("speaker", "string", "a person id or words of the speaker's name"));
  quote_params.push_back(Query("story", "integer", "only quotes of this story"));
  paths["/api/quotes"] =
      Get("Quotes in stored order", quote_params, Ok("a page of quotes", PageOf("Quote")),
          Errors({400}));
  paths["/api/outlets"] = Get("Outlets with the number of stories each covered", json::array(),
                              Ok("all outlets", PageOf("Outlet")), json::object());
  paths["/healthz"] = Get("Liveness and store access", json::array(),
                          Ok("healthy", {{"type", "object"}}), Errors({503}));
  paths["/metrics"] = {{"get",
                        {{"summary", "Prometheus metrics"},
                         {"responses",
                          {{"200",
                            {{"description", "text exposition format 0.0.4"},
                             {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}}}};
  paths["/api/ingest"] = {
      {"post",
       {{"summary", "Ingest one page (HTML or text); off unless the server has a token"},
        {"security", {{{"bearer", json::array()}}}},
        {"parameters", {Query("url", "string", "the page's URL (or header X-Source-URL)")}},
        {"requestBody",
         {{"required", true},
          {"content",
           {{"text/html", {{"schema", {{"type", "string"}}}}},
            {"text/plain", {{"schema", {{"type", "string"}}}}}}}}},
        {"responses",
         [&] {
           json r = Errors({400, 401, 403, 413, 422});
           r["201"] = Ok("stored", Ref("IngestReport"));
           r["200"] = Ok("already known", Ref("IngestReport"));
           return r;
         }()}}}};

  const json str = {{"type", "string"}};
  const json nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}};
  const json nint = {{"type", "integer"}, {"nullable", true}};
  const json strings = {{"type", "array"}, {"items", str}};
  json schemas;
  schemas["Error"] = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties", {{"status", integer}, {"code", str}, {"message", str}}}}}}}};
  schemas["Story"] = {{"type", "object"},
                      {"properties",
                       {{"id", integer},
                        {"title", str},
                        {"articles", {{"type", "array"}, {"items", integer}}},
                        {"outlets", strings},
                        {"first_published", nstr},
                        {"last_published", nstr}}}};
  schemas["StoryPage"] = {
      {"allOf",
       {Ref("Story"),
        {{"type", "object"},
         {"properties",
          {{"summary", {{"type", "array"}, {"items", {{"type", "object"}}}}},
           {"coverage", {{"type", "object"}}},
           {"key_quotes", {{"type", "array"}, {"items", Ref("Quote")}}},
           {"people", {{"type", "array"}, {"items", Ref("Person")}}}}}}}}};
  schemas["Article"] = {{"type", "object"},
                        {"properties",
                         {{"id", integer},
                          {"url", nstr},
                          {"canonical_url", nstr},
                          {"outlet", nstr},
                          {"title", nstr},
                          {"published", nstr},
                          {"authors", strings},
                          {"language", nstr},
                          {"text", str},
                          {"story", nint},
                          {"duplicate_of", nint},
                          {"relation", nstr}}}};
  schemas["Person"] = {
      {"type", "object"},
      {"properties", {{"id", str}, {"name", str}, {"roles", strings}, {"mentions", integer}}}};
  schemas["PersonPage"] = {
      {"allOf",
       {Ref("Person"),
        {{"type", "object"},
         {"properties",
          {{"quotes", {{"type", "array"}, {"items", Ref("Quote")}}},
           {"stories", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}}}};
  schemas["Quote"] = {{"type", "object"},
                      {"properties",
                       {{"id", integer},
                        {"article", integer},
                        {"story", nint},
                        {"speaker", nstr},
                        {"speaker_name", nstr},
                        {"content", str},
                        {"direct", {{"type", "boolean"}}},
                        {"outlet", nstr},
                        {"published", nstr}}}};
  schemas["Outlet"] = {{"type", "object"},
                       {"properties", {{"outlet", str}, {"stories", integer}}}};
  schemas["IngestReport"] = {{"type", "object"},
                             {"properties",
                              {{"stored_new", integer},
                               {"already_known", integer},
                               {"rejected", integer},
                               {"articles", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "storyline API"},
        {"version", "0.1.0"},
        {"description", "Stories, articles, people and quotes of a storyline store."}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return doc;
}

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string kDocument = Build().dump();
  return kDocument;
}

}  // namespace storyline::serve

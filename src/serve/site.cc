#include "serve/site.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "pipeline/json.h"
#include "serve/html.h"
#include "serve/openapi.h"
#include "search/search.h"
#include "serve/pages.h"
#include "serve/pool.h"
#include "serve/views.h"
#include "storyline/store.h"

#ifndef STORYLINE_SERVE_STATIC_DIR
#define STORYLINE_SERVE_STATIC_DIR "static"
#endif

namespace storyline::serve {
namespace {

using nlohmann::json;

std::string Dump(const json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

std::string_view StatusName(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 415: return "unsupported_media_type";
    case 422: return "unprocessable_entity";
    case 503: return "service_unavailable";
    default: return status >= 500 ? "internal_error" : "error";
  }
}

HttpResponse Json(std::string body, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = std::move(body);
  return r;
}

HttpResponse Html(std::string body, int status = 200) {
  HttpResponse r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

// A store error as a response: NotFound is the client's 404, the rest our 500 (the message,
// which may name files, stays in the log).
int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound: return 404;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kBadInput: return 422;
    case StatusCode::kTooLarge: return 413;
    default: return 500;
  }
}

// A value given as ?name= (the first one), or nullopt.
std::optional<std::string> Param(const HttpRequest& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return std::nullopt;
  return it->second;
}

Result<int64_t> ParseId(std::string_view text, std::string_view what) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || p != end || v < 0) {
    return Status::InvalidArgument(std::string(what) + " must be a non-negative integer");
  }
  return v;
}

// ?name= as an integer in [lo, hi] (values above hi are lowered to it), or `fallback`.
Result<int64_t> IntParam(const HttpRequest& req, const std::string& name, int64_t fallback,
                         int64_t lo, int64_t hi) {
  std::optional<std::string> v = Param(req, name);
  if (!v || v->empty()) return fallback;
  Result<int64_t> n = ParseId(*v, name);
  if (!n.ok()) return n.status();
  if (*n < lo) return Status::InvalidArgument(name + " must be at least " + std::to_string(lo));
  return std::min(*n, hi);
}

// The files whose size and mtime change when the store does (any process's write).
using Stamp = std::tuple<int64_t, int64_t, int64_t, int64_t>;
Stamp StoreStamp(const std::string& db_path) {
  struct stat db {};
  struct stat wal {};
  const bool have_db = ::stat(db_path.c_str(), &db) == 0;
  const bool have_wal = ::stat((db_path + "-wal").c_str(), &wal) == 0;
  auto ns = [](const struct stat& s) {
    return static_cast<int64_t>(s.st_mtim.tv_sec) * 1000000000 + s.st_mtim.tv_nsec;
  };
  return {have_db ? db.st_size : -1, have_db ? ns(db) : 0, have_wal ? wal.st_size : -1,
          have_wal ? ns(wal) : 0};
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

// A /static/ file name: flat, no leading dot, a known kind. "" when refused.
std::string StaticType(std::string_view name) {
  if (name.empty() || name.size() > 100 || name[0] == '.') return "";
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return "";
  }
  if (name.find("..") != std::string_view::npos) return "";
  auto ends = [&](std::string_view ext) {
    return name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "";
}

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const size_t j = std::min(path.find('/', i), path.size());
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  return kHeaders;
}

HttpResponse JsonError(int status, std::string_view message) {
  return Json(Dump({{"error",
                     {{"status", status},
                      {"code", std::string(StatusName(status))},
                      {"message", std::string(message)}}}}),
              status);
}

namespace detail {
struct SiteState {
  using Rep = SiteState;
  ServeOptions options;
  Limits limits;
  std::string db_path;
  std::string static_dir;
  Metrics metrics;

  // Read handles: one per concurrent request, reused (a Store is single-threaded).
  std::unique_ptr<Pool<Store>> stores;
  // Read-only search handles, the same way; null when there is no usable index.
  std::unique_ptr<Pool<search::SearchIndex>> searchers;
  std::string search_dir;

  // The write handle, for ingest only.
  std::mutex ingest_mu;
  std::unique_ptr<Store> writer;

  std::mutex cache_mu;
  Stamp cache_stamp{};
  std::map<std::string, HttpResponse> cache;
  size_t cache_bytes = 0;

  // Outlets with story counts (a scan of every story): kept until the store changes, whether
  // or not responses are cached.
  std::mutex outlets_mu;
  std::optional<Stamp> outlets_stamp;
  std::vector<std::pair<std::string, int64_t>> outlets;

  Result<std::vector<std::pair<std::string, int64_t>>> CurrentOutlets(Store& store) {
    const Stamp stamp = StoreStamp(db_path);
    std::lock_guard<std::mutex> lock(outlets_mu);
    if (outlets_stamp != stamp) {
      auto fresh = Outlets(store);
      if (!fresh.ok()) return fresh.status();
      outlets = std::move(*fresh);
      outlets_stamp = stamp;
    }
    return outlets;
  }

  using Lease = Pool<Store>::Lease;
  Result<Lease> Acquire() { return stores->Acquire(); }

  // --- the routes ---
  using Handler = std::function<HttpResponse(Rep&, const HttpRequest&,
                                             const std::vector<std::string>&)>;
  struct Route {
    std::string pattern;  // "/api/stories/{id}"
    std::string method;   // "GET" or "POST"
    bool cacheable = false;
    bool html = false;  // errors as pages
    Handler handler;
  };
  std::vector<Route> routes;

  HttpResponse Error(bool html, int status, const std::string& message) {
    if (!html) return JsonError(status, message);
    return Html(ErrorHtml(status, message), status);
  }
  HttpResponse Error(bool html, const Status& s) {
    const int status = HttpStatusOf(s);
    if (status == 500) {
      std::fprintf(stderr, "storyline serve: %s\n", s.ToString().c_str());
      return Error(html, 500, "internal error; the server log says more");
    }
    return Error(html, status, s.message());
  }

  // The page-size limit of a request, or an error.
  Result<int64_t> PageLimit(const HttpRequest& req) {
    return IntParam(req, "limit", options.default_page_size, 1, options.max_page_size);
  }

  static HttpResponse Page(std::vector<std::string> items, std::optional<std::string> next) {
    std::string body = "{\"items\":[";
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) body += ',';
      body += items[i];
    }
    body += "],\"next\":";
    body += next ? Dump(json(*next)) : "null";
    body += '}';
    return Json(std::move(body));
  }
};
}  // namespace detail

namespace {

using Rep = detail::SiteState;

// Ids in paths: an entity that cannot exist is 404 for pages, 400 for the API.
Result<int64_t> PathId(const std::string& segment) {
  Result<int64_t> id = ParseId(segment, "id");
  if (!id.ok()) return id.status();
  if (*id == 0) return Status::NotFound("no such id");
  return id;
}

Result<SearchParams> ParseSearch(Rep& rep, const HttpRequest& req) {
  SearchParams p;
  p.q = Param(req, "q").value_or("");
  p.outlet = Param(req, "outlet").value_or("");
  p.person = Param(req, "person").value_or("");
  p.speaker = Param(req, "speaker").value_or("");
  p.month = Param(req, "month").value_or("");
  for (const std::string* v : {&p.q, &p.outlet, &p.person, &p.speaker, &p.month}) {
    if (v->size() > 1000) return Status::InvalidArgument("a search parameter is too long");
  }
  const std::string sort = Param(req, "sort").value_or("");
  if (sort != "" && sort != "relevance" && sort != "date") {
    return Status::InvalidArgument("sort must be relevance or date");
  }
  p.by_date = sort == "date";
  Result<int64_t> story = IntParam(req, "story", 0, 0, std::numeric_limits<int64_t>::max());
  if (!story.ok()) return story.status();
  p.story = *story;
  Result<int64_t> after = IntParam(req, "after", 0, 0, 10000);
  if (!after.ok()) return after.status();
  p.offset = static_cast<size_t>(*after);
  Result<int64_t> limit = rep.PageLimit(req);
  if (!limit.ok()) return limit.status();
  p.limit = static_cast<size_t>(*limit);
  return p;
}

json HitJson(const search::Hit& hit) {
  return {{"article", hit.article_id},
          {"score", hit.score},
          {"title", hit.title},
          {"outlet", hit.outlet.empty() ? json(nullptr) : json(hit.outlet)},
          {"url", hit.url.empty() ? json(nullptr) : json(hit.url)},
          {"published", hit.published ? json(hit.published->ToIso8601()) : json(nullptr)},
          {"story", hit.story_id ? json(*hit.story_id) : json(nullptr)},
          {"snippet_html", hit.snippet_html}};
}

json FacetJson(const std::vector<search::FacetValue>& values) {
  json out = json::array();
  for (const search::FacetValue& v : values) out.push_back({{"value", v.value}, {"count", v.count}});
  return out;
}

HttpResponse ApiSearch(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  if (!rep.searchers) return rep.Error(false, 503, "search is not available on this server");
  Result<SearchParams> params = ParseSearch(rep, req);
  if (!params.ok()) return rep.Error(false, params.status());
  Result<search::SearchQuery> query = ToSearchQuery(*params);
  if (!query.ok()) return rep.Error(false, query.status());
  auto index = rep.searchers->Acquire();
  if (!index.ok()) return rep.Error(false, index.status());
  Result<search::SearchResults> results = (*index)->Search(*query);
  if (!results.ok()) return rep.Error(false, results.status());
  json hits = json::array();
  for (const search::Hit& hit : results->hits) hits.push_back(HitJson(hit));
  const size_t end = params->offset + results->hits.size();
  const bool more = results->hits.size() == params->limit &&
                    static_cast<int64_t>(end) < results->matches_estimated;
  return Json(Dump({{"items", std::move(hits)},
                    {"next", more ? json(std::to_string(end)) : json(nullptr)},
                    {"matches_estimated", results->matches_estimated},
                    {"facets",
                     {{"outlets", FacetJson(results->outlets)},
                      {"people", FacetJson(results->people)},
                      {"months", FacetJson(results->months)}}},
                    {"suggestion", results->suggestion.empty() ? json(nullptr)
                                                               : json(results->suggestion)}}));
}

// Related articles for the article page and API (empty without an index).
std::vector<search::Hit> RelatedHits(Rep& rep, int64_t article_id) {
  if (!rep.searchers) return {};
  auto index = rep.searchers->Acquire();
  if (!index.ok()) return {};
  Result<std::vector<search::Hit>> related = (*index)->Related(article_id, 5);
  return related.ok() ? std::move(*related) : std::vector<search::Hit>{};
}

// A cursor page of a store listing by id: ?after= and ?limit=, one more row fetched to know
// whether there is a next page. `list(store, options)` reads, `to_json` renders one row.
template <typename List, typename ToJson>
HttpResponse IdCursorPage(Rep& rep, const HttpRequest& req, List list, ToJson to_json) {
  Result<int64_t> after = IntParam(req, "after", 0, 0, std::numeric_limits<int64_t>::max());
  Result<int64_t> limit = rep.PageLimit(req);
  if (!after.ok()) return rep.Error(false, after.status());
  if (!limit.ok()) return rep.Error(false, limit.status());
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  auto rows = list(**store, ListOptions{.after_id = *after, .limit = static_cast<int>(*limit + 1)});
  if (!rows.ok()) return rep.Error(false, rows.status());
  std::optional<std::string> next;
  if (rows->size() > static_cast<size_t>(*limit)) {
    rows->resize(static_cast<size_t>(*limit));
    next = std::to_string(rows->back().id);
  }
  std::vector<std::string> items;
  for (const auto& row : *rows) items.push_back(to_json(row));
  return Rep::Page(std::move(items), next);
}

HttpResponse ApiStories(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  return IdCursorPage(
      rep, req, [](Store& store, const ListOptions& o) { return store.ListStories(o); },
      [](const Story& s) { return pipeline::StoryToJson(s); });
}

HttpResponse ApiStory(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  Result<int64_t> id = PathId(p[0]);
  if (!id.ok()) return rep.Error(false, id.status());
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  Result<StoryView> view = LoadStory(**store, *id, rep.options.pipeline, rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) {
      return rep.Error(false, 404, "no story " + std::to_string(*id));
    }
    return rep.Error(false, view.status());
  }
  json j = json::parse(pipeline::StoryPageToJson(view->story, view->coverage));
  json quotes = json::array();
  for (const StoredQuote& q : view->key_quotes) {
    quotes.push_back(json::parse(pipeline::StoredQuoteToJson(q)));
  }
  j["key_quotes"] = std::move(quotes);
  json people = json::array();
  for (const PersonRecord& person : view->people) {
    people.push_back(json::parse(pipeline::PersonToJson(person)));
  }
  j["people"] = std::move(people);
  return Json(Dump(j));
}

HttpResponse ApiArticles(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  return IdCursorPage(
      rep, req, [](Store& store, const ListOptions& o) { return store.List(o); },
      [](const Article& a) { return pipeline::ArticleToJson(a, {false}); });
}

HttpResponse ApiArticle(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  Result<int64_t> id = PathId(p[0]);
  if (!id.ok()) return rep.Error(false, id.status());
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  Result<ArticleView> view = LoadArticle(**store, *id, rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) {
      return rep.Error(false, 404, "no article " + std::to_string(*id));
    }
    return rep.Error(false, view.status());
  }
  json j = json::parse(pipeline::ArticleToJson(view->article, {true}));
  json summary = json::array();
  for (const TextSpan& s : view->summary) summary.push_back(s.text);
  j["summary"] = std::move(summary);
  json people = json::array();
  for (const PersonRecord& person : view->people) {
    people.push_back(json::parse(pipeline::PersonToJson(person)));
  }
  j["people"] = std::move(people);
  json quotes = json::array();
  for (const StoredQuote& q : view->quotes) quotes.push_back(json::parse(pipeline::StoredQuoteToJson(q)));
  j["quotes"] = std::move(quotes);
  json related = json::array();
  for (const search::Hit& hit : RelatedHits(rep, *id)) related.push_back(HitJson(hit));
  j["related"] = std::move(related);
  return Json(Dump(j));
}

constexpr int64_t kMaxPeopleOffset = 100000;

HttpResponse ApiPeople(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  // People are ranked by mentions, so the cursor is a position in that ranking.
  Result<int64_t> after = IntParam(req, "after", 0, 0, kMaxPeopleOffset);
  Result<int64_t> limit = rep.PageLimit(req);
  if (!after.ok()) return rep.Error(false, after.status());
  if (!limit.ok()) return rep.Error(false, limit.status());
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  auto people = (**store).ListPeople(static_cast<int>(*after + *limit + 1));
  if (!people.ok()) return rep.Error(false, people.status());
  std::vector<std::string> items;
  for (size_t i = static_cast<size_t>(*after);
       i < people->size() && items.size() < static_cast<size_t>(*limit); ++i) {
    items.push_back(pipeline::PersonToJson((*people)[i]));
  }
  std::optional<std::string> next;
  if (people->size() > static_cast<size_t>(*after + *limit)) next = std::to_string(*after + *limit);
  return Rep::Page(std::move(items), next);
}

HttpResponse ApiPerson(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  if (p[0].size() > 200) return rep.Error(false, 404, "no such person");
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  Result<PersonView> view = LoadPerson(**store, p[0], rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) {
      return rep.Error(false, 404, "no person " + p[0]);
    }
    return rep.Error(false, view.status());
  }
  json j = json::parse(pipeline::PersonToJson(view->person));
  json timeline = json::array();
  for (const StoredQuote& q : view->quotes) {
    timeline.push_back(json::parse(pipeline::StoredQuoteToJson(q)));
  }
  j["quotes"] = std::move(timeline);
  json stories = json::array();
  for (const StoryRecord& s : view->stories) stories.push_back({{"id", s.id}, {"title", s.title}});
  j["stories"] = std::move(stories);
  return Json(Dump(j));
}

HttpResponse ApiQuotes(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  Result<int64_t> after = IntParam(req, "after", 0, 0, std::numeric_limits<int64_t>::max());
  Result<int64_t> limit = rep.PageLimit(req);
  if (!after.ok()) return rep.Error(false, after.status());
  if (!limit.ok()) return rep.Error(false, limit.status());
  QuoteQuery query;
  query.after_id = *after;
  query.limit = static_cast<int>(*limit + 1);
  if (std::optional<std::string> speaker = Param(req, "speaker")) {
    if (speaker->size() > 200) return rep.Error(false, 400, "speaker is too long");
    query.speaker = *speaker;
  }
  if (std::optional<std::string> story = Param(req, "story"); story && !story->empty()) {
    Result<int64_t> id = ParseId(*story, "story");
    if (!id.ok()) return rep.Error(false, id.status());
    query.story_id = *id;
  }
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  auto quotes = (**store).ListQuotes(query);
  if (!quotes.ok()) return rep.Error(false, quotes.status());
  std::optional<std::string> next;
  if (quotes->size() > static_cast<size_t>(*limit)) {
    quotes->resize(static_cast<size_t>(*limit));
    next = std::to_string(quotes->back().id);
  }
  std::vector<std::string> items;
  for (const StoredQuote& q : *quotes) items.push_back(pipeline::StoredQuoteToJson(q));
  return Rep::Page(std::move(items), next);
}

HttpResponse ApiOutlets(Rep& rep, const HttpRequest&, const std::vector<std::string>&) {
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, store.status());
  auto outlets = rep.CurrentOutlets(**store);
  if (!outlets.ok()) return rep.Error(false, outlets.status());
  std::vector<std::string> items;
  for (const auto& [name, n] : *outlets) items.push_back(Dump({{"outlet", name}, {"stories", n}}));
  return Rep::Page(std::move(items), std::nullopt);
}

HttpResponse ApiOpenApi(Rep&, const HttpRequest&, const std::vector<std::string>&) {
  return Json(OpenApiDocument());
}

HttpResponse Healthz(Rep& rep, const HttpRequest&, const std::vector<std::string>&) {
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(false, 503, "store unavailable");
  auto n = (**store).CountArticles();
  if (!n.ok()) return rep.Error(false, 503, "store unavailable");
  return Json(Dump({{"status", "ok"}, {"articles", *n}}));
}

HttpResponse MetricsPage(Rep& rep, const HttpRequest&, const std::vector<std::string>&) {
  int64_t bytes = 0;
  for (const std::string& f : {rep.db_path, rep.db_path + "-wal", rep.db_path + "-shm"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    if (!ec) bytes += static_cast<int64_t>(size);
  }
  int64_t articles = -1;
  if (auto store = rep.Acquire(); store.ok()) {
    if (auto n = (**store).CountArticles(); n.ok()) articles = *n;
  }
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = rep.metrics.Render(bytes, articles);
  return r;
}

HttpResponse ApiIngest(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  if (rep.options.ingest_token.empty()) {
    return rep.Error(false, 403, "ingest is off: start the server with an ingest token");
  }
  auto auth = req.headers.find("authorization");
  const std::string expected = "Bearer " + rep.options.ingest_token;
  if (auth == req.headers.end() || !ConstantTimeEquals(auth->second, expected)) {
    HttpResponse r = rep.Error(false, 401, "a valid 'Authorization: Bearer <token>' is required");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  if (req.body.empty()) return rep.Error(false, 400, "the body is empty: post a page's HTML or text");
  std::string url;
  if (std::optional<std::string> u = Param(req, "url")) {
    url = *u;
  } else if (auto h = req.headers.find("x-source-url"); h != req.headers.end()) {
    url = h->second;
  }
  if (!url.empty() && SafeHref(url).empty()) return rep.Error(false, 400, "url must be http(s)");
  std::string type;
  if (auto h = req.headers.find("content-type"); h != req.headers.end()) type = h->second;
  const bool text = type.rfind("text/plain", 0) == 0;

  // The pipeline ingests paths: the body goes to a private temporary file as one JSON Lines
  // record, which also carries the URL (see the README: an IngestBytes entry would avoid it).
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "storyline-ingest-XXXXXX").string();
  if (::mkdtemp(dir_template.data()) == nullptr) {
    return rep.Error(false, Status::IoError("cannot make a temporary directory"));
  }
  const std::filesystem::path dir = dir_template;
  const std::filesystem::path file = dir / "upload.jsonl";
  json record = {{text ? "text" : "html", req.body}};
  if (!url.empty()) record["url"] = url;
  {
    std::ofstream out(file, std::ios::binary);
    out << Dump(record) << '\n';
    if (!out) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
      return rep.Error(false, Status::IoError("cannot write a temporary file"));
    }
  }
  json events = json::array();
  Result<pipeline::IngestReport> report = pipeline::IngestReport{};
  {
    std::lock_guard<std::mutex> lock(rep.ingest_mu);
    if (!rep.writer) {
      Result<std::unique_ptr<Store>> s = Store::Open(rep.options.db, StoreOptions{});
      if (!s.ok()) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
        return rep.Error(false, s.status());
      }
      rep.writer = std::move(*s);
    }
    pipeline::PipelineOptions options = rep.options.pipeline;
    options.read.max_bytes = std::min(options.read.max_bytes, rep.options.max_body_bytes * 2);
    std::vector<int64_t> fresh;
    report = pipeline::Ingest(*rep.writer, {file.string()}, options,
                              [&](const pipeline::IngestEvent& e) {
                                json ev = {{"outcome", e.outcome == pipeline::IngestOutcome::kNew
                                                           ? "new"
                                                           : e.outcome == pipeline::IngestOutcome::kAlreadyKnown
                                                                 ? "known"
                                                                 : "rejected"}};
                                if (e.article_id) ev["id"] = e.article_id;
                                if (e.outcome == pipeline::IngestOutcome::kNew) {
                                  fresh.push_back(e.article_id);
                                }
                                if (!e.reason.ok()) {
                                  // The message names the temporary file; keep what follows.
                                  std::string m = e.reason.message();
                                  const size_t colon = m.find(": ");
                                  if (m.rfind(file.string(), 0) == 0 && colon != std::string::npos) {
                                    m = m.substr(colon + 2);
                                  }
                                  ev["error"] = m;
                                }
                                events.push_back(std::move(ev));
                              });
    if (report.ok() && !fresh.empty() && rep.searchers) {
      // One writer per index across processes: open it for this batch only.
      Result<std::unique_ptr<search::SearchIndex>> index =
          search::SearchIndex::Open(rep.search_dir, {});
      Status indexed = index.ok() ? search::IndexArticles(*rep.writer, **index, fresh)
                                  : index.status();
      if (!indexed.ok()) {
        std::fprintf(stderr, "storyline serve: indexing ingested articles: %s\n",
                     indexed.ToString().c_str());
      }
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  if (!report.ok()) return rep.Error(false, report.status());
  rep.metrics.CountIngest("new", static_cast<int64_t>(report->stored_new));
  rep.metrics.CountIngest("known", static_cast<int64_t>(report->already_known));
  rep.metrics.CountIngest("rejected", static_cast<int64_t>(report->rejected));
  const int status = report->stored_new > 0 ? 201 : report->already_known > 0 ? 200 : 422;
  return Json(Dump({{"stored_new", report->stored_new},
                    {"already_known", report->already_known},
                    {"rejected", report->rejected},
                    {"analyzed", report->analyzed},
                    {"quotes", report->quotes},
                    {"articles", std::move(events)}}),
              status);
}

// --- pages ---

HttpResponse SearchPageHtml(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  SearchView view;
  view.available = rep.searchers != nullptr;
  Result<SearchParams> params = ParseSearch(rep, req);
  if (!params.ok()) return rep.Error(true, params.status());
  view.params = *params;
  const bool any = !view.params.q.empty() || !view.params.outlet.empty() ||
                   !view.params.person.empty() || !view.params.speaker.empty() ||
                   !view.params.month.empty() || view.params.story > 0;
  if (view.available && any) {
    Result<search::SearchQuery> query = ToSearchQuery(view.params);
    if (!query.ok()) {
      view.error = query.status().message();
    } else {
      auto index = rep.searchers->Acquire();
      if (!index.ok()) return rep.Error(true, index.status());
      Result<search::SearchResults> results = (*index)->Search(*query);
      if (results.ok()) {
        view.results = std::move(*results);
      } else if (results.status().code() == StatusCode::kInvalidArgument) {
        view.error = results.status().message();
      } else {
        return rep.Error(true, results.status());
      }
    }
  }
  if (view.results) {
    // The people facet and the person filters show names; their links keep the ids. The
    // index lease is released by now (pages that hold a store take the index second).
    std::vector<std::string> ids = {view.params.person, view.params.speaker};
    for (const search::FacetValue& v : view.results->people) ids.push_back(v.value);
    auto store = rep.Acquire();
    if (!store.ok()) return rep.Error(true, store.status());
    Result<std::map<std::string, std::string>> names = PersonNames(**store, ids);
    if (!names.ok()) return rep.Error(true, names.status());
    view.person_names = std::move(*names);
  }
  return Html(SearchHtml(view), view.error.empty() ? 200 : 400);
}

HttpResponse HomeHtml(Rep& rep, const HttpRequest& req, const std::vector<std::string>&) {
  Result<int64_t> before = IntParam(req, "before", 0, 0, std::numeric_limits<int64_t>::max());
  if (!before.ok()) return rep.Error(true, before.status());
  std::string outlet = Param(req, "outlet").value_or("");
  if (outlet.size() > 200) return rep.Error(true, 400, "outlet is too long");
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(true, store.status());
  auto page = LatestStories(**store, *before, rep.options.default_page_size, outlet, rep.limits);
  if (!page.ok()) return rep.Error(true, page.status());
  auto outlets = rep.CurrentOutlets(**store);
  if (!outlets.ok()) return rep.Error(true, outlets.status());
  return Html(HomePage(*page, outlet, *outlets));
}

HttpResponse StoryPageHtml(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  Result<int64_t> id = PathId(p[0]);
  if (!id.ok()) return rep.Error(true, 404, "no such story");
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(true, store.status());
  Result<StoryView> view = LoadStory(**store, *id, rep.options.pipeline, rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) return rep.Error(true, 404, "no such story");
    return rep.Error(true, view.status());
  }
  return Html(StoryHtml(*view));
}

HttpResponse ArticlePageHtml(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  Result<int64_t> id = PathId(p[0]);
  if (!id.ok()) return rep.Error(true, 404, "no such article");
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(true, store.status());
  Result<ArticleView> view = LoadArticle(**store, *id, rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) return rep.Error(true, 404, "no such article");
    return rep.Error(true, view.status());
  }
  return Html(ArticleHtml(*view, RelatedHits(rep, *id)));
}

HttpResponse PeoplePageHtml(Rep& rep, const HttpRequest&, const std::vector<std::string>&) {
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(true, store.status());
  auto people = (**store).ListPeople(200);
  if (!people.ok()) return rep.Error(true, people.status());
  return Html(PeopleHtml(*people));
}

HttpResponse PersonPageHtml(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  if (p[0].size() > 200) return rep.Error(true, 404, "no such person");
  auto store = rep.Acquire();
  if (!store.ok()) return rep.Error(true, store.status());
  Result<PersonView> view = LoadPerson(**store, p[0], rep.limits);
  if (!view.ok()) {
    if (view.status().code() == StatusCode::kNotFound) return rep.Error(true, 404, "no such person");
    return rep.Error(true, view.status());
  }
  return Html(PersonHtml(*view));
}

HttpResponse StaticFile(Rep& rep, const HttpRequest&, const std::vector<std::string>& p) {
  const std::string type = StaticType(p[0]);
  if (type.empty()) return rep.Error(false, 404, "no such file");
  std::ifstream in(std::filesystem::path(rep.static_dir) / p[0], std::ios::binary);
  if (!in) return rep.Error(false, 404, "no such file");
  std::ostringstream body;
  body << in.rdbuf();
  HttpResponse r;
  r.content_type = type;
  r.body = body.str();
  r.headers.emplace_back("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

Status EnsureSearchIndex(Store& store, const std::string& dir) {
  Result<int64_t> articles = store.CountArticles();
  if (!articles.ok()) return articles.status();
  {
    search::SearchIndexOptions ro;
    ro.read_only = true;
    Result<std::unique_ptr<search::SearchIndex>> reader = search::SearchIndex::Open(dir, ro);
    if (reader.ok()) {
      Result<int64_t> indexed = (*reader)->Count();
      Result<bool> current = (*reader)->HasCurrentFormat();
      if (indexed.ok() && *indexed == *articles && current.ok() && *current) return Status::Ok();
    }
  }
  Result<std::unique_ptr<search::SearchIndex>> writer = search::SearchIndex::Open(dir, {});
  if (!writer.ok()) return writer.status();
  return search::Reindex(store, **writer);
}

Site::Site(std::unique_ptr<detail::SiteState> rep) : rep_(std::move(rep)) {}
Site::~Site() = default;
Metrics& Site::metrics() { return rep_->metrics; }

Result<std::unique_ptr<Site>> Site::Open(const ServeOptions& options) {
  auto rep = std::make_unique<detail::SiteState>();
  rep->options = options;
  rep->options.max_page_size = std::max(1, options.max_page_size);
  rep->options.default_page_size = std::clamp(options.default_page_size, 1, rep->options.max_page_size);
  rep->static_dir = options.static_dir.empty() ? STORYLINE_SERVE_STATIC_DIR : options.static_dir;
  // The first handle creates the store if there is none, so an empty server still answers.
  Result<std::unique_ptr<Store>> first = Store::Open(options.db, StoreOptions{});
  if (!first.ok()) return first.status();
  rep->db_path = (*first)->database_path();
  const std::string db = options.db;
  rep->stores = std::make_unique<Pool<Store>>([db]() {
    StoreOptions so;
    so.create_if_missing = false;
    return Store::Open(db, so);
  });
  if (options.search) {
    rep->search_dir = options.search_dir.empty()
                          ? (std::filesystem::path(options.db) / "search").string()
                          : options.search_dir;
    Status indexed = EnsureSearchIndex(**first, rep->search_dir);
    if (indexed.ok()) {
      const std::string dir = rep->search_dir;
      rep->searchers = std::make_unique<Pool<search::SearchIndex>>([dir]() {
        search::SearchIndexOptions so;
        so.read_only = true;
        return search::SearchIndex::Open(dir, so);
      });
    } else {
      std::fprintf(stderr, "storyline serve: search is off: %s\n", indexed.ToString().c_str());
    }
  }
  rep->stores->Return(std::move(*first));
  rep->routes = {
      {"/api/stories", "GET", true, false, ApiStories},
      {"/api/stories/{id}", "GET", true, false, ApiStory},
      {"/api/articles", "GET", true, false, ApiArticles},
      {"/api/articles/{id}", "GET", true, false, ApiArticle},
      {"/api/people", "GET", true, false, ApiPeople},
      {"/api/people/{id}", "GET", true, false, ApiPerson},
      {"/api/quotes", "GET", true, false, ApiQuotes},
      {"/api/outlets", "GET", true, false, ApiOutlets},
      {"/api/openapi.json", "GET", true, false, ApiOpenApi},
      {"/api/search", "GET", true, false, ApiSearch},
      {"/api/ingest", "POST", false, false, ApiIngest},
      {"/healthz", "GET", false, false, Healthz},
      {"/metrics", "GET", false, false, MetricsPage},
      {"/", "GET", true, true, HomeHtml},
      {"/stories/{id}", "GET", true, true, StoryPageHtml},
      {"/articles/{id}", "GET", true, true, ArticlePageHtml},
      {"/search", "GET", true, true, SearchPageHtml},
      {"/people", "GET", true, true, PeoplePageHtml},
      {"/people/{id}", "GET", true, true, PersonPageHtml},
      {"/static/{file}", "GET", true, false, StaticFile},
  };
  return std::make_unique<Site>(std::move(rep));
}

HttpResponse Site::Handle(const HttpRequest& request) {
  detail::SiteState& rep = *rep_;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::string> segments = Split(request.path);
  const detail::SiteState::Route* matched = nullptr;
  std::vector<std::string> params;
  std::vector<std::string> allowed;
  for (const detail::SiteState::Route& route : rep.routes) {
    const std::vector<std::string> pattern = Split(route.pattern);
    if (pattern.size() != segments.size()) continue;
    std::vector<std::string> captured;
    bool ok = true;
    for (size_t i = 0; i < pattern.size() && ok; ++i) {
      if (pattern[i].front() == '{') {
        captured.push_back(segments[i]);
      } else {
        ok = pattern[i] == segments[i];
      }
    }
    if (!ok) continue;
    if (route.method == request.method || (route.method == "GET" && request.method == "HEAD")) {
      matched = &route;
      params = std::move(captured);
      break;
    }
    allowed.push_back(route.method);
  }
  HttpResponse response;
  if (matched == nullptr) {
    const bool api = !segments.empty() && segments[0] == "api";
    if (!allowed.empty()) {
      response = JsonError(405, "method " + request.method + " is not allowed here");
      std::string allow;
      for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
      response.headers.emplace_back("Allow", allow);
    } else {
      response = rep.Error(!api, 404, "no such page");
    }
    response.route = "(unmatched)";
  } else {
    std::string key;
    bool cached = false;
    if (matched->cacheable && rep.options.cache_entries > 0) {
      key = request.path + '?';
      for (const auto& [k, v] : request.query) key += k + '=' + v + '&';
      const Stamp stamp = StoreStamp(rep.db_path);
      std::lock_guard<std::mutex> lock(rep.cache_mu);
      if (stamp != rep.cache_stamp) {
        rep.cache.clear();
        rep.cache_bytes = 0;
        rep.cache_stamp = stamp;
      }
      auto it = rep.cache.find(key);
      if (it != rep.cache.end()) {
        response = it->second;
        cached = true;
      }
    }
    if (!cached) {
      try {
        response = matched->handler(rep, request, params);
      } catch (const std::exception& e) {  // a bug of ours: answer 500, keep serving
        std::fprintf(stderr, "storyline serve: %s %s: %s\n", request.method.c_str(),
                     request.path.c_str(), e.what());
        response = rep.Error(matched->html, 500, "internal error; the server log says more");
      }
      if (!key.empty() && response.status == 200) {
        std::lock_guard<std::mutex> lock(rep.cache_mu);
        const size_t bytes = key.size() + response.body.size();
        if (rep.cache.size() >= rep.options.cache_entries ||
            rep.cache_bytes + bytes > rep.options.cache_bytes) {
          rep.cache.clear();  // bounded, not LRU: a full cache starts over
          rep.cache_bytes = 0;
        }
        if (bytes <= rep.options.cache_bytes && rep.cache.emplace(key, response).second) {
          rep.cache_bytes += bytes;
        }
      }
    }
    response.route = matched->pattern;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rep.metrics.ObserveRequest(response.route, request.method, response.status, seconds);
  return response;
}

}  // namespace storyline::serve

// The server end to end: a store ingested from examples/seeds plus a hostile page, served on
// an ephemeral loopback port, queried over HTTP.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "pipeline/pipeline.h"
#include "serve/html.h"
#include "serve/pages.h"
#include "serve/serve.h"
#include "serve/site.h"
#include "serve/views.h"

namespace storyline::serve {
namespace {

using nlohmann::json;

const char kToken[] = "test-token-123";

std::string SourceDir() {
  const char* env = std::getenv("STORYLINE_SOURCE_DIR");
  return env ? env : STORYLINE_SOURCE_DIR;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = (std::filesystem::temp_directory_path() / "serve-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(dir.data()), nullptr);
    dir_ = dir;
    auto store = Store::Open(dir_, StoreOptions{});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto report = pipeline::Ingest(
        **store,
        {SourceDir() + "/examples/seeds", SourceDir() + "/src/serve/testdata/hostile.jsonl"},
        pipeline::PipelineOptions{}, {});
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_GE(report->stored_new, 6u);
    ServeOptions options;
    options.port = 0;
    options.db = dir_;
    options.ingest_token = kToken;
    options.max_body_bytes = 64 * 1024;
    options.max_page_size = 5;
    options.default_page_size = 2;
    auto server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }
  static void TearDownTestSuite() {
    server_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);
    return c;
  }
  json GetJson(const std::string& path, int want = 200) {
    auto c = Client();
    auto res = c.Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, want) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u) << path;
    return json::parse(res->body);
  }
  std::string GetHtml(const std::string& path, int want = 200) {
    auto c = Client();
    auto res = c.Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, want) << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
    return res->body;
  }
  // Every story, following the cursor.
  std::vector<json> AllStories() {
    std::vector<json> all;
    std::string path = "/api/stories?limit=2";
    for (int guard = 0; guard < 100; ++guard) {
      json page = GetJson(path);
      for (const json& s : page["items"]) all.push_back(s);
      if (page["next"].is_null()) break;
      path = "/api/stories?limit=2&after=" + page["next"].get<std::string>();
    }
    return all;
  }
  int64_t HostileArticleId() {
    std::string path = "/api/articles?limit=5";
    for (int guard = 0; guard < 100; ++guard) {
      json page = GetJson(path);
      for (const json& a : page["items"]) {
        if (a["title"].is_string() &&
            a["title"].get<std::string>().find("xss-title") != std::string::npos) {
          return a["id"].get<int64_t>();
        }
      }
      if (page["next"].is_null()) break;
      path = "/api/articles?limit=5&after=" + page["next"].get<std::string>();
    }
    return 0;
  }

  static inline std::string dir_;
  static inline std::unique_ptr<Server> server_;
};

TEST_F(ServeTest, Healthz) {
  json j = GetJson("/healthz");
  EXPECT_EQ(j["status"], "ok");
  EXPECT_GE(j["articles"].get<int>(), 6);
}

TEST_F(ServeTest, StoriesPaginateWithCursor) {
  json first = GetJson("/api/stories");
  ASSERT_TRUE(first["items"].is_array());
  EXPECT_EQ(first["items"].size(), 2u);  // the default page size
  const json& s = first["items"][0];
  for (const char* key : {"id", "title", "articles", "outlets", "first_published"}) {
    EXPECT_TRUE(s.contains(key)) << key;
  }
  std::vector<json> all = AllStories();
  ASSERT_GE(all.size(), 3u);
  std::set<int64_t> ids;
  int64_t last = 0;
  for (const json& story : all) {
    const int64_t id = story["id"].get<int64_t>();
    EXPECT_GT(id, last);  // ascending, no repeats
    last = id;
    ids.insert(id);
  }
  json big = GetJson("/api/stories?limit=1000");  // lowered to the maximum (5)
  EXPECT_EQ(big["items"].size(), std::min<size_t>(5, all.size()));
  json tail = GetJson("/api/stories?after=" + std::to_string(last));
  EXPECT_TRUE(tail["items"].empty());
  EXPECT_TRUE(tail["next"].is_null());
}

TEST_F(ServeTest, BadParametersAre400) {
  for (const char* path : {"/api/stories?limit=abc", "/api/stories?limit=0", "/api/stories?after=-1",
                           "/api/quotes?story=x", "/api/stories/abc", "/api/articles/1x"}) {
    json j = GetJson(path, 400);
    EXPECT_EQ(j["error"]["status"], 400) << path;
    EXPECT_EQ(j["error"]["code"], "bad_request") << path;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << path;
  }
}

TEST_F(ServeTest, MissingThingsAre404) {
  EXPECT_EQ(GetJson("/api/stories/999999", 404)["error"]["code"], "not_found");
  EXPECT_EQ(GetJson("/api/articles/999999", 404)["error"]["code"], "not_found");
  EXPECT_EQ(GetJson("/api/people/nobody-at-all", 404)["error"]["code"], "not_found");
  EXPECT_EQ(GetJson("/api/nothing", 404)["error"]["code"], "not_found");
  const std::string page = GetHtml("/stories/999999", 404);
  EXPECT_NE(page.find("no such story"), std::string::npos);
}

TEST_F(ServeTest, WrongMethodIs405) {
  auto c = Client();
  auto res = c.Delete("/api/stories");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET");
  EXPECT_EQ(json::parse(res->body)["error"]["code"], "method_not_allowed");
  auto get_ingest = c.Get("/api/ingest");
  ASSERT_TRUE(get_ingest);
  EXPECT_EQ(get_ingest->status, 405);
  EXPECT_EQ(get_ingest->get_header_value("Allow"), "POST");
}

TEST_F(ServeTest, StoryHasSummaryCoverageQuotesAndPeople) {
  // The story with the most articles.
  json best;
  for (const json& s : AllStories()) {
    if (best.is_null() || s["articles"].size() > best["articles"].size()) best = s;
  }
  ASSERT_FALSE(best.is_null());
  const std::string id = std::to_string(best["id"].get<int64_t>());
  json story = GetJson("/api/stories/" + id);
  EXPECT_EQ(story["id"], best["id"]);
  ASSERT_TRUE(story["summary"].is_array());
  EXPECT_FALSE(story["summary"].empty());
  for (const json& line : story["summary"]) {
    EXPECT_TRUE(line["text"].is_string());
    EXPECT_TRUE(line["article"].is_number_integer());
  }
  EXPECT_TRUE(story["coverage"]["outlets"].is_array());
  EXPECT_TRUE(story["coverage"]["wording"].is_array());
  EXPECT_TRUE(story["key_quotes"].is_array());
  EXPECT_TRUE(story["people"].is_array());
  const std::string page = GetHtml("/stories/" + id);
  EXPECT_NE(page.find("<svg class=\"timeline\""), std::string::npos);
  EXPECT_NE(page.find("Summary"), std::string::npos);
  EXPECT_NE(page.find("id=\"a-"), std::string::npos);
}

// The seeds' biggest story: each outlet's block names its article by title and time, and
// the scare-quoted fragments the analyzer finds ("some point") are not shown as quotes.
TEST_F(ServeTest, StoryPageShowsTitlesAndStatementsOnly) {
  json best;
  for (const json& s : AllStories()) {
    if (best.is_null() || s["articles"].size() > best["articles"].size()) best = s;
  }
  ASSERT_FALSE(best.is_null());
  ASSERT_GE(best["articles"].size(), 2u);
  const std::string id = std::to_string(best["id"].get<int64_t>());
  json story = GetJson("/api/stories/" + id);
  ASSERT_FALSE(story["key_quotes"].empty());
  for (const json& q : story["key_quotes"]) {
    EXPECT_TRUE(IsStatement(q["content"].get<std::string>())) << q["content"];
  }
  const std::string page = GetHtml("/stories/" + id);
  const size_t coverage = page.find("What each outlet adds");
  ASSERT_NE(coverage, std::string::npos);
  size_t titled = 0;
  for (const json& a : story["articles"]) {
    const int64_t article = a.get<int64_t>();
    json full = GetJson("/api/articles/" + std::to_string(article));
    const std::string title = full["title"].get<std::string>();
    if (title.empty()) continue;
    const std::string block = "<p class=\"cov-article\"><a href=\"/articles/" +
                              std::to_string(article) + "\">" + EscapeHtml(title) + "</a>";
    if (page.find(block, coverage) != std::string::npos) ++titled;
  }
  EXPECT_GE(titled, 2u) << "outlet blocks should name their articles by title";
  EXPECT_NE(page.find("<time class=\"muted\">2025-11-07", coverage), std::string::npos);
  EXPECT_EQ(page.find("<blockquote>some point</blockquote>"), std::string::npos);
  EXPECT_EQ(page.find("“some point”"), std::string::npos);
  EXPECT_EQ(page.find("“its timing”"), std::string::npos);
  EXPECT_EQ(page.find("” — </p>"), std::string::npos);  // no dash without a speaker
  EXPECT_EQ(page.find("<figcaption> · "), std::string::npos);
}

TEST(ServePages, IsStatementNeedsFourWords) {
  EXPECT_FALSE(IsStatement(""));
  EXPECT_FALSE(IsStatement("some point"));
  EXPECT_FALSE(IsStatement("its timing"));
  EXPECT_FALSE(IsStatement("  “its  timing” — , ... "));  // marks and dashes are not words
  EXPECT_FALSE(IsStatement("a — b — c"));
  EXPECT_TRUE(IsStatement("mutual trust between Russia"));
  EXPECT_TRUE(IsStatement("We believe that at some point, a summit will be welcomed"));
  EXPECT_TRUE(IsStatement("Мы будем ждать сигналов"));  // letters of any script
  EXPECT_TRUE(IsStatement("some point", 2));
}

// The story page from a view built in memory: what only the page decides.
TEST(ServePages, StoryOutletBlocksAndOnlyHereQuotes) {
  StoryView view;
  view.story.id = 7;
  view.story.title = "A story";
  view.story.article_ids = {11, 12, 13};
  Timestamp when;
  when.year = 2025;
  when.month = 11;
  when.day = 7;
  when.hour = 12;
  when.minute = 20;
  when.has_time = true;
  Article first;
  first.id = 11;
  first.title = "Summit <b>talks</b> & more";
  first.outlet = "Outlet One";
  first.published = when;
  Article second;  // no outlet: labelled by its URL's host
  second.id = 12;
  second.title = "Second take";
  second.url = "https://www.example.org/news/1";
  Article third;  // no outlet, no URL, no title
  third.id = 13;
  view.articles = {first, second, third};
  view.coverage.article_ids = {11, 12, 13};
  summarize::OutletCoverage a;
  a.article = 0;
  a.outlet = "Outlet One";
  summarize::OutletQuote fragment;
  fragment.only_here = true;
  fragment.quote.content.text = "some point";
  fragment.quote.speaker_name = "Dmitry Peskov";
  summarize::OutletQuote unsourced;
  unsourced.only_here = true;
  unsourced.quote.content.text = "mutual trust between Russia and Ukraine";
  summarize::OutletQuote sourced;
  sourced.only_here = true;
  sourced.quote.content.text = "the talks will go on next week";
  sourced.quote.source = TextSpan{0, 0, "the <i>spokesman</i>", {}};
  a.quotes = {fragment, unsourced, sourced};
  summarize::OutletCoverage b;
  b.article = 1;
  summarize::OutletCoverage c;
  c.article = 2;
  view.coverage.coverage.outlets = {a, b, c};
  StoredQuote anonymous;
  anonymous.article_id = 11;
  anonymous.content = "nobody said this out loud";
  anonymous.outlet = "Outlet One";
  view.key_quotes = {anonymous};

  const std::string page = StoryHtml(view);
  EXPECT_NE(page.find("<p class=\"cov-article\"><a href=\"/articles/11\">Summit &lt;b&gt;talks"
                      "&lt;/b&gt; &amp; more</a> <time class=\"muted\">2025-11-07 12:20</time>"),
            std::string::npos);
  EXPECT_NE(page.find("<a href=\"/articles/12\">Second take</a>"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"/articles/13\">article 13</a>"), std::string::npos);
  EXPECT_EQ(page.find("article 11"), std::string::npos);
  EXPECT_NE(page.find("<summary>example.org "), std::string::npos);
  EXPECT_NE(page.find("<summary>(unknown) "), std::string::npos);
  EXPECT_NE(page.find("<h3>example.org</h3>"), std::string::npos);
  EXPECT_EQ(page.find("some point"), std::string::npos);
  EXPECT_NE(page.find("“mutual trust between Russia and Ukraine”</p>"), std::string::npos);
  EXPECT_NE(page.find("“the talks will go on next week” — the &lt;i&gt;spokesman&lt;/i&gt;</p>"),
            std::string::npos);
  EXPECT_NE(page.find("<figcaption><a href=\"/articles/11\">Outlet One</a>"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);
}

TEST_F(ServeTest, ArticleHasTextAndMetadata) {
  json page = GetJson("/api/articles?limit=1");
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_FALSE(page["items"][0].contains("text"));  // listings carry metadata only
  const std::string id = std::to_string(page["items"][0]["id"].get<int64_t>());
  json a = GetJson("/api/articles/" + id);
  EXPECT_TRUE(a["text"].is_string());
  EXPECT_FALSE(a["text"].get<std::string>().empty());
  EXPECT_TRUE(a["summary"].is_array());
  EXPECT_TRUE(a["people"].is_array());
  EXPECT_TRUE(a["quotes"].is_array());
  const std::string html = GetHtml("/articles/" + id);
  EXPECT_NE(html.find("class=\"article-page\""), std::string::npos);
}

TEST_F(ServeTest, PeopleAndTheirQuotesByDate) {
  json people = GetJson("/api/people?limit=5");
  ASSERT_FALSE(people["items"].empty());
  for (const json& p : people["items"]) {
    EXPECT_TRUE(p["id"].is_string());
    EXPECT_TRUE(p["roles"].is_array());
  }
  if (!people["next"].is_null()) {
    json second = GetJson("/api/people?limit=5&after=" + people["next"].get<std::string>());
    ASSERT_FALSE(second["items"].empty());
    EXPECT_NE(second["items"][0]["id"], people["items"][0]["id"]);
  }
  json quotes = GetJson("/api/quotes?limit=5");
  ASSERT_FALSE(quotes["items"].empty());
  // A speaker with quotes: their page lists only theirs, by date.
  std::string speaker;
  for (const json& q : quotes["items"]) {
    if (q["speaker"].is_string()) speaker = q["speaker"];
  }
  ASSERT_FALSE(speaker.empty());
  json person = GetJson("/api/people/" + speaker);
  EXPECT_EQ(person["id"], speaker);
  ASSERT_FALSE(person["quotes"].empty());
  std::string last;
  std::set<std::pair<int64_t, std::string>> said;
  for (const json& q : person["quotes"]) {
    EXPECT_EQ(q["speaker"], speaker);
    // Statements only, each once per article.
    EXPECT_TRUE(IsStatement(q["content"].get<std::string>())) << q["content"];
    EXPECT_TRUE(said.emplace(q["article"].get<int64_t>(), q["content"].get<std::string>()).second)
        << q["content"];
    if (q["published"].is_string()) {
      EXPECT_GE(q["published"].get<std::string>(), last);
      last = q["published"].get<std::string>();
    }
  }
  json filtered = GetJson("/api/quotes?limit=5&speaker=" + speaker);
  EXPECT_FALSE(filtered["items"].empty());
  const int64_t story = person["quotes"][0]["story"].get<int64_t>();
  json by_story = GetJson("/api/quotes?story=" + std::to_string(story));
  for (const json& q : by_story["items"]) EXPECT_EQ(q["story"], story);
  EXPECT_NE(GetHtml("/people/" + speaker).find("Statements over time"), std::string::npos);
}

TEST_F(ServeTest, Outlets) {
  json outlets = GetJson("/api/outlets");
  ASSERT_FALSE(outlets["items"].empty());
  const std::string name = outlets["items"][0]["outlet"];
  EXPECT_GE(outlets["items"][0]["stories"].get<int>(), 1);
  const std::string home = GetHtml("/?outlet=" + httplib::detail::encode_query_param(name));
  EXPECT_NE(home.find("Stories covered by"), std::string::npos);
}

TEST_F(ServeTest, OpenApiDescribesEveryRoute) {
  json doc = GetJson("/api/openapi.json");
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path : {"/api/stories", "/api/stories/{id}", "/api/articles/{id}", "/api/people",
                           "/api/people/{id}", "/api/quotes", "/api/outlets", "/api/ingest",
                           "/healthz", "/metrics"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
}

TEST_F(ServeTest, MetricsCountRequests) {
  GetJson("/healthz");
  auto c = Client();
  auto res = c.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(res->body.find("storyline_http_requests_total{route=\"/healthz\",method=\"GET\",code=\"200\"}"),
            std::string::npos);
  EXPECT_NE(res->body.find("storyline_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_TRUE(std::regex_search(res->body, std::regex("storyline_store_size_bytes [1-9][0-9]*")));
  EXPECT_NE(res->body.find("storyline_ingest_articles_total{outcome=\"new\"}"), std::string::npos);
}

TEST_F(ServeTest, SecurityHeadersOnEveryResponse) {
  auto c = Client();
  for (const char* path : {"/", "/api/stories", "/api/nothing", "/static/style.css"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST_F(ServeTest, StaticFilesOnlyFromTheirFolder) {
  auto c = Client();
  auto css = c.Get("/static/style.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  for (const char* path : {"/static/..%2fsite.cc", "/static/../site.cc", "/static/%2e%2e/serve.h",
                           "/static/.hidden.css", "/static/site.cc", "/static/a%00.css",
                           "/static/..%5c..%5cserve.h"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_TRUE(res->status == 404 || res->status == 400) << path << " " << res->status;
    EXPECT_EQ(res->body.find("#include"), std::string::npos) << path;
  }
}

TEST_F(ServeTest, IngestNeedsTheToken) {
  const std::string page =
      "<html><head><title>Harbour bridge reopens after repairs</title></head><body><article>"
      "<h1>Harbour bridge reopens after repairs</h1><p>The harbour bridge in Portvale reopened "
      "on Friday after eight months of repairs, the city transport office said in a statement. "
      "Engineers replaced the cables and the deck of the old bridge.</p><p>Traffic was light on "
      "the first morning, and buses will return to the bridge next week, the office said, "
      "adding that cyclists would get a separate lane from the spring.</p></article></body></html>";
  // Cached before the ingest; the cache must not hide what the ingest adds.
  EXPECT_TRUE(GetJson("/api/search?q=Portvale%20bridge")["items"].empty());
  auto c = Client();
  auto none = c.Post("/api/ingest", page, "text/html");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  httplib::Headers wrong = {{"Authorization", "Bearer nope"}};
  auto bad = c.Post("/api/ingest", wrong, page, "text/html");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  httplib::Headers right = {{"Authorization", std::string("Bearer ") + kToken}};
  auto ok = c.Post("/api/ingest?url=https%3A%2F%2Fportvale.example%2Fbridge", right, page,
                   "text/html");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 201) << ok->body;
  json report = json::parse(ok->body);
  EXPECT_EQ(report["stored_new"], 1);
  const int64_t id = report["articles"][0]["id"].get<int64_t>();
  json article = GetJson("/api/articles/" + std::to_string(id));
  EXPECT_EQ(article["url"], "https://portvale.example/bridge");
  json found = GetJson("/api/search?q=Portvale%20bridge");  // indexed with the ingest
  ASSERT_EQ(found["items"].size(), 1u);
  EXPECT_EQ(found["items"][0]["article"], id);
  auto again = c.Post("/api/ingest?url=https%3A%2F%2Fportvale.example%2Fbridge", right, page,
                      "text/html");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
  auto js = c.Post("/api/ingest?url=javascript:alert(1)", right, page, "text/html");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 400);
  auto empty = c.Post("/api/ingest", right, "", "text/html");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  auto huge = c.Post("/api/ingest", right, std::string(100 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413);
  EXPECT_EQ(json::parse(huge->body)["error"]["code"], "payload_too_large");
}

TEST(ServeNoToken, IngestIsOff) {
  std::string dir = (std::filesystem::temp_directory_path() / "serve-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  ServeOptions options;
  options.port = 0;
  options.db = dir;
  auto server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  httplib::Client c("127.0.0.1", (*server)->port());
  auto res = c.Post("/api/ingest", "<p>x</p>", "text/html");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  auto home = c.Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);  // an empty store still answers
  EXPECT_NE(home->body.find("No stories yet"), std::string::npos);
  server->reset();
  std::filesystem::remove_all(dir);
}

TEST_F(ServeTest, ServeReportsAPortInUse) {
  ServeOptions options;
  options.db = dir_;
  ASSERT_GT(server_->port(), 0);
  options.port = server_->port();
  // Start, not Serve: should the bind wrongly succeed, the test fails instead of serving on.
  auto second = Server::Start(options);
  ASSERT_FALSE(second.ok()) << "a second server listens on port " << options.port;
  EXPECT_EQ(second.status().code(), StatusCode::kIoError);
  EXPECT_NE(second.status().message().find("in use"), std::string::npos)
      << second.status().message();
}

// What a hostile page must never become in our HTML: markup, handlers, script URLs.
void ExpectInert(const std::string& html, const std::string& where) {
  EXPECT_EQ(html.find("<script>"), std::string::npos) << where;
  EXPECT_EQ(html.find("alert('xss"), std::string::npos) << where;  // the quote is escaped
  EXPECT_EQ(html.find("<img"), std::string::npos) << where;
  EXPECT_EQ(html.find("<svg onload"), std::string::npos) << where;
  EXPECT_EQ(html.find("</textarea>"), std::string::npos) << where;
  // An event handler attribute in a tag (quoted attribute values, escaped text, set aside).
  const std::string tags_only = std::regex_replace(html, std::regex("\"[^\"]*\""), "\"\"");
  EXPECT_FALSE(std::regex_search(tags_only, std::regex("<[^>]*\\son[a-z]+\\s*=", std::regex::icase)))
      << where;
  EXPECT_FALSE(std::regex_search(html, std::regex("href\\s*=\\s*\"?\\s*javascript:", std::regex::icase)))
      << where;
  // Our one script, from our origin.
  size_t scripts = 0;
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
    ++scripts;
    const std::string ours = "<script src=\"/static/app.js\" defer>";
    EXPECT_EQ(html.compare(at, ours.size(), ours), 0) << where;
  }
  EXPECT_EQ(scripts, 1u) << where;
}

TEST_F(ServeTest, HostileArticleRendersInert) {
  const int64_t id = HostileArticleId();
  ASSERT_NE(id, 0) << "the hostile article was not stored";
  json article = GetJson("/api/articles/" + std::to_string(id));
  // The JSON keeps the text as it is (JSON is not HTML); the pages escape it.
  EXPECT_NE(article["text"].get<std::string>().find("<script>alert('xss-1')</script>"),
            std::string::npos);
  const std::string page = GetHtml("/articles/" + std::to_string(id));
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;xss-1&#39;)&lt;/script&gt;"), std::string::npos);
  ExpectInert(page, "article page");
  ExpectInert(GetHtml("/"), "home");
  if (article["story"].is_number_integer()) {
    ExpectInert(GetHtml("/stories/" + std::to_string(article["story"].get<int64_t>())),
                "story page");
  }
  ExpectInert(GetHtml("/people"), "people");
  ExpectInert(GetHtml("/?outlet=%3Cscript%3Ealert('xss')%3C%2Fscript%3E"), "outlet filter");
}

TEST_F(ServeTest, SearchByWordsPhraseOutletAndSpeaker) {
  json words = GetJson("/api/search?q=summit&limit=5");
  ASSERT_GE(words["items"].size(), 2u);
  for (const json& hit : words["items"]) {
    for (const char* key : {"article", "score", "title", "outlet", "published", "story", "snippet_html"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
  }
  EXPECT_NE(words["items"][0]["snippet_html"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_TRUE(words["facets"]["outlets"].is_array());
  EXPECT_TRUE(words["facets"]["people"].is_array());
  EXPECT_TRUE(words["facets"]["months"].is_array());
  EXPECT_GE(words["matches_estimated"].get<int>(), 2);

  json phrase = GetJson("/api/search?q=%22Russian-US%20summit%22");
  EXPECT_FALSE(phrase["items"].empty());

  const std::string outlet = words["facets"]["outlets"][0]["value"];
  json by_outlet = GetJson("/api/search?q=summit&outlet=" + httplib::detail::encode_query_param(outlet));
  ASSERT_FALSE(by_outlet["items"].empty());
  for (const json& hit : by_outlet["items"]) EXPECT_EQ(hit["outlet"], outlet);
  EXPECT_LT(by_outlet["matches_estimated"].get<int>(), words["matches_estimated"].get<int>() + 1);

  json by_speaker = GetJson("/api/search?speaker=dmitri-peskov");
  ASSERT_FALSE(by_speaker["items"].empty());
  json nobody = GetJson("/api/search?q=summit&speaker=nobody-at-all");
  EXPECT_TRUE(nobody["items"].empty());

  json first = GetJson("/api/search?q=Ukraine&limit=1");
  ASSERT_EQ(first["items"].size(), 1u);
  ASSERT_TRUE(first["next"].is_string());
  json second = GetJson("/api/search?q=Ukraine&limit=1&after=" + first["next"].get<std::string>());
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_NE(second["items"][0]["article"], first["items"][0]["article"]);

  EXPECT_EQ(GetJson("/api/search?q=summit&month=2025-13", 400)["error"]["code"], "bad_request");
  EXPECT_EQ(GetJson("/api/search?q=summit&sort=sideways", 400)["error"]["code"], "bad_request");
  EXPECT_EQ(GetJson("/api/search?q=summit&month=2025-11")["items"].size(), 2u);
}

TEST_F(ServeTest, SearchPageEscapesTheQueryAndSnippets) {
  const std::string page = GetHtml("/search?q=xss");
  EXPECT_NE(page.find("class=\"hit\""), std::string::npos);
  ExpectInert(page, "search page");
  EXPECT_NE(GetHtml("/search?q=summit").find("<mark>"), std::string::npos);
  // Unbalanced quote: the page says what is wrong (400), escaped like everything else.
  const std::string hostile_query = GetHtml(
      "/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E",
      400);
  ExpectInert(hostile_query, "hostile query");
  EXPECT_NE(hostile_query.find("value=\"&quot;&gt;&lt;script&gt;"), std::string::npos);
}

// A hit from an article without an outlet is labelled by its URL's host, as on story pages
// (seed 002 names no outlet).
TEST_F(ServeTest, SearchHitsAlwaysNameWhereTheyCameFrom) {
  json all = GetJson("/api/search?q=Peskov&limit=50");
  bool outletless = false;
  for (const json& hit : all["items"]) {
    outletless |= !hit["outlet"].is_string() || hit["outlet"].get<std::string>().empty();
  }
  ASSERT_TRUE(outletless) << "the examples should have an article without an outlet";
  const std::string page = GetHtml("/search?q=Peskov&limit=50");
  EXPECT_EQ(page.find("<p class=\"meta\"> ·"), std::string::npos);
  EXPECT_EQ(page.find("<p class=\"meta\"></p>"), std::string::npos);
}

TEST_F(ServeTest, SearchPagePeopleFacetShowsNames) {
  json words = GetJson("/api/search?q=summit");
  ASSERT_FALSE(words["facets"]["people"].empty());
  const std::string page = GetHtml("/search?q=summit");
  size_t named = 0;
  for (const json& v : words["facets"]["people"]) {
    const std::string id = v["value"];
    json person = GetJson("/api/people/" + id);
    const std::string name = person["name"].is_string() ? person["name"].get<std::string>() : "";
    if (name.empty() || name == id) continue;
    // The link filters by id; its text is the name.
    const std::string link = "<a href=\"" + EscapeHtml("/search?q=summit&person=" + UrlEncode(id)) +
                             "\" class=\"facet\">" + EscapeHtml(name) + "</a>";
    EXPECT_NE(page.find(link), std::string::npos) << link;
    ++named;
  }
  EXPECT_GE(named, 1u);
  // The active filter names the person too.
  const std::string id = words["facets"]["people"][0]["value"];
  const std::string name = GetJson("/api/people/" + id)["name"];
  const std::string filtered = GetHtml("/search?q=summit&person=" + UrlEncode(id));
  EXPECT_NE(filtered.find("person: " + EscapeHtml(name)), std::string::npos);
}

TEST_F(ServeTest, ArticleHasRelatedArticles) {
  json words = GetJson("/api/search?q=summit&limit=1");
  ASSERT_FALSE(words["items"].empty());
  json a = GetJson("/api/articles/" + std::to_string(words["items"][0]["article"].get<int64_t>()));
  ASSERT_TRUE(a["related"].is_array());
  EXPECT_FALSE(a["related"].empty());
}

// The site without sockets: routing answers HEAD like GET and counts unmatched requests.
TEST(Site, RoutesWithoutSockets) {
  std::string dir = (std::filesystem::temp_directory_path() / "serve-test-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  ServeOptions options;
  options.db = dir;
  auto site = Site::Open(options);
  ASSERT_TRUE(site.ok()) << site.status().ToString();
  HttpRequest req;
  req.method = "HEAD";
  req.path = "/api/stories";
  HttpResponse res = (*site)->Handle(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.route, "/api/stories");
  req.method = "PUT";
  EXPECT_EQ((*site)->Handle(req).status, 405);
  req.method = "GET";
  req.path = "/nowhere";
  res = (*site)->Handle(req);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "text/html; charset=utf-8");  // a page, not an API path
  site->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace storyline::serve

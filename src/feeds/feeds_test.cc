#include "feeds/feeds.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "feeds/feed_date.h"
#include "feeds/text.h"

namespace storyline::feeds {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path TestData() { return fs::path(STORYLINE_SOURCE_DIR) / "src/feeds/testdata"; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Feed MustParse(std::string_view bytes, std::string_view url = "https://feeds.example.com/x") {
  Result<Feed> feed = ParseFeed(bytes, url);
  EXPECT_TRUE(feed.ok()) << feed.status().ToString();
  return feed.ok() ? std::move(feed).value() : Feed{};
}

bool HasWarning(const Feed& feed, std::string_view part) {
  for (const std::string& w : feed.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

// ---- Data-driven: testdata/x.<ext> is checked against testdata/x.expected.json. Only the
// keys the expectation names are compared; "items" and "warnings" must match in full.

void ExpectItem(const json& want, const FeedItem& got, const std::string& where) {
  for (const auto& [key, value] : want.items()) {
    SCOPED_TRACE(where + " ." + key);
    if (key == "url") {
      EXPECT_EQ(got.url, value.get<std::string>());
    }
    if (key == "guid") {
      EXPECT_EQ(got.guid, value.get<std::string>());
    }
    if (key == "title") {
      EXPECT_EQ(got.title, value.get<std::string>());
    }
    if (key == "published") {
      EXPECT_EQ(got.published, value.get<std::string>());
    }
    if (key == "summary") {
      EXPECT_EQ(got.summary, value.get<std::string>());
    }
    if (key == "language") {
      EXPECT_EQ(got.language, value.get<std::string>());
    }
    if (key == "authors") {
      EXPECT_EQ(got.authors, value.get<std::vector<std::string>>());
    }
    if (key == "tags") {
      EXPECT_EQ(got.tags, value.get<std::vector<std::string>>());
    }
    if (key == "published_at") {
      if (value.is_null()) {
        EXPECT_FALSE(got.published_at.has_value());
      } else {
        ASSERT_TRUE(got.published_at.has_value());
        EXPECT_EQ(got.published_at->ToIso8601(), value.get<std::string>());
      }
    }
  }
}

TEST(FeedsFixtureTest, EveryFixtureMatchesItsExpectation) {
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(TestData())) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".expected.json";
    if (name.size() <= suffix.size() || !name.ends_with(suffix)) continue;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    fs::path input;
    for (const auto& candidate : fs::directory_iterator(TestData())) {
      const std::string n = candidate.path().filename().string();
      if (n != name && candidate.path().stem().string() == stem) input = candidate.path();
    }
    ASSERT_FALSE(input.empty()) << "no input for " << name;
    SCOPED_TRACE(input.filename().string());
    const json want = json::parse(ReadFile(entry.path()));
    const std::string url = want.value("feed_url", "https://feeds.example.com/" + stem);
    Result<Feed> parsed = ParseFeed(ReadFile(input), url);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    const Feed& feed = *parsed;
    if (want.contains("kind")) {
      EXPECT_EQ(FeedKindName(feed.kind), want["kind"].get<std::string>());
    }
    if (want.contains("title")) {
      EXPECT_EQ(feed.title, want["title"].get<std::string>());
    }
    if (want.contains("link")) {
      EXPECT_EQ(feed.link, want["link"].get<std::string>());
    }
    if (want.contains("language")) {
      EXPECT_EQ(feed.language, want["language"].get<std::string>());
    }
    if (want.contains("warnings")) {
      EXPECT_EQ(feed.warnings, want["warnings"].get<std::vector<std::string>>());
    }
    if (want.contains("sitemaps")) {
      EXPECT_EQ(feed.sitemaps, want["sitemaps"].get<std::vector<std::string>>());
    }
    if (want.contains("items")) {
      const json& items = want["items"];
      ASSERT_EQ(feed.items.size(), items.size());
      for (size_t i = 0; i < items.size(); ++i) {
        ExpectItem(items[i], feed.items[i], "item " + std::to_string(i));
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 6u);
}

// ---- Kinds and errors.

TEST(FeedsTest, KindNames) {
  EXPECT_EQ(FeedKindName(FeedKind::kRss), "rss");
  EXPECT_EQ(FeedKindName(FeedKind::kRdf), "rdf");
  EXPECT_EQ(FeedKindName(FeedKind::kAtom), "atom");
  EXPECT_EQ(FeedKindName(FeedKind::kJsonFeed), "jsonfeed");
  EXPECT_EQ(FeedKindName(FeedKind::kSitemap), "sitemap");
  EXPECT_EQ(FeedKindName(FeedKind::kSitemapIndex), "sitemapindex");
}

TEST(FeedsTest, ErrorsNameTheFeedAndSayWhy) {
  const auto error = [](std::string_view bytes) {
    Result<Feed> r = ParseFeed(bytes, "http://x/feed");
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kBadInput);
    return r.status().message();
  };
  EXPECT_EQ(error(ReadFile(TestData() / "empty.xml")), "http://x/feed: empty");
  EXPECT_EQ(error(""), "http://x/feed: empty");
  EXPECT_EQ(error(ReadFile(TestData() / "binary.xml")), "http://x/feed: binary data (PNG image)");
  EXPECT_EQ(error(std::string("abc\0def\0", 8)), "http://x/feed: binary data (NUL bytes)");
  EXPECT_EQ(error(ReadFile(TestData() / "html_page.html")),
            "http://x/feed: not a feed (an HTML page)");
  EXPECT_EQ(error("<html><body>hi</body></html>"), "http://x/feed: not a feed (an HTML page)");
  EXPECT_EQ(error("<?xml version=\"1.0\"?><catalog><book/></catalog>"),
            "http://x/feed: not a feed (root element <catalog>)");
  EXPECT_EQ(error("just some words"), "http://x/feed: not a feed (no XML elements)");
  EXPECT_EQ(error("{\"name\": \"not a feed\"}"),
            "http://x/feed: not a feed (JSON without a JSON Feed version)");
  EXPECT_EQ(error("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": ["),
            "http://x/feed: not a feed (malformed JSON)");
}

TEST(FeedsTest, OverTheByteLimitIsTooLarge) {
  ParseOptions options;
  options.max_bytes = 1u << 10;
  const std::string big = "<rss>" + std::string(2000, ' ') + "</rss>";
  Result<Feed> r = ParseFeed(big, "http://x/feed", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  EXPECT_EQ(r.status().message(), "http://x/feed: over 1 KiB");
  EXPECT_EQ(ParseFeed(std::string(33u << 20, ' '), "u").status().message(), "u: over 32 MiB");
}

TEST(FeedsTest, AnEmptyFeedIsAFeedWithoutItems) {
  const Feed feed = MustParse("<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>");
  EXPECT_EQ(feed.title, "Quiet");
  EXPECT_TRUE(feed.items.empty());
  EXPECT_TRUE(feed.warnings.empty());
}

// ---- Malformed feeds from the wild.

TEST(FeedsTest, TruncatedFeedKeepsTheItemsBeforeTheBreak) {
  const Feed feed = MustParse(ReadFile(TestData() / "truncated.xml"));
  ASSERT_GE(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].url, "https://cut.example.com/1");
  EXPECT_EQ(feed.items[1].title, "Second");
  EXPECT_TRUE(HasWarning(feed, "recovered from malformed XML"));
  EXPECT_TRUE(HasWarning(feed, "without a link"));  // the cut third item
}

TEST(FeedsTest, HtmlEntitiesAndBareAmpersandsAreTolerated) {
  const Feed feed = MustParse(ReadFile(TestData() / "bad_entities.xml"));
  EXPECT_EQ(feed.title, "Entities — R&D");
  ASSERT_EQ(feed.items.size(), 2u);
  const FeedItem& a = feed.items[0];
  EXPECT_EQ(a.url, "https://ent.example.com/a?x=1&y=2");
  EXPECT_EQ(a.title.rfind("Café prices – up 5% & rising &foo; – ", 0), 0u) << a.title;
  EXPECT_EQ(a.summary, "Tom & Jerry <3 …");
  EXPECT_EQ(feed.items[1].title, "Second © 2025");
  EXPECT_TRUE(HasWarning(feed, "HTML entities"));
  EXPECT_TRUE(HasWarning(feed, "bare '&'"));
}

TEST(FeedsTest, Latin1BytesDeclaredUtf8AreDecoded) {
  const Feed feed = MustParse(ReadFile(TestData() / "latin1.xml"));
  EXPECT_EQ(feed.title, "Café du Monde");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Crème brûlée - schön");
  EXPECT_TRUE(HasWarning(feed, "not valid UTF-8"));
}

TEST(FeedsTest, MostlyUtf8WithStrayLatin1BytesKeepsTheUtf8) {
  const Feed feed = MustParse(
      "<rss><channel><item><title>Zürich \xe9t\xe9 — ok</title>"
      "<link>https://mix.example.com/a</link></item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Zürich été — ok");
}

TEST(FeedsTest, DeclaredLegacyCharsetIsConverted) {
  // "Новости" in windows-1251.
  const std::string bytes =
      "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>"
      "\xcd\xee\xe2\xee\xf1\xf2\xe8</title></channel></rss>";
  EXPECT_EQ(MustParse(bytes).title, "Новости");
}

TEST(FeedsTest, Utf16WithBomIsConverted) {
  const std::string xml = "<rss><channel><title>Wide</title></channel></rss>";
  std::string utf16 = "\xff\xfe";
  for (char c : xml) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  EXPECT_EQ(MustParse(utf16).title, "Wide");
}

TEST(FeedsTest, JunkBeforeTheXmlDeclarationIsSkipped) {
  const Feed feed = MustParse(ReadFile(TestData() / "junk_before.xml"));
  EXPECT_EQ(feed.kind, FeedKind::kRss);
  EXPECT_EQ(feed.title, "Junk first");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].url, "http://junk.example.com/a");
  EXPECT_TRUE(HasWarning(feed, "skipped junk before <rss>"));
}

TEST(FeedsTest, UndeclaredNamespacePrefixesStillCount) {
  const Feed feed = MustParse(
      "<rss><channel><item><link>https://ns.example.com/a</link>"
      "<dc:creator>Ann Lee</dc:creator><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>"
      "</item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].authors, std::vector<std::string>{"Ann Lee"});
  EXPECT_EQ(feed.items[0].summary, "Body");
}

TEST(FeedsTest, FeedburnerOrigLinkWinsOverTheRedirect) {
  const Feed feed = MustParse(
      "<rss xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\"><channel><item>"
      "<link>https://feedproxy.google.com/~r/x/~3/abc/</link>"
      "<feedburner:origLink>https://origin.example.com/story</feedburner:origLink>"
      "</item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].url, "https://origin.example.com/story");
}

TEST(FeedsTest, AtomLinkInRssWhenLinkIsMissing) {
  const Feed feed = MustParse(
      "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><item><title>T</title>"
      "<atom:link rel=\"self\" href=\"https://a.example.com/self\"/>"
      "<atom:link href=\"https://a.example.com/page\"/></item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].url, "https://a.example.com/page");
}

TEST(FeedsTest, RelativeLinksNeedAnHttpFeedUrl) {
  const std::string xml = "<rss><channel><item><link>/a</link></item></channel></rss>";
  EXPECT_EQ(MustParse(xml, "https://rel.example.com/feed/rss").items.at(0).url,
            "https://rel.example.com/a");
  const Feed unresolved = MustParse(xml, "feeds/local.xml");
  EXPECT_TRUE(unresolved.items.empty());
  EXPECT_TRUE(HasWarning(unresolved, "1 item without a link dropped"));
}

TEST(FeedsTest, MaxItemsStopsReading) {
  std::string xml = "<rss><channel>";
  for (int i = 0; i < 10; ++i) {
    xml += "<item><link>https://many.example.com/" + std::to_string(i) + "</link></item>";
  }
  xml += "</channel></rss>";
  ParseOptions options;
  options.max_items = 3;
  Result<Feed> feed = ParseFeed(xml, "u", options);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->items.size(), 3u);
  EXPECT_EQ(feed->items[2].url, "https://many.example.com/2");
  EXPECT_TRUE(HasWarning(*feed, "items after the first 3 dropped"));
}

TEST(FeedsTest, SummaryIsCutAtAWordBoundary) {
  std::string description;
  for (int i = 0; i < 400; ++i) description += "word ";
  const Feed feed = MustParse(
      "<rss><channel><item><link>https://s.example.com/a</link>"
      "<description>" +
      description + "</description></item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  const std::string& summary = feed.items[0].summary;
  EXPECT_LE(summary.size(), ParseOptions{}.max_summary_bytes);
  EXPECT_GT(summary.size(), 900u);
  EXPECT_EQ(summary.substr(summary.size() - 4), "word");
}

// ---- Hostile input.

TEST(FeedsHostileTest, ExternalEntitiesAreNeverLoaded) {
  const Feed feed = MustParse(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<rss><channel><title>&xxe;</title><item><link>https://x.example.com/a</link>"
      "<title>a&xxe;b</title></item></channel></rss>");
  EXPECT_EQ(feed.title.find("root:"), std::string::npos);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "a&xxe;b");
}

TEST(FeedsHostileTest, EntityExpansionIsNotPerformed) {
  std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">";
  for (char c = 'b'; c <= 'j'; ++c) {
    std::string refs;
    for (int i = 0; i < 10; ++i) refs += std::string("&") + static_cast<char>(c - 1) + ";";
    xml += std::string("<!ENTITY ") + c + " \"" + refs + "\">";
  }
  xml += "]><rss><channel><title>&j;</title></channel></rss>";
  const Feed feed = MustParse(xml);
  EXPECT_LT(feed.title.size(), 100u) << feed.title.substr(0, 100);
}

TEST(FeedsHostileTest, DeepNestingAndJunkFinish) {
  std::string deep = "<rss><channel>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  Result<Feed> a = ParseFeed(deep, "u");
  EXPECT_TRUE(a.ok());
  if (a.ok()) {
    EXPECT_TRUE(HasWarning(*a, "recovered from malformed XML"));
  }

  std::string lts = "<rss><channel><item><title>";
  for (int i = 0; i < 200000; ++i) lts += "<<&&";
  Result<Feed> b = ParseFeed(lts, "u");
  EXPECT_TRUE(b.ok());

  std::string nested = "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":";
  nested += std::string(100000, '[');
  EXPECT_EQ(ParseFeed(nested, "u").status().message(), "u: not a feed (JSON nested too deeply)");
}

TEST(FeedsHostileTest, TextOverLibxml2LimitIsReported) {
  // libxml2's default limit on one text node is 10 MB; reading stops there, with a warning.
  const std::string xml =
      "<rss><channel><item><link>https://h.example.com/a</link></item>"
      "<title>" +
      std::string(11u << 20, 'x') + "</title></channel></rss>";
  const Feed feed = MustParse(xml);
  EXPECT_EQ(feed.items.size(), 1u);
  EXPECT_TRUE(HasWarning(feed, "recovered from malformed XML"));
}

TEST(FeedsHostileTest, TitlesWithManyUnclosedTagsStayLinear) {
  std::string title;
  for (int i = 0; i < 100000; ++i) title += "&lt;a ";
  const Feed feed = MustParse("<rss><channel><item><link>https://l.example.com/</link><title>" +
                              title + "</title></item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title.substr(0, 6), "<a <a ");
}

// ---- Text helpers.

TEST(FeedsTextTest, PlainText) {
  using detail::PlainText;
  EXPECT_EQ(PlainText("<p>One</p><p>Two&nbsp;&amp; three</p>"), "One Two & three");
  EXPECT_EQ(PlainText("a <script>var x = '<p>';</script> b <!-- c --> d"), "a b d");
  EXPECT_EQ(PlainText("x < y and y > z"), "x < y and y > z");
  EXPECT_EQ(PlainText("bold<b>er</b>"), "bolder");
  EXPECT_EQ(PlainText("&#8220;Hi&#x201D; &#150; &bogus; &amp"), "“Hi” – &bogus; &amp");
  EXPECT_EQ(PlainText("unclosed <a href='x"), "unclosed <a href='x");
}

TEST(FeedsTextTest, AuthorNames) {
  using detail::AuthorName;
  EXPECT_EQ(AuthorName("jo@example.com (Jo Doe)"), "Jo Doe");
  EXPECT_EQ(AuthorName("Jo Doe (jo@example.com)"), "Jo Doe");
  EXPECT_EQ(AuthorName("Jo Doe <jo@example.com>"), "Jo Doe");
  EXPECT_EQ(AuthorName("  By  Jo Doe "), "Jo Doe");
  EXPECT_EQ(AuthorName("jo@example.com"), "");
  EXPECT_EQ(AuthorName("Jos&eacute; Mart&iacute;"), "José Martí");
}

TEST(FeedsTextTest, RepairUtf8AsWindows1252) {
  std::string s = "caf\xe9 \x93quoted\x94 \xe2\x82\xac";
  EXPECT_EQ(detail::RepairUtf8AsWindows1252(s), 3u);
  EXPECT_EQ(s, "café “quoted” €");
}

TEST(FeedsDateTest, Rfc822Dates) {
  const auto iso = [](std::string_view s) {
    const auto t = detail::ParseFeedDate(s);
    return t ? t->ToIso8601() : std::string("none");
  };
  EXPECT_EQ(iso("Fri, 07 Nov 2025 12:28:00 +0300"), "2025-11-07T12:28:00+03:00");
  EXPECT_EQ(iso("Fri, 07 Nov 2025 12:28:00 GMT"), "2025-11-07T12:28:00+00:00");
  EXPECT_EQ(iso("Fri, 07 Nov 2025 12:28:00 EST"), "2025-11-07T12:28:00-05:00");
  EXPECT_EQ(iso("07 Nov 2025 12:28 +0300"), "2025-11-07T12:28:00+03:00");
  EXPECT_EQ(iso("Fri, 07 Nov 25 12:28:00 GMT"), "2025-11-07T12:28:00+00:00");
  EXPECT_EQ(iso("7 Nov 99 12:28:00 -0500"), "1999-11-07T12:28:00-05:00");
  EXPECT_EQ(iso("2025-11-07T12:28:00Z"), "2025-11-07T12:28:00+00:00");
  EXPECT_EQ(iso("Fri, 07 Nov 2025"), "2025-11-07");
  EXPECT_EQ(iso("yesterday"), "none");
  EXPECT_EQ(iso(""), "none");
}

// ---- Feed lists.

TEST(FeedListTest, OpmlWithNestedOutlines) {
  std::vector<std::string> warnings;
  Result<std::vector<FeedSource>> list =
      ParseFeedList(ReadFile(TestData() / "feeds.opml"), "feeds.opml", &warnings);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].url, "https://news.example.com/feed/");
  EXPECT_EQ((*list)[0].title, "Example News & More");
  EXPECT_EQ((*list)[1].url, "https://www.example.ru/atom.xml");
  EXPECT_EQ((*list)[1].title, "Example RU");
  EXPECT_EQ((*list)[2].url, "https://old.example.net/rss");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("feeds.opml: outline "), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("\"feed.xml\" (not an http(s) URL)"), std::string::npos);
}

TEST(FeedListTest, PlainTextList) {
  std::vector<std::string> warnings;
  Result<std::vector<FeedSource>> list =
      ParseFeedList(ReadFile(TestData() / "feeds.txt"), "feeds.txt", &warnings);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].url, "https://news.example.com/feed/");
  EXPECT_EQ((*list)[0].title, "Example News");
  EXPECT_EQ((*list)[1].url, "https://www.example.ru/atom.xml");
  EXPECT_EQ((*list)[1].title, "");
  EXPECT_EQ((*list)[2].title, "JSON Example Feed");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "feeds.txt: line 5: skipped \"ftp://files.example.com/feed\" (not an http(s) URL)");
  // Without a warnings sink the list is the same.
  EXPECT_EQ(ParseFeedList(ReadFile(TestData() / "feeds.txt"), "feeds.txt")->size(), 3u);
}

TEST(FeedListTest, Errors) {
  EXPECT_EQ(ParseFeedList(" \n", "list.txt").status().message(), "list.txt: empty");
  EXPECT_EQ(ParseFeedList(ReadFile(TestData() / "html_page.html"), "list").status().message(),
            "list: not a feed list (an HTML page)");
  EXPECT_EQ(ParseFeedList(ReadFile(TestData() / "rss2.xml"), "l").status().message(),
            "l: not a feed list (root element <rss>, not <opml>)");
  EXPECT_EQ(ParseFeedList("<!-- nothing -->", "l").status().message(),
            "l: not a feed list (no XML elements)");
  EXPECT_EQ(ParseFeedList(ReadFile(TestData() / "binary.xml"), "l").status().code(),
            StatusCode::kBadInput);
}

}  // namespace
}  // namespace storyline::feeds

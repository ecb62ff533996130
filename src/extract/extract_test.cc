#include "extract/extract.h"

#include <gtest/gtest.h>

namespace storyline::extract {
namespace {

read::Document Doc(read::Format format, std::string content) {
  read::Document d;
  d.source = "doc.txt";
  d.format = format;
  d.content = std::move(content);
  d.charset = "UTF-8";
  return d;
}

ExtractOptions Options() {
  ExtractOptions o;
  o.now_unix = 1767225600;
  return o;
}

const char* kBody =
    "The harbour authority said on Monday that the new pier would open to ferries in spring.";

TEST(ExtractTest, FinishesTheArticle) {
  auto r = Extract(Doc(read::Format::kText, std::string("Pier opens in spring\n") + kBody), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Article& a = r->article;
  EXPECT_EQ(a.source_file, "doc.txt");
  EXPECT_EQ(a.text, kBody);
  EXPECT_EQ(a.content_hash.size(), 16u);
  EXPECT_EQ(a.language, "en");
}

TEST(ExtractTest, HintsFillGapsButDoNotOverrideThePage) {
  read::Document d = Doc(read::Format::kText, std::string("Pier opens in spring\n") + kBody);
  d.hints.title = "Hint title";
  d.hints.url = "https://www.harbour.example/news/2025/03/02/pier?utm_source=feed";
  d.hints.date = "2025-03-02T08:00:00Z";
  d.hints.authors = {"A. Reporter"};
  auto r = Extract(d, Options());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->article.title, "Pier opens in spring");
  EXPECT_EQ(r->article.url, d.hints.url);
  EXPECT_EQ(r->article.canonical_url, "https://www.harbour.example/news/2025/03/02/pier");
  EXPECT_EQ(r->article.outlet, "harbour.example");
  ASSERT_TRUE(r->article.published);
  EXPECT_EQ(r->article.published->ToIso8601(), "2025-03-02T08:00:00+00:00");
  EXPECT_EQ(r->article.authors, std::vector<std::string>{"A. Reporter"});
}

TEST(ExtractTest, DateFromUrlWhenThePageHasNone) {
  ExtractOptions o = Options();
  o.url = "https://example.org/2025/11/07/story.html";
  auto r = Extract(Doc(read::Format::kText, kBody), o);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->article.published);
  EXPECT_EQ(r->article.published->ToIso8601(), "2025-11-07");
}

// A short news item on a page that does not declare itself an article, beside a column of
// category names and a tag cloud: the page reader's wider reading adds only the menu, so the
// article reader's text stands.
TEST(ExtractTest, ShortArticleBesideACategoryMenuKeepsItsText) {
  std::string menu = "<div class=\"widget\"><h3>Categories</h3><ul>";
  for (const char* c : {"Health", "Culture", "Sports", "Economy", "Education", "Transport",
                        "Tourism", "Housing", "Finance", "Safety", "Events", "Environment",
                        "Politics", "Public works", "Agriculture", "Social"}) {
    menu += std::string("<li><a href=\"/c/") + c + "\">" + c + "</a></li>";
  }
  menu +=
      "</ul><p class=\"tags\">ambulance archive budget bus carnival council culture "
      "dance election festival flood harbour library market museum park school</p></div>";
  const std::string html =
      "<html><body><div id=\"side\">" + menu +
      "</div><div id=\"news\"><h1>Ambulances "
      "damaged at the home-care base</h1><p>Two of the five cars of the home-care service were "
      "found broken into this morning, with their batteries gone and their doors damaged.</p>"
      "<p>The police came to see the damage and a report was filed, the health department said, "
      "adding that patients booked for the morning are being given new appointments.</p>"
      "<p>The service expects to be back to normal this afternoon, when two cars borrowed from "
      "the hospital arrive.</p></div></body></html>";
  auto r = Extract(Doc(read::Format::kHtml, html), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->article.text.find("broken into this morning"), std::string::npos);
  EXPECT_NE(r->article.text.find("back to normal"), std::string::npos);
  EXPECT_EQ(r->article.text.find("Tourism"), std::string::npos) << r->article.text;
  EXPECT_EQ(r->article.text.find("carnival"), std::string::npos) << r->article.text;
}

TEST(ExtractTest, NoTextIsAnErrorNamingTheInput) {
  auto r = Extract(Doc(read::Format::kText, "Home\nMenu\n"), Options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "doc.txt: no article text found");
}

// A page its scripts fill in has no text but says what it is in its head: asked for, that
// metadata comes back on an empty extraction instead of an error.
TEST(ExtractTest, EmptyPageKeepsItsMetadataWhenAsked) {
  const std::string html =
      "<html><head><title>Best first telescope? - Astronomy Forum</title>"
      "<meta property=\"og:title\" content=\"Best first telescope?\">"
      "<meta property=\"article:published_time\" content=\"2025-02-20T14:19:26+00:00\">"
      "</head><body><section id=\"main\"></section>"
      "<script>render()</script></body></html>";
  ExtractOptions options = Options();
  ASSERT_FALSE(Extract(Doc(read::Format::kHtml, html), options).ok());
  options.keep_empty = true;
  auto r = Extract(Doc(read::Format::kHtml, html), options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, PageKind::kEmpty);
  EXPECT_TRUE(r->article.paragraphs.empty());
  EXPECT_TRUE(r->article.text.empty());
  EXPECT_EQ(r->article.title, "Best first telescope?");
  ASSERT_TRUE(r->article.published.has_value());
  EXPECT_EQ(r->article.published->ToIso8601(), "2025-02-20T14:19:26+00:00");
}

}  // namespace
}  // namespace storyline::extract

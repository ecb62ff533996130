#include "fetch/robots.h"

#include <gtest/gtest.h>

#include <string>

namespace storyline::fetch {
namespace {

// The example of RFC 9309 §5.1.
constexpr std::string_view kRfcExample = R"(User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

Sitemap: https://example.com/sitemap.xml
)";

TEST(Robots, RfcExampleFoobot) {
  const Robots r = Robots::Parse(kRfcExample, "FooBot");
  EXPECT_FALSE(r.Allowed("/"));
  EXPECT_FALSE(r.Allowed("/publications/"));
  EXPECT_TRUE(r.Allowed("/example/page.html"));
  EXPECT_TRUE(r.Allowed("/example/allowed.gif"));
  EXPECT_FALSE(r.Allowed("/example/other.html"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));  // always
}

TEST(Robots, RfcExampleConsecutiveUserAgentsShareAGroup) {
  for (std::string_view bot : {"barbot", "bazbot/2.1 (+https://baz.example)"}) {
    const Robots r = Robots::Parse(kRfcExample, bot);
    EXPECT_FALSE(r.Allowed("/example/page.html")) << bot;
    EXPECT_TRUE(r.Allowed("/example/other.html")) << bot;  // its group, not '*'
    EXPECT_TRUE(r.Allowed("/a.gif")) << bot;
  }
}

TEST(Robots, RfcExampleEmptyGroupAndStar) {
  // quxbot's group has no rules: everything allowed, '*' is not consulted.
  const Robots qux = Robots::Parse(kRfcExample, "quxbot");
  EXPECT_TRUE(qux.Allowed("/example/x"));
  EXPECT_TRUE(qux.Allowed("/a.gif"));
  // An unnamed crawler gets '*'.
  const Robots other = Robots::Parse(kRfcExample, "storyline");
  EXPECT_FALSE(other.Allowed("/images/a.gif"));
  EXPECT_TRUE(other.Allowed("/images/a.gif?x=1"));  // '$' anchors the end
  EXPECT_FALSE(other.Allowed("/example/"));
  EXPECT_TRUE(other.Allowed("/publications/x"));
  EXPECT_TRUE(other.Allowed("/"));
  ASSERT_EQ(other.sitemaps().size(), 1u);
  EXPECT_EQ(other.sitemaps()[0], "https://example.com/sitemap.xml");
}

TEST(Robots, LongestMatchWinsAndAllowWinsTies) {
  const Robots r = Robots::Parse(
      "user-agent: storyline\n"
      "disallow: /news\n"
      "allow: /news/public\n"
      "disallow: /page\n"
      "allow: /page\n"
      "allow: /x\n"
      "disallow: /x/deeper\n",
      "storyline");
  EXPECT_FALSE(r.Allowed("/news/2024"));
  EXPECT_TRUE(r.Allowed("/news/public/1"));
  EXPECT_TRUE(r.Allowed("/page"));  // tie: allow
  EXPECT_TRUE(r.Allowed("/x/y"));
  EXPECT_FALSE(r.Allowed("/x/deeper/z"));
  EXPECT_TRUE(r.Allowed("/other"));
}

TEST(Robots, WildcardsAndAnchors) {
  const Robots r = Robots::Parse(
      "User-agent: *\n"
      "Disallow: /*/private/*.html$\n"
      "Disallow: /search*q=\n"
      "Disallow: /exact$\n",
      "storyline");
  EXPECT_FALSE(r.Allowed("/a/private/b.html"));
  EXPECT_FALSE(r.Allowed("/a/b/private/c/d.html"));
  EXPECT_TRUE(r.Allowed("/a/private/b.html?x"));
  EXPECT_TRUE(r.Allowed("/a/public/b.html"));
  EXPECT_FALSE(r.Allowed("/search?lang=en&q=x"));
  EXPECT_TRUE(r.Allowed("/search?lang=en"));
  EXPECT_FALSE(r.Allowed("/exact"));
  EXPECT_TRUE(r.Allowed("/exactly"));
}

TEST(Robots, PercentEncodingNormalised) {
  const Robots r = Robots::Parse(
      "User-agent: *\n"
      "Disallow: /%7Ejoe/\n"
      "Disallow: /foo/bar?baz=http://foo.bar\n"
      "Disallow: /caf\xC3\xA9\n"
      "Disallow: /a%2fb\n",
      "storyline");
  EXPECT_FALSE(r.Allowed("/~joe/index.html"));
  EXPECT_FALSE(r.Allowed("/%7ejoe/index.html"));
  EXPECT_FALSE(r.Allowed("/caf%C3%A9/menu"));
  EXPECT_FALSE(r.Allowed("/caf%c3%a9"));
  EXPECT_FALSE(r.Allowed("/a%2Fb"));
  EXPECT_TRUE(r.Allowed("/a/b"));  // an encoded '/' is not a '/'
  EXPECT_FALSE(r.Allowed("/foo/bar?baz=http://foo.bar"));
}

TEST(Robots, ProductTokenCaseInsensitiveAndMostSpecificGroup) {
  const std::string body =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: StoryLine/1.0\nDisallow: /private\nCrawl-delay: 0.5\n\n"
      "User-agent: storyline\nDisallow: /secret\n";
  const Robots r = Robots::Parse(body, "storyline");
  EXPECT_TRUE(r.Allowed("/news"));  // our groups, merged; '*' ignored
  EXPECT_FALSE(r.Allowed("/private/x"));
  EXPECT_FALSE(r.Allowed("/secret"));
  ASSERT_TRUE(r.crawl_delay().has_value());
  EXPECT_DOUBLE_EQ(*r.crawl_delay(), 0.5);
  const Robots star = Robots::Parse(body, "otherbot");
  EXPECT_FALSE(star.Allowed("/news"));
  EXPECT_FALSE(star.crawl_delay().has_value());
}

TEST(Robots, CommentsBlankLinesCrlfAndGarbage) {
  const Robots r = Robots::Parse(
      "\xEF\xBB\xBF# comment\r\n"
      "User-agent: * # everyone\r\n"
      "\r\n"
      "this line is nonsense\r\n"
      "Foo: bar\r\n"
      "Disallow: /tmp # temporary\r\n"
      "Crawl-delay: soon\r\n",
      "storyline");
  EXPECT_FALSE(r.Allowed("/tmp/x"));
  EXPECT_TRUE(r.Allowed("/tm"));
  EXPECT_FALSE(r.crawl_delay().has_value());
  EXPECT_TRUE(r.Allowed("/"));
}

TEST(Robots, EmptyDisallowAndNoGroupsAllowEverything) {
  EXPECT_TRUE(Robots::Parse("User-agent: *\nDisallow:\n", "storyline").Allowed("/x"));
  EXPECT_TRUE(Robots::Parse("", "storyline").Allowed("/x"));
  EXPECT_TRUE(Robots::Parse("Disallow: /\n", "storyline").Allowed("/x"));  // no group
  EXPECT_TRUE(Robots::Parse("User-agent: otherbot\nDisallow: /\n", "storyline").Allowed("/x"));
}

TEST(Robots, ForResponseFollowsRfc9309) {
  EXPECT_FALSE(Robots::ForResponse(200, "User-agent: *\nDisallow: /\n", "storyline").Allowed("/a"));
  EXPECT_TRUE(Robots::ForResponse(404, "User-agent: *\nDisallow: /\n", "storyline").Allowed("/a"));
  EXPECT_TRUE(Robots::ForResponse(403, "", "storyline").Allowed("/a"));
  EXPECT_FALSE(Robots::ForResponse(503, "", "storyline").Allowed("/a"));
  EXPECT_FALSE(Robots::ForResponse(429, "", "storyline").Allowed("/a"));
  EXPECT_FALSE(Robots::ForResponse(0, "", "storyline").Allowed("/a"));
  EXPECT_TRUE(Robots::ForResponse(0, "", "storyline").Allowed("/robots.txt"));
  EXPECT_TRUE(Robots::AllowAll().Allowed("/a"));
  EXPECT_FALSE(Robots::DisallowAll().Allowed("/"));
}

TEST(Robots, BodyOver500KibIsTruncated) {
  std::string body = "User-agent: *\n";
  while (body.size() < Robots::kMaxBytes - 20) body += "Allow: /filler\n";
  body.resize(Robots::kMaxBytes - 5, '\n');
  body += "Disallow: /late\n";  // straddles the limit: cut to "Disal"
  body += "Disallow: /later\n";
  const Robots r = Robots::Parse(body, "storyline");
  EXPECT_TRUE(r.Allowed("/late"));
  EXPECT_TRUE(r.Allowed("/later"));
}

TEST(Robots, PathologicalPatternsStayFast) {
  std::string pattern = "User-agent: *\nDisallow: /";
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "$\n";
  const Robots r = Robots::Parse(pattern, "storyline");
  EXPECT_TRUE(r.Allowed("/" + std::string(5000, 'a') + "b"));
}

TEST(Robots, SitemapsAnywhere) {
  const Robots r = Robots::Parse(
      "Sitemap: https://a.example/s1.xml\nUser-agent: *\nSitemap: https://a.example/s2.xml\n"
      "Disallow: /x\n",
      "storyline");
  ASSERT_EQ(r.sitemaps().size(), 2u);
  EXPECT_EQ(r.sitemaps()[1], "https://a.example/s2.xml");
  EXPECT_FALSE(r.Allowed("/x"));
}

}  // namespace
}  // namespace storyline::fetch

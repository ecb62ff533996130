#include "extract/url.h"

#include <gtest/gtest.h>

namespace storyline::extract {
namespace {

TEST(UrlTest, Canonicalizes) {
  EXPECT_EQ(CanonicalUrl("HTTPS://WWW.Example.COM:443/a/B?utm_source=x&id=3&fbclid=y#top"),
            "https://www.example.com/a/B?id=3");
  EXPECT_EQ(CanonicalUrl("http://example.com"), "http://example.com/");
  EXPECT_EQ(CanonicalUrl("http://example.com:8080/x?"), "http://example.com:8080/x");
  EXPECT_EQ(CanonicalUrl("ftp://example.com/x"), "");
  EXPECT_EQ(CanonicalUrl("not a url"), "");
}

TEST(UrlTest, RecognisesUrls) {
  EXPECT_TRUE(IsHttpUrl("https://sputnikglobe.com/20251107/x-1123073323.html"));
  EXPECT_FALSE(IsHttpUrl("https://sputnikglobe.com/a b"));
  EXPECT_FALSE(IsHttpUrl("sputnikglobe.com"));
  EXPECT_FALSE(IsHttpUrl("https://localhost"));
}

TEST(UrlTest, HostAndResolve) {
  EXPECT_EQ(HostOf("https://www.rt.com/news/1/"), "rt.com");
  EXPECT_EQ(HostOf("https://user@news.example.org:8443/x"), "news.example.org");
  EXPECT_EQ(ResolveUrl("https://a.org/news/x.html", "/y"), "https://a.org/y");
  EXPECT_EQ(ResolveUrl("https://a.org/news/x.html", "z.html"), "https://a.org/news/z.html");
  EXPECT_EQ(ResolveUrl("https://a.org/news/x.html", "//b.org/q"), "https://b.org/q");
  EXPECT_EQ(ResolveUrl("https://a.org/news/x.html", "https://c.org/"), "https://c.org/");
}

}  // namespace
}  // namespace storyline::extract

#include "fetch/url.h"

#include <gtest/gtest.h>

namespace storyline::fetch {
namespace {

TEST(NormalizeUrl, CanonicalPartsAndEmptyPath) {
  EXPECT_EQ(NormalizeUrl("HTTP://Example.COM"), "http://example.com/");
  EXPECT_EQ(NormalizeUrl("https://example.com:443/a?b=1#frag"), "https://example.com/a?b=1");
  EXPECT_EQ(NormalizeUrl("http://example.com:80/"), "http://example.com/");
  EXPECT_EQ(NormalizeUrl("http://example.com:8080/x"), "http://example.com:8080/x");
  EXPECT_EQ(NormalizeUrl("http://example.com?q=1"), "http://example.com/?q=1");
}

TEST(NormalizeUrl, TrackingParametersRemoved) {
  EXPECT_EQ(NormalizeUrl("https://example.com/a?utm_source=x&id=7&fbclid=abc"),
            "https://example.com/a?id=7");
  EXPECT_EQ(NormalizeUrl("https://example.com/a?gclid=1"), "https://example.com/a");
}

TEST(NormalizeUrl, DotSegmentsRemoved) {
  EXPECT_EQ(NormalizeUrl("http://example.com/a/b/../c/./d"), "http://example.com/a/c/d");
  EXPECT_EQ(NormalizeUrl("http://example.com/a/b/.."), "http://example.com/a/");
  EXPECT_EQ(NormalizeUrl("http://example.com/../../x"), "http://example.com/x");
  EXPECT_EQ(NormalizeUrl("http://example.com/a/./"), "http://example.com/a/");
}

TEST(NormalizeUrl, PercentEncodingNormalised) {
  EXPECT_EQ(NormalizeUrl("http://example.com/%7euser/%2fx%3a"), "http://example.com/~user/%2Fx%3A");
  EXPECT_EQ(NormalizeUrl("http://example.com/a%41b"), "http://example.com/aAb");
  EXPECT_EQ(NormalizeUrl("http://example.com/100%"), "http://example.com/100%25");
  EXPECT_EQ(NormalizeUrl("http://example.com/caf\xC3\xA9"), "http://example.com/caf%C3%A9");
  EXPECT_EQ(NormalizeUrl("http://example.com/?q=a%2bb"), "http://example.com/?q=a%2Bb");
  // Two spellings of one URL normalise alike.
  EXPECT_EQ(NormalizeUrl("http://Example.com/%7Ea/./b"), NormalizeUrl("http://example.com/~a/b"));
}

TEST(NormalizeUrl, NotHttpIsEmpty) {
  EXPECT_EQ(NormalizeUrl("ftp://example.com/x"), "");
  EXPECT_EQ(NormalizeUrl("mailto:a@example.com"), "");
  EXPECT_EQ(NormalizeUrl("/relative/path"), "");
  EXPECT_EQ(NormalizeUrl(""), "");
  EXPECT_EQ(NormalizeUrl("http:///nohost"), "");
}

TEST(RegistrableDomain, PublicSuffixList) {
  EXPECT_EQ(RegistrableDomain("news.bbc.co.uk"), "bbc.co.uk");
  EXPECT_EQ(RegistrableDomain("www.nytimes.com"), "nytimes.com");
  EXPECT_EQ(RegistrableDomain("nytimes.com"), "nytimes.com");
  EXPECT_EQ(RegistrableDomain("a.b.example.com.au"), "example.com.au");
  EXPECT_EQ(RegistrableDomain("WWW.Example.ORG."), "example.org");
  EXPECT_EQ(RegistrableDomain("foo.github.io"), "foo.github.io");  // private suffix
}

TEST(RegistrableDomain, HostItselfForIpsAndSingleLabels) {
  EXPECT_EQ(RegistrableDomain("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(RegistrableDomain("[::1]"), "[::1]");
  EXPECT_EQ(RegistrableDomain("localhost"), "localhost");
  EXPECT_EQ(RegistrableDomain("co.uk"), "co.uk");
}

TEST(HostKey, SchemeHostAndPort) {
  EXPECT_EQ(HostKey("https://Example.com/a"), "https://example.com:443");
  EXPECT_EQ(HostKey("http://example.com/a"), "http://example.com:80");
  EXPECT_EQ(HostKey("http://127.0.0.1:8080/x"), "http://127.0.0.1:8080");
  EXPECT_EQ(HostKey("http://[::1]:9000/x"), "http://[::1]:9000");
  EXPECT_EQ(HostKey("http://[::1]/x"), "http://[::1]:80");
  EXPECT_NE(HostKey("http://example.com/"), HostKey("https://example.com/"));
  EXPECT_EQ(HostKey("ftp://example.com/"), "");
}

TEST(ResolveAndNormalize, References) {
  const std::string base = "http://example.com/a/b/c?x=1";
  EXPECT_EQ(ResolveAndNormalize(base, "/new"), "http://example.com/new");
  EXPECT_EQ(ResolveAndNormalize(base, "d"), "http://example.com/a/b/d");
  EXPECT_EQ(ResolveAndNormalize(base, "../d"), "http://example.com/a/d");
  EXPECT_EQ(ResolveAndNormalize(base, "?p=2"), "http://example.com/a/b/c?p=2");
  EXPECT_EQ(ResolveAndNormalize(base, "//other.org/x"), "http://other.org/x");
  EXPECT_EQ(ResolveAndNormalize(base, "https://localhost:8443/y"), "https://localhost:8443/y");
  EXPECT_EQ(ResolveAndNormalize(base, "mailto:x@example.com"), "");
  EXPECT_EQ(ResolveAndNormalize(base, ""), "");
  EXPECT_EQ(PathAndQuery("http://example.com/a?b"), "/a?b");
  EXPECT_EQ(PathAndQuery("http://example.com"), "/");
}

}  // namespace
}  // namespace storyline::fetch

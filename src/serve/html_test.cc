#include "serve/html.h"
#include "serve/pages.h"

#include <gtest/gtest.h>

namespace storyline::serve {
namespace {

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(EscapeHtml("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(EscapeHtml("a \"b\" & c"), "a &quot;b&quot; &amp; c");
  EXPECT_EQ(EscapeHtml("</textarea><img src=x onerror=alert(1)>"),
            "&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;");
}

TEST(EscapeHtml, ReplacesInvalidUtf8AndDropsControls) {
  EXPECT_EQ(EscapeHtml("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(EscapeHtml(std::string("a\0b\x01" "c", 5)), "abc");
  EXPECT_EQ(EscapeHtml("Пе́сков — “да”"), "Пе́сков — “да”");
  EXPECT_EQ(EscapeHtml("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(SafeHref, KeepsOnlyHttpAndHttps) {
  EXPECT_EQ(SafeHref("https://example.com/a?b=c"), "https://example.com/a?b=c");
  EXPECT_EQ(SafeHref("HTTP://Example.com/"), "HTTP://Example.com/");
  EXPECT_EQ(SafeHref("javascript:alert(1)"), "");
  EXPECT_EQ(SafeHref("JaVaScRiPt:alert(1)"), "");
  EXPECT_EQ(SafeHref(" https://example.com"), "");
  EXPECT_EQ(SafeHref("data:text/html,<script>"), "");
  EXPECT_EQ(SafeHref("//evil.example"), "");
  EXPECT_EQ(SafeHref("https://a.example/\"onmouseover=alert(1)"), "");
  EXPECT_EQ(SafeHref("https://"), "");
  EXPECT_EQ(SafeHref("http://a b"), "");
}

TEST(HtmlWriter, LinksAreSafe) {
  HtmlWriter h;
  h.Link("javascript:alert(1)", "<b>x</b>");
  EXPECT_EQ(h.str(), "&lt;b&gt;x&lt;/b&gt;");
  HtmlWriter local;
  local.Link("/stories/1", "a & b");
  EXPECT_EQ(local.str(), "<a href=\"/stories/1\">a &amp; b</a>");
  HtmlWriter slashes;
  slashes.Link("//evil.example/", "x");
  EXPECT_EQ(slashes.str(), "x");
  HtmlWriter backslash;
  backslash.Link("/\\evil.example/", "x");
  EXPECT_EQ(backslash.str(), "x");
  HtmlWriter attr;
  attr.Raw("<p").Attr("title", "\" onclick=\"x").Raw(">");
  EXPECT_EQ(attr.str(), "<p title=\"&quot; onclick=&quot;x\">");
}

TEST(UrlEncode, EncodesReserved) {
  EXPECT_EQ(UrlEncode("RIA Novosti & co/x"), "RIA%20Novosti%20%26%20co%2Fx");
  EXPECT_EQ(UrlEncode("a-b_c.d~"), "a-b_c.d~");
}

TEST(SafeSnippet, KeepsMarkOnly) {
  EXPECT_EQ(SafeSnippet("a <mark>b</mark> &amp; \"c\""), "a <mark>b</mark> &amp; \"c\"");
  EXPECT_EQ(SafeSnippet("<mark>b</mark><img src=x onerror=alert(1)>"),
            "&lt;mark&gt;b&lt;/mark&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(SafeSnippet("<mark onclick=\"x\">b</mark>"),
            "&lt;mark onclick=&quot;x&quot;&gt;b&lt;/mark&gt;");
}

}  // namespace
}  // namespace storyline::serve

// Hostile input end to end through read → extract: every case ends in a clear result or a
// clear error naming the input, within the configured limits.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "extract/extract.h"
#include "read/reader.h"

namespace storyline::extract {
namespace {

struct Outcome {
  std::vector<Result<Extraction>> pages;
  std::vector<Status> read_errors;
};

Outcome ReadAndExtract(const std::string& bytes, size_t max_bytes = 64u << 20) {
  read::ReadOptions options;
  options.max_bytes = max_bytes;
  ExtractOptions extract_options;
  extract_options.now_unix = 1767225600;
  Outcome out;
  read::ReadBytes("hostile.html", bytes, options, [&](Result<read::Document> doc) {
    if (!doc.ok()) {
      out.read_errors.push_back(doc.status());
      return;
    }
    out.pages.push_back(Extract(*doc, extract_options));
  });
  return out;
}

std::string Paragraphs(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    s += "<p>The committee met again on Tuesday to discuss the budget, the schedule and the "
         "open questions that remain after the last session, officials said.</p>";
  }
  return s;
}

TEST(HostileTest, FiftyMegabytesOfNestedDivs) {
  std::string html = "<html><body>" + Paragraphs(5);
  const size_t depth = (50u << 20) / 5;
  html.reserve(depth * 5 + 1000);
  for (size_t i = 0; i < depth; ++i) html += "<div>";
  html += "deep</body></html>";
  const auto start = std::chrono::steady_clock::now();
  Outcome o = ReadAndExtract(html);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(o.pages.size() + o.read_errors.size(), 1u);
  if (!o.pages.empty() && o.pages[0].ok()) {
    EXPECT_EQ(o.pages[0]->article.paragraphs.size(), 5u);
  }
  std::printf("50 MB of nested divs: %.2f s\n", secs);
}

TEST(HostileTest, FiftyMegabytesOfFlatDivsIsOverTheDefaultLimit) {
  std::string html = "<html><body>" + Paragraphs(3);
  while (html.size() < (50u << 20)) html += "<div>x</div>";
  Outcome o = ReadAndExtract(html, 16u << 20);
  ASSERT_EQ(o.read_errors.size(), 1u);
  EXPECT_EQ(o.read_errors[0].code(), StatusCode::kTooLarge);
  EXPECT_NE(o.read_errors[0].message().find("hostile.html"), std::string::npos);
}

TEST(HostileTest, ScriptOnlyPageIsRejectedWithAReason) {
  Outcome o = ReadAndExtract(
      "<!DOCTYPE html><html><head><script>var a = '<p>not text</p>';</script></head>"
      "<body><script>document.write('<p>' + a + '</p>')</script><noscript>Enable JS</noscript>"
      "</body></html>");
  ASSERT_EQ(o.pages.size(), 1u);
  ASSERT_FALSE(o.pages[0].ok());
  EXPECT_NE(o.pages[0].status().message().find("hostile.html: no article text"), std::string::npos)
      << o.pages[0].status().ToString();
}

TEST(HostileTest, MisdeclaredCharsetStillGivesUtf8) {
  // Declares Windows-1251 but the bytes are UTF-8: the bytes win.
  Outcome o = ReadAndExtract("<html><head><meta charset=windows-1251></head><body>" +
                             Paragraphs(2) + "<p>Песков сказал, что саммит обязательно состоится в "
                             "Будапеште, когда стороны будут готовы.</p></body></html>");
  ASSERT_EQ(o.pages.size(), 1u);
  ASSERT_TRUE(o.pages[0].ok()) << o.pages[0].status().ToString();
  EXPECT_NE(o.pages[0]->article.text.find("Песков"), std::string::npos);
}

TEST(HostileTest, MarkupInTextIsNeverInterpreted) {
  Outcome o = ReadAndExtract("<html><body>" + Paragraphs(2) +
                             "<p>&lt;script&gt;alert(1)&lt;/script&gt; was the payload the "
                             "researchers found in the comment field of the form.</p></body></html>");
  ASSERT_EQ(o.pages.size(), 1u);
  ASSERT_TRUE(o.pages[0].ok());
  // Entities decode to the literal text; it stays text (escaping is the renderer's job).
  EXPECT_NE(o.pages[0]->article.text.find("<script>alert(1)</script> was the payload"),
            std::string::npos);
}

TEST(HostileTest, ControlBytesAndNulsAreBinary) {
  std::string bytes = "<html><body><p>text";
  bytes += std::string(64, '\0');
  Outcome o = ReadAndExtract(bytes);
  ASSERT_EQ(o.read_errors.size(), 1u);
  EXPECT_NE(o.read_errors[0].message().find("binary"), std::string::npos);
}

}  // namespace
}  // namespace storyline::extract

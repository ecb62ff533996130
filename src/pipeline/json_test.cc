#include "pipeline/json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace storyline::pipeline {
namespace {

TEST(JsonTest, ArticleFieldsAndNulls) {
  Article a;
  a.id = 7;
  a.source_file = "x.txt";
  a.title = "Title \"quoted\" <b>";
  a.authors = {"A"};
  a.text = "Body.";
  a.paragraphs = {"Body."};
  a.content_hash = "00112233aabbccdd";
  a.published = Timestamp::FromIso8601("2025-11-07T12:20:00+00:00");
  auto j = nlohmann::json::parse(ArticleToJson(a, {.include_text = true}));
  EXPECT_EQ(j["id"], 7);
  EXPECT_EQ(j["title"], "Title \"quoted\" <b>");
  EXPECT_EQ(j["published"], "2025-11-07T12:20:00+00:00");
  EXPECT_TRUE(j["url"].is_null());
  EXPECT_TRUE(j["story"].is_null());
  EXPECT_EQ(j["text"], "Body.");
  auto brief = nlohmann::json::parse(ArticleToJson(a, {.include_text = false}));
  EXPECT_FALSE(brief.contains("text"));
}

TEST(JsonTest, InvalidUtf8IsReplacedNotEmitted) {
  Article a;
  a.title = std::string("bad \xff byte");
  const std::string line = ArticleToJson(a, {});
  EXPECT_NO_THROW(nlohmann::json::parse(line));
  EXPECT_EQ(line.find('\xff'), std::string::npos);
}

TEST(JsonTest, RejectedPageHasErrorAndNulls) {
  PageResult page{"junk.bin", Status::BadInput("junk.bin: PDF document, not a page")};
  auto j = nlohmann::json::parse(PageResultToJson(page));
  EXPECT_EQ(j["source_file"], "junk.bin");
  EXPECT_TRUE(j["title"].is_null());
  EXPECT_EQ(j["error"], "bad input: junk.bin: PDF document, not a page");
  EXPECT_TRUE(j["related"].is_array());
}

TEST(JsonTest, EmptyPageHasItsMetadataAndAnError) {
  extract::Extraction e;
  e.kind = extract::PageKind::kEmpty;
  e.article.source_file = "shell.html";
  e.article.title = "Best first telescope?";
  auto j = nlohmann::json::parse(PageResultToJson(PageResult{"shell.html", std::move(e)}));
  EXPECT_EQ(j["kind"], "empty");
  EXPECT_EQ(j["title"], "Best first telescope?");
  EXPECT_TRUE(j["text"].is_null());
  EXPECT_EQ(j["error"], "bad input: shell.html: no article text found");
}

}  // namespace
}  // namespace storyline::pipeline

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/pipeline.h"

namespace storyline::pipeline {
namespace {

namespace fs = std::filesystem;

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_ingest_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    auto store = Store::Open((dir_ / "db").string(), {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  std::string Write(const std::string& name, std::string_view bytes) {
    const fs::path p = dir_ / "in" / name;
    std::ofstream(p, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

  Result<IngestReport> Run(const std::vector<std::string>& inputs,
                           std::vector<IngestEvent>* events = nullptr) {
    PipelineOptions options;
    options.batch_size = 2;
    options.extract.now_unix = 1767225600;
    return Ingest(*store_, inputs, options, [&](const IngestEvent& e) {
      if (events) events->push_back(e);
    });
  }

  static std::string Page(const std::string& title, const std::string& body) {
    return title + "\n7 NOV 2025 12:28\n" + body + "\n";
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

const std::string kSeeds = std::string(STORYLINE_SOURCE_DIR) + "/examples/seeds";

TEST_F(IngestTest, SeedsAreStoredOnceAndRelatedArticlesSplitOff) {
  auto first = Run({kSeeds});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->read, 5u);
  EXPECT_EQ(first->rejected, 0u);
  EXPECT_EQ(first->related_split, 3u);  // the three RT articles appended to seed 004
  EXPECT_EQ(first->stored_new, 8u);
  EXPECT_EQ(*store_->CountArticles(), 8);

  auto second = Run({kSeeds});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->stored_new, 0u);
  EXPECT_EQ(second->already_known, 8u);
  EXPECT_EQ(*store_->CountArticles(), 8);
}

TEST_F(IngestTest, SameContentUnderOtherChromeIsAlreadyKnown) {
  const std::string body =
      "The council voted on Tuesday to extend the program for another two years, officials said.";
  ASSERT_TRUE(Run({Write("a.txt", Page("Council extends program", body))}).ok());
  std::vector<IngestEvent> events;
  auto r =
      Run({Write("b.txt", "Sign Up\n" + Page("Council extends program", body) + "Related Reads\n")},
          &events);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->already_known, 1u);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].outcome, IngestOutcome::kAlreadyKnown);
  EXPECT_EQ(events[0].article_id, 1);
}

TEST_F(IngestTest, BadInputsAreRejectedAndStoredDataIsUntouched) {
  ASSERT_TRUE(Run({kSeeds}).ok());
  auto before = store_->Get(1);
  ASSERT_TRUE(before.ok());

  std::vector<IngestEvent> events;
  auto r = Run({Write("empty.txt", ""), Write("x.pdf", "%PDF-1.4 binary"),
                Write("menu.txt", "Home\nMenu\nSign Up\n"),
                Write("ok.txt", Page("Fresh headline here",
                                     "A completely new paragraph about a different event "
                                     "happened today in the city centre.")),
                (dir_ / "missing.txt").string()},
               &events);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rejected, 4u);
  EXPECT_EQ(r->stored_new, 1u);
  size_t rejected_named = 0;
  for (const auto& e : events) {
    if (e.outcome != IngestOutcome::kRejected) continue;
    EXPECT_NE(e.reason.message().find(e.source), std::string::npos) << e.reason.message();
    ++rejected_named;
  }
  EXPECT_EQ(rejected_named, 4u);
  auto after = store_->Get(1);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->text, before->text);
  EXPECT_EQ(after->title, before->title);
}

TEST_F(IngestTest, RelatedArticlesNeedEnoughText) {
  extract::Extraction page;
  page.article.source_file = "p.txt";
  page.related.push_back({"Short teaser", "", "", std::nullopt, "Too short."});
  std::string long_text;
  for (int i = 0; i < 60; ++i) long_text += "word ";
  page.related.push_back({"Long one", "Outlet", "", std::nullopt, long_text});
  auto related = RelatedArticles(page, 50);
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].source_file, "p.txt#related-2");
  EXPECT_EQ(related[0].outlet, "Outlet");
  EXPECT_EQ(related[0].content_hash.size(), 16u);
}

}  // namespace
}  // namespace storyline::pipeline

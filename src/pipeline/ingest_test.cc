#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

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

// Every field of a coverage comparison, so that two can be compared whole.
std::string Flatten(const StoryCoverage& c) {
  std::string out;
  auto add = [&out](const auto& value) {
    std::ostringstream s;
    s.precision(17);
    s << value << '|';
    out += s.str();
  };
  auto span = [&](const TextSpan& t) {
    add(t.begin);
    add(t.end);
    add(t.text);
    for (const auto& [b, e] : t.fragments) add(std::to_string(b) + "-" + std::to_string(e));
  };
  for (int64_t id : c.article_ids) add(id);
  for (const summarize::OutletCoverage& o : c.coverage.outlets) {
    add(o.article);
    add(o.outlet);
    add(o.source_file);
    for (const summarize::SummarySentence& sentence : o.only_here) {
      add(sentence.text);
      add(sentence.begin);
      add(sentence.end);
      add(sentence.article);
      add(sentence.outlet);
      add(sentence.source_file);
      add(sentence.score);
      for (size_t a : sentence.also_in) add(a);
      add(sentence.speaker);
    }
    for (const summarize::OutletQuote& q : o.quotes) {
      span(q.quote.content);
      add(q.quote.cue.has_value());
      if (q.quote.cue) span(*q.quote.cue);
      add(q.quote.source.has_value());
      if (q.quote.source) span(*q.quote.source);
      add(q.quote.speaker);
      add(q.quote.speaker_name);
      add(q.quote.direct);
      add(q.only_here);
    }
  }
  for (const summarize::WordingDifference& w : c.coverage.wording) {
    add(w.a);
    add(w.b);
    add(w.article_a);
    add(w.article_b);
    add(w.count);
    add(w.example_a);
    add(w.example_b);
  }
  return out;
}

TEST_F(IngestTest, StoredCoverageIsWhatComparingGivesAndStaleOnesAreRecomputed) {
  ASSERT_TRUE(Run({kSeeds}).ok());
  const PipelineOptions options;
  auto stories = store_->ListStories({});
  ASSERT_TRUE(stories.ok());
  ASSERT_GE(stories->size(), 2u);
  size_t with_quotes = 0;
  std::map<int64_t, std::string> fresh;
  for (const Story& story : *stories) {
    // Ingest stored every story's coverage, and reading it gives what computing gives.
    auto stored = store_->GetStoryCoverage(story.id);
    ASSERT_TRUE(stored.ok());
    ASSERT_TRUE(stored->has_value()) << "story " << story.id;
    auto articles = StoryArticles(*store_, story.id, options);
    ASSERT_TRUE(articles.ok());
    StoryCoverage computed;
    for (const summarize::StoryArticle& a : *articles) {
      computed.article_ids.push_back(std::stoll(a.source_file));
    }
    computed.coverage = summarize::CompareCoverage(*articles);
    auto read = CompareStoryCoverage(*store_, story.id, options);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(Flatten(*read), Flatten(computed)) << "story " << story.id;
    for (const auto& o : computed.coverage.outlets) with_quotes += o.quotes.size();
    fresh[story.id] = Flatten(computed);
  }
  EXPECT_GT(with_quotes, 0u);  // the encoding was tried on quotes too

  const int64_t a = stories->front().id;
  const int64_t b = stories->back().id;
  auto stored_a = store_->GetStoryCoverage(a);
  auto stored_b = store_->GetStoryCoverage(b);
  ASSERT_TRUE(stored_a.ok() && stored_b.ok());
  // What is stored is what is shown: b's inputs with a's comparison show a's.
  ASSERT_TRUE(
      store_->PutStoryCoverage({{b, {(*stored_b)->inputs, (*stored_a)->coverage}}}).ok());
  auto swapped = CompareStoryCoverage(*store_, b, options);
  ASSERT_TRUE(swapped.ok());
  EXPECT_EQ(Flatten(*swapped), fresh[a]);
  // Stored for other inputs (the story changed since): computed again.
  ASSERT_TRUE(store_->PutStoryCoverage({{b, {"other inputs", (*stored_a)->coverage}}}).ok());
  auto stale = CompareStoryCoverage(*store_, b, options);
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(Flatten(*stale), fresh[b]);
  // Not our encoding (cut short, or garbage): computed again.
  const std::string& encoded = (*stored_a)->coverage;
  for (const std::string& bad : {encoded.substr(0, encoded.size() / 2), std::string("9999;x"),
                                 std::string("")}) {
    ASSERT_TRUE(store_->PutStoryCoverage({{a, {(*stored_a)->inputs, bad}}}).ok());
    auto broken = CompareStoryCoverage(*store_, a, options);
    ASSERT_TRUE(broken.ok());
    EXPECT_EQ(Flatten(*broken), fresh[a]);
  }
  // StoreStoryCoverage puts it right.
  ASSERT_TRUE(StoreStoryCoverage(*store_, {a, b}, options).ok());
  auto again = store_->GetStoryCoverage(a);
  ASSERT_TRUE(again.ok() && again->has_value());
  EXPECT_EQ((*again)->coverage, encoded);
  EXPECT_EQ((*again)->inputs, (*stored_a)->inputs);
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

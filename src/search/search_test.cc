#include "search/search.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "storyline/store.h"
#include "store/temp_dir_for_tests.h"

namespace storyline::search {
namespace {

namespace fs = std::filesystem;

using storyline::testing::TempDir;

Article MakeArticle(const std::string& key, const std::string& outlet, const std::string& title,
                    const std::string& text, const std::string& published) {
  Article a;
  a.source_file = "seeds/" + key + ".html";
  a.url = "https://" + FilterKey(outlet) + ".example/" + key;
  a.canonical_url = a.url;
  a.outlet = outlet;
  a.title = title;
  a.language = "en";
  a.paragraphs = {text};
  a.text = text;
  a.content_hash = "hash-" + key;
  if (!published.empty()) a.published = Timestamp::FromIso8601(published);
  return a;
}

ArticleAnalysis Analysis(const std::vector<std::pair<std::string, std::string>>& people,
                         const std::string& speaker = "", const std::string& speaker_name = "") {
  ArticleAnalysis analysis;
  for (const auto& [id, name] : people) analysis.people.push_back({id, name, {}, 1});
  size_t at = 0;  // mentions at distinct offsets
  for (const auto& [id, name] : people) {
    analysis.entities.push_back({at, at + name.size(), "PER", name, id});
    at += name.size() + 1;
  }
  if (!speaker.empty()) {
    QuoteRecord q;
    q.content = {0, 5, "words", {}};
    q.speaker = speaker;
    q.speaker_name = speaker_name;
    q.direct = true;
    analysis.quotes.push_back(q);
  }
  return analysis;
}

// The corpus every test searches: stored, analyzed, linked into stories.
class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(tmp_.Sub("store"), {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    const std::vector<Article> articles = {
        MakeArticle("kremlin", "Sputnik", "Kremlin welcomes Budapest summit",
                    "Dmitry Peskov said the Kremlin would welcome a summit in Budapest. "
                    "Peskov added that preparations continue.",
                    "2025-11-03T09:00:00Z"),
        MakeArticle("postponed", "Reuters", "Budapest summit postponed",
                    "The Budapest summit between the two presidents was postponed, Sergei "
                    "Lavrov told reporters after talks with Peskov.",
                    "2025-11-10T15:30:00Z"),
        MakeArticle("talks", "BBC News", "Talks on a summit",
                    "Diplomats met in Budapest for talks about a possible summit next year.",
                    "2025-10-28"),
        MakeArticle("hostile", "Example", "A page with a script",
                    "Before <script>alert(1)</script> the summit & the \"talks\" resumed.",
                    "2025-11-20"),
        MakeArticle("football", "Sputnik", "Football results",
                    "Zenit beat Spartak two goals to one in the derby on Sunday.", "2025-11-05"),
        MakeArticle("ceasefire-title", "Reuters", "Ceasefire agreed",
                    "The two sides signed a document on Tuesday after long negotiations.",
                    "2025-11-12"),
        MakeArticle("ceasefire-body", "BBC News", "Negotiations end",
                    "The two sides signed a document on Tuesday; a ceasefire was part of it.",
                    "2025-11-13"),
    };
    Article copy = articles[0];  // syndicated word for word at another outlet
    copy.outlet = "RT";
    copy.url = copy.canonical_url = "https://rt.example/kremlin";
    copy.published = Timestamp::FromIso8601("2025-11-03T10:00:00Z");
    std::vector<Article> all = articles;
    all.push_back(copy);
    auto put = store_->PutBatch(all);
    ASSERT_TRUE(put.ok()) << put.status().ToString();
    for (const PutResult& p : *put) {
      ASSERT_EQ(p.outcome, PutOutcome::kNew);
      ids_.push_back(p.id);
    }
    kremlin_ = ids_[0], postponed_ = ids_[1], talks_ = ids_[2], hostile_ = ids_[3];
    football_ = ids_[4], ceasefire_title_ = ids_[5], ceasefire_body_ = ids_[6], copy_ = ids_[7];
  }

  // People, quotes and stories, as the later stages would store them.
  void Analyze() {
    ASSERT_TRUE(
        store_
            ->PutAnalyses({
                {kremlin_,
                 Analysis({{"dmitri-peskov", "Dmitry Peskov"}}, "dmitri-peskov", "Dmitry Peskov")},
                {postponed_,
                 Analysis({{"sergei-lavrov", "Sergei Lavrov"}, {"dmitri-peskov", "Dmitry Peskov"}},
                          "sergei-lavrov", "Sergei Lavrov")},
                {copy_,
                 Analysis({{"dmitri-peskov", "Dmitry Peskov"}}, "dmitri-peskov", "Dmitry Peskov")},
            })
            .ok());
    ASSERT_TRUE(
        store_
            ->SetLinks({{1, "Budapest summit"}, {2, "Derby"}}, {{kremlin_, 1, {}, "", {}},
                                                                {postponed_, 1, {}, "", {}},
                                                                {talks_, 1, {}, "", {}},
                                                                {copy_, 1, kremlin_, "exact", 1.0},
                                                                {football_, 2, {}, "", {}}})
            .ok());
  }

  std::unique_ptr<SearchIndex> OpenIndex(const std::string& name, SearchIndexOptions options = {}) {
    auto index = SearchIndex::Open(tmp_.Sub(name), options);
    EXPECT_TRUE(index.ok()) << index.status().ToString();
    return index.ok() ? std::move(*index) : nullptr;
  }

  // The whole corpus, analyzed, indexed article by article.
  std::unique_ptr<SearchIndex> IndexedCorpus() {
    Analyze();
    auto index = OpenIndex("index");
    if (index == nullptr) return nullptr;
    Status s = IndexArticles(*store_, *index, ids_);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return index;
  }

  SearchResults MustSearch(const SearchIndex& index, SearchQuery query) {
    auto results = index.Search(query);
    EXPECT_TRUE(results.ok()) << query.text << ": " << results.status().ToString();
    return results.ok() ? std::move(*results) : SearchResults{};
  }

  std::vector<int64_t> Ids(const SearchIndex& index, SearchQuery query) {
    std::vector<int64_t> ids;
    for (const Hit& h : MustSearch(index, std::move(query)).hits) ids.push_back(h.article_id);
    return ids;
  }

  static std::vector<int64_t> Sorted(std::vector<int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  TempDir tmp_;
  std::unique_ptr<Store> store_;
  std::vector<int64_t> ids_;
  int64_t kremlin_ = 0, postponed_ = 0, talks_ = 0, hostile_ = 0, football_ = 0,
          ceasefire_title_ = 0, ceasefire_body_ = 0, copy_ = 0;
};

TEST_F(SearchTest, FindsWordsWithStemmingAndAllWordsRequired) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(Sorted(Ids(*index, {.text = "budapest summit"})),
            Sorted({kremlin_, postponed_, talks_, copy_}));
  // "welcomed" and "welcomes" share the stem "welcom".
  EXPECT_EQ(Sorted(Ids(*index, {.text = "welcomed"})), Sorted({kremlin_, copy_}));
  EXPECT_EQ(Ids(*index, {.text = "zenit"}), std::vector<int64_t>{football_});
  EXPECT_TRUE(Ids(*index, {.text = "zenit budapest"}).empty());
  EXPECT_EQ(Ids(*index, {.text = "nonexistentword"}), std::vector<int64_t>{});
  auto count = index->Count();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 8);
}

TEST_F(SearchTest, RanksTitleWordsAboveBodyWords) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  SearchResults r = MustSearch(*index, {.text = "ceasefire"});
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].article_id, ceasefire_title_);
  EXPECT_EQ(r.hits[1].article_id, ceasefire_body_);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_EQ(r.hits[0].title, "Ceasefire agreed");
  EXPECT_EQ(r.hits[0].outlet, "Reuters");
  ASSERT_TRUE(r.hits[0].published.has_value());
  EXPECT_EQ(r.hits[0].published->ToIso8601(), "2025-11-12");
  EXPECT_EQ(Ids(*index, {.text = "title:ceasefire"}), std::vector<int64_t>{ceasefire_title_});
}

TEST_F(SearchTest, PhrasesMatchWordsInOrder) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  // "talks" has both words but not side by side.
  EXPECT_EQ(Sorted(Ids(*index, {.text = "\"budapest summit\""})),
            Sorted({kremlin_, postponed_, copy_}));
  EXPECT_EQ(Ids(*index, {.text = "\"summit between the two presidents\""}),
            std::vector<int64_t>{postponed_});
  // A phrase does not run from the title into the body.
  EXPECT_TRUE(Ids(*index, {.text = "\"summit dmitry\""}).empty());
}

TEST_F(SearchTest, BooleanOperators) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(Sorted(Ids(*index, {.text = "zenit OR ceasefire"})),
            Sorted({football_, ceasefire_title_, ceasefire_body_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit NOT budapest"})), Sorted({hostile_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit -kremlin"})),
            Sorted({postponed_, talks_, hostile_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "(zenit OR lavrov) AND talks"})), Sorted({postponed_}));
}

TEST_F(SearchTest, FiltersByOutletPersonSpeakerStoryAndLanguage) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(Ids(*index, {.text = "summit outlet:sputnik"}), std::vector<int64_t>{kremlin_});
  EXPECT_EQ(Ids(*index, {.text = "summit outlet:Sputnik"}), std::vector<int64_t>{kremlin_});
  EXPECT_EQ(Sorted(Ids(*index, {.text = "outlet:bbc-news"})), Sorted({talks_, ceasefire_body_}));
  // The same filter twice is either; different filters are both.
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit outlet:sputnik outlet:rt"})),
            Sorted({kremlin_, copy_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "person:dmitri-peskov"})),
            Sorted({kremlin_, postponed_, copy_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "speaker:dmitri-peskov"})), Sorted({kremlin_, copy_}));
  EXPECT_EQ(Ids(*index, {.text = "speaker:sergei-lavrov summit"}),
            std::vector<int64_t>{postponed_});
  EXPECT_EQ(Ids(*index, {.text = "person:sergei-lavrov outlet:sputnik"}), std::vector<int64_t>{});
  EXPECT_EQ(Sorted(Ids(*index, {.text = "story:1"})),
            Sorted({kremlin_, postponed_, talks_, copy_}));
  EXPECT_EQ(Ids(*index, {.text = "story:2"}), std::vector<int64_t>{football_});
  EXPECT_EQ(Ids(*index, {.text = "zenit lang:en"}), std::vector<int64_t>{football_});
  EXPECT_TRUE(Ids(*index, {.text = "zenit lang:ru"}).empty());
  // Hits carry the story.
  SearchResults r = MustSearch(*index, {.text = "zenit"});
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].story_id, 2);
}

TEST_F(SearchTest, DateRangesInTheQueryAndInFields) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit 2025-11-01..2025-11-10"})),
            Sorted({kremlin_, postponed_, copy_}));
  // Both ends inclusive, by day.
  EXPECT_EQ(Ids(*index, {.text = "summit 2025-11-10..2025-11-10"}),
            std::vector<int64_t>{postponed_});
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit 2025-11-04.."})), Sorted({postponed_, hostile_}));
  EXPECT_EQ(Ids(*index, {.text = "summit ..2025-10-31"}), std::vector<int64_t>{talks_});
  // Months and years are whole.
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit 2025-11..2025-11"})),
            Sorted({kremlin_, postponed_, copy_, hostile_}));
  EXPECT_EQ(Ids(*index, {.text = "summit 2024..2024"}), std::vector<int64_t>{});
  EXPECT_EQ(Ids(*index, {.text = "summit 2025..2025"}).size(), 5u);
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit",
                                .from = Timestamp::FromIso8601("2025-10-01"),
                                .to = Timestamp::FromIso8601("2025-11-03")})),
            Sorted({kremlin_, talks_, copy_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "summit", .to = Timestamp::FromIso8601("2025-10-31")})),
            std::vector<int64_t>{talks_});
  EXPECT_EQ(Sorted(Ids(*index, {.text = "", .from = Timestamp::FromIso8601("2025-11-13")})),
            Sorted({ceasefire_body_, hostile_}));
}

TEST_F(SearchTest, SortsByDateNewestFirstAndPages) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  const std::vector<int64_t> newest_first = {hostile_, postponed_, copy_, kremlin_, talks_};
  EXPECT_EQ(Ids(*index, {.text = "summit", .sort = SearchQuery::Sort::kDate}), newest_first);
  EXPECT_EQ(
      Ids(*index, {.text = "summit", .sort = SearchQuery::Sort::kDate, .offset = 1, .limit = 2}),
      (std::vector<int64_t>{postponed_, copy_}));
  // Relevance order differs (title matches first) and the limit is clamped.
  SearchResults r = MustSearch(*index, {.text = "summit", .limit = 1000000});
  EXPECT_EQ(r.hits.size(), 5u);
  EXPECT_EQ(r.matches_estimated, 5);
  EXPECT_NE(Ids(*index, {.text = "summit"}), newest_first);
  // Undated articles come last.
  IndexedArticle undated;
  undated.article.id = 1000;
  undated.article.title = "Undated summit";
  ASSERT_TRUE(index->Put({undated}).ok());
  std::vector<int64_t> with_undated = newest_first;
  with_undated.push_back(1000);
  EXPECT_EQ(Ids(*index, {.text = "summit", .sort = SearchQuery::Sort::kDate}), with_undated);
  undated.article.id = int64_t{1} << 40;  // beyond Xapian's docids
  EXPECT_EQ(index->Put({undated}).code(), StatusCode::kInvalidArgument);

  SearchIndexOptions small;
  small.max_limit = 2;
  auto capped = OpenIndex("capped", small);
  ASSERT_NE(capped, nullptr);
  ASSERT_TRUE(IndexArticles(*store_, *capped, ids_).ok());
  EXPECT_EQ(MustSearch(*capped, {.text = "summit", .limit = 50}).hits.size(), 2u);
}

TEST_F(SearchTest, CountsFacets) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  SearchResults r = MustSearch(*index, {.text = "summit", .limit = 1});
  EXPECT_EQ(r.hits.size(), 1u);  // facets count every match, not the page
  auto facet = [](const std::vector<FacetValue>& values) {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
    return out;
  };
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(facet(r.outlets),
            (Counts{{"BBC News", 1}, {"Example", 1}, {"RT", 1}, {"Reuters", 1}, {"Sputnik", 1}}));
  EXPECT_EQ(facet(r.people), (Counts{{"dmitri-peskov", 3}, {"sergei-lavrov", 1}}));
  EXPECT_EQ(facet(r.months), (Counts{{"2025-10", 1}, {"2025-11", 4}}));
  r = MustSearch(*index, {.text = ""});
  EXPECT_EQ(r.matches_estimated, 8);
  EXPECT_EQ(facet(r.outlets).front(), (std::pair<std::string, int64_t>{"BBC News", 2}));
  EXPECT_TRUE(MustSearch(*index, {.text = "summit", .facets = false}).outlets.empty());
}

TEST_F(SearchTest, SnippetsAreEscapedAndMarkTheMatches) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  SearchResults r = MustSearch(*index, {.text = "alert"});
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& snippet = r.hits[0].snippet_html;
  EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("<mark>alert</mark>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&amp;"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find(" & "), std::string::npos) << snippet;
  // The only tags are ours.
  std::string stripped = snippet;
  for (const std::string tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = stripped.find(tag)) != std::string::npos;) stripped.erase(at, tag.size());
  }
  EXPECT_EQ(stripped.find('<'), std::string::npos) << snippet;

  r = MustSearch(*index, {.text = "welcomed"});
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits[0].snippet_html.find("<mark>welcome</mark>"), std::string::npos)
      << r.hits[0].snippet_html;
}

TEST_F(SearchTest, SuggestsSpellingCorrections) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  SearchResults r = MustSearch(*index, {.text = "Peskof"});
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.suggestion, "peskov");
  r = MustSearch(*index, {.text = "budapset summit outlet:sputnik"});
  EXPECT_EQ(r.suggestion, "budapest summit outlet:sputnik");
  EXPECT_EQ(MustSearch(*index, {.text = "peskov"}).suggestion, "");
}

TEST_F(SearchTest, RelatedArticlesExcludeTheArticleAndItsCopies) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  auto related = index->Related(kremlin_, 3);
  ASSERT_TRUE(related.ok()) << related.status().ToString();
  ASSERT_FALSE(related->empty());
  EXPECT_EQ((*related)[0].article_id, postponed_);
  for (const Hit& h : *related) {
    EXPECT_NE(h.article_id, kremlin_);
    EXPECT_NE(h.article_id, copy_);
  }
  related = index->Related(ceasefire_title_, 1);
  ASSERT_TRUE(related.ok());
  ASSERT_EQ(related->size(), 1u);
  EXPECT_EQ((*related)[0].article_id, ceasefire_body_);
  EXPECT_EQ(index->Related(99999, 3).status().code(), StatusCode::kNotFound);
}

TEST_F(SearchTest, PutIsIdempotentAndReplaces) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  const SearchResults before = MustSearch(*index, {.text = "summit"});
  ASSERT_TRUE(IndexArticles(*store_, *index, ids_).ok());
  ASSERT_TRUE(IndexArticles(*store_, *index, {kremlin_, kremlin_}).ok());
  EXPECT_EQ(*index->Count(), 8);
  const SearchResults after = MustSearch(*index, {.text = "summit"});
  ASSERT_EQ(after.hits.size(), before.hits.size());
  for (size_t i = 0; i < after.hits.size(); ++i) {
    EXPECT_EQ(after.hits[i].article_id, before.hits[i].article_id);
    EXPECT_EQ(after.hits[i].score, before.hits[i].score);
  }
  EXPECT_EQ(MustSearch(*index, {.text = "Peskof"}).suggestion, "peskov");

  // A new version of an article replaces the old one, words and filters.
  auto stored = store_->Get(football_);
  ASSERT_TRUE(stored.ok());
  IndexedArticle changed{*stored, {}, {}};
  changed.article.text = "Rain stopped play.";
  changed.article.outlet = "Reuters";
  ASSERT_TRUE(index->Put({changed}).ok());
  EXPECT_TRUE(Ids(*index, {.text = "zenit"}).empty());
  EXPECT_EQ(Ids(*index, {.text = "rain outlet:reuters"}), std::vector<int64_t>{football_});
  EXPECT_EQ(*index->Count(), 8);
  // Its old words are gone from the spelling data too.
  EXPECT_EQ(MustSearch(*index, {.text = "zenitt"}).suggestion, "");

  // A batch with a bad article indexes nothing.
  IndexedArticle no_id;
  no_id.article.title = "unstored";
  EXPECT_EQ(index->Put({changed, no_id}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IndexArticles(*store_, *index, {kremlin_, 424242}).code(), StatusCode::kNotFound);
  EXPECT_EQ(*index->Count(), 8);
}

// The incremental index and a rebuild from the store answer exactly alike.
TEST_F(SearchTest, ReindexAnswersExactlyAsTheIncrementalIndex) {
  auto incremental = OpenIndex("incremental");
  ASSERT_NE(incremental, nullptr);
  // As ingest would: articles as they arrive (before analysis), then again once analyzed and
  // linked, some more than once, in another order.
  ASSERT_TRUE(IndexArticles(*store_, *incremental, {ids_[0], ids_[1], ids_[2]}).ok());
  ASSERT_TRUE(
      IndexArticles(*store_, *incremental, {ids_[3], ids_[4], ids_[5], ids_[6], ids_[7]}).ok());
  Analyze();
  std::vector<int64_t> reversed(ids_.rbegin(), ids_.rend());
  ASSERT_TRUE(IndexArticles(*store_, *incremental, reversed).ok());
  ASSERT_TRUE(IndexArticles(*store_, *incremental, {kremlin_, football_}).ok());

  auto rebuilt = OpenIndex("rebuilt");
  ASSERT_NE(rebuilt, nullptr);
  ASSERT_TRUE(rebuilt->Put({IndexedArticle{*store_->Get(football_), {}, {}}}).ok());  // stale
  Status s = Reindex(*store_, *rebuilt, /*page_size=*/3);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(*rebuilt->Count(), *incremental->Count());

  const std::vector<SearchQuery> queries = {
      {.text = "summit"},
      {.text = "summit", .sort = SearchQuery::Sort::kDate},
      {.text = "\"budapest summit\""},
      {.text = "the two"},
      {.text = "peskov OR lavrov OR ceasefire"},
      {.text = "person:dmitri-peskov"},
      {.text = "speaker:sergei-lavrov OR zenit"},
      {.text = "story:1 -kremlin"},
      {.text = "Peskof"},
      {.text = "summit 2025-11-01..2025-11-30", .offset = 1, .limit = 2},
      {.text = ""},
  };
  for (const SearchQuery& q : queries) {
    SCOPED_TRACE(q.text);
    const SearchResults a = MustSearch(*incremental, q);
    const SearchResults b = MustSearch(*rebuilt, q);
    EXPECT_EQ(a.matches_estimated, b.matches_estimated);
    EXPECT_EQ(a.suggestion, b.suggestion);
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].article_id, b.hits[i].article_id);
      EXPECT_EQ(a.hits[i].score, b.hits[i].score);
      EXPECT_EQ(a.hits[i].snippet_html, b.hits[i].snippet_html);
      EXPECT_EQ(a.hits[i].story_id, b.hits[i].story_id);
    }
    for (auto facet : {&SearchResults::outlets, &SearchResults::people, &SearchResults::months}) {
      ASSERT_EQ((a.*facet).size(), (b.*facet).size());
      for (size_t i = 0; i < (a.*facet).size(); ++i) {
        EXPECT_EQ((a.*facet)[i].value, (b.*facet)[i].value);
        EXPECT_EQ((a.*facet)[i].count, (b.*facet)[i].count);
      }
    }
  }
  for (int64_t id : ids_) {
    auto ra = incremental->Related(id, 5);
    auto rb = rebuilt->Related(id, 5);
    ASSERT_TRUE(ra.ok() && rb.ok());
    ASSERT_EQ(ra->size(), rb->size());
    for (size_t i = 0; i < ra->size(); ++i) EXPECT_EQ((*ra)[i].article_id, (*rb)[i].article_id);
  }
}

TEST_F(SearchTest, BadQueriesAreInvalidArgumentsNotExceptions) {
  auto index = IndexedCorpus();
  ASSERT_NE(index, nullptr);
  for (const std::string& text :
       std::vector<std::string>{"\"budapest summit", "(zenit OR lavrov", "zenit)",
                                "summit 2025-13-45..2025-12-01", "summit 2025-11-01..yesterday",
                                "1..5", "summit..", "AND", "summit AND", "OR OR", "NOT"}) {
    auto r = index->Search({.text = text});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_FALSE(r.status().message().empty());
  }
  EXPECT_EQ(index->Search({.text = std::string(5000, 'a')}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(index->Search({.text = "summit", .offset = 1000000}).status().code(),
            StatusCode::kInvalidArgument);
  // Odd but valid input is searched, not refused.
  for (const std::string& text :
       std::vector<std::string>{"outlet:", "::", "\"\"", "-", "+", "title:", "\xff\xfe bad utf8",
                                "unclosed \xe2\x80\x9c curly"}) {
    EXPECT_TRUE(index->Search({.text = text}).ok()) << text;
  }
  EXPECT_EQ(Sorted(Ids(*index, {.text = "NOT summit"})),
            Sorted({football_, ceasefire_title_, ceasefire_body_}));
  EXPECT_EQ(Sorted(Ids(*index, {.text = "outlet:\"BBC News\""})),
            Sorted({talks_, ceasefire_body_}));
}

TEST_F(SearchTest, ReadersSeeEachCommitAndThereIsOneWriter) {
  auto writer = OpenIndex("shared");
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(IndexArticles(*store_, *writer, {kremlin_}).ok());
  SearchIndexOptions read_only;
  read_only.read_only = true;
  auto reader = OpenIndex("shared", read_only);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(*reader->Count(), 1);
  ASSERT_TRUE(IndexArticles(*store_, *writer, {postponed_, talks_}).ok());
  EXPECT_EQ(*reader->Count(), 3);
  EXPECT_EQ(Ids(*reader, {.text = "postponed"}), std::vector<int64_t>{postponed_});
  EXPECT_EQ(reader->Put({}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reader->Clear().code(), StatusCode::kInvalidArgument);

  auto second = SearchIndex::Open(tmp_.Sub("shared"));
  EXPECT_EQ(second.status().code(), StatusCode::kIoError) << second.status().ToString();

  ASSERT_TRUE(writer->Clear().ok());
  EXPECT_EQ(*writer->Count(), 0);
  EXPECT_EQ(*reader->Count(), 0);
  EXPECT_EQ(SearchIndex::Open(tmp_.Sub("missing"), read_only).status().code(),
            StatusCode::kNotFound);
}

// Facet values are kept in memory per index revision: a reader and the writer count what the
// latest commit holds, also after an article was replaced by one with other facets.
TEST_F(SearchTest, FacetsFollowEachCommit) {
  auto writer = OpenIndex("facets");
  ASSERT_NE(writer, nullptr);
  auto reader = OpenIndex("facets", {.read_only = true});
  ASSERT_NE(reader, nullptr);
  IndexedArticle a;
  a.article = MakeArticle("one", "Sputnik", "Summit news", "A summit.", "2025-11-03");
  a.article.id = 7;
  a.people = {"dmitri-peskov"};
  IndexedArticle b = a;
  b.article.id = 8;
  ASSERT_TRUE(writer->Put({a, b}).ok());
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  auto facet = [](const std::vector<FacetValue>& values) {
    Counts out;
    for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
    return out;
  };
  for (SearchIndex* index : {writer.get(), reader.get()}) {
    const SearchResults r = MustSearch(*index, {.text = "summit"});
    EXPECT_EQ(facet(r.outlets), (Counts{{"Sputnik", 2}}));
    EXPECT_EQ(facet(r.people), (Counts{{"dmitri-peskov", 2}}));
    EXPECT_EQ(facet(r.months), (Counts{{"2025-11", 2}}));
  }
  b.article.outlet = "Reuters";
  b.article.published = Timestamp::FromIso8601("2025-12-01");
  b.people = {"sergei-lavrov"};
  ASSERT_TRUE(writer->Put({b}).ok());
  for (SearchIndex* index : {writer.get(), reader.get()}) {
    const SearchResults r = MustSearch(*index, {.text = "summit"});
    EXPECT_EQ(facet(r.outlets), (Counts{{"Reuters", 1}, {"Sputnik", 1}}));
    EXPECT_EQ(facet(r.people), (Counts{{"dmitri-peskov", 1}, {"sergei-lavrov", 1}}));
    EXPECT_EQ(facet(r.months), (Counts{{"2025-11", 1}, {"2025-12", 1}}));
  }
  // Sparse ids (far apart) are counted the same way, without a slot per id.
  IndexedArticle far = a;
  far.article.id = int64_t{4000000000};
  ASSERT_TRUE(writer->Put({far}).ok());
  for (SearchIndex* index : {writer.get(), reader.get()}) {
    const SearchResults r = MustSearch(*index, {.text = "summit"});
    EXPECT_EQ(facet(r.outlets), (Counts{{"Sputnik", 2}, {"Reuters", 1}}));
    EXPECT_EQ(facet(r.people), (Counts{{"dmitri-peskov", 2}, {"sergei-lavrov", 1}}));
  }
}

// Phrases go through the pair terms of adjacent words; every shape of query that holds one
// must find what the positions alone find, and an index written before the pairs (no pair
// terms, no metadata saying it has them) must still answer the same.
TEST(PhraseTest, EveryShapeMatchesByPositionsWithOrWithoutPairTerms) {
  TempDir tmp;
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"Council votes budget", "The city council votes on the new budget today."},
      {"Budget news", "Votes were counted. Council members left."},
      {"Scams", "E-mail scams rise as council votes again and again."},
      {"Council", "votes budget"},  // "council votes" only across the title and the body
  };
  const std::vector<std::pair<std::string, std::vector<int64_t>>> expected = {
      {"\"council votes\"", {1, 3}},
      {"\"council votes budget\"", {1}},
      {"\"again and again\"", {3}},
      {"e-mail", {3}},
      {"email", {}},
      {"council ADJ/3 budget", {1}},  // a window wider than the phrase: not an exact phrase
      {"NOT \"council votes\"", {2, 4}},
      {"budget -\"council votes\"", {2, 4}},
      {"\"council votes\" OR budget", {1, 2, 3, 4}},
      {"(\"council votes\" AND budget) OR scams", {1, 3}},
      {"title:\"council votes\"", {1}},
      {"\"votes budget\" outlet:example", {1, 4}},
  };
  auto check = [&](const SearchIndex& index, const std::string& what) {
    for (const auto& [text, ids] : expected) {
      auto r = index.Search({.text = text});
      ASSERT_TRUE(r.ok()) << what << ": " << text << ": " << r.status().ToString();
      std::vector<int64_t> got;
      for (const Hit& h : r->hits) got.push_back(h.article_id);
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, ids) << what << ": " << text;
      EXPECT_EQ(r->matches_estimated, static_cast<int64_t>(ids.size())) << what << ": " << text;
    }
  };
  std::vector<IndexedArticle> articles;
  for (size_t i = 0; i < docs.size(); ++i) {
    IndexedArticle a;
    a.article = MakeArticle("k" + std::to_string(i), "Example", docs[i].first, docs[i].second,
                            "2025-11-0" + std::to_string(i + 1));
    a.article.id = static_cast<int64_t>(i + 1);
    articles.push_back(std::move(a));
  }
  {
    auto index = SearchIndex::Open(tmp.Sub("pairs"));
    ASSERT_TRUE(index.ok());
    EXPECT_TRUE(*(*index)->HasCurrentFormat());  // empty
    ASSERT_TRUE((*index)->Put(articles).ok());
    EXPECT_TRUE(*(*index)->HasCurrentFormat());
    check(**index, "with pairs");
  }
  {
    // The same documents without their pair terms, as an older version wrote them.
    const std::string old_dir = tmp.Sub("old");
    {
      auto index = SearchIndex::Open(tmp.Sub("pairs"), {.read_only = true});
      ASSERT_TRUE(index.ok());
      Xapian::Database from(tmp.Sub("pairs"));
      Xapian::WritableDatabase to(old_dir, Xapian::DB_CREATE);
      for (auto id = from.postlist_begin(""); id != from.postlist_end(""); ++id) {
        Xapian::Document doc = from.get_document(*id);
        std::vector<std::string> pairs;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
          if ((*t).rfind("XW", 0) == 0) pairs.push_back(*t);
        }
        ASSERT_FALSE(pairs.empty());
        for (const std::string& t : pairs) doc.remove_term(t);
        to.replace_document(*id, doc);
      }
      to.commit();
    }
    auto index = SearchIndex::Open(old_dir, {.read_only = true});
    ASSERT_TRUE(index.ok());
    EXPECT_FALSE(*(*index)->HasCurrentFormat());
    check(**index, "without pairs");
  }
}

TEST(FilterKeyTest, NormalizesNames) {
  EXPECT_EQ(FilterKey("Sputnik"), "sputnik");
  EXPECT_EQ(FilterKey("  BBC  News! "), "bbc-news");
  EXPECT_EQ(FilterKey("dmitri-peskov"), "dmitri-peskov");
  EXPECT_EQ(FilterKey("Новая газета"), "новая-газета");
  EXPECT_EQ(FilterKey("a_b\nc"), "a-b-c");
  EXPECT_EQ(FilterKey("--"), "");
}

}  // namespace
}  // namespace storyline::search

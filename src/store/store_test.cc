#include "storyline/store.h"
#include "store/temp_dir_for_tests.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "store/schema.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

using storyline::testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& dir, StoreOptions options = {}) {
  auto store = Store::Open(dir, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(*store) : nullptr;
}

Article MakeArticle(const std::string& key) {
  Article a;
  a.source_file = "seeds/" + key + ".html";
  a.url = "https://example.com/" + key + "?utm_source=x";
  a.canonical_url = "https://example.com/" + key;
  a.outlet = "Example News";
  a.title = "Title " + key;
  a.language = "en";
  a.paragraphs = {"First paragraph of " + key + ".", "Second paragraph of " + key + "."};
  a.text = a.paragraphs[0] + "\n\n" + a.paragraphs[1];
  a.content_hash = "hash-" + key;
  return a;
}

void ExpectSameArticle(const Article& got, const Article& want) {
  EXPECT_EQ(got.source_file, want.source_file);
  EXPECT_EQ(got.url, want.url);
  EXPECT_EQ(got.canonical_url, want.canonical_url);
  EXPECT_EQ(got.outlet, want.outlet);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.published, want.published);
  EXPECT_EQ(got.authors, want.authors);
  EXPECT_EQ(got.language, want.language);
  EXPECT_EQ(got.tags, want.tags);
  EXPECT_EQ(got.paragraphs, want.paragraphs);
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.content_hash, want.content_hash);
  EXPECT_EQ(got.story_id, want.story_id);
  EXPECT_EQ(got.duplicate_of, want.duplicate_of);
}

// Direct SQLite access to check what the store wrote, or to prepare odd database files.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    sqlite3* raw = nullptr;
    rc_ = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    db_.reset(raw);
  }
  bool ok() const { return rc_ == SQLITE_OK; }
  void Exec(const char* sql) {
    ASSERT_EQ(sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr), SQLITE_OK)
        << sql << ": " << sqlite3_errmsg(db_.get());
  }
  // The first column of the first row, as text ("" when there is no row).
  std::string Query(const char* sql) {
    auto stmt = detail::SqlitePrepare(db_.get(), sql, /*persistent=*/false);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    if (!stmt.ok() || sqlite3_step(stmt->get()) != SQLITE_ROW) return "";
    const unsigned char* text = sqlite3_column_text(stmt->get(), 0);
    return text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3* get() const { return db_.get(); }

 private:
  int rc_ = SQLITE_OK;
  detail::SqliteDb db_;
};

std::string ReadBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(StoreTest, OpenCreatesDirectoryAndDatabase) {
  TempDir tmp;
  const std::string dir = tmp.Sub("a/b/store");
  auto store = OpenOrDie(dir);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(fs::is_regular_file(fs::path(dir) / "storyline.db"));
  EXPECT_EQ(store->directory(), dir);
  EXPECT_EQ(store->database_path(), (fs::path(dir) / "storyline.db").string());
  EXPECT_EQ(store->schema_version(), detail::LatestSchemaVersion());
  auto count = store->CountArticles();
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 0);
}

TEST(StoreTest, ReopenKeepsData) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  int64_t id = 0;
  {
    auto store = OpenOrDie(dir);
    ASSERT_NE(store, nullptr);
    auto put = store->PutBatch({MakeArticle("a"), MakeArticle("b")});
    ASSERT_TRUE(put.ok()) << put.status().ToString();
    id = (*put)[1].id;
  }
  auto store = OpenOrDie(dir, StoreOptions{.create_if_missing = false});
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->CountArticles(), 2);
  auto got = store->Get(id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameArticle(*got, MakeArticle("b"));
}

TEST(StoreTest, RoundTripsEveryField) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);

  auto first = store->PutBatch({MakeArticle("first")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const int64_t first_id = (*first)[0].id;

  Article full;
  full.source_file = "feed.jsonl:12";
  full.url = "https://пример.рф/новости/1?a=1&b=2";
  full.canonical_url = "https://пример.рф/новости/1";
  full.outlet = "Новая газета — 新闻";
  full.title = "Émile's \"quoted\" title 🚀 with 'apostrophes'; DROP TABLE articles; --";
  full.published = Timestamp::FromIso8601("2025-11-07T12:28:00-05:30");
  full.authors = {"Анна Каренина", "李雷", "Zoë O'Brien"};
  full.language = "ru";
  full.tags = {"politics", "économie", "日本"};
  full.paragraphs = {"Первый абзац.", "第二段。", std::string("A NUL \0 inside", 15)};
  full.text = full.paragraphs[0] + "\n\n" + full.paragraphs[1] + "\n\n" + full.paragraphs[2];
  full.content_hash = "0123456789abcdef";
  full.story_id = 42;
  full.duplicate_of = first_id;

  Article sparse;  // every optional field empty
  sparse.content_hash = "fedcba9876543210";

  Article date_only = MakeArticle("date-only");
  date_only.published = Timestamp::FromIso8601("1999-02-28");
  Article zoneless = MakeArticle("zoneless");
  zoneless.published = Timestamp::FromIso8601("2025-11-07T12:28:00");

  auto put = store->PutBatch({full, sparse, date_only, zoneless});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  ASSERT_EQ(put->size(), 4u);
  const std::vector<Article> want = {full, sparse, date_only, zoneless};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ((*put)[i].outcome, PutOutcome::kNew);
    auto got = store->Get((*put)[i].id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->id, (*put)[i].id);
    ExpectSameArticle(*got, want[i]);
  }

  // The derived columns are what the schema promises.
  RawDb raw(store->database_path());
  const std::string id = std::to_string((*put)[0].id);
  EXPECT_EQ(raw.Query(("SELECT published FROM articles WHERE id = " + id).c_str()),
            "2025-11-07T12:28:00-05:30");
  EXPECT_EQ(raw.Query(("SELECT published_unix FROM articles WHERE id = " + id).c_str()),
            std::to_string(full.published->ToUnixSeconds()));
  EXPECT_EQ(raw.Query(("SELECT length(ingested_at) FROM articles WHERE id = " + id).c_str()),
            "25");  // 2025-11-07T12:28:00+00:00
  const std::string sparse_id = std::to_string((*put)[1].id);
  EXPECT_EQ(raw.Query(("SELECT published FROM articles WHERE id = " + sparse_id).c_str()), "NULL");
}

TEST(StoreTest, KnownByCanonicalUrlAcrossAndWithinBatches) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto first = store->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  Article same_url = MakeArticle("a");
  same_url.content_hash = "hash-a-edited";  // the page changed, the URL did not
  Article b = MakeArticle("b");
  Article b_again = MakeArticle("b");
  b_again.content_hash = "hash-b-edited";
  auto put = store->PutBatch({same_url, b, b_again});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  ASSERT_EQ(put->size(), 3u);
  EXPECT_EQ((*put)[0].outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ((*put)[0].id, (*first)[0].id);
  EXPECT_EQ((*put)[1].outcome, PutOutcome::kNew);
  EXPECT_EQ((*put)[2].outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ((*put)[2].id, (*put)[1].id);
  EXPECT_EQ(*store->CountArticles(), 2);
  EXPECT_EQ(store->Get((*first)[0].id)->content_hash, "hash-a");  // the first copy is kept
}

TEST(StoreTest, KnownByContentHashAcrossAndWithinBatches) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto first = store->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  Article syndicated = MakeArticle("a");  // same text under another URL
  syndicated.canonical_url = "https://mirror.example.org/a";
  Article no_url = MakeArticle("c");
  no_url.canonical_url.clear();
  Article no_url_again = no_url;
  no_url_again.source_file = "elsewhere.html";
  Article other_no_url = MakeArticle("d");  // empty canonical URLs do not collide
  other_no_url.canonical_url.clear();
  auto put = store->PutBatch({syndicated, no_url, no_url_again, other_no_url});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  ASSERT_EQ(put->size(), 4u);
  EXPECT_EQ((*put)[0].outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ((*put)[0].id, (*first)[0].id);
  EXPECT_EQ((*put)[1].outcome, PutOutcome::kNew);
  EXPECT_EQ((*put)[2].outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ((*put)[2].id, (*put)[1].id);
  EXPECT_EQ((*put)[3].outcome, PutOutcome::kNew);
  EXPECT_EQ(*store->CountArticles(), 3);

  // Putting the same batch again changes nothing.
  auto again = store->PutBatch({syndicated, no_url, no_url_again, other_no_url});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  for (const PutResult& r : *again) EXPECT_EQ(r.outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ(*store->CountArticles(), 3);
}

TEST(StoreTest, ArticleWithoutContentHashIsRejected) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  Article bad = MakeArticle("bad");
  bad.content_hash.clear();
  auto put = store->PutBatch({MakeArticle("good"), bad});
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("article 2 of 2 (seeds/bad.html)"), std::string::npos)
      << put.status().message();
  EXPECT_EQ(*store->CountArticles(), 0);
}

TEST(StoreTest, ImpossibleDateIsRejected) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  Article bad = MakeArticle("bad");
  bad.published = Timestamp();
  bad.published->month = 13;
  auto put = store->PutBatch({bad});
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*store->CountArticles(), 0);
}

TEST(StoreTest, FailingBatchStoresNothingAndKeepsEarlierData) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto first = store->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const int64_t a_id = (*first)[0].id;

  // Passes the up-front checks; fails in the database (foreign key) after two inserts.
  Article dangling = MakeArticle("dangling");
  dangling.duplicate_of = 999999;
  Article a_copy = MakeArticle("a");
  auto put = store->PutBatch({MakeArticle("b"), a_copy, MakeArticle("c"), dangling});
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument) << put.status().ToString();
  EXPECT_NE(put.status().message().find("article 4 of 4"), std::string::npos)
      << put.status().message();

  EXPECT_EQ(*store->CountArticles(), 1);
  auto a = store->Get(a_id);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ExpectSameArticle(*a, MakeArticle("a"));
  RawDb raw(store->database_path());
  EXPECT_EQ(raw.Query("SELECT count(*) FROM article_paragraphs"), "2");

  // b and c were not stored, and the store still takes writes.
  auto retry = store->PutBatch({MakeArticle("b"), MakeArticle("c")});
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_EQ((*retry)[0].outcome, PutOutcome::kNew);
  EXPECT_EQ((*retry)[1].outcome, PutOutcome::kNew);
  EXPECT_EQ(*store->CountArticles(), 3);
}

TEST(StoreTest, EmptyBatchIsFine) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto put = store->PutBatch({});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_TRUE(put->empty());
}

TEST(StoreTest, GetMissingIsNotFound) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutBatch({MakeArticle("a"), MakeArticle("b")}).ok());
  for (int64_t id : {int64_t{0}, int64_t{-5}, int64_t{3}, std::numeric_limits<int64_t>::max(),
                     std::numeric_limits<int64_t>::min()}) {
    auto got = store->Get(id);
    ASSERT_FALSE(got.ok()) << id;
    EXPECT_EQ(got.status().code(), StatusCode::kNotFound);
  }
}

TEST(StoreTest, ListPaginatesInIdOrderWithTheRightLists) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  std::vector<Article> batch;
  for (int i = 0; i < 25; ++i) {
    Article a = MakeArticle("n" + std::to_string(i));
    if (i % 3 == 0) a.paragraphs.clear();  // some articles have no rows in a list table
    if (i % 2 == 0) a.authors = {"Author " + std::to_string(i)};
    a.tags.assign(static_cast<size_t>(i % 4), "tag" + std::to_string(i));
    batch.push_back(a);
  }
  auto put = store->PutBatch(batch);
  ASSERT_TRUE(put.ok()) << put.status().ToString();

  std::vector<Article> seen;
  int64_t cursor = 0;
  std::vector<size_t> page_sizes;
  for (;;) {
    auto page = store->List(ListOptions{.after_id = cursor, .limit = 10});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    page_sizes.push_back(page->size());
    if (page->empty()) break;
    for (Article& a : *page) {
      EXPECT_GT(a.id, cursor);
      cursor = a.id;
      seen.push_back(std::move(a));
    }
  }
  EXPECT_EQ(page_sizes, (std::vector<size_t>{10, 10, 5, 0}));
  ASSERT_EQ(seen.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(seen[i].id, (*put)[i].id);
    ExpectSameArticle(seen[i], batch[i]);
  }

  // A page that starts mid-way gets the lists of its own articles only.
  auto middle = store->List(ListOptions{.after_id = (*put)[4].id, .limit = 2});
  ASSERT_TRUE(middle.ok());
  ASSERT_EQ(middle->size(), 2u);
  ExpectSameArticle((*middle)[0], batch[5]);
  ExpectSameArticle((*middle)[1], batch[6]);

  // The limit is clamped to [1, 10000].
  EXPECT_EQ(store->List(ListOptions{.after_id = 0, .limit = 0})->size(), 1u);
  EXPECT_EQ(store->List(ListOptions{.after_id = 0, .limit = -7})->size(), 1u);
  EXPECT_EQ(store->List(ListOptions{.after_id = -100, .limit = 1000000})->size(), 25u);
  EXPECT_TRUE(store->List(ListOptions{.after_id = std::numeric_limits<int64_t>::max(), .limit = 5})
                  ->empty());
}

TEST(StoreTest, ListClampsLimitToTenThousand) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  std::vector<Article> batch;
  for (int i = 0; i < 10001; ++i) {
    Article a;
    a.content_hash = "h" + std::to_string(i);
    batch.push_back(std::move(a));
  }
  ASSERT_TRUE(store->PutBatch(batch).ok());
  auto page = store->List(ListOptions{.after_id = 0, .limit = 20000});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->size(), 10000u);
}

TEST(StoreTest, UsesWalMode) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  RawDb raw(store->database_path());
  EXPECT_EQ(raw.Query("PRAGMA journal_mode"), "wal");
}

TEST(StoreTest, TwoHandlesOnOneDirectorySeeEachOthersWrites) {
  TempDir tmp;
  const std::string dir = tmp.Sub("store");
  auto one = OpenOrDie(dir);
  auto two = OpenOrDie(dir);
  ASSERT_NE(one, nullptr);
  ASSERT_NE(two, nullptr);
  EXPECT_EQ(*two->CountArticles(), 0);  // `two` has read before `one` writes

  auto put = one->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(*two->CountArticles(), 1);
  auto got = two->Get((*put)[0].id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ExpectSameArticle(*got, MakeArticle("a"));

  auto again = two->PutBatch({MakeArticle("a"), MakeArticle("b")});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)[0].outcome, PutOutcome::kAlreadyKnown);
  EXPECT_EQ((*again)[0].id, (*put)[0].id);
  EXPECT_EQ(one->List(ListOptions{})->size(), 2u);
}

TEST(StoreTest, MissingStoreWithoutCreateIsNotFound) {
  TempDir tmp;
  const std::string missing = tmp.Sub("nope");
  auto store = Store::Open(missing, StoreOptions{.create_if_missing = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(missing));

  // A directory without a database is not a store either, and none is created in it.
  auto empty_dir = Store::Open(tmp.path().string(), StoreOptions{.create_if_missing = false});
  ASSERT_FALSE(empty_dir.ok());
  EXPECT_EQ(empty_dir.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(tmp.path() / "storyline.db"));
}

TEST(StoreTest, DirectoryThatIsAFileIsAnError) {
  TempDir tmp;
  const fs::path file = tmp.path() / "plain";
  std::ofstream(file) << "x";
  auto store = Store::Open(file.string(), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kIoError) << store.status().ToString();
  EXPECT_EQ(ReadBytes(file), "x");
}

TEST(StoreTest, GarbageFileIsRefusedAndLeftByteIdentical) {
  for (const std::string& garbage :
       {std::string("short"), std::string(5000, 'z'),
        std::string("<html><body>this is not a database</body></html>\n") + std::string(64, '\0'),
        std::string("SQLite format 2\0 but not really", 31)}) {
    TempDir tmp;
    const fs::path dir = tmp.path() / "store";
    fs::create_directories(dir);
    const fs::path db = dir / "storyline.db";
    std::ofstream(db, std::ios::binary) << garbage;
    for (bool create : {true, false}) {
      auto store = Store::Open(dir.string(), StoreOptions{.create_if_missing = create});
      ASSERT_FALSE(store.ok());
      EXPECT_EQ(store.status().code(), StatusCode::kCorruption) << store.status().ToString();
      EXPECT_NE(store.status().message().find(db.string()), std::string::npos)
          << store.status().message();
    }
    EXPECT_EQ(ReadBytes(db), garbage);
    EXPECT_FALSE(fs::exists(dir / "storyline.db-wal"));
    EXPECT_FALSE(fs::exists(dir / "storyline.db-shm"));
  }
}

TEST(StoreTest, CorruptDatabaseAfterValidHeaderIsRefused) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  fs::create_directories(dir);
  const fs::path db = dir / "storyline.db";
  std::string bytes("SQLite format 3", 16);  // the right header, then nonsense
  bytes += std::string(4096, '\xff');
  std::ofstream(db, std::ios::binary) << bytes;
  auto store = Store::Open(dir.string(), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorruption) << store.status().ToString();
  EXPECT_EQ(ReadBytes(db), bytes);
}

TEST(StoreTest, MigratesAnEmptyDatabase) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  fs::create_directories(dir);
  {
    RawDb raw((dir / "storyline.db").string());  // a valid SQLite database at version 0
    ASSERT_TRUE(raw.ok());
    raw.Exec("CREATE TABLE unrelated (x)");
    EXPECT_EQ(raw.Query("PRAGMA user_version"), "0");
  }
  auto store = OpenOrDie(dir.string(), StoreOptions{.create_if_missing = false});
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), detail::LatestSchemaVersion());
  RawDb raw(store->database_path());
  EXPECT_EQ(raw.Query("PRAGMA user_version"), std::to_string(detail::LatestSchemaVersion()));
  EXPECT_EQ(raw.Query("SELECT count(*) FROM sqlite_schema WHERE name IN ('articles', "
                      "'article_authors', 'article_tags', 'article_paragraphs', "
                      "'articles_content_hash', 'articles_canonical_url', "
                      "'articles_published_unix', 'articles_outlet')"),
            "8");
  EXPECT_EQ(raw.Query("SELECT count(*) FROM unrelated"), "0");
}

TEST(StoreTest, EmptyFileIsAnEmptyDatabase) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  fs::create_directories(dir);
  std::ofstream(dir / "storyline.db").flush();
  auto store = OpenOrDie(dir.string());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), detail::LatestSchemaVersion());
}

TEST(StoreTest, NewerSchemaIsRefusedUntouched) {
  TempDir tmp;
  const fs::path dir = tmp.path() / "store";
  fs::create_directories(dir);
  const std::string path = (dir / "storyline.db").string();
  const int newer = detail::LatestSchemaVersion() + 1;
  {
    RawDb raw(path);
    ASSERT_TRUE(raw.ok());
    raw.Exec(("PRAGMA user_version = " + std::to_string(newer)).c_str());
  }
  const std::string before = ReadBytes(path);
  auto store = Store::Open(dir.string(), StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "store at " + path + " has schema version " +
                                          std::to_string(newer) + ", this storyline knows up to " +
                                          std::to_string(detail::LatestSchemaVersion()));
  EXPECT_EQ(ReadBytes(path), before);
  RawDb raw(path);
  EXPECT_EQ(raw.Query("PRAGMA journal_mode"), "delete");  // not switched to WAL either
}

TEST(SchemaTest, MigrationsCountUpFromOne) {
  const auto migrations = detail::SchemaMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(migrations[i].sql.empty());
  }
  EXPECT_EQ(detail::LatestSchemaVersion(), migrations.back().version);
}

TEST(SchemaTest, FailingMigrationIsRolledBackAndEarlierOnesStay) {
  TempDir tmp;
  RawDb raw(tmp.Sub("m.db"));
  ASSERT_TRUE(raw.ok());
  const detail::Migration migrations[] = {
      {1, "CREATE TABLE one (x)"},
      {2, "CREATE TABLE two (x); INSERT INTO one VALUES (1); SELECT no_such_function()"},
  };
  auto version = detail::Migrate(raw.get(), migrations, "m.db");
  ASSERT_FALSE(version.ok());
  EXPECT_NE(version.status().message().find("migrating to schema version 2"), std::string::npos)
      << version.status().message();
  EXPECT_EQ(raw.Query("PRAGMA user_version"), "1");
  EXPECT_EQ(raw.Query("SELECT count(*) FROM sqlite_schema WHERE name = 'two'"), "0");
  EXPECT_EQ(raw.Query("SELECT count(*) FROM one"), "0");

  // Fixed, it goes on from version 1; run again, it does nothing.
  const detail::Migration fixed[] = {migrations[0], {2, "CREATE TABLE two (x)"}};
  for (int run = 0; run < 2; ++run) {
    version = detail::Migrate(raw.get(), fixed, "m.db");
    ASSERT_TRUE(version.ok()) << version.status().ToString();
    EXPECT_EQ(*version, 2);
  }
  EXPECT_EQ(raw.Query("SELECT count(*) FROM sqlite_schema WHERE name = 'two'"), "1");

  // Code that knows less than the file refuses it.
  auto older = detail::Migrate(raw.get(), std::span(fixed, 1), "m.db");
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.status().message(),
            "store at m.db has schema version 2, this storyline knows up to 1");
}

TEST(StoreTest, SameTextAtAnotherOutletIsSyndicationNotTheSamePage) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->PutBatch({MakeArticle("wire")}).ok());
  Article reprint = MakeArticle("wire");
  reprint.canonical_url = "https://daily.example.net/wire";
  reprint.outlet = "Daily Example";
  auto put = store->PutBatch({reprint});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ((*put)[0].outcome, PutOutcome::kNew);
  EXPECT_EQ(*store->CountArticles(), 2);
}

TEST(StoreTest, LinksStoriesAndListsThemInPublicationOrder) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  Article late = MakeArticle("late");
  late.published = Timestamp::FromIso8601("2025-11-08T09:00:00+00:00");
  Article early = MakeArticle("early");
  early.published = Timestamp::FromIso8601("2025-11-07T12:20:00+00:00");
  early.outlet = "Sputnik";
  Article undated = MakeArticle("undated");
  Article alone = MakeArticle("alone");
  auto put = store->PutBatch({late, early, undated, alone});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  const int64_t id_late = (*put)[0].id, id_early = (*put)[1].id, id_undated = (*put)[2].id,
                id_alone = (*put)[3].id;

  Status s = store->SetLinks({{1, "First story"}, {2, "Second story"}},
                             {{id_late, 1, std::nullopt, "", std::nullopt},
                              {id_early, 1, std::nullopt, "", std::nullopt},
                              {id_undated, 1, id_early, "near", 0.93},
                              {id_alone, 2, std::nullopt, "", std::nullopt}});
  ASSERT_TRUE(s.ok()) << s.ToString();
  // Re-linking with a known story keeps its title.
  ASSERT_TRUE(store->SetLinks({{1, "Other title"}}, {}).ok());

  auto stories = store->ListStories({});
  ASSERT_TRUE(stories.ok()) << stories.status().ToString();
  ASSERT_EQ(stories->size(), 2u);
  const Story& first = (*stories)[0];
  EXPECT_EQ(first.title, "First story");
  EXPECT_EQ(first.article_ids, (std::vector<int64_t>{id_early, id_late, id_undated}));
  EXPECT_EQ(first.outlets, (std::vector<std::string>{"Sputnik", "Example News"}));
  ASSERT_TRUE(first.first_published && first.last_published);
  EXPECT_EQ(first.first_published->ToIso8601(), "2025-11-07T12:20:00+00:00");
  EXPECT_EQ(first.last_published->ToIso8601(), "2025-11-08T09:00:00+00:00");

  auto copy = store->Get(id_undated);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->story_id, 1);
  EXPECT_EQ(copy->duplicate_of, id_early);
  EXPECT_EQ(copy->relation, "near");
  ASSERT_TRUE(copy->relation_score);
  EXPECT_DOUBLE_EQ(*copy->relation_score, 0.93);

  auto second = store->GetStory(2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->article_ids, std::vector<int64_t>{id_alone});
  EXPECT_EQ(store->GetStory(3).status().code(), StatusCode::kNotFound);
  auto page = store->ListStories({.after_id = 1, .limit = 5});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ(page->front().id, 2);
}

TEST(StoreTest, KeepsEachStorysCoverageUntilReplaced) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto put = store->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(put.ok());
  ASSERT_TRUE(store->SetLinks({{1, "Story"}}, {{(*put)[0].id, 1, std::nullopt, "", std::nullopt}})
                  .ok());
  auto none = store->GetStoryCoverage(1);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  // Any bytes, NUL included, come back as they were put.
  const std::string bytes("3:a\0b;\xff\n", 9);
  ASSERT_TRUE(store->PutStoryCoverage({{1, {"inputs-1", bytes}}}).ok());
  auto got = store->GetStoryCoverage(1);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->inputs, "inputs-1");
  EXPECT_EQ((*got)->coverage, bytes);
  ASSERT_TRUE(store->PutStoryCoverage({{1, {"inputs-2", "second"}}}).ok());
  got = store->GetStoryCoverage(1);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->inputs, "inputs-2");
  EXPECT_EQ((*got)->coverage, "second");
  // A story that does not exist has no coverage to store; nothing of the batch is kept.
  EXPECT_FALSE(store->PutStoryCoverage({{1, {"inputs-3", "third"}}, {7, {"x", "y"}}}).ok());
  got = store->GetStoryCoverage(1);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->inputs, "inputs-2");
}

TEST(StoreTest, LinkingAnUnknownArticleChangesNothing) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto put = store->PutBatch({MakeArticle("a")});
  ASSERT_TRUE(put.ok());
  Status s = store->SetLinks({{1, "Story"}}, {{(*put)[0].id, 1, std::nullopt, "", std::nullopt},
                                              {999, 1, std::nullopt, "", std::nullopt}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  auto stories = store->ListStories({});
  ASSERT_TRUE(stories.ok());
  EXPECT_TRUE(stories->empty());
  EXPECT_FALSE(store->Get((*put)[0].id)->story_id);
}

ArticleAnalysis PeskovAnalysis(const std::string& id, const std::string& name,
                               const std::string& role, const std::string& content) {
  ArticleAnalysis a;
  a.people.push_back({id, name, {role}, 2});
  a.entities.push_back({0, name.size(), "PER", name, id});
  a.entities.push_back({name.size() + 1, name.size() + 7, "LOC", "Moscow", ""});
  QuoteRecord q;
  q.content = {20, 20 + content.size(), content, {}};
  q.cue = TextSpan{10, 14, "said", {}};
  q.source = TextSpan{0, name.size(), name, {}};
  q.speaker = id;
  q.speaker_name = name;
  q.direct = true;
  a.quotes.push_back(q);
  return a;
}

TEST(StoreTest, StoresPeopleAndQuotesAndLinksSurnamesToTheOneKnownPerson) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  Article a = MakeArticle("a"), b = MakeArticle("b"), c = MakeArticle("c");
  a.outlet = "Sputnik";
  auto put = store->PutBatch({a, b, c});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  const int64_t ia = (*put)[0].id, ib = (*put)[1].id, ic = (*put)[2].id;
  auto pending = store->UnanalyzedArticles(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, (std::vector<int64_t>{ia, ib, ic}));

  // b names him only by surname, in the same batch as the full name.
  Status s = store->PutAnalyses(
      {{ib, PeskovAnalysis("peskov", "Peskov", "spokesman", "We need signals")},
       {ia, PeskovAnalysis("dmitri-peskov", "Dmitry Peskov", "Kremlin spokesman",
                           "A summit will be welcomed")}});
  ASSERT_TRUE(s.ok()) << s.ToString();
  pending = store->UnanalyzedArticles(10);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(*pending, std::vector<int64_t>{ic});

  auto people = store->ListPeople(10);
  ASSERT_TRUE(people.ok()) << people.status().ToString();
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ((*people)[0].id, "dmitri-peskov");
  EXPECT_EQ((*people)[0].name, "Dmitry Peskov");
  EXPECT_EQ((*people)[0].mentions, 2);
  EXPECT_EQ((*people)[0].roles, (std::vector<std::string>{"Kremlin spokesman", "spokesman"}));

  auto quotes = store->ListQuotes({.speaker = "dmitri-peskov"});
  ASSERT_TRUE(quotes.ok()) << quotes.status().ToString();
  ASSERT_EQ(quotes->size(), 2u);
  // Stored order: the batch's.
  EXPECT_EQ((*quotes)[0].article_id, ib);
  EXPECT_EQ((*quotes)[0].speaker, "dmitri-peskov");  // the surname resolved
  EXPECT_EQ((*quotes)[1].article_id, ia);
  EXPECT_EQ((*quotes)[1].content, "A summit will be welcomed");
  EXPECT_EQ((*quotes)[1].outlet, "Sputnik");
  EXPECT_TRUE((*quotes)[1].direct);
  auto by_name = store->ListQuotes({.speaker = "Peskov"});
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->size(), 2u);
  auto nobody = store->ListQuotes({.speaker = "Lavrov"});
  ASSERT_TRUE(nobody.ok());
  EXPECT_TRUE(nobody->empty());

  // Analyzing again replaces, never duplicates; a second Peskov makes surnames ambiguous.
  ASSERT_TRUE(store->PutAnalyses({{ia, PeskovAnalysis("dmitri-peskov", "Dmitry Peskov",
                                                      "Kremlin spokesman", "Again")},
                                  {ic, PeskovAnalysis("nikolai-peskov", "Nikolai Peskov",
                                                      "son", "Hello")}})
                  .ok());
  quotes = store->ListQuotes({.speaker = "dmitri-peskov"});
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 2u);
  EXPECT_EQ((*quotes)[1].content, "Again");
  ASSERT_TRUE(store->PutAnalyses({{ib, PeskovAnalysis("peskov", "Peskov", "x", "Y")}}).ok());
  quotes = store->ListQuotes({});
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 3u);
  for (const StoredQuote& q : *quotes) {
    // Stays "peskov": two people carry the surname now.
    if (q.article_id == ib) {
      EXPECT_EQ(q.speaker, "peskov");
    }
  }

  auto ids = store->ArticlePeople(ia);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<std::string>{"dmitri-peskov"});
  auto entities = store->ArticleEntities(ia);
  ASSERT_TRUE(entities.ok());
  ASSERT_EQ(entities->size(), 2u);
  EXPECT_EQ((*entities)[1].type, "LOC");
  auto person = store->GetPerson("dmitri-peskov");
  ASSERT_TRUE(person.ok());
  EXPECT_EQ(person->name, "Dmitry Peskov");
  EXPECT_EQ(store->GetPerson("nobody").status().code(), StatusCode::kNotFound);

  // A full name that arrives after its surname-only mentions adopts them.
  Article d = MakeArticle("d"), e = MakeArticle("e");
  auto put2 = store->PutBatch({d, e});
  ASSERT_TRUE(put2.ok());
  ASSERT_TRUE(store->PutAnalyses({{(*put2)[0].id, PeskovAnalysis("lavrov", "Lavrov", "minister",
                                                                "Later")}})
                  .ok());
  ASSERT_TRUE(store->PutAnalyses({{(*put2)[1].id, PeskovAnalysis("sergei-lavrov", "Sergey Lavrov",
                                                                "Foreign Minister", "Now")}})
                  .ok());
  quotes = store->ListQuotes({.speaker = "sergei-lavrov"});
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 2u);
  EXPECT_EQ((*quotes)[0].speaker_name, "Sergey Lavrov");
  people = store->ListPeople(10);
  ASSERT_TRUE(people.ok());
  for (const PersonRecord& p : *people) EXPECT_NE(p.id, "lavrov");

  // An unknown article is refused and nothing of the batch is stored.
  s = store->PutAnalyses({{ic, ArticleAnalysis{}}, {9999, ArticleAnalysis{}}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  quotes = store->ListQuotes({.speaker = "nikolai-peskov"});
  ASSERT_TRUE(quotes.ok());
  EXPECT_EQ(quotes->size(), 1u);
}

TEST(StoreTest, KeepsFetchRecordsForConditionalRequestsAndTheWatchSchedule) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.Sub("store"));
  ASSERT_NE(store, nullptr);
  auto none = store->GetFetchRecord("https://example.org/feed.xml");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());

  auto put = store->PutBatch({MakeArticle("page")});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  FetchRecord feed{"https://example.org/feed.xml", "feed", "\"v1\"", "Fri, 07 Nov 2025 12:00:00 GMT",
                   200, "", 1000, 1000, 1900, 900.0, std::nullopt, "Example feed"};
  FetchRecord page{"https://example.org/a", "page", "", "", 200, "", 1001, 1001, 0, 0,
                   (*put)[0].id, ""};
  ASSERT_TRUE(store->PutFetchRecords({feed, page}).ok());
  auto got = store->GetFetchRecord(feed.url);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->etag, "\"v1\"");
  EXPECT_EQ((*got)->last_modified, feed.last_modified);
  EXPECT_EQ((*got)->next_fetch_at, 1900);
  EXPECT_DOUBLE_EQ((*got)->interval_s, 900.0);
  EXPECT_EQ((*got)->title, "Example feed");
  EXPECT_FALSE((*got)->article_id.has_value());

  // A later poll replaces the record: 304 keeps the validators the caller passes on.
  feed.status = 304;
  feed.fetched_at = 2000;
  ASSERT_TRUE(store->PutFetchRecords({feed}).ok());
  auto feeds = store->ListFetchRecords("feed", 10);
  ASSERT_TRUE(feeds.ok());
  ASSERT_EQ(feeds->size(), 1u);
  EXPECT_EQ((*feeds)[0].status, 304);
  EXPECT_EQ((*feeds)[0].fetched_at, 2000);
  auto pages = store->ListFetchRecords("page", 10);
  ASSERT_TRUE(pages.ok());
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].article_id, (*put)[0].id);
  auto all = store->ListFetchRecords("", 10);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);

  // A record without a kind is refused and nothing of its batch is stored.
  FetchRecord bad{"https://example.org/b", "", "", "", 0, "", 0, 0, 0, 0, std::nullopt, ""};
  FetchRecord good{"https://example.org/c", "page", "", "", 200, "", 0, 0, 0, 0, std::nullopt, ""};
  EXPECT_FALSE(store->PutFetchRecords({good, bad}).ok());
  auto c = store->GetFetchRecord(good.url);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c->has_value());
}

}  // namespace
}  // namespace storyline

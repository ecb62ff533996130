#include "storyline/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <string_view>
#include <system_error>
#include <utility>

#include "store/schema.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;
using detail::SqliteDb;
using detail::SqliteExec;
using detail::SqliteStatus;
using detail::SqliteStmt;

constexpr std::string_view kDatabaseFile = "storyline.db";
constexpr int kMaxListLimit = 10000;
// The first 16 bytes of every SQLite 3 database file.
constexpr std::array<char, 16> kSqliteHeader = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                                'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};

// The statements a store runs, prepared once at Open.
struct Statements {
  SqliteStmt begin_read;
  SqliteStmt begin_write;
  SqliteStmt commit;
  SqliteStmt rollback;
  SqliteStmt find_by_canonical_url;
  SqliteStmt find_by_content_hash;
  SqliteStmt insert_article;
  SqliteStmt insert_author;
  SqliteStmt insert_tag;
  SqliteStmt insert_paragraph;
  SqliteStmt select_articles;
  SqliteStmt select_authors;
  SqliteStmt select_tags;
  SqliteStmt select_paragraphs;
  SqliteStmt count_articles;
  SqliteStmt insert_story;
  SqliteStmt update_links;
  SqliteStmt select_stories;
  SqliteStmt select_story_articles;
  SqliteStmt delete_mentions;
  SqliteStmt delete_quotes;
  SqliteStmt delete_roles;
  SqliteStmt find_people_by_surname;
  SqliteStmt upsert_person;
  SqliteStmt insert_role;
  SqliteStmt insert_mention;
  SqliteStmt insert_quote;
  SqliteStmt mark_analyzed;
  SqliteStmt select_unanalyzed;
  SqliteStmt select_people;
  SqliteStmt select_person_roles;
  SqliteStmt select_quotes;
  SqliteStmt delete_article_summary;
  SqliteStmt insert_article_summary;
  SqliteStmt select_article_summary;
  SqliteStmt delete_story_summary;
  SqliteStmt insert_story_summary;
  SqliteStmt select_story_summary;
  SqliteStmt upsert_story_coverage;
  SqliteStmt select_story_coverage;
  SqliteStmt select_article_people;
  SqliteStmt select_article_entities;
  SqliteStmt select_person;
  SqliteStmt person_exists;
  SqliteStmt merge_mentions;
  SqliteStmt merge_quotes;
  SqliteStmt merge_roles;
  SqliteStmt delete_roles_of;
  SqliteStmt delete_person;
  SqliteStmt select_fetched;
  SqliteStmt upsert_fetched;
  SqliteStmt list_fetched;
};

struct StatementSql {
  SqliteStmt Statements::*stmt;
  std::string_view sql;
};

// Columns of select_articles, in order; ReadArticle reads them by these positions.
namespace column {
constexpr int kId = 0;
constexpr int kSourceFile = 1;
constexpr int kUrl = 2;
constexpr int kCanonicalUrl = 3;
constexpr int kOutlet = 4;
constexpr int kTitle = 5;
constexpr int kPublished = 6;
constexpr int kLanguage = 7;
constexpr int kText = 8;
constexpr int kContentHash = 9;
constexpr int kStoryId = 10;
constexpr int kDuplicateOf = 11;
constexpr int kRelation = 12;
constexpr int kRelationScore = 13;
}  // namespace column

constexpr StatementSql kStatementSql[] = {
    {&Statements::select_fetched,
     "SELECT url, kind, etag, last_modified, status, error, fetched_at, changed_at, "
     "next_fetch_at, interval_s, article_id, title FROM fetched WHERE url = ?1"},
    {&Statements::list_fetched,
     "SELECT url, kind, etag, last_modified, status, error, fetched_at, changed_at, "
     "next_fetch_at, interval_s, article_id, title FROM fetched WHERE (?1 = '' OR kind = ?1) "
     "ORDER BY url LIMIT ?2"},
    {&Statements::upsert_fetched,
     "INSERT OR REPLACE INTO fetched (url, kind, etag, last_modified, status, error, fetched_at, "
     "changed_at, next_fetch_at, interval_s, article_id, title) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
    {&Statements::begin_read, "BEGIN"},
    {&Statements::begin_write, "BEGIN IMMEDIATE"},
    {&Statements::commit, "COMMIT"},
    {&Statements::rollback, "ROLLBACK"},
    // The `<> ''` lets SQLite use the partial index on canonical_url.
    {&Statements::find_by_canonical_url,
     "SELECT id FROM articles WHERE canonical_url = ?1 AND canonical_url <> ''"},
    {&Statements::find_by_content_hash,
     "SELECT id, canonical_url, outlet FROM articles WHERE content_hash = ?1 ORDER BY id"},
    {&Statements::insert_article,
     "INSERT INTO articles (source_file, url, canonical_url, outlet, title, published, "
     "published_unix, language, text, content_hash, story_id, duplicate_of, relation, "
     "relation_score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"},
    {&Statements::insert_author,
     "INSERT INTO article_authors (article_id, position, name) VALUES (?1, ?2, ?3)"},
    {&Statements::insert_tag,
     "INSERT INTO article_tags (article_id, position, tag) VALUES (?1, ?2, ?3)"},
    {&Statements::insert_paragraph,
     "INSERT INTO article_paragraphs (article_id, position, text) VALUES (?1, ?2, ?3)"},
    {&Statements::select_articles,
     "SELECT id, source_file, url, canonical_url, outlet, title, published, language, text, "
     "content_hash, story_id, duplicate_of, relation, relation_score FROM articles "
     "WHERE id > ?1 AND id <= ?2 ORDER BY id LIMIT ?3"},
    // The lists of the articles in an id range: one query per list and page, not per article.
    {&Statements::select_authors,
     "SELECT article_id, name FROM article_authors "
     "WHERE article_id > ?1 AND article_id <= ?2 ORDER BY article_id, position"},
    {&Statements::select_tags,
     "SELECT article_id, tag FROM article_tags "
     "WHERE article_id > ?1 AND article_id <= ?2 ORDER BY article_id, position"},
    {&Statements::select_paragraphs,
     "SELECT article_id, text FROM article_paragraphs "
     "WHERE article_id > ?1 AND article_id <= ?2 ORDER BY article_id, position"},
    {&Statements::count_articles, "SELECT count(*) FROM articles"},
    {&Statements::insert_story,
     "INSERT INTO stories (id, title) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING"},
    {&Statements::update_links,
     "UPDATE articles SET story_id = ?2, duplicate_of = ?3, relation = ?4, relation_score = ?5 "
     "WHERE id = ?1"},
    {&Statements::select_stories,
     "SELECT id, title FROM stories WHERE id > ?1 ORDER BY id LIMIT ?2"},
    // A page of stories' articles: publication order, undated last, then id.
    {&Statements::select_story_articles,
     "SELECT story_id, id, outlet, published FROM articles WHERE story_id > ?1 AND story_id <= ?2 "
     "ORDER BY story_id, published_unix IS NULL, published_unix, id"},
    {&Statements::delete_mentions, "DELETE FROM mentions WHERE article_id = ?1"},
    {&Statements::delete_quotes, "DELETE FROM quotes WHERE article_id = ?1"},
    {&Statements::delete_roles, "DELETE FROM person_roles WHERE article_id = ?1"},
    // ?1 is "-surname": ids that end with it (the ESCAPE keeps % and _ literal).
    {&Statements::find_people_by_surname,
     "SELECT id FROM people WHERE id LIKE '%' || ?1 ESCAPE '\\' LIMIT 2"},
    // The fullest name seen wins.
    {&Statements::upsert_person,
     "INSERT INTO people (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = "
     "excluded.name WHERE length(excluded.name) > length(people.name)"},
    {&Statements::insert_role,
     "INSERT INTO person_roles (person_id, article_id, role) VALUES (?1, ?2, ?3) "
     "ON CONFLICT DO NOTHING"},
    {&Statements::insert_mention,
     "INSERT INTO mentions (article_id, begin, end, type, text, person_id) "
     "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING"},
    {&Statements::insert_quote,
     "INSERT INTO quotes (article_id, position, speaker_id, speaker_name, source, cue, content, "
     "content_begin, content_end, direct) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"},
    {&Statements::delete_article_summary, "DELETE FROM article_summaries WHERE article_id = ?1"},
    {&Statements::insert_article_summary,
     "INSERT INTO article_summaries (article_id, position, begin, end, text) "
     "VALUES (?1, ?2, ?3, ?4, ?5)"},
    {&Statements::select_article_summary,
     "SELECT begin, end, text FROM article_summaries WHERE article_id = ?1 ORDER BY position"},
    {&Statements::delete_story_summary, "DELETE FROM story_summaries WHERE story_id = ?1"},
    {&Statements::insert_story_summary,
     "INSERT INTO story_summaries (story_id, position, article_id, text) VALUES (?1, ?2, ?3, ?4)"},
    {&Statements::select_story_summary,
     "SELECT s.article_id, a.outlet, s.text FROM story_summaries s JOIN articles a ON "
     "a.id = s.article_id WHERE s.story_id = ?1 ORDER BY s.position"},
    {&Statements::upsert_story_coverage,
     "INSERT OR REPLACE INTO story_coverage (story_id, inputs, coverage) VALUES (?1, ?2, ?3)"},
    {&Statements::select_story_coverage,
     "SELECT inputs, coverage FROM story_coverage WHERE story_id = ?1"},
    {&Statements::select_article_people,
     "SELECT person_id FROM mentions WHERE article_id = ?1 AND person_id IS NOT NULL "
     "GROUP BY person_id ORDER BY count(*) DESC, min(begin)"},
    {&Statements::select_article_entities,
     "SELECT begin, end, type, text, coalesce(person_id, '') FROM mentions WHERE article_id = ?1 "
     "ORDER BY begin"},
    {&Statements::select_person,
     "SELECT p.id, p.name, (SELECT count(*) FROM mentions m WHERE m.person_id = p.id) "
     "FROM people p WHERE p.id = ?1"},
    {&Statements::person_exists, "SELECT 1 FROM people WHERE id = ?1"},
    {&Statements::merge_mentions, "UPDATE mentions SET person_id = ?2 WHERE person_id = ?1"},
    {&Statements::merge_quotes,
     "UPDATE quotes SET speaker_id = ?2, speaker_name = (SELECT name FROM people WHERE id = ?2) "
     "WHERE speaker_id = ?1"},
    {&Statements::merge_roles, "UPDATE OR IGNORE person_roles SET person_id = ?2 WHERE person_id = ?1"},
    {&Statements::delete_roles_of, "DELETE FROM person_roles WHERE person_id = ?1"},
    {&Statements::delete_person, "DELETE FROM people WHERE id = ?1"},
    {&Statements::mark_analyzed, "UPDATE articles SET analyzed = 1 WHERE id = ?1"},
    {&Statements::select_unanalyzed,
     "SELECT id FROM articles WHERE analyzed = 0 ORDER BY id LIMIT ?1"},
    {&Statements::select_people,
     "SELECT p.id, p.name, (SELECT count(*) FROM mentions m WHERE m.person_id = p.id) AS n "
     "FROM people p ORDER BY n DESC, p.id LIMIT ?1"},
    {&Statements::select_person_roles,
     "SELECT role, count(*) AS n, min(article_id) AS first FROM person_roles WHERE person_id = ?1 "
     "GROUP BY role ORDER BY n DESC, first, role"},
    // ?2: a person id or words of the name ('' for all); ?3: a story id or NULL; ?5: an
    // article id or NULL.
    {&Statements::select_quotes,
     "SELECT q.id, q.article_id, a.story_id, coalesce(q.speaker_id, ''), q.speaker_name, "
     "q.source, q.cue, q.content, q.direct, a.outlet, a.title, a.published, q.content_begin, "
     "q.content_end FROM quotes q "
     "JOIN articles a ON a.id = q.article_id WHERE q.id > ?1 AND (?2 = '' OR q.speaker_id = ?2 "
     "OR q.speaker_name LIKE '%' || ?2 || '%') AND (?3 IS NULL OR a.story_id = ?3) "
     "AND (?5 IS NULL OR q.article_id = ?5) ORDER BY q.id LIMIT ?4"},
};

// One use of a cached statement: bind, step, read columns. Resets the statement when it goes
// out of scope, so no statement keeps a read snapshot (and a WAL read mark) between calls.
class StmtUse {
 public:
  StmtUse(sqlite3* db, const SqliteStmt& stmt, std::string_view what)
      : db_(db), stmt_(stmt.get()), what_(what) {}
  StmtUse(const StmtUse&) = delete;
  StmtUse& operator=(const StmtUse&) = delete;
  ~StmtUse() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // The text is bound without a copy: it must live until the last Step().
  Status Bind(int index, std::string_view text) {
    const char* data = text.data() != nullptr ? text.data() : "";  // null would bind NULL
    return Check(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8));
  }
  Status Bind(int index, int64_t value) { return Check(sqlite3_bind_int64(stmt_, index, value)); }
  Status Bind(int index, std::optional<int64_t> value) {
    return value ? Bind(index, *value) : Check(sqlite3_bind_null(stmt_, index));
  }
  Status Bind(int index, std::optional<double> value) {
    return value ? Check(sqlite3_bind_double(stmt_, index, *value))
                 : Check(sqlite3_bind_null(stmt_, index));
  }
  Status BindNull(int index) { return Check(sqlite3_bind_null(stmt_, index)); }

  // True: a row is ready to read; false: no more rows.
  Result<bool> Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteStatus(db_, rc, what_);
  }
  // Runs a statement whose rows, if any, are not needed.
  Status Run() {
    Result<bool> row = Step();
    return row.ok() ? Status::Ok() : row.status();
  }

  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::optional<double> OptionalDouble(int column) const {
    return IsNull(column) ? std::nullopt
                          : std::optional<double>(sqlite3_column_double(stmt_, column));
  }
  std::optional<int64_t> OptionalInt(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<int64_t>(Int(column));
  }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);  // before column_bytes
    const int size = sqlite3_column_bytes(stmt_, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
  }

 private:
  Status Check(int rc) const {
    return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db_, rc, what_);
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string_view what_;
};

// Rolls back the connection's open transaction, if any, when it goes out of scope: every
// early return of an error leaves the store as it was before the transaction began.
class RollbackGuard {
 public:
  RollbackGuard(sqlite3* db, const SqliteStmt& rollback) : db_(db), rollback_(rollback.get()) {}
  RollbackGuard(const RollbackGuard&) = delete;
  RollbackGuard& operator=(const RollbackGuard&) = delete;
  ~RollbackGuard() {
    if (sqlite3_get_autocommit(db_) != 0) return;  // committed, or never begun
    // If ROLLBACK itself fails, SQLite rolls the transaction back when the connection closes.
    sqlite3_step(rollback_);
    sqlite3_reset(rollback_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* rollback_;
};

// A file already at the database path must be an SQLite database; anything else is left alone.
Status CheckIsSqliteFile(const fs::path& file, const std::string& name) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    return Status::BadInput(name + " is not a regular file, so not a storyline store");
  }
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return Status::IoError(name + ": " + ec.message());
  if (size == 0) return Status::Ok();  // SQLite reads an empty file as an empty database
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) return Status::IoError(name + ": cannot open for reading");
  std::array<char, kSqliteHeader.size()> header{};
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  if (in.gcount() != static_cast<std::streamsize>(header.size()) || header != kSqliteHeader) {
    return Status::Corruption(name +
                              " is not an SQLite database, so not a storyline store; "
                              "it was left untouched");
  }
  return Status::Ok();
}

// WAL: readers do not block the writer; synchronous=NORMAL is durable in WAL mode except for
// the last transactions before a power loss; foreign keys keep duplicate_of honest.
Status SetPragmas(sqlite3* db, const std::string& name) {
  auto stmt = detail::SqlitePrepare(db, "PRAGMA journal_mode=WAL", /*persistent=*/false);
  if (!stmt.ok()) return stmt.status().WithContext(name);
  const int rc = sqlite3_step(stmt->get());
  if (rc != SQLITE_ROW) return SqliteStatus(db, rc, name + ": switching to WAL mode");
  const unsigned char* mode = sqlite3_column_text(stmt->get(), 0);
  const std::string_view mode_name =
      mode != nullptr ? reinterpret_cast<const char*>(mode) : std::string_view();
  if (mode_name != "wal") {
    return Status::IoError(name + ": cannot switch to WAL mode (journal mode stays '" +
                           std::string(mode_name) + "')");
  }
  STORYLINE_RETURN_IF_ERROR(SqliteExec(db, "PRAGMA synchronous=NORMAL", name));
  return SqliteExec(db, "PRAGMA foreign_keys=ON", name);
}

// The published date must survive the trip through its ISO 8601 text.
Status CheckStorable(const Article& article) {
  if (article.content_hash.empty()) return Status::InvalidArgument("has no content_hash");
  if (article.published && !Timestamp::FromIso8601(article.published->ToIso8601())) {
    return Status::InvalidArgument("published date '" + article.published->ToIso8601() +
                                   "' is not a valid date");
  }
  return Status::Ok();
}

// "article 3 of 5 (feed.jsonl:12)", to say which article of a batch failed.
std::string BatchItemName(size_t index, size_t count, const Article& article) {
  std::string name = "article " + std::to_string(index + 1) + " of " + std::to_string(count);
  const std::string& where = !article.source_file.empty() ? article.source_file : article.url;
  if (!where.empty()) name += " (" + where + ")";
  return name;
}

}  // namespace

struct Store::Rep {
  std::string dir;
  std::string db_path;
  int schema_version = 0;
  SqliteDb db;  // declared before the statements, so destroyed after them
  Statements stmts;

  Status PrepareStatements() {
    for (const StatementSql& entry : kStatementSql) {
      auto stmt = detail::SqlitePrepare(db.get(), entry.sql, /*persistent=*/true);
      if (!stmt.ok()) return stmt.status().WithContext(db_path);
      stmts.*entry.stmt = std::move(*stmt);
    }
    return Status::Ok();
  }

  Status Run(const SqliteStmt& stmt, std::string_view what) {
    StmtUse use(db.get(), stmt, what);
    return use.Run();
  }

  // The id of the article whose `key` (by `find`) is stored, if any.
  Result<std::optional<int64_t>> FindId(const SqliteStmt& find, std::string_view key,
                                        std::string_view what) {
    StmtUse use(db.get(), find, what);
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, key));
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status();
    return *row ? std::optional<int64_t>(use.Int(0)) : std::optional<int64_t>();
  }

  // The stored article with the same text that counts as the same page: same outlet, or
  // either one has no canonical URL to tell them apart. Another outlet's URL is syndication.
  Result<std::optional<int64_t>> FindSameText(const Article& article) {
    StmtUse use(db.get(), stmts.find_by_content_hash, "looking up the content hash");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, article.content_hash));
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status();
      if (!*row) return std::optional<int64_t>();
      const std::string canonical = use.Text(1);
      if (canonical.empty() || article.canonical_url.empty() ||
          SameOutlet(use.Text(2), article.outlet)) {
        return std::optional<int64_t>(use.Int(0));
      }
    }
  }

  static bool SameOutlet(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  }

  Result<PutResult> PutOne(const Article& article) {
    if (!article.canonical_url.empty()) {
      auto known = FindId(stmts.find_by_canonical_url, article.canonical_url,
                          "looking up the canonical URL");
      if (!known.ok()) return known.status();
      if (*known) return PutResult{**known, PutOutcome::kAlreadyKnown};
    }
    auto same_text = FindSameText(article);
    if (!same_text.ok()) return same_text.status();
    if (*same_text) return PutResult{**same_text, PutOutcome::kAlreadyKnown};
    auto id = Insert(article);
    if (!id.ok()) return id.status();
    return PutResult{*id, PutOutcome::kNew};
  }

  Result<int64_t> Insert(const Article& a) {
    {
      StmtUse use(db.get(), stmts.insert_article, "inserting the article");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, a.source_file));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, a.url));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, a.canonical_url));
      STORYLINE_RETURN_IF_ERROR(use.Bind(4, a.outlet));
      STORYLINE_RETURN_IF_ERROR(use.Bind(5, a.title));
      const std::string published = a.published ? a.published->ToIso8601() : std::string();
      if (a.published) {
        STORYLINE_RETURN_IF_ERROR(use.Bind(6, published));
        STORYLINE_RETURN_IF_ERROR(use.Bind(7, a.published->ToUnixSeconds()));
      } else {
        STORYLINE_RETURN_IF_ERROR(use.BindNull(6));
        STORYLINE_RETURN_IF_ERROR(use.BindNull(7));
      }
      STORYLINE_RETURN_IF_ERROR(use.Bind(8, a.language));
      STORYLINE_RETURN_IF_ERROR(use.Bind(9, a.text));
      STORYLINE_RETURN_IF_ERROR(use.Bind(10, a.content_hash));
      STORYLINE_RETURN_IF_ERROR(use.Bind(11, a.story_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(12, a.duplicate_of));
      STORYLINE_RETURN_IF_ERROR(use.Bind(13, a.relation));
      STORYLINE_RETURN_IF_ERROR(use.Bind(14, a.relation_score));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    const int64_t id = sqlite3_last_insert_rowid(db.get());
    STORYLINE_RETURN_IF_ERROR(InsertList(stmts.insert_author, id, a.authors, "storing authors"));
    STORYLINE_RETURN_IF_ERROR(InsertList(stmts.insert_tag, id, a.tags, "storing tags"));
    STORYLINE_RETURN_IF_ERROR(
        InsertList(stmts.insert_paragraph, id, a.paragraphs, "storing paragraphs"));
    return id;
  }

  Status InsertList(const SqliteStmt& insert, int64_t id, const std::vector<std::string>& items,
                    std::string_view what) {
    for (size_t i = 0; i < items.size(); ++i) {
      StmtUse use(db.get(), insert, what);
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(i)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, items[i]));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    return Status::Ok();
  }

  // The stored person a surname-only id stands for: the one stored id ending in
  // "-surname", if exactly one.
  Result<std::string> ResolveSurname(const std::string& id) {
    if (id.empty() || id.find('-') != std::string::npos) return id;
    std::string pattern = "-";
    for (char c : id) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    StmtUse use(db.get(), stmts.find_people_by_surname, "looking up a surname");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, pattern));
    std::vector<std::string> found;
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      found.push_back(use.Text(0));
    }
    return found.size() == 1 ? found.front() : id;
  }

  // The person's roles across articles, most often stated first.
  Status ReadRoles(PersonRecord& p) {
    StmtUse use(db.get(), stmts.select_person_roles, "reading roles");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, p.id));
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status().WithContext(db_path);
      if (!*row) return Status::Ok();
      p.roles.push_back(use.Text(0));
    }
  }

  Status UpsertPerson(const std::string& id, const std::string& name) {
    StmtUse use(db.get(), stmts.upsert_person, "storing a person");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, name));
    return use.Run();
  }

  // A full name stored now may be the person that articles stored earlier named only by
  // surname: when it is the one full name with that surname, they become it.
  Status AdoptSurname(const std::string& full_id) {
    const std::string surname(full_id.substr(full_id.rfind('-') + 1));
    {
      StmtUse use(db.get(), stmts.person_exists, "looking up a person");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, surname));
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
    }
    Result<std::string> resolved = ResolveSurname(surname);
    if (!resolved.ok()) return resolved.status();
    if (*resolved != full_id) return Status::Ok();  // several people carry the surname
    for (const SqliteStmt* merge : {&stmts.merge_mentions, &stmts.merge_quotes, &stmts.merge_roles}) {
      StmtUse use(db.get(), *merge, "merging a person");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, surname));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, full_id));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    for (const SqliteStmt* del : {&stmts.delete_roles_of, &stmts.delete_person}) {
      StmtUse use(db.get(), *del, "merging a person");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, surname));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    return Status::Ok();
  }

  Status PutAnalysis(int64_t article_id, const ArticleAnalysis& analysis) {
    for (const SqliteStmt* del : {&stmts.delete_mentions, &stmts.delete_quotes, &stmts.delete_roles}) {
      StmtUse use(db.get(), *del, "replacing an analysis");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    // Full names first, so a surname in the same batch can find its person.
    std::map<std::string, std::string> ids;  // the analysis' id -> the stored id
    std::vector<const PersonRecord*> order;
    for (const PersonRecord& p : analysis.people) order.push_back(&p);
    std::stable_sort(order.begin(), order.end(), [](const PersonRecord* a, const PersonRecord* b) {
      return (a->id.find('-') != std::string::npos) > (b->id.find('-') != std::string::npos);
    });
    for (const PersonRecord* p : order) {
      if (p->id.empty()) continue;
      Result<std::string> id = ResolveSurname(p->id);
      if (!id.ok()) return id.status();
      ids[p->id] = *id;
      STORYLINE_RETURN_IF_ERROR(UpsertPerson(*id, p->name));
      for (const std::string& role : p->roles) {
        StmtUse use(db.get(), stmts.insert_role, "storing a role");
        STORYLINE_RETURN_IF_ERROR(use.Bind(1, *id));
        STORYLINE_RETURN_IF_ERROR(use.Bind(2, article_id));
        STORYLINE_RETURN_IF_ERROR(use.Bind(3, role));
        STORYLINE_RETURN_IF_ERROR(use.Run());
      }
    }
    auto stored_id = [&](const std::string& id) -> std::optional<std::string> {
      auto it = ids.find(id);
      return it == ids.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    for (const EntityMention& m : analysis.entities) {
      StmtUse use(db.get(), stmts.insert_mention, "storing a mention");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(m.begin)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, static_cast<int64_t>(m.end)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(4, m.type));
      STORYLINE_RETURN_IF_ERROR(use.Bind(5, m.text));
      const std::optional<std::string> person = stored_id(m.person);
      if (person) {
        STORYLINE_RETURN_IF_ERROR(use.Bind(6, *person));
      } else {
        STORYLINE_RETURN_IF_ERROR(use.BindNull(6));
      }
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    for (size_t i = 0; i < analysis.quotes.size(); ++i) {
      const QuoteRecord& q = analysis.quotes[i];
      StmtUse use(db.get(), stmts.insert_quote, "storing a quote");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(i)));
      const std::optional<std::string> speaker = stored_id(q.speaker);
      if (speaker) {
        STORYLINE_RETURN_IF_ERROR(use.Bind(3, *speaker));
      } else {
        STORYLINE_RETURN_IF_ERROR(use.BindNull(3));
      }
      STORYLINE_RETURN_IF_ERROR(use.Bind(4, q.speaker_name));
      const std::string source = q.source ? q.source->text : std::string();
      const std::string cue = q.cue ? q.cue->text : std::string();
      STORYLINE_RETURN_IF_ERROR(use.Bind(5, source));
      STORYLINE_RETURN_IF_ERROR(use.Bind(6, cue));
      STORYLINE_RETURN_IF_ERROR(use.Bind(7, q.content.text));
      STORYLINE_RETURN_IF_ERROR(use.Bind(8, static_cast<int64_t>(q.content.begin)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(9, static_cast<int64_t>(q.content.end)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(10, static_cast<int64_t>(q.direct ? 1 : 0)));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    {
      StmtUse use(db.get(), stmts.delete_article_summary, "replacing a summary");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    for (size_t i = 0; i < analysis.summary.size(); ++i) {
      const TextSpan& sentence = analysis.summary[i];
      StmtUse use(db.get(), stmts.insert_article_summary, "storing a summary");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(i)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, static_cast<int64_t>(sentence.begin)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(4, static_cast<int64_t>(sentence.end)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(5, sentence.text));
      STORYLINE_RETURN_IF_ERROR(use.Run());
    }
    StmtUse use(db.get(), stmts.mark_analyzed, "marking an article analyzed");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
    STORYLINE_RETURN_IF_ERROR(use.Run());
    if (sqlite3_changes(db.get()) != 1) {
      return Status::InvalidArgument("no article " + std::to_string(article_id) + " to analyze");
    }
    return Status::Ok();
  }

  // Articles with after_id < id <= last_id, at most `limit`, in id order, with their lists;
  // in one read transaction so the articles and their lists are one snapshot.
  Result<std::vector<Article>> Load(int64_t after_id, int64_t last_id, int limit) {
    RollbackGuard guard(db.get(), stmts.rollback);
    STORYLINE_RETURN_IF_ERROR(Run(stmts.begin_read, "starting a read"));
    std::vector<Article> articles;
    {
      StmtUse use(db.get(), stmts.select_articles, "reading articles");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, after_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, last_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, static_cast<int64_t>(limit)));
      for (;;) {
        Result<bool> row = use.Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        Result<Article> article = ReadArticle(use);
        if (!article.ok()) return article.status();
        articles.push_back(std::move(*article));
      }
    }
    if (!articles.empty()) {
      // Every stored article with an id in (after_id, last read id] was read above.
      const int64_t last_read = articles.back().id;
      STORYLINE_RETURN_IF_ERROR(AttachList(stmts.select_authors, after_id, last_read,
                                           &Article::authors, articles, "reading authors"));
      STORYLINE_RETURN_IF_ERROR(AttachList(stmts.select_tags, after_id, last_read, &Article::tags,
                                           articles, "reading tags"));
      STORYLINE_RETURN_IF_ERROR(AttachList(stmts.select_paragraphs, after_id, last_read,
                                           &Article::paragraphs, articles, "reading paragraphs"));
    }
    STORYLINE_RETURN_IF_ERROR(Run(stmts.commit, "ending a read"));
    return articles;
  }

  Result<Article> ReadArticle(const StmtUse& row) {
    Article a;
    a.id = row.Int(column::kId);
    a.source_file = row.Text(column::kSourceFile);
    a.url = row.Text(column::kUrl);
    a.canonical_url = row.Text(column::kCanonicalUrl);
    a.outlet = row.Text(column::kOutlet);
    a.title = row.Text(column::kTitle);
    if (!row.IsNull(column::kPublished)) {
      const std::string published = row.Text(column::kPublished);
      a.published = Timestamp::FromIso8601(published);
      if (!a.published) {
        return Status::Corruption("article " + std::to_string(a.id) + ": stored date '" +
                                  published + "' is not ISO 8601");
      }
    }
    a.language = row.Text(column::kLanguage);
    a.text = row.Text(column::kText);
    a.content_hash = row.Text(column::kContentHash);
    a.story_id = row.OptionalInt(column::kStoryId);
    a.duplicate_of = row.OptionalInt(column::kDuplicateOf);
    a.relation = row.Text(column::kRelation);
    a.relation_score = row.OptionalDouble(column::kRelationScore);
    return a;
  }

  // Appends each (article_id, text) row of `select` to that article's `field`. Both the rows
  // and `articles` are in id order, so one merge pass matches them.
  Status AttachList(const SqliteStmt& select, int64_t after_id, int64_t last_id,
                    std::vector<std::string> Article::*field, std::vector<Article>& articles,
                    std::string_view what) {
    StmtUse use(db.get(), select, what);
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, after_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, last_id));
    size_t next = 0;
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      const int64_t article_id = use.Int(0);
      while (next < articles.size() && articles[next].id < article_id) ++next;
      if (next == articles.size()) break;
      if (articles[next].id == article_id) (articles[next].*field).push_back(use.Text(1));
    }
    return Status::Ok();
  }
};

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  if (dir.empty()) return Status::InvalidArgument("no store directory given");
  const fs::path db_file = fs::path(dir) / kDatabaseFile;
  const std::string db_path = db_file.string();

  std::error_code ec;
  const bool exists = fs::exists(db_file, ec);
  if (ec) return Status::IoError(db_path + ": " + ec.message());
  if (exists) {
    STORYLINE_RETURN_IF_ERROR(CheckIsSqliteFile(db_file, db_path));
  } else if (!options.create_if_missing) {
    return Status::NotFound("no store at " + dir + " (" + db_path + " does not exist)");
  } else {
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("cannot create store directory " + dir + ": " + ec.message());
  }

  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(db_path.c_str(), &raw, flags, nullptr);
  SqliteDb db(raw);  // owned from here on, also when opening failed
  if (rc != SQLITE_OK) return SqliteStatus(db.get(), rc, "opening " + db_path);
  sqlite3_busy_timeout(db.get(), std::max(0, options.busy_timeout_ms));

  // Read the version before anything writes: a store from a newer storyline is not touched.
  auto version = detail::ReadSchemaVersion(db.get());
  if (!version.ok()) return version.status().WithContext(db_path);
  if (*version > detail::LatestSchemaVersion()) {
    return detail::NewerSchemaError(db_path, *version, detail::LatestSchemaVersion());
  }
  STORYLINE_RETURN_IF_ERROR(SetPragmas(db.get(), db_path));
  auto migrated = detail::Migrate(db.get(), detail::SchemaMigrations(), db_path);
  if (!migrated.ok()) return migrated.status();

  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rep->db_path = db_path;
  rep->schema_version = *migrated;
  rep->db = std::move(db);
  STORYLINE_RETURN_IF_ERROR(rep->PrepareStatements());
  // The constructor is private, out of std::make_unique's reach; the pointer is owned at once.
  return std::unique_ptr<Store>(new Store(std::move(rep)));
}

Result<std::vector<PutResult>> Store::PutBatch(const std::vector<Article>& articles) {
  for (size_t i = 0; i < articles.size(); ++i) {
    STORYLINE_RETURN_IF_ERROR(
        CheckStorable(articles[i]).WithContext(BatchItemName(i, articles.size(), articles[i])));
  }
  std::vector<PutResult> results;
  if (articles.empty()) return results;
  results.reserve(articles.size());

  RollbackGuard guard(rep_->db.get(), rep_->stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      rep_->Run(rep_->stmts.begin_write, "starting the batch").WithContext(rep_->db_path));
  for (size_t i = 0; i < articles.size(); ++i) {
    Result<PutResult> result = rep_->PutOne(articles[i]);
    if (!result.ok()) {
      return result.status()
          .WithContext(BatchItemName(i, articles.size(), articles[i]))
          .WithContext(rep_->db_path);
    }
    results.push_back(*result);
  }
  STORYLINE_RETURN_IF_ERROR(
      rep_->Run(rep_->stmts.commit, "committing the batch").WithContext(rep_->db_path));
  return results;
}

Result<Article> Store::Get(int64_t id) {
  if (id <= 0) return Status::NotFound(rep_->db_path + ": no article " + std::to_string(id));
  auto articles = rep_->Load(id - 1, id, 1);
  if (!articles.ok()) return articles.status().WithContext(rep_->db_path);
  if (articles->empty()) {
    return Status::NotFound(rep_->db_path + ": no article " + std::to_string(id));
  }
  return std::move(articles->front());
}

Result<std::vector<Article>> Store::List(const ListOptions& options) {
  const int limit = std::clamp(options.limit, 1, kMaxListLimit);
  auto articles = rep_->Load(options.after_id, std::numeric_limits<int64_t>::max(), limit);
  if (!articles.ok()) return articles.status().WithContext(rep_->db_path);
  return articles;
}

Result<int64_t> Store::CountArticles() {
  StmtUse use(rep_->db.get(), rep_->stmts.count_articles, "counting articles");
  Result<bool> row = use.Step();
  if (!row.ok()) return row.status().WithContext(rep_->db_path);
  if (!*row) return Status::Internal("counting articles gave no row");
  return use.Int(0);
}

Status Store::SetLinks(const std::vector<StoryRecord>& stories,
                       const std::vector<ArticleLinks>& links) {
  if (stories.empty() && links.empty()) return Status::Ok();
  Rep& r = *rep_;
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.begin_write, "starting to link articles").WithContext(r.db_path));
  for (const StoryRecord& story : stories) {
    StmtUse use(r.db.get(), r.stmts.insert_story, "storing a story");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, story.id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, story.title));
    STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
  }
  for (const ArticleLinks& link : links) {
    StmtUse use(r.db.get(), r.stmts.update_links, "linking an article");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, link.article_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, link.story_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(3, link.duplicate_of));
    STORYLINE_RETURN_IF_ERROR(use.Bind(4, link.relation));
    STORYLINE_RETURN_IF_ERROR(use.Bind(5, link.relation_score));
    STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
    if (sqlite3_changes(r.db.get()) != 1) {
      return Status::InvalidArgument(r.db_path + ": no article " + std::to_string(link.article_id) +
                                     " to link");
    }
  }
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.commit, "committing article links").WithContext(r.db_path));
  return Status::Ok();
}

Result<std::vector<Story>> Store::ListStories(const ListOptions& options) {
  Rep& r = *rep_;
  const int limit = std::clamp(options.limit, 1, kMaxListLimit);
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(r.Run(r.stmts.begin_read, "starting a read").WithContext(r.db_path));
  std::vector<Story> stories;
  {
    StmtUse use(r.db.get(), r.stmts.select_stories, "reading stories");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, options.after_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(limit)));
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status().WithContext(r.db_path);
      if (!*row) break;
      Story story;
      story.id = use.Int(0);
      story.title = use.Text(1);
      stories.push_back(std::move(story));
    }
  }
  if (!stories.empty()) {
    StmtUse use(r.db.get(), r.stmts.select_story_articles, "reading stories' articles");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, options.after_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, stories.back().id));
    size_t next = 0;
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status().WithContext(r.db_path);
      if (!*row) break;
      const int64_t story_id = use.Int(0);
      while (next < stories.size() && stories[next].id < story_id) ++next;
      if (next == stories.size()) break;
      Story& story = stories[next];
      if (story.id != story_id) continue;
      story.article_ids.push_back(use.Int(1));
      const std::string outlet = use.Text(2);
      if (!outlet.empty() &&
          std::find(story.outlets.begin(), story.outlets.end(), outlet) == story.outlets.end()) {
        story.outlets.push_back(outlet);
      }
      if (!use.IsNull(3)) {
        auto t = Timestamp::FromIso8601(use.Text(3));
        if (t && !story.first_published) story.first_published = t;
        if (t) story.last_published = t;  // rows are in publication order
      }
    }
  }
  STORYLINE_RETURN_IF_ERROR(r.Run(r.stmts.commit, "ending a read").WithContext(r.db_path));
  return stories;
}

Result<Story> Store::GetStory(int64_t id) {
  if (id <= 0) return Status::NotFound(rep_->db_path + ": no story " + std::to_string(id));
  auto stories = ListStories({.after_id = id - 1, .limit = 1});
  if (!stories.ok()) return stories.status();
  if (stories->empty() || stories->front().id != id) {
    return Status::NotFound(rep_->db_path + ": no story " + std::to_string(id));
  }
  Story story = std::move(stories->front());
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_story_summary, "reading a story's summary");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, id));
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    story.summary.push_back({use.Int(0), use.Text(1), use.Text(2)});
  }
  return story;
}

Result<std::vector<std::string>> Store::ArticlePeople(int64_t article_id) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_article_people, "reading an article's people");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
  std::vector<std::string> out;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    out.push_back(use.Text(0));
  }
  return out;
}

Result<std::vector<EntityMention>> Store::ArticleEntities(int64_t article_id) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_article_entities, "reading an article's entities");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
  std::vector<EntityMention> out;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    out.push_back({static_cast<size_t>(use.Int(0)), static_cast<size_t>(use.Int(1)), use.Text(2),
                   use.Text(3), use.Text(4)});
  }
  return out;
}

Result<PersonRecord> Store::GetPerson(const std::string& id) {
  Rep& r = *rep_;
  PersonRecord p;
  {
    StmtUse use(r.db.get(), r.stmts.select_person, "reading a person");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, id));
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) return Status::NotFound(r.db_path + ": no person " + id);
    p = {use.Text(0), use.Text(1), {}, use.Int(2)};
  }
  STORYLINE_RETURN_IF_ERROR(r.ReadRoles(p));
  return p;
}

Result<std::vector<TextSpan>> Store::GetArticleSummary(int64_t article_id) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_article_summary, "reading an article's summary");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, article_id));
  std::vector<TextSpan> out;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    out.push_back({static_cast<size_t>(use.Int(0)), static_cast<size_t>(use.Int(1)), use.Text(2), {}});
  }
  return out;
}

Status Store::PutStorySummaries(
    const std::vector<std::pair<int64_t, std::vector<SummaryLine>>>& summaries) {
  if (summaries.empty()) return Status::Ok();
  Rep& r = *rep_;
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.begin_write, "starting to store story summaries").WithContext(r.db_path));
  for (const auto& [story_id, lines] : summaries) {
    {
      StmtUse use(r.db.get(), r.stmts.delete_story_summary, "replacing a story summary");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, story_id));
      STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
    }
    for (size_t i = 0; i < lines.size(); ++i) {
      StmtUse use(r.db.get(), r.stmts.insert_story_summary, "storing a story summary");
      STORYLINE_RETURN_IF_ERROR(use.Bind(1, story_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(i)));
      STORYLINE_RETURN_IF_ERROR(use.Bind(3, lines[i].article_id));
      STORYLINE_RETURN_IF_ERROR(use.Bind(4, lines[i].text));
      STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
    }
  }
  return r.Run(r.stmts.commit, "committing story summaries").WithContext(r.db_path);
}

Status Store::PutStoryCoverage(const std::vector<std::pair<int64_t, StoredCoverage>>& coverage) {
  if (coverage.empty()) return Status::Ok();
  Rep& r = *rep_;
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.begin_write, "starting to store story coverage").WithContext(r.db_path));
  for (const auto& [story_id, stored] : coverage) {
    StmtUse use(r.db.get(), r.stmts.upsert_story_coverage, "storing a story's coverage");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, story_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, stored.inputs));
    STORYLINE_RETURN_IF_ERROR(use.Bind(3, stored.coverage));
    STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
  }
  return r.Run(r.stmts.commit, "committing story coverage").WithContext(r.db_path);
}

Result<std::optional<StoredCoverage>> Store::GetStoryCoverage(int64_t story_id) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_story_coverage, "reading a story's coverage");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, story_id));
  Result<bool> row = use.Step();
  if (!row.ok()) return row.status().WithContext(r.db_path);
  if (!*row) return std::optional<StoredCoverage>();
  return std::optional<StoredCoverage>(StoredCoverage{use.Text(0), use.Text(1)});
}

Status Store::PutAnalyses(const std::vector<std::pair<int64_t, ArticleAnalysis>>& analyses) {
  if (analyses.empty()) return Status::Ok();
  Rep& r = *rep_;
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.begin_write, "starting to store analyses").WithContext(r.db_path));
  // Full names first, so surnames anywhere in the batch find their person.
  for (const auto& [id, analysis] : analyses) {
    for (const PersonRecord& p : analysis.people) {
      if (p.id.find('-') == std::string::npos) continue;
      STORYLINE_RETURN_IF_ERROR(r.UpsertPerson(p.id, p.name).WithContext(r.db_path));
      STORYLINE_RETURN_IF_ERROR(r.AdoptSurname(p.id).WithContext(r.db_path));
    }
  }
  for (const auto& [id, analysis] : analyses) {
    STORYLINE_RETURN_IF_ERROR(r.PutAnalysis(id, analysis).WithContext(r.db_path));
  }
  return r.Run(r.stmts.commit, "committing analyses").WithContext(r.db_path);
}

Result<std::vector<int64_t>> Store::UnanalyzedArticles(int limit) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_unanalyzed, "listing unanalyzed articles");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, static_cast<int64_t>(std::clamp(limit, 1, kMaxListLimit))));
  std::vector<int64_t> ids;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    ids.push_back(use.Int(0));
  }
  return ids;
}

Result<std::vector<PersonRecord>> Store::ListPeople(int limit) {
  Rep& r = *rep_;
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(r.Run(r.stmts.begin_read, "starting a read").WithContext(r.db_path));
  std::vector<PersonRecord> people;
  {
    StmtUse use(r.db.get(), r.stmts.select_people, "reading people");
    STORYLINE_RETURN_IF_ERROR(
        use.Bind(1, static_cast<int64_t>(std::clamp(limit, 1, kMaxListLimit))));
    for (;;) {
      Result<bool> row = use.Step();
      if (!row.ok()) return row.status().WithContext(r.db_path);
      if (!*row) break;
      people.push_back({use.Text(0), use.Text(1), {}, use.Int(2)});
    }
  }
  for (PersonRecord& p : people) STORYLINE_RETURN_IF_ERROR(r.ReadRoles(p));
  STORYLINE_RETURN_IF_ERROR(r.Run(r.stmts.commit, "ending a read").WithContext(r.db_path));
  return people;
}

Result<std::vector<StoredQuote>> Store::ListQuotes(const QuoteQuery& query) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_quotes, "reading quotes");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, query.after_id));
  STORYLINE_RETURN_IF_ERROR(use.Bind(2, query.speaker));
  STORYLINE_RETURN_IF_ERROR(use.Bind(3, query.story_id));
  STORYLINE_RETURN_IF_ERROR(
      use.Bind(4, static_cast<int64_t>(std::clamp(query.limit, 1, kMaxListLimit))));
  STORYLINE_RETURN_IF_ERROR(use.Bind(5, query.article_id));
  std::vector<StoredQuote> quotes;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    StoredQuote q;
    q.id = use.Int(0);
    q.article_id = use.Int(1);
    q.story_id = use.OptionalInt(2);
    q.speaker = use.Text(3);
    q.speaker_name = use.Text(4);
    q.source = use.Text(5);
    q.cue = use.Text(6);
    q.content = use.Text(7);
    q.direct = use.Int(8) != 0;
    q.outlet = use.Text(9);
    q.title = use.Text(10);
    if (!use.IsNull(11)) q.published = Timestamp::FromIso8601(use.Text(11));
    q.content_begin = static_cast<size_t>(use.Int(12));
    q.content_end = static_cast<size_t>(use.Int(13));
    quotes.push_back(std::move(q));
  }
  return quotes;
}

namespace {

FetchRecord ReadFetchRecord(const StmtUse& use) {
  FetchRecord f;
  f.url = use.Text(0);
  f.kind = use.Text(1);
  f.etag = use.Text(2);
  f.last_modified = use.Text(3);
  f.status = static_cast<int>(use.Int(4));
  f.error = use.Text(5);
  f.fetched_at = use.Int(6);
  f.changed_at = use.Int(7);
  f.next_fetch_at = use.Int(8);
  f.interval_s = use.OptionalDouble(9).value_or(0);
  f.article_id = use.OptionalInt(10);
  f.title = use.Text(11);
  return f;
}

}  // namespace

Result<std::optional<FetchRecord>> Store::GetFetchRecord(const std::string& url) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.select_fetched, "reading a fetch record");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, url));
  Result<bool> row = use.Step();
  if (!row.ok()) return row.status().WithContext(r.db_path);
  if (!*row) return std::optional<FetchRecord>();
  return std::optional<FetchRecord>(ReadFetchRecord(use));
}

Result<std::vector<FetchRecord>> Store::ListFetchRecords(const std::string& kind, int limit) {
  Rep& r = *rep_;
  StmtUse use(r.db.get(), r.stmts.list_fetched, "listing fetch records");
  STORYLINE_RETURN_IF_ERROR(use.Bind(1, kind));
  STORYLINE_RETURN_IF_ERROR(use.Bind(2, static_cast<int64_t>(std::clamp(limit, 1, kMaxListLimit))));
  std::vector<FetchRecord> out;
  for (;;) {
    Result<bool> row = use.Step();
    if (!row.ok()) return row.status().WithContext(r.db_path);
    if (!*row) break;
    out.push_back(ReadFetchRecord(use));
  }
  return out;
}

Status Store::PutFetchRecords(const std::vector<FetchRecord>& records) {
  if (records.empty()) return Status::Ok();
  Rep& r = *rep_;
  for (const FetchRecord& f : records) {
    if (f.url.empty() || (f.kind != "feed" && f.kind != "page")) {
      return Status::InvalidArgument("a fetch record needs a URL and kind feed or page, got '" +
                                     f.url + "' '" + f.kind + "'");
    }
  }
  RollbackGuard guard(r.db.get(), r.stmts.rollback);
  STORYLINE_RETURN_IF_ERROR(
      r.Run(r.stmts.begin_write, "starting to store fetch records").WithContext(r.db_path));
  for (const FetchRecord& f : records) {
    StmtUse use(r.db.get(), r.stmts.upsert_fetched, "storing a fetch record");
    STORYLINE_RETURN_IF_ERROR(use.Bind(1, f.url));
    STORYLINE_RETURN_IF_ERROR(use.Bind(2, f.kind));
    STORYLINE_RETURN_IF_ERROR(use.Bind(3, f.etag));
    STORYLINE_RETURN_IF_ERROR(use.Bind(4, f.last_modified));
    STORYLINE_RETURN_IF_ERROR(use.Bind(5, static_cast<int64_t>(f.status)));
    STORYLINE_RETURN_IF_ERROR(use.Bind(6, f.error));
    STORYLINE_RETURN_IF_ERROR(use.Bind(7, f.fetched_at));
    STORYLINE_RETURN_IF_ERROR(use.Bind(8, f.changed_at));
    STORYLINE_RETURN_IF_ERROR(use.Bind(9, f.next_fetch_at));
    STORYLINE_RETURN_IF_ERROR(use.Bind(10, std::optional<double>(f.interval_s)));
    STORYLINE_RETURN_IF_ERROR(use.Bind(11, f.article_id));
    STORYLINE_RETURN_IF_ERROR(use.Bind(12, f.title));
    STORYLINE_RETURN_IF_ERROR(use.Run().WithContext(r.db_path));
  }
  return r.Run(r.stmts.commit, "committing fetch records").WithContext(r.db_path);
}

int Store::schema_version() const { return rep_->schema_version; }

const std::string& Store::directory() const { return rep_->dir; }

std::string Store::database_path() const { return rep_->db_path; }

}  // namespace storyline

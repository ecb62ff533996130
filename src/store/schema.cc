#include "store/schema.h"

#include <array>
#include <string>

namespace storyline::detail {
namespace {

// Version 1. Lists (authors, tags, paragraphs) are child tables rather than JSON columns:
// they stay queryable by plain indexed SQL ("articles by this author"), need no JSON encoding
// in the store, and keep paragraphs addressable for a later full-text index.
// Empty strings mean "not known", as in Article; `published` is NULL when not known.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  source_file    TEXT NOT NULL DEFAULT '',
  url            TEXT NOT NULL DEFAULT '',
  canonical_url  TEXT NOT NULL DEFAULT '',
  outlet         TEXT NOT NULL DEFAULT '',
  title          TEXT NOT NULL DEFAULT '',
  published      TEXT,     -- ISO 8601 as Timestamp::ToIso8601 writes it
  published_unix INTEGER,  -- Timestamp::ToUnixSeconds, for ordering and ranges
  language       TEXT NOT NULL DEFAULT '',
  text           TEXT NOT NULL DEFAULT '',
  content_hash   TEXT NOT NULL CHECK (content_hash <> ''),
  story_id       INTEGER,
  duplicate_of   INTEGER REFERENCES articles(id),
  ingested_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);
CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);
CREATE UNIQUE INDEX articles_canonical_url ON articles(canonical_url) WHERE canonical_url <> '';
CREATE INDEX articles_published_unix ON articles(published_unix);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  tag        TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE TABLE article_paragraphs (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
)sql";

// Version 2: stories and duplicate relations. The content hash stops being unique: the same
// text at another outlet's URL is syndicated copy, stored as its own article and linked to
// its original by duplicate_of / relation.
constexpr std::string_view kSchemaV2 = R"sql(
ALTER TABLE articles ADD COLUMN relation TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN relation_score REAL;
DROP INDEX articles_content_hash;
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
CREATE TABLE stories (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
);
)sql";

// Version 3: what the understanding and summary stages find — people (one row per identity across
// articles), their roles as each article states them, entity mentions, and quotes with their
// resolved speakers, article and story summaries. `analyzed` marks the articles whose analysis is stored, so a run killed
// between storing articles and storing their analysis completes it the next time.
constexpr std::string_view kSchemaV3 = R"sql(
ALTER TABLE articles ADD COLUMN analyzed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX articles_unanalyzed ON articles(id) WHERE analyzed = 0;
CREATE TABLE people (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE person_roles (
  person_id  TEXT NOT NULL REFERENCES people(id),
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  role       TEXT NOT NULL,
  PRIMARY KEY (person_id, article_id, role)
) WITHOUT ROWID;
CREATE TABLE mentions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  begin      INTEGER NOT NULL,  -- bytes into the article's text
  end        INTEGER NOT NULL,
  type       TEXT NOT NULL,     -- PER, ORG, LOC, MISC
  text       TEXT NOT NULL,
  person_id  TEXT REFERENCES people(id),
  PRIMARY KEY (article_id, begin)
) WITHOUT ROWID;
CREATE INDEX mentions_person ON mentions(person_id) WHERE person_id IS NOT NULL;
CREATE TABLE quotes (
  id            INTEGER PRIMARY KEY,
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  speaker_id    TEXT REFERENCES people(id),
  speaker_name  TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  cue           TEXT NOT NULL DEFAULT '',
  content       TEXT NOT NULL,
  content_begin INTEGER NOT NULL,
  content_end   INTEGER NOT NULL,
  direct        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE TABLE article_summaries (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  begin      INTEGER NOT NULL,  -- bytes into the article's text
  end        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE TABLE story_summaries (
  story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  text       TEXT NOT NULL,
  PRIMARY KEY (story_id, position)
) WITHOUT ROWID;
)sql";

// Version 4: what the fetcher knows about each URL it fetched (feeds and pages), for
// conditional requests, fetching each page once, and the adaptive schedule of `watch`.
// Times are Unix seconds; 0 means never.
constexpr std::string_view kSchemaV4 = R"sql(
CREATE TABLE fetched (
  url            TEXT PRIMARY KEY,  -- normalized (fetch::NormalizeUrl)
  kind           TEXT NOT NULL CHECK (kind IN ('feed', 'page')),
  etag           TEXT NOT NULL DEFAULT '',
  last_modified  TEXT NOT NULL DEFAULT '',
  status         INTEGER NOT NULL DEFAULT 0,  -- last HTTP status, 0 when no response
  error          TEXT NOT NULL DEFAULT '',    -- the last fetch's error, '' when it succeeded
  fetched_at     INTEGER NOT NULL DEFAULT 0,  -- last attempt
  changed_at     INTEGER NOT NULL DEFAULT 0,  -- last time the content was new (200 with new items)
  next_fetch_at  INTEGER NOT NULL DEFAULT 0,  -- feeds: when `watch` polls it next
  interval_s     REAL NOT NULL DEFAULT 0,     -- feeds: the current polling interval
  article_id     INTEGER REFERENCES articles(id),  -- pages: the article it gave
  title          TEXT NOT NULL DEFAULT ''     -- feeds: the feed's title
) WITHOUT ROWID;
CREATE INDEX fetched_next ON fetched(kind, next_fetch_at);
)sql";

// Version 5: each story's coverage comparison (what each outlet adds, wording differences),
// computed at ingest so that a story page does not compute it per request. `inputs` is the
// fingerprint of the articles and quotes it was computed from (a reader recomputes when the
// story's current inputs differ); `coverage` is the pipeline's encoding of it.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE story_coverage (
  story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  inputs   TEXT NOT NULL,
  coverage TEXT NOT NULL
);
)sql";

// Append only: a released migration is never edited, a change is a new version.
constexpr std::array kMigrations = {
    Migration{1, kSchemaV1},
    Migration{2, kSchemaV2},
    Migration{3, kSchemaV3},
    Migration{4, kSchemaV4},
    Migration{5, kSchemaV5},
};

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return StatusCode::kCorruption;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      return StatusCode::kInvalidArgument;
    case SQLITE_TOOBIG:
      return StatusCode::kTooLarge;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return StatusCode::kIoError;
    default:
      return StatusCode::kInternal;
  }
}

// Rolls back a migration's transaction unless it was committed.
class MigrationTransaction {
 public:
  explicit MigrationTransaction(sqlite3* db) : db_(db) {}
  MigrationTransaction(const MigrationTransaction&) = delete;
  MigrationTransaction& operator=(const MigrationTransaction&) = delete;
  ~MigrationTransaction() {
    // A failed ROLLBACK leaves nothing to do: SQLite rolls back itself on close.
    if (sqlite3_get_autocommit(db_) == 0) {
      (void)sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }

 private:
  sqlite3* db_;
};

}  // namespace

void SqliteDbCloser::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

void SqliteStmtFinalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  // sqlite3_errmsg describes the connection's latest failure, which is `rc` when asked at once.
  message +=
      db != nullptr && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Status(CodeFor(rc), std::move(message));
}

Status SqliteExec(sqlite3* db, const char* sql, std::string_view what) {
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db, rc, what);
}

Result<SqliteStmt> SqlitePrepare(sqlite3* db, std::string_view sql, bool persistent) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(
      db, sql.data(), static_cast<int>(sql.size()),
      persistent ? static_cast<unsigned>(SQLITE_PREPARE_PERSISTENT) : 0u, &raw, nullptr);
  SqliteStmt stmt(raw);  // owned from here on, also on failure
  if (rc != SQLITE_OK) {
    std::string what = "preparing \"";
    what += sql;
    what += '"';
    return SqliteStatus(db, rc, what);
  }
  if (stmt == nullptr) return Status::Internal("preparing an empty SQL statement");
  return stmt;
}

std::span<const Migration> SchemaMigrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> ReadSchemaVersion(sqlite3* db) {
  auto stmt = SqlitePrepare(db, "PRAGMA user_version", /*persistent=*/false);
  if (!stmt.ok()) return stmt.status().WithContext("reading the schema version");
  const int rc = sqlite3_step(stmt->get());
  if (rc != SQLITE_ROW) return SqliteStatus(db, rc, "reading the schema version");
  return sqlite3_column_int(stmt->get(), 0);
}

Status NewerSchemaError(std::string_view db_name, int version, int latest) {
  std::string message = "store at ";
  message += db_name;
  message += " has schema version " + std::to_string(version) + ", this storyline knows up to " +
             std::to_string(latest);
  return Status::InvalidArgument(std::move(message));
}

Result<int> Migrate(sqlite3* db, std::span<const Migration> migrations, std::string_view db_name) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  auto version = ReadSchemaVersion(db);
  if (!version.ok()) return version.status().WithContext(db_name);
  if (*version > latest) return NewerSchemaError(db_name, *version, latest);

  for (const Migration& migration : migrations) {
    if (migration.version <= *version) continue;
    const std::string what =
        std::string(db_name) + ": migrating to schema version " + std::to_string(migration.version);
    MigrationTransaction transaction(db);
    STORYLINE_RETURN_IF_ERROR(SqliteExec(db, "BEGIN IMMEDIATE", what));
    // Another process may have migrated while we waited for the write lock.
    auto current = ReadSchemaVersion(db);
    if (!current.ok()) return current.status().WithContext(what);
    if (*current > latest) return NewerSchemaError(db_name, *current, latest);
    if (*current >= migration.version) {
      STORYLINE_RETURN_IF_ERROR(SqliteExec(db, "COMMIT", what));
      *version = *current;
      continue;
    }
    if (*current != migration.version - 1) {
      return Status::Internal(what + ": migrations do not count up by 1 from version " +
                              std::to_string(*current));
    }
    // The script is a program constant, and so is the version (PRAGMA takes no parameters).
    const std::string script = std::string(migration.sql) +
                               ";\nPRAGMA user_version = " + std::to_string(migration.version);
    STORYLINE_RETURN_IF_ERROR(SqliteExec(db, script.c_str(), what));
    STORYLINE_RETURN_IF_ERROR(SqliteExec(db, "COMMIT", what));
    *version = migration.version;
  }
  return *version;
}

}  // namespace storyline::detail

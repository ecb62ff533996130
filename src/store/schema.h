// The store's SQLite layer: owning handles, SQLite errors as Status, and the versioned
// schema with its migrations. Internal to src/store (not under include/).
//
// Threading: a sqlite3 connection and its statements are used from one thread at a time.
#ifndef STORYLINE_STORE_SCHEMA_H_
#define STORYLINE_STORE_SCHEMA_H_

#include <sqlite3.h>

#include <memory>
#include <span>
#include <string_view>

#include "storyline/status.h"

namespace storyline::detail {

struct SqliteDbCloser {
  void operator()(sqlite3* db) const;
};
struct SqliteStmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const;
};
// A connection closes when its handle goes; destroy its statements first.
using SqliteDb = std::unique_ptr<sqlite3, SqliteDbCloser>;
using SqliteStmt = std::unique_ptr<sqlite3_stmt, SqliteStmtFinalizer>;

// The Status for SQLite result code `rc` (not SQLITE_OK): "<what>: <SQLite's message>", coded
// by kind: not-a-database and corrupt → kCorruption, constraint → kInvalidArgument, too big →
// kTooLarge, I/O, full disk, busy, permissions → kIoError, anything else → kInternal.
// `db` may be null (then only the generic message for `rc` is given).
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

// Runs SQL that is part of the program (never data; several statements allowed).
Status SqliteExec(sqlite3* db, const char* sql, std::string_view what);

// Prepares one statement. `persistent`: it will be cached and reused many times.
Result<SqliteStmt> SqlitePrepare(sqlite3* db, std::string_view sql, bool persistent);

// One step of the schema: the script that takes the database from version - 1 to `version`.
struct Migration {
  int version = 0;       // PRAGMA user_version after it; versions count up from 1 by 1
  std::string_view sql;  // constant script, run inside the migration's transaction
};

// Every migration this code knows, oldest first.
std::span<const Migration> SchemaMigrations();
// The version a store is at after all of SchemaMigrations().
int LatestSchemaVersion();

// PRAGMA user_version (0 for a new, empty database). Reading it is also the first read of the
// file, so a file that is not an SQLite database fails here (kCorruption).
Result<int> ReadSchemaVersion(sqlite3* db);

// The error for a store whose schema is newer than `latest`:
// "store at <db_name> has schema version N, this storyline knows up to M".
Status NewerSchemaError(std::string_view db_name, int version, int latest);

// Applies the migrations newer than the database's user_version, in order, each in its own
// BEGIN IMMEDIATE transaction that also sets user_version; returns the version reached.
// Several processes may migrate the same file at once: each re-reads the version inside its
// transaction. A failing migration is rolled back (the ones before it stay) and reported.
// Fails without changing anything when the database is newer than the last migration.
// REQUIRES: `migrations` count up from 1 by 1.
Result<int> Migrate(sqlite3* db, std::span<const Migration> migrations, std::string_view db_name);

}  // namespace storyline::detail

#endif  // STORYLINE_STORE_SCHEMA_H_

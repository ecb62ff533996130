// WARC (ISO 28500, WARC/1.1 and 1.0) archives of fetched HTTP exchanges: a streaming reader
// (plain files, gzip with one member per record, or one gzip stream), an HTTP response
// parser for record blocks, and a writer that rotates files and never leaves a half-written
// file looking finished.
#ifndef STORYLINE_ARCHIVE_WARC_H_
#define STORYLINE_ARCHIVE_WARC_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyline/status.h"

namespace storyline::archive {

struct WarcRecord {
  std::string type;           // WARC-Type: "warcinfo", "request", "response", "metadata", ...
  std::string record_id;      // WARC-Record-ID, "<urn:uuid:...>"
  std::string target_uri;     // WARC-Target-URI ("" if none; WARC/1.0 "<...>" brackets removed)
  std::string date;           // WARC-Date as written
  std::string concurrent_to;  // WARC-Concurrent-To, else WARC-Refers-To ("" if none)
  std::string content_type;   // Content-Type of the block
  std::vector<std::pair<std::string, std::string>> headers;  // all WARC named fields, in order
  std::string block;  // the content block (Content-Length bytes; see `truncated`)
  // Where the record starts in the file: the start of its gzip member when each record is
  // its own member (the standard) or in a plain file; the position in the uncompressed
  // stream when one gzip member holds several records.
  uint64_t offset = 0;
  uint64_t content_length = 0;  // the declared Content-Length
  // True when the block was longer than WarcReaderOptions::max_block_bytes: `block` then
  // holds only its first max_block_bytes bytes (the rest was skipped, not kept in memory).
  bool truncated = false;
};

// The value of the named field (case-insensitive), "" if absent.
std::string_view Header(const WarcRecord& record, std::string_view name);

struct HttpResponse {
  int status = 0;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Parses an HTTP/1.x response block: status line, headers (folded lines tolerated), body.
// De-chunks Transfer-Encoding: chunked and decodes Content-Encoding gzip / deflate / br when
// the body is still encoded (archives such as Common Crawl's keep decoded bodies and rename
// those headers; a body that does not look encoded is kept as is). A chunked body cut short
// (crawlers truncate) keeps what was received. Errors name why: no status line, malformed
// chunking, corrupt compressed data, an unsupported encoding, a body over max_body_bytes.
Result<HttpResponse> ParseHttpResponse(std::string_view block, size_t max_body_bytes = 64u << 20);
// Only the status line and headers (`body` left empty): cheap triage before decoding.
Result<HttpResponse> ParseHttpResponseHead(std::string_view block);
// The value of the first header with that name (case-insensitive), "" if absent.
std::string_view HttpHeader(const HttpResponse& response, std::string_view name);

struct WarcReaderOptions {
  // Blocks longer than this are skipped past instead of kept (WarcRecord::truncated): a
  // 1 GB video response costs no memory. Larger: more memory per record.
  uint64_t max_block_bytes = 256ull << 20;
  size_t max_header_bytes = 1u << 20;  // a record's named fields; more is an error
};

// Streams a WARC file: plain, or gzip with one member per record (the standard), or one
// gzip stream holding all. Reads a record at a time, never the whole file. Not thread-safe:
// one reader per thread. Move-only.
class WarcReader {
 public:
  // The error names the path.
  static Result<WarcReader> Open(const std::string& path, WarcReaderOptions options = {});
  // Reads `bytes` (tests, fuzzing, uploads); `name` stands for the file in errors.
  static Result<WarcReader> FromBytes(std::string name, std::string bytes,
                                      WarcReaderOptions options = {});

  // The next record, nullopt at the end. A malformed or truncated record gives an error
  // naming the file and the offset ("x.warc.gz at byte 1234: truncated record ..."); calling
  // Next() again resyncs at the next record start ("WARC/" at a line start, or the next gzip
  // member after corrupt gzip data) when there is one (best effort), else gives nullopt.
  // Every call makes progress: a loop until nullopt ends.
  Result<std::optional<WarcRecord>> Next();

  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  ~WarcReader();

 private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when bytes (the start of a file, possibly gzip) look like a WARC file: they begin
// with a "WARC/<digit>" version line, after gunzipping when they are gzip.
bool LooksLikeWarc(std::string_view first_bytes);

struct WarcWriterOptions {
  std::string directory;                 // created if missing
  std::string prefix = "storyline";      // <prefix>-<UTC yyyymmddhhmmss>-<5-digit serial>.warc.gz
  uint64_t max_file_bytes = 1ull << 30;  // a new file once the current one is larger
  std::string software = "storyline";    // warcinfo "software:"
  std::string operator_contact;          // warcinfo "operator:" if set
  // "1.1", or "1.0" for readers that only know ISO 28500:2009 (libarchive 3.6, old tools).
  std::string warc_version = "1.1";
};

// One fetched HTTP exchange as the fetcher saw it.
struct Exchange {
  std::string target_uri;     // required; no whitespace
  std::string date;           // fetch time, ISO 8601 UTC "2025-11-07T12:28:00Z"; now if empty
  std::string ip_address;     // WARC-IP-Address if known
  std::string request_head;   // request line + headers + CRLF CRLF; no request record if empty
  std::string response_head;  // status line + headers + CRLF CRLF, as received (not altered)
  // The payload as kept (already content-decoded by the client, which renames
  // Content-Encoding / Content-Length / Transfer-Encoding in response_head the way Common
  // Crawl does with X-Crawler-* names). Written as given.
  std::string response_body;
  // A `metadata` record (application/warc-fields, "name: value" lines, line breaks in values
  // become spaces), WARC-Concurrent-To the response; none if empty.
  std::vector<std::pair<std::string, std::string>> metadata;
};

struct WrittenExchange {
  std::string response_record_id;  // "<urn:uuid:...>"
  std::string file;                // the finished file's path (the name after rename)
  uint64_t offset = 0;             // where the response record's gzip member starts
};

// Writes WARC files: a warcinfo record at the start of each file, then per exchange a
// request, a response and (if any) a metadata record, each its own gzip member, linked by
// WARC-Concurrent-To, with sha1 block and payload digests. A file is written as
// "<name>.open" and renamed when it is finished (rotation, Close), so readers never take a
// half-written file for a complete one; each exchange is flushed, so a crash loses at most
// the exchange being written. A failed write is cut off the file, keeping it readable.
// Thread-compatible: one writer per thread, or an external lock. Several writers may share
// a directory (names never collide). Move-only.
class WarcWriter {
 public:
  // Creates the directory and the first file; the error names what could not be written.
  static Result<WarcWriter> Open(WarcWriterOptions options);
  Result<WrittenExchange> Write(const Exchange& exchange);
  // Finishes the current file (renamed to its final name); also reports a rotation that
  // failed after its exchange was written. Also done by the destructor, which ignores
  // errors. Write after Close starts a new file.
  Status Close();

  WarcWriter(WarcWriter&&) noexcept;
  WarcWriter& operator=(WarcWriter&&) noexcept;
  ~WarcWriter();

 private:
  struct Impl;
  explicit WarcWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The WARC files directly under `directory` in the order they were written (by name):
// finished ones (".warc.gz", ".warc") only, unless include_open (also ".open" ones).
std::vector<std::string> ListWarcFiles(const std::string& directory, bool include_open = false);

}  // namespace storyline::archive

#endif  // STORYLINE_ARCHIVE_WARC_H_

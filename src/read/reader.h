// Inputs to documents: files, directories, gzip, JSON Lines, WARC archives and stdin, each
// recognised by its content (the extension is only a tie-breaker), decoded to UTF-8.
#ifndef STORYLINE_READ_READER_H_
#define STORYLINE_READ_READER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storyline/status.h"

namespace storyline::read {

enum class Format {
  kAuto,       // decide from the content
  kHtml,       // an HTML page
  kText,       // flattened page text, one block per line
  kJsonLines,  // one JSON document per line (trafilatura / news-please shape)
};

std::string_view FormatName(Format format);
// "auto", "html", "text", "jsonl"; InvalidArgument for anything else.
Result<Format> ParseFormat(std::string_view name);

struct ReadOptions {
  // Per input (per record of a WARC file), after decompression; larger inputs are rejected.
  size_t max_bytes = 16u << 20;
  Format format = Format::kAuto;  // force a format instead of sniffing
};

// What the container said about a document besides its body (JSON Lines fields, --url).
struct DocumentHints {
  std::string url;
  std::string title;
  std::string date;  // as written; the extractor parses it
  std::vector<std::string> authors;
  std::string outlet;
};

struct Document {
  std::string source;             // "dir/page.html", "pages.jsonl:12", "-"
  Format format = Format::kHtml;  // kHtml or kText after reading
  std::string content;            // UTF-8
  std::string charset;            // the charset the bytes were decoded from
  DocumentHints hints;
};

// Receives each document, or the reason an input (or one JSON Lines record) was rejected;
// the status message names the input. Called in input order, on the calling thread.
using DocumentSink = std::function<void(Result<Document>)>;

// Reads every input: a file, a directory (walked recursively, sorted, hidden files and
// WARC files still being written, "*.warc.gz.open", skipped), or "-" for standard input.
// Never stops early: each bad input is reported to `sink` and the next one is read.
//
// A WARC file (recognised by its first bytes; ".warc" / ".warc.gz" break ties) is streamed
// a record at a time, never loaded whole. Each `response` record with HTTP status 200, and
// each `resource` record, whose payload is a page (Content-Type HTML, XHTML or plain text;
// when there is none, a payload that sniffs as HTML) becomes a Document with source
// "<path>:<record offset>" and hints.url its WARC-Target-URI, decoded as DocumentFromHttp
// does. A `metadata` record right after it whose WARC-Concurrent-To (or WARC-Refers-To)
// names it adds its feed hints (see DocumentFromHttp). Other records (requests, warcinfo,
// revisits, redirects and errors, images, robots.txt) are skipped silently; a malformed
// record is reported with the file and offset, and reading goes on at the next record.
void ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                const DocumentSink& sink);

// The files `inputs` stand for, in reading order: directories walked recursively (sorted,
// hidden entries and "*.warc.gz.open" skipped); files, "-" and paths that do not exist are kept as
// given, so that ReadInputs reports the missing ones. Lets a caller know the amount of work ahead.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

// Reads one input already in memory (stdin, an HTTP upload). `source` names it in errors.
void ReadBytes(std::string source, std::string_view bytes, const ReadOptions& options,
               const DocumentSink& sink);

// One HTTP payload (already transfer- and content-decoded) to a document, as ReadInputs
// builds them from WARC response records; the fetcher calls it so that a live fetch and a
// re-read of its archive give the same document. `content_type` is the HTTP Content-Type:
// HTML / XHTML (kHtml) or text/plain (kText); its charset comes first when decoding; when it
// is empty, the body must sniff as HTML. `metadata` holds what a feed said about the item:
// "title", "date", "author" (repeatable) and "outlet" become the hints (other names are
// ignored); hints.url is `url`. Errors (named by `source`): not a page's content type,
// a body over options.max_bytes, binary or empty bodies, undecodable text.
Result<Document> DocumentFromHttp(std::string source, std::string_view url,
                                  std::string_view content_type, std::string_view body,
                                  const std::vector<std::pair<std::string, std::string>>& metadata,
                                  const ReadOptions& options);

// Sniffs the format of decoded text: HTML when it looks like markup, JSON Lines when the
// first line is a JSON object, text otherwise.
Format SniffFormat(std::string_view utf8);

}  // namespace storyline::read

#endif  // STORYLINE_READ_READER_H_

// HTTP payloads to documents, and WARC archives read record by record.
#include "read/http_input.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "archive/warc.h"
#include "read/charset.h"
#include "text/utf8.h"
#include "text/ascii.h"

namespace storyline::read {
namespace {

bool StartsWithCaseless(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && text::AsciiLower(s.substr(0, prefix.size())) == prefix;
}

// "text/html; charset=UTF-8" → "text/html".
std::string MediaType(std::string_view content_type) {
  return text::AsciiLower(text::TrimAscii(content_type.substr(0, content_type.find(';'))));
}

// "text/html; charset=\"koi8-r\"" → "koi8-r"; "" when there is none.
std::string CharsetParameter(std::string_view content_type) {
  const std::string lower = text::AsciiLower(content_type);
  const size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string_view value = content_type.substr(at + 8);
  value = value.substr(0, value.find(';'));
  value = text::TrimAscii(value);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(text::TrimAscii(value));
}

// The format a page of this media type has; nullopt for anything that is not a page.
std::optional<Format> PageFormat(std::string_view media_type) {
  if (media_type == "text/html" || media_type == "application/xhtml+xml" ||
      media_type == "application/vnd.wap.xhtml+xml") {
    return Format::kHtml;
  }
  if (media_type == "text/plain") return Format::kText;
  return std::nullopt;
}

bool IsRobotsTxt(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  return url.ends_with("/robots.txt");
}

bool HasWarcName(std::string_view name) {
  if (name.ends_with(".open")) name.remove_suffix(5);
  return name.ends_with(".warc") || name.ends_with(".warc.gz");
}

// "name: value" lines (application/warc-fields) into pairs.
std::vector<std::pair<std::string, std::string>> ParseWarcFields(std::string_view block) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos < block.size()) {
    size_t end = block.find('\n', pos);
    if (end == std::string_view::npos) end = block.size();
    const std::string_view line = block.substr(pos, end - pos);
    pos = end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    out.emplace_back(std::string(text::TrimAscii(line.substr(0, colon))),
                     std::string(text::TrimAscii(line.substr(colon + 1))));
  }
  return out;
}

void ApplyMetadata(const std::vector<std::pair<std::string, std::string>>& metadata,
                   DocumentHints& hints) {
  bool authors_replaced = false;
  for (const auto& [name, value] : metadata) {
    const std::string key = text::AsciiLower(text::TrimAscii(name));
    const std::string_view v = text::TrimAscii(value);
    if (v.empty()) continue;
    if (key == "title") {
      hints.title = v;
    } else if (key == "date") {
      hints.date = v;
    } else if (key == "outlet") {
      hints.outlet = v;
    } else if (key == "author") {
      if (!authors_replaced) hints.authors.clear();
      authors_replaced = true;
      hints.authors.emplace_back(v);
    }
  }
}

// Whether a metadata record belongs to the response `id` (any of its WARC-Concurrent-To or
// WARC-Refers-To fields names it).
bool Describes(const archive::WarcRecord& metadata, std::string_view id) {
  if (id.empty()) return false;
  for (const auto& [name, value] : metadata.headers) {
    if ((text::AsciiLower(name) == "warc-concurrent-to" || text::AsciiLower(name) == "warc-refers-to") &&
        text::TrimAscii(value) == id) {
      return true;
    }
  }
  return false;
}

Status RecordError(const std::string& source, const Status& status) {
  return Status(status.code(), source + ": " + status.message());
}

// What a response or resource record holds: a page document, an error, or nothing (not a
// page: skipped silently).
std::optional<Result<Document>> RecordToDocument(const std::string& path,
                                                 const archive::WarcRecord& record,
                                                 const ReadOptions& options) {
  const std::string source = path + ":" + std::to_string(record.offset);
  std::string content_type;
  std::string body;
  if (record.type == "response") {
    const bool http = StartsWithCaseless(record.content_type, "application/http") ||
                      (record.content_type.empty() && record.block.starts_with("HTTP/"));
    if (!http) return std::nullopt;  // dns:, ftp: and other non-HTTP responses
    Result<archive::HttpResponse> head = archive::ParseHttpResponseHead(record.block);
    if (!head.ok()) {
      if (record.truncated) return std::nullopt;
      return RecordError(source, head.status());
    }
    if (head->status != 200 || IsRobotsTxt(record.target_uri)) return std::nullopt;
    content_type = archive::HttpHeader(*head, "Content-Type");
    if (content_type.empty())
      content_type = archive::Header(record, "WARC-Identified-Payload-Type");
    if (!content_type.empty() && !PageFormat(MediaType(content_type))) return std::nullopt;
    if (record.truncated) {
      return RecordError(source,
                         detail::TooLarge(record.content_length, options.max_bytes, "WARC record"));
    }
    Result<archive::HttpResponse> response =
        archive::ParseHttpResponse(record.block, options.max_bytes);
    if (!response.ok()) {
      if (response.status().code() == StatusCode::kTooLarge) {
        return RecordError(source, detail::TooLarge(0, options.max_bytes, "HTTP body"));
      }
      return RecordError(source, response.status());
    }
    body = std::move(response->body);
  } else if (record.type == "resource") {
    content_type = record.content_type;
    if (!content_type.empty() && !PageFormat(MediaType(content_type))) return std::nullopt;
    if (record.truncated || record.block.size() > options.max_bytes) {
      return RecordError(source,
                         detail::TooLarge(record.content_length, options.max_bytes, "WARC record"));
    }
    body = record.block;
  } else {
    return std::nullopt;
  }
  // Without a Content-Type, only what sniffs as HTML is taken for a page.
  if (content_type.empty() && (!SniffBinary(body).empty() || SniffFormat(body) != Format::kHtml)) {
    return std::nullopt;
  }
  return DocumentFromHttp(source, record.target_uri, content_type, body, {}, options);
}

}  // namespace

Result<Document> DocumentFromHttp(std::string source, std::string_view url,
                                  std::string_view content_type, std::string_view body,
                                  const std::vector<std::pair<std::string, std::string>>& metadata,
                                  const ReadOptions& options) {
  std::optional<Format> format;
  if (text::TrimAscii(content_type).empty()) {
    if (SniffBinary(body).empty() && SniffFormat(body) == Format::kHtml) format = Format::kHtml;
  } else {
    format = PageFormat(MediaType(content_type));
  }
  if (!format) {
    return Status::BadInput(source + ": not a page (Content-Type \"" +
                            std::string(text::TrimAscii(content_type).substr(0, 100)) + "\")");
  }
  if (body.size() > options.max_bytes) {
    return detail::TooLarge(body.size(), options.max_bytes, "HTTP body").WithContext(source);
  }
  if (text::TrimAscii(body).empty()) return Status::BadInput(source + ": empty page (no text)");
  if (const std::string binary = SniffBinary(body); !binary.empty()) {
    return Status::BadInput(source + ": " + binary + ", not a page");
  }
  // The HTTP charset first; a wrong or unknown one falls back to the page's own evidence.
  const std::string declared = CharsetParameter(content_type);
  Result<Decoded> decoded = DecodeToUtf8(body, declared);
  if (!decoded.ok() && !declared.empty()) {
    Result<Decoded> retry = DecodeToUtf8(body, "");
    if (retry.ok()) decoded = std::move(retry);
  }
  if (!decoded.ok()) return decoded.status().WithContext(source);
  if (!text::HasVisibleText(decoded->utf8)) {
    return Status::BadInput(source + ": empty page (no visible text)");
  }
  Document doc;
  doc.source = std::move(source);
  doc.format =
      options.format == Format::kHtml || options.format == Format::kText ? options.format : *format;
  doc.content = std::move(decoded->utf8);
  doc.charset = std::move(decoded->charset);
  doc.hints.url = url;
  ApplyMetadata(metadata, doc.hints);
  return doc;
}

namespace detail {

bool IsWarcInput(std::string_view name, std::string_view head) {
  if (archive::LooksLikeWarc(head)) return true;
  if (!HasWarcName(name)) return false;
  const std::string_view start = text::TrimAscii(head.substr(0, 64));
  return start.empty() || (start[0] != '<' && start[0] != '{');
}

void ReadWarc(const std::string& path, const std::string* bytes, const ReadOptions& options,
              const DocumentSink& sink) {
  archive::WarcReaderOptions reader_options;
  // Room for the HTTP head and chunking around a body at the limit; a longer block is
  // skipped past (kept only in part) and its page reported as too large.
  reader_options.max_block_bytes = options.max_bytes + (64u << 10);
  Result<archive::WarcReader> reader =
      bytes ? archive::WarcReader::FromBytes(path, *bytes, reader_options)
            : archive::WarcReader::Open(path, reader_options);
  if (!reader.ok()) {
    sink(reader.status());
    return;
  }
  // The last page, held back until we know whether a metadata record follows it.
  std::optional<Document> pending;
  std::string pending_id;
  auto flush = [&] {
    if (pending) sink(std::move(*pending));
    pending.reset();
  };
  size_t records = 0;
  bool errors = false;
  while (true) {
    Result<std::optional<archive::WarcRecord>> next = reader->Next();
    if (!next.ok()) {
      flush();
      errors = true;
      sink(next.status());
      continue;
    }
    if (!next->has_value()) break;
    const archive::WarcRecord& record = **next;
    ++records;
    if (record.type == "metadata" && pending && Describes(record, pending_id)) {
      ApplyMetadata(ParseWarcFields(record.block), pending->hints);
      flush();
      continue;
    }
    flush();
    std::optional<Result<Document>> doc = RecordToDocument(path, record, options);
    if (!doc) continue;
    if (!doc->ok()) {
      sink(std::move(*doc));
      continue;
    }
    pending = std::move(*doc).value();
    pending_id = record.record_id;
  }
  flush();
  if (records == 0 && !errors) sink(Status::BadInput(path + ": empty WARC file (no records)"));
}

}  // namespace detail
}  // namespace storyline::read

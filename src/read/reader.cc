#include "read/reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "read/charset.h"
#include "read/http_input.h"
#include "text/utf8.h"

namespace storyline::read {
namespace {

namespace fs = std::filesystem;

std::string HumanBytes(size_t n) {
  char buf[32];
  if (n >= (1u << 20)) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / (1u << 20));
  } else if (n >= 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%zu bytes", n);
  }
  return buf;
}

using detail::TooLarge;

bool IsGzip(std::string_view bytes) {
  return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

// Inflates gzip (every member of a multi-member file), refusing to grow past `limit`.
Result<std::string> Gunzip(std::string_view bytes, size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib init failed");
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  Status error;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > limit) {
      error = TooLarge(0, limit, "decompressed content");
      break;
    }
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      // Another gzip member follows, or trailing garbage.
      if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
      error =
          Status::BadInput("truncated gzip stream (ends after " + HumanBytes(bytes.size()) + ")");
      break;
    }
    if (rc != Z_OK) {
      error = Status::BadInput(std::string("corrupt gzip stream (") +
                               (zs.msg ? zs.msg : "zlib error") + ")");
      break;
    }
  }
  inflateEnd(&zs);
  if (!error.ok()) return error;
  return out;
}

std::string_view SkipSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

bool ContainsTagCaseless(std::string_view hay, std::string_view tag) {
  auto it = std::search(hay.begin(), hay.end(), tag.begin(), tag.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return it != hay.end();
}

std::string JsonString(const nlohmann::json& obj, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = obj.find(key);
    if (it != obj.end() && it->is_string()) {
      std::string v = it->get<std::string>();
      if (!v.empty()) return v;
    }
  }
  return "";
}

std::vector<std::string> JsonAuthors(const nlohmann::json& obj) {
  std::vector<std::string> out;
  for (const char* key : {"authors", "author"}) {
    auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (it->is_string() && !it->get<std::string>().empty()) {
      out.push_back(it->get<std::string>());
    } else if (it->is_array()) {
      for (const auto& a : *it) {
        if (a.is_string() && !a.get<std::string>().empty()) out.push_back(a.get<std::string>());
      }
    }
    if (!out.empty()) break;
  }
  return out;
}

// One JSON Lines record to a document.
Result<Document> ParseJsonRecord(std::string source, std::string_view line) {
  nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) return Status::BadInput(source + ": not valid JSON");
  if (!obj.is_object()) return Status::BadInput(source + ": a JSON Lines record must be an object");
  Document doc;
  doc.source = std::move(source);
  doc.charset = "UTF-8";
  std::string html = JsonString(obj, {"html", "raw_html", "content_html"});
  if (!html.empty()) {
    doc.format = SniffFormat(html) == Format::kHtml ? Format::kHtml : Format::kText;
    doc.content = std::move(html);
  } else {
    doc.content = JsonString(obj, {"text", "raw_text", "maintext", "content", "body"});
    doc.format = Format::kText;
  }
  if (SkipSpace(doc.content).empty()) {
    return Status::BadInput(doc.source + ": record has no \"html\" or \"text\" field with content");
  }
  doc.hints.url = JsonString(obj, {"url", "source_url", "link"});
  doc.hints.title = JsonString(obj, {"title"});
  doc.hints.date = JsonString(obj, {"date", "date_publish", "published", "pubdate", "filedate"});
  doc.hints.authors = JsonAuthors(obj);
  doc.hints.outlet = JsonString(obj, {"source", "sitename", "hostname", "source_domain"});
  return doc;
}

void EmitJsonLines(const std::string& source, std::string_view utf8, const DocumentSink& sink) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    size_t end = utf8.find('\n', pos);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(pos, end - pos);
    ++line_no;
    pos = end + 1;
    if (SkipSpace(line).empty()) continue;
    sink(ParseJsonRecord(source + ":" + std::to_string(line_no), line));
  }
}

Result<std::string> ReadFile(const fs::path& path, size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Status::IoError(ec.message());
  // Compressed files may grow: the limit on them is applied after inflating.
  if (size > limit * 4 + 1024) return TooLarge(size, limit, "file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open for reading");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) return Status::IoError("short read");
  return bytes;
}

// The regular files below `dir`, sorted; hidden entries skipped. Walk errors go to `errors`.
std::vector<std::string> ListDirectory(const std::string& dir, std::vector<std::string>& errors) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    errors.push_back(dir + ": " + ec.message());
    return {};
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      errors.push_back(dir + ": " + ec.message());
      break;
    }
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    // A WARC file the fetcher is still writing; it is read once renamed.
    if (name.ends_with(".warc.gz.open") || name.ends_with(".warc.open")) continue;
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back(f.string());
  return out;
}

void ReadPath(const std::string& input, const ReadOptions& options, const DocumentSink& sink) {
  if (input == "-") {
    std::string bytes;
    char buf[64 * 1024];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
      bytes.append(buf, static_cast<size_t>(std::cin.gcount()));
      if (bytes.size() > options.max_bytes * 4 + 1024) {
        sink(TooLarge(bytes.size(), options.max_bytes, "standard input").WithContext("-"));
        return;
      }
    }
    ReadBytes("-", bytes, options, sink);
    return;
  }
  const fs::path path(input);
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    sink(Status::NotFound(input + ": no such file or directory"));
    return;
  }
  if (fs::is_directory(st)) {
    std::vector<std::string> errors;
    for (const std::string& file : ListDirectory(input, errors)) ReadPath(file, options, sink);
    for (const std::string& e : errors) sink(Status::IoError(e));
    return;
  }
  if (!fs::is_regular_file(st)) {
    sink(Status::BadInput(input + ": not a regular file"));
    return;
  }
  {
    // WARC files are streamed, whatever their size; everything else is read whole.
    std::ifstream in(path, std::ios::binary);
    char head[4096];
    in.read(head, sizeof head);
    if (detail::IsWarcInput(input, std::string_view(head, static_cast<size_t>(in.gcount())))) {
      detail::ReadWarc(input, nullptr, options, sink);
      return;
    }
  }
  Result<std::string> bytes = ReadFile(path, options.max_bytes);
  if (!bytes.ok()) {
    sink(bytes.status().WithContext(input));
    return;
  }
  ReadBytes(input, *bytes, options, sink);
}

}  // namespace

namespace detail {

Status TooLarge(size_t size, size_t limit, std::string_view what) {
  return Status::TooLarge(std::string(what) + " is over the " + HumanBytes(limit) +
                          " limit (--max-bytes)" + (size ? " at " + HumanBytes(size) : ""));
}

}  // namespace detail

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kAuto:
      return "auto";
    case Format::kHtml:
      return "html";
    case Format::kText:
      return "text";
    case Format::kJsonLines:
      return "jsonl";
  }
  return "auto";
}

Result<Format> ParseFormat(std::string_view name) {
  for (Format f : {Format::kAuto, Format::kHtml, Format::kText, Format::kJsonLines}) {
    if (name == FormatName(f)) return f;
  }
  return Status::InvalidArgument("unknown format \"" + std::string(name) +
                                 "\" (expected auto, html, text or jsonl)");
}

Format SniffFormat(std::string_view utf8) {
  const std::string_view s = SkipSpace(utf8);
  if (s.empty()) return Format::kText;
  if (s[0] == '{') {
    const std::string_view first_line = s.substr(0, s.find('\n'));
    if (nlohmann::json::accept(first_line)) return Format::kJsonLines;
  }
  const std::string_view head = s.substr(0, 4096);
  if (s[0] == '<') {
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
                                 "<div", "<p>", "<p ", "<article", "<!--", "<section", "<h1"}) {
      if (ContainsTagCaseless(head, tag)) return Format::kHtml;
    }
  }
  // Text that merely contains some markup stays text unless markup dominates its start.
  for (std::string_view tag : {"<html", "<!doctype html", "<body"}) {
    if (ContainsTagCaseless(head, tag)) return Format::kHtml;
  }
  return Format::kText;
}

void ReadBytes(std::string source, std::string_view bytes, const ReadOptions& options,
               const DocumentSink& sink) {
  if (detail::IsWarcInput(source, bytes.substr(0, 4096))) {
    const std::string copy(bytes);
    detail::ReadWarc(source, &copy, options, sink);
    return;
  }
  std::string inflated;
  if (IsGzip(bytes)) {
    Result<std::string> r = Gunzip(bytes, options.max_bytes);
    if (!r.ok()) {
      sink(r.status().WithContext(source));
      return;
    }
    inflated = std::move(r).value();
    bytes = inflated;
  }
  if (bytes.size() > options.max_bytes) {
    sink(TooLarge(bytes.size(), options.max_bytes, "input").WithContext(source));
    return;
  }
  if (SkipSpace(bytes).empty()) {
    sink(Status::BadInput(source + ": empty input (no text)"));
    return;
  }
  if (const std::string binary = SniffBinary(bytes); !binary.empty()) {
    sink(Status::BadInput(source + ": " + binary + ", not a page"));
    return;
  }
  // JSON is UTF-8 by definition (RFC 8259): no guessing.
  const bool json = options.format == Format::kJsonLines ||
                    (options.format == Format::kAuto && SkipSpace(bytes).substr(0, 1) == "{");
  Result<Decoded> decoded = DecodeToUtf8(bytes, json ? "UTF-8" : "");
  if (!decoded.ok()) {
    sink(decoded.status().WithContext(source));
    return;
  }
  Format format = options.format == Format::kAuto ? SniffFormat(decoded->utf8) : options.format;
  if (format == Format::kJsonLines) {
    EmitJsonLines(source, decoded->utf8, sink);
    return;
  }
  if (!text::HasVisibleText(decoded->utf8)) {
    sink(Status::BadInput(source + ": empty input (no visible text)"));
    return;
  }
  Document doc;
  doc.source = std::move(source);
  doc.format = format;
  doc.content = std::move(decoded->utf8);
  doc.charset = std::move(decoded->charset);
  sink(std::move(doc));
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> errors;  // reported again when the directory is read
      std::vector<std::string> files = ListDirectory(input, errors);
      if (!errors.empty()) {
        out.push_back(input);  // let ReadInputs walk it and report the errors
        continue;
      }
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(input);
    }
  }
  return out;
}

void ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                const DocumentSink& sink) {
  for (const std::string& input : inputs) ReadPath(input, options, sink);
}

}  // namespace storyline::read

#include "read/charset.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "text/utf8.h"

namespace storyline::read {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsUtf8Name(std::string_view name) {
  const std::string u = Upper(name);
  return u == "UTF-8" || u == "UTF8" || u == "ASCII" || u == "US-ASCII";
}

// Reads a charset token starting at `pos` (after optional quotes/space).
std::string TokenAt(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '"' || s[pos] == '\'' || s[pos] == '=')) {
    ++pos;
  }
  size_t end = pos;
  while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '-' ||
                            s[end] == '_' || s[end] == ':' || s[end] == '.')) {
    ++end;
  }
  return std::string(s.substr(pos, end - pos));
}

struct UchardetDeleter {
  void operator()(uchardet* u) const { uchardet_delete(u); }
};
struct ConverterDeleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

Result<std::string> Convert(std::string_view bytes, const std::string& charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterDeleter> conv(ucnv_open(charset.c_str(), &err));
  if (U_FAILURE(err) || !conv) {
    return Status::BadInput("unknown charset \"" + charset + "\"");
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  const int32_t capacity = static_cast<int32_t>(std::min<size_t>(bytes.size() * 2 + 16, INT32_MAX));
  icu::UnicodeString u;
  UChar* buf = u.getBuffer(capacity);
  const int32_t n = ucnv_toUChars(conv.get(), buf, capacity, bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &err);
  u.releaseBuffer(U_SUCCESS(err) ? n : 0);
  if (U_FAILURE(err)) {
    return Status::BadInput("bytes are not valid " + charset + " (" + u_errorName(err) + ")");
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

std::string DeclaredCharset(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 4096));
  if (head.rfind("<?xml", 0) == 0) {
    const size_t decl_end = head.find("?>");
    const size_t enc = head.find("encoding");
    if (enc != std::string::npos && enc < decl_end) return Upper(TokenAt(head, enc + 8));
  }
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const size_t end = head.find('>', pos);
    const std::string_view tag(head.data() + pos,
                               (end == std::string::npos ? head.size() : end) - pos);
    const size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      const std::string token = TokenAt(tag, cs + 7);
      if (!token.empty()) return Upper(token);
    }
    pos += 5;
  }
  return "";
}

std::string SniffBinary(std::string_view bytes) {
  struct Magic {
    std::string_view prefix;
    const char* name;
  };
  static constexpr Magic kMagics[] = {
      {"%PDF-", "PDF document"},
      {"\x89PNG\r\n\x1a\n", "PNG image"},
      {"\xff\xd8\xff", "JPEG image"},
      {"GIF87a", "GIF image"},
      {"GIF89a", "GIF image"},
      {"PK\x03\x04", "ZIP archive"},
      {"\x7f"
       "ELF",
       "ELF executable"},
      {"\x28\xb5\x2f\xfd", "zstd archive"},
      {"BZh", "bzip2 archive"},
      {"\xfd"
       "7zXZ",
       "xz archive"},
      {"SQLite format 3", "SQLite database"},
      {"RIFF", "RIFF media file"},
      {"OggS", "Ogg media file"},
      {std::string_view("\x00\x00\x01\x00", 4), "icon image"},
  };
  for (const auto& m : kMagics) {
    if (bytes.substr(0, m.prefix.size()) == m.prefix) return m.name;
  }
  if (bytes.size() >= 12 && bytes.substr(4, 4) == "ftyp") return "MP4 media file";
  // UTF-16/32 text has NUL bytes: only a BOM makes it text.
  if (bytes.substr(0, 2) == "\xff\xfe" || bytes.substr(0, 2) == "\xfe\xff") return "";
  const std::string_view head = bytes.substr(0, 8192);
  size_t control = 0;
  for (char c : head) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0) return "binary data (NUL bytes)";
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1b) ++control;
  }
  if (!head.empty() && control * 100 > head.size()) return "binary data (control bytes)";
  return "";
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  // 1. Byte order marks are the strongest evidence.
  if (bytes.substr(0, 3) == "\xef\xbb\xbf")
    bytes.remove_prefix(3), declared = "UTF-8";
  else if (bytes.substr(0, 2) == "\xff\xfe")
    declared = "UTF-16LE", bytes.remove_prefix(2);
  else if (bytes.substr(0, 2) == "\xfe\xff")
    declared = "UTF-16BE", bytes.remove_prefix(2);

  std::string charset = Upper(declared);
  const bool utf16 = charset.rfind("UTF-16", 0) == 0 || charset.rfind("UTF-32", 0) == 0;
  const size_t bad = utf16 ? 0 : text::FindInvalidUtf8(bytes);
  // Bytes that are valid UTF-8 are UTF-8 whatever the page claims: scrapers re-save pages
  // as UTF-8 and keep the old <meta charset>, while legacy text with any byte over 0x7F is
  // almost never valid UTF-8 by accident.
  if (!utf16 && bad == std::string_view::npos) return Decoded{std::string(bytes), "UTF-8"};
  if (charset.empty()) charset = DeclaredCharset(bytes);
  if (!charset.empty() && IsUtf8Name(charset)) {
    return Status::BadInput("declared UTF-8 but not valid UTF-8 at byte " + std::to_string(bad));
  }
  if (charset.empty()) {
    std::unique_ptr<uchardet, UchardetDeleter> detector(uchardet_new());
    if (!detector) return Status::Internal("cannot start the charset detector");
    if (uchardet_handle_data(detector.get(), bytes.data(),
                             std::min<size_t>(bytes.size(), 1 << 20)) != 0) {
      return Status::Internal("charset detector failed");
    }
    uchardet_data_end(detector.get());
    const char* guess = uchardet_get_charset(detector.get());
    charset = guess ? Upper(guess) : "";
    if (charset.empty() || IsUtf8Name(charset)) {
      return Status::BadInput("not valid UTF-8 (at byte " + std::to_string(bad) +
                              ") and no other charset fits");
    }
  }
  // Pages often declare Latin-1 and mean Windows-1252; it is the superset browsers use.
  if (charset == "ISO-8859-1" || charset == "LATIN1" || charset == "US-ASCII") {
    charset = "WINDOWS-1252";
  }
  Result<std::string> utf8 = Convert(bytes, charset);
  if (!utf8.ok()) return utf8.status();
  return Decoded{std::move(utf8).value(), charset};
}

}  // namespace storyline::read

#include "text/hash.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <cstdio>

#include "text/ascii.h"

namespace storyline::text {

namespace {

bool IsAscii(char c) { return static_cast<unsigned char>(c) < 0x80; }

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Builds the normalized text: letters and digits, one space between words.
class Output {
 public:
  explicit Output(size_t reserve) { out_.reserve(reserve); }

  void Alnum() {
    if (space_ && !out_.empty()) out_.push_back(' ');
    space_ = false;
  }
  void Other() { space_ = true; }

  void AsciiChar(char c) {
    if (!IsAsciiAlnum(c)) {
      Other();
      return;
    }
    Alnum();
    out_.push_back(AsciiLower(c));
  }

  // NFKC_Casefold of `text` by ICU, then its letters and digits.
  void IcuSegment(std::string_view text) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::UnicodeString folded;
    if (U_SUCCESS(status)) nfkc_cf->normalize(u, folded, status);
    if (U_FAILURE(status)) folded = u.foldCase();
    for (int32_t i = 0; i < folded.length();) {
      const UChar32 c = folded.char32At(i);
      i += U16_LENGTH(c);
      if (!u_isalnum(c)) {
        Other();
        continue;
      }
      Alnum();
      char buf[U8_MAX_LENGTH];
      int32_t n = 0;
      UBool error = false;
      U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
      if (!error) out_.append(buf, static_cast<size_t>(n));
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_ = false;
};

}  // namespace

std::string NormalizeForHash(std::string_view text) {
  // NFKC_Casefold leaves ASCII as it is but for A-Z → a-z, and no character combines with
  // an ASCII character that follows it (checked against ICU for every code point). So an
  // ASCII character followed by another ASCII character (or the end) starts a piece that
  // normalizes alone: such runs take the fast path, the rest (with the ASCII character
  // before it, which a combining mark may join: "e" + U+0301 → "é") goes through ICU.
  Output out(text.size());
  const size_t n = text.size();
  auto free_ascii = [&](size_t i) {
    return IsAscii(text[i]) && (i + 1 == n || IsAscii(text[i + 1]));
  };
  size_t i = 0;
  while (i < n) {
    if (free_ascii(i)) {
      out.AsciiChar(text[i]);
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < n && !free_ascii(end)) ++end;
    out.IcuSegment(text.substr(i, end - i));
    i = end;
  }
  return out.Take();
}

std::string NormalizeForHashWithIcu(std::string_view text) {
  Output out(text.size());
  out.IcuSegment(text);
  return out.Take();
}

std::string ContentHash(std::string_view text) {
  const std::string normalized = NormalizeForHash(text);
  const XXH64_hash_t h = XXH3_64bits(normalized.data(), normalized.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace storyline::text

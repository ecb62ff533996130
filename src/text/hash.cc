#include "text/hash.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <xxhash.h>

#include <cstdio>

namespace storyline::text {

std::string NormalizeForHash(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString folded;
  if (U_SUCCESS(status)) {
    nfkc_cf->normalize(u, folded, status);
  }
  if (U_FAILURE(status)) folded = u.foldCase();

  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c)) {
      if (space && !out.isEmpty()) out.append(static_cast<UChar>(' '));
      space = false;
      out.append(c);
    } else {
      space = true;
    }
  }
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string ContentHash(std::string_view text) {
  const std::string normalized = NormalizeForHash(text);
  const XXH64_hash_t h = XXH3_64bits(normalized.data(), normalized.size());
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace storyline::text

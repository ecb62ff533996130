#include "text/language.h"

#include <cld2/public/compact_lang_det.h>

#include <climits>

namespace CLD2 {
const char* LanguageCode(Language lang);  // exported by libcld2 (internal/lang_script.h)
}  // namespace CLD2

namespace storyline::text {

std::string DetectLanguage(std::string_view text) {
  // CLD2 needs only a few kilobytes to be sure; more costs time and nothing else.
  constexpr size_t kMaxBytes = 64 * 1024;
  size_t len = text.size() < kMaxBytes ? text.size() : kMaxBytes;
  while (len > 0 && len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) {
    --len;  // do not cut a character
  }
  bool reliable = false;
  int valid_prefix = 0;
  const CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(
      text.data(), static_cast<int>(len), /*is_plain_text=*/true, &reliable, &valid_prefix);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return "";
  const char* code = CLD2::LanguageCode(lang);
  return code ? std::string(code) : std::string();
}

}  // namespace storyline::text

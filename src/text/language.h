// Language identification (CLD2).
#ifndef STORYLINE_TEXT_LANGUAGE_H_
#define STORYLINE_TEXT_LANGUAGE_H_

#include <string>
#include <string_view>

namespace storyline::text {

// The ISO 639-1 code ("en", "ru") of the language `text` is written in, or "" when CLD2
// is not confident (very short or mixed text). REQUIRES: valid UTF-8. Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_LANGUAGE_H_

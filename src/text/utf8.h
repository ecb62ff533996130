// UTF-8 basics every stage needs: validation, whitespace cleanup, safe truncation.
#ifndef STORYLINE_TEXT_UTF8_H_
#define STORYLINE_TEXT_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace storyline::text {

// Offset of the first byte that is not part of valid UTF-8 (overlongs, surrogates and
// code points above U+10FFFF are invalid), or std::string_view::npos when all is valid.
size_t FindInvalidUtf8(std::string_view s);
inline bool IsValidUtf8(std::string_view s) { return FindInvalidUtf8(s) == std::string_view::npos; }

// Folds every run of white space (ASCII and Unicode: NBSP, thin and ideographic spaces,
// line/paragraph separators) into one ASCII space, drops control and zero-width characters
// and the BOM, and trims both ends. REQUIRES: valid UTF-8.
std::string CollapseWhitespace(std::string_view s);

// True when `s` has a character that CollapseWhitespace keeps (no copy is made).
bool HasVisibleText(std::string_view s);

// The number of words: runs of characters between ASCII white space.
size_t CountWords(std::string_view s);

// Appends code point `cp` as UTF-8; U+0000, surrogates and values above U+10FFFF become
// U+FFFD (the replacement character).
void AppendUtf8(char32_t cp, std::string& out);

// A numeric character reference at the start of `s`, which is what follows an '&' ("#8212;",
// "#x2014;"): 1 to 7 decimal or hex digits and ';'. Gives its code point, unchecked (it may be
// 0, a surrogate or past U+10FFFF: the caller decides), and its length with the ';';
// nullopt when `s` does not start with one.
struct NumericReference {
  char32_t code_point = 0;
  size_t length = 0;
};
std::optional<NumericReference> ParseNumericReference(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not cut a character.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_UTF8_H_

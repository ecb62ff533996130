// Content identity: two pages with the same words in the same order hash alike, whatever
// their case, punctuation, white space or Unicode form.
#ifndef STORYLINE_TEXT_HASH_H_
#define STORYLINE_TEXT_HASH_H_

#include <string>
#include <string_view>

namespace storyline::text {

// NFKC, case-folded, letters and digits only, words separated by one space.
// REQUIRES: valid UTF-8.
std::string NormalizeForHash(std::string_view text);

// The same, every character through ICU (NormalizeForHash takes a fast path for ASCII and
// must give the same bytes; tests compare the two).
std::string NormalizeForHashWithIcu(std::string_view text);

// 16 lowercase hex digits of XXH3-64 over NormalizeForHash(text).
std::string ContentHash(std::string_view text);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_HASH_H_

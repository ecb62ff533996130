// UTF-8 decoding for the nlp stage's scanners (internal).
#ifndef STORYLINE_NLP_DECODE_H_
#define STORYLINE_NLP_DECODE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace storyline::nlp::detail {

// One decoded code point; c < 0 for an invalid byte sequence (one byte is consumed).
struct CodePoint {
  int32_t c = -1;
  size_t next = 0;  // byte offset just past it
};

inline CodePoint Decode(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, i + 1};
  int len = 0;
  int32_t c = 0;
  int32_t min = 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2, c = b0 & 0x1f, min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3, c = b0 & 0x0f, min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4, c = b0 & 0x07, min = 0x10000;
  } else {
    return {-1, i + 1};
  }
  if (i + static_cast<size_t>(len) > s.size()) return {-1, i + 1};
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xc0) != 0x80) return {-1, i + 1};
    c = (c << 6) | (b & 0x3f);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return {-1, i + 1};
  return {c, i + static_cast<size_t>(len)};
}

}  // namespace storyline::nlp::detail

#endif  // STORYLINE_NLP_DECODE_H_

#include "text/utf8.h"

#include <cstdint>

namespace storyline::text {
namespace {

// Decodes one code point at `i`; returns its length, or 0 when invalid.
size_t Decode(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsInvisible(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x200B || cp == 0x200C ||
         cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = Decode(s, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      // ASCII: copy the run of visible characters at once.
      if (b > 0x20 && b != 0x7F) {
        size_t j = i + 1;
        while (j < n) {
          const auto c = static_cast<unsigned char>(s[j]);
          if (c <= 0x20 || c >= 0x7F) break;
          ++j;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.append(s.data() + i, j - i);
        i = j;
        continue;
      }
      if (b == ' ' || (b >= '\t' && b <= '\r')) pending_space = !out.empty();
      ++i;  // other control characters are dropped
      continue;
    }
    char32_t cp;
    const size_t len = Decode(s, i, cp);
    if (len == 0) {  // not UTF-8: skip the byte rather than emit garbage
      ++i;
      continue;
    }
    if (IsSpace(cp)) {
      pending_space = !out.empty();
    } else if (!IsInvisible(cp)) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(s.data() + i, len);
    }
    i += len;
  }
  return out;
}

bool HasVisibleText(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b > 0x20 && b != 0x7F) return true;
      ++i;
      continue;
    }
    char32_t cp;
    const size_t len = Decode(s, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    if (!IsSpace(cp) && !IsInvisible(cp)) return true;
    i += len;
  }
  return false;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<NumericReference> ParseNumericReference(std::string_view s) {
  if (s.empty() || s[0] != '#') return std::nullopt;
  const bool hex = s.size() > 1 && (s[1] == 'x' || s[1] == 'X');
  size_t p = hex ? 2 : 1;
  char32_t cp = 0;
  size_t digits = 0;
  for (; p < s.size() && digits < 8; ++p, ++digits) {
    const char c = s[p];
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) break;
    cp = cp * (hex ? 16u : 10u) + static_cast<char32_t>(v);
  }
  if (digits == 0 || digits > 7 || p >= s.size() || s[p] != ';') return std::nullopt;
  return NumericReference{cp, p + 1};
}

}  // namespace storyline::text

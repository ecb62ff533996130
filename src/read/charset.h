// Bytes in, UTF-8 out: charset detection (BOM, declaration, uchardet) and conversion (ICU).
#ifndef STORYLINE_READ_CHARSET_H_
#define STORYLINE_READ_CHARSET_H_

#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline::read {

struct Decoded {
  std::string utf8;     // the text, valid UTF-8, BOM removed
  std::string charset;  // what it was decoded from: "UTF-8", "WINDOWS-1251", ...
};

// The charset an HTML or XML document declares in its first few kilobytes
// (<meta charset>, <meta http-equiv content="...charset=">, <?xml encoding=?>), or "".
std::string DeclaredCharset(std::string_view bytes);

// A short name of a binary format recognised by its magic number ("PDF document",
// "PNG image", "ZIP archive", ...), "binary data" for other bytes that cannot be text
// (NUL bytes or many control characters), or "" for bytes that may be text.
std::string SniffBinary(std::string_view bytes);

// Decodes `bytes` to UTF-8. Order of evidence: a BOM, then `declared` (a charset the
// container states, e.g. from HTTP or the document itself), then valid UTF-8 as is,
// then uchardet's guess. Fails when the bytes declare UTF-8 but are not valid UTF-8,
// or when no charset converts them.
Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared);

}  // namespace storyline::read

#endif  // STORYLINE_READ_CHARSET_H_

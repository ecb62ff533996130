// Feed text as publishers write it: HTML-escaped HTML in titles, HTML entities that XML
// does not define, "email (Name)" authors. Internal to the feeds stage.
#ifndef STORYLINE_FEEDS_TEXT_H_
#define STORYLINE_FEEDS_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace storyline::feeds::detail {

// The code point of an HTML 4 / XHTML named entity without '&' and ';' ("mdash" -> 0x2014),
// nullopt if there is none of that name. Names are case-sensitive ("Eacute" != "eacute").
std::optional<uint32_t> NamedEntity(std::string_view name);

// Decodes named ("&mdash;") and numeric ("&#8212;", "&#x2014;") references; anything that
// is not a complete reference (a bare '&', "&foo;") is kept as written. REQUIRES: valid UTF-8.
std::string DecodeEntities(std::string_view s);

// Plain text of an HTML fragment: tags (and script/style/comments) removed, block tags
// turned into spaces, entities decoded, white space collapsed and trimmed. Linear time.
// REQUIRES: valid UTF-8.
std::string PlainText(std::string_view html);

// PlainText cut to at most `max_bytes` bytes at a word boundary (never inside a character).
std::string ShortPlainText(std::string_view html, size_t max_bytes);

// An author as feeds write it, reduced to the name: "jo@x.com (Jo Doe)" -> "Jo Doe",
// "Jo Doe <jo@x.com>" -> "Jo Doe", "By Jo Doe" -> "Jo Doe"; a bare e-mail address -> "".
std::string AuthorName(std::string_view raw);

// Replaces every byte sequence that is not valid UTF-8 by the windows-1252 reading of its
// bytes (feeds declared UTF-8 but written in Latin-1). Returns the number of bytes replaced.
size_t RepairUtf8AsWindows1252(std::string& s);

}  // namespace storyline::feeds::detail

#endif  // STORYLINE_FEEDS_TEXT_H_

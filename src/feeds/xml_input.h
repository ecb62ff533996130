// From the bytes a server sent to a libxml2 tree, tolerating what feeds in the wild do:
// a BOM or garbage before the root, a wrong encoding declaration, HTML entities, bare '&',
// control characters, truncation. Internal to the feeds stage.
#ifndef STORYLINE_FEEDS_XML_INPUT_H_
#define STORYLINE_FEEDS_XML_INPUT_H_

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::feeds::detail {

// `bytes` as valid UTF-8 without BOM or XML declaration: a UTF-16/32 BOM or a declared
// legacy charset is converted (ICU); bytes declared UTF-8 that are not are read as
// windows-1252 where they are invalid, or decoded as the charset uchardet guesses when
// nothing in them is UTF-8. What was guessed is added to `warnings`.
Result<std::string> DecodeToUtf8(std::string_view bytes, std::vector<std::string>& warnings);

struct RootElement {
  size_t offset = std::string_view::npos;  // of its '<'; npos if no known root was found
  std::string name;                        // the local name, lowercase ("rss", "feed", "rdf")
  bool html = false;                       // an HTML page (<!DOCTYPE html>, <html>) came first
  std::string first_element;               // the first element seen, for error messages
  bool garbage_before = false;             // text or unknown elements before the root
};

// Finds the first element whose local name is one of `roots` (lowercase) within the first
// 64 KiB of `text`, skipping the XML declaration, comments, a DOCTYPE and leading junk
// (PHP warnings, white space). Stops at an HTML page.
RootElement FindRoot(std::string_view text, const std::vector<std::string_view>& roots);

// `xml` made well-formed enough for libxml2 without entity expansion: HTML named entities
// become numeric references, bare '&' and undefined entities become "&amp;", control
// characters become spaces. CDATA sections are copied as they are. Counts are added to
// `warnings`.
std::string EscapeForXml(std::string_view xml, std::vector<std::string>& warnings);

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

struct ParsedXml {
  XmlDocPtr doc;            // null when libxml2 could not build even a partial tree
  bool well_formed = true;  // false: libxml2 recovered from errors (truncation, bad nesting)
};

// Parses UTF-8 `xml` with libxml2 in recovery mode: no network, no DTD loading, no entity
// substitution, default (non-huge) limits on depth and text size.
ParsedXml ParseXml(std::string_view xml, std::string_view url);

// Helpers for reading a tree. A node's name without prefix; its namespace reduced to the
// prefix this stage uses for it ("atom", "dc", "content", "media", "news", "rdf",
// "feedburner", "dcterms"; "" for RSS 2.0, RSS 1.0, sitemap and unknown default namespaces;
// the written prefix when the namespace is unknown or undeclared).
std::string_view LocalName(const xmlNode* node);
std::string_view Prefix(const xmlNode* node);
bool Is(const xmlNode* node, std::string_view prefix, std::string_view local);

// The text content of `node` (entities decoded, CDATA included), "" for null.
std::string Content(const xmlNode* node);
// An attribute without namespace, "" if absent. `name` matches case-insensitively.
std::string Attribute(const xmlNode* node, std::string_view name);
// The xml:base in effect at `node` resolved against `document_url`.
std::string BaseUrl(const xmlNode* node, std::string_view document_url);
// The nearest xml:lang on `node` or its ancestors, "" if none.
std::string XmlLang(const xmlNode* node);

}  // namespace storyline::feeds::detail

#endif  // STORYLINE_FEEDS_XML_INPUT_H_

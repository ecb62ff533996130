// A Readability-style extractor over libxml2's HTML parser.
//
// The page is parsed once into a DOM and read in four passes:
//   1. facts:   metadata as the page states it (meta tags, JSON-LD, <title>, bylines, <time>);
//   2. prune:   subtrees that are never the article (scripts, navigation, share bars, hidden
//               blocks) are cut out; related-article boxes are harvested on the way out;
//   3. score:   paragraphs vote for the containers that hold them (Readability's scoring);
//   4. emit:    the best container (and qualifying siblings) is written out block by block.
// Every walk over the DOM or over JSON is bounded by ExtractOptions::max_dom_depth, so hostile
// nesting is cut rather than recursed into.
#include "extract/html_extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/boilerplate.h"
#include "extract/date.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace storyline::extract {
namespace {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// libxml2 ownership.

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

struct XmlCharDeleter {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharDeleter>;

// Deeper than this our own recursion could threaten a small thread stack, whatever the option.
constexpr int kHardDepthCap = 1024;

// ---------------------------------------------------------------------------------------------
// Strings.

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerChar(c);
  return out;
}

// Whether `s` holds nothing but ASCII white space.
bool IsBlank(const char* s) {
  for (; *s != '\0'; ++s) {
    if (!IsAsciiSpace(*s)) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (LowerChar(s[i]) != LowerChar(prefix[i])) return false;
  }
  return true;
}

// ASCII case-insensitive search in place (no lowercased copies: this runs per DOM element).
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  if (haystack.size() < needle.size()) return false;
  const char first = LowerChar(needle[0]);
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (LowerChar(haystack[i]) == first && StartsWithIgnoreCase(haystack.substr(i), needle)) {
      return true;
    }
  }
  return false;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && StartsWithIgnoreCase(a, b);
}

// The length in characters that CollapseSpace(s) would have, without building it.
size_t CollapsedCharCount(std::string_view s) {
  size_t n = 0;
  bool pending_space = false;
  bool any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    size_t space_len = IsAsciiSpace(c) ? 1 : 0;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') space_len = 2;
    if (c == '\xE2' && s.substr(i, 3) == "\xE2\x80\x8B") space_len = 3;
    if (space_len > 0) {
      pending_space = any;
      i += space_len - 1;
      continue;
    }
    n += pending_space;
    pending_space = false;
    any = true;
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }
  return n;
}

// Collapses runs of whitespace (ASCII, no-break space U+00A0, zero-width space U+200B) into
// one space and trims the ends.
std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    size_t space_len = IsAsciiSpace(c) ? 1 : 0;
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') space_len = 2;
    if (c == '\xE2' && s.substr(i, 3) == "\xE2\x80\x8B") space_len = 3;
    if (space_len > 0) {
      pending_space = !out.empty();
      i += space_len - 1;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// Letters and digits only, lowercased: "The Daily Star" and "thedailystar.com" compare equal
// once the host's suffix is dropped.
std::string Squash(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || u >= 0x80) {
      out.push_back(LowerChar(c));
    }
  }
  return out;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = IsAsciiSpace(c);
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// Characters, not bytes: lengths below are thresholds on how much text a block holds.
size_t CharCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

size_t CommaCount(std::string_view s) {
  size_t n = static_cast<size_t>(std::count(s.begin(), s.end(), ','));
  for (size_t pos = s.find("\xEF\xBC\x8C"); pos != std::string_view::npos;  // fullwidth comma
       pos = s.find("\xEF\xBC\x8C", pos + 3)) {
    ++n;
  }
  return n;
}

// JSON-LD strings are often HTML-escaped a second time ("Rock &amp; Roll", "it&#039;s").
std::string DecodeEntities(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed = {{
      {"amp;", "&"},
      {"lt;", "<"},
      {"gt;", ">"},
      {"quot;", "\""},
      {"apos;", "'"},
      {"nbsp;", " "},
  }};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::string_view rest = s.substr(i + 1);
    bool done = false;
    for (const auto& [name, value] : kNamed) {
      if (rest.substr(0, name.size()) == name) {
        out += value;
        i += name.size();
        done = true;
        break;
      }
    }
    if (!done) {
      if (const auto ref = text::ParseNumericReference(rest)) {
        const char32_t cp = ref->code_point;
        if (cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
          text::AppendUtf8(cp, out);
          i += ref->length;
          done = true;
        }
      }
    }
    if (!done) out.push_back('&');
  }
  return out;
}

// UTF-8 that was read as Latin-1 and written out as UTF-8 again ("Investorâ\u0080\u0099s" for
// "Investor’s"), as some crawls store pages. Such text is all code points below U+0100 and
// holds C1 controls (U+0080–U+009F), which no text uses; the code points taken as bytes are
// then the original UTF-8. Anything else is returned unchanged.
std::string RepairDoubleEncoding(std::string text) {
  std::string bytes;
  bool has_c1 = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      bytes.push_back(text[i]);
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[++i]);
      if ((next & 0xC0) != 0x80) return text;
      const auto cp = static_cast<unsigned char>(((c & 0x03) << 6) | (next & 0x3F));
      has_c1 = has_c1 || (cp >= 0x80 && cp <= 0x9F);
      bytes.push_back(static_cast<char>(cp));
    } else {
      return text;  // a code point above U+00FF: not Latin-1 read as UTF-8
    }
  }
  return has_c1 && text::IsValidUtf8(bytes) ? bytes : text;
}

// What a page states as text (a meta value, a JSON-LD string, a heading): entities decoded,
// double-encoded UTF-8 repaired, whitespace collapsed.
std::string Clean(std::string_view s) {
  return CollapseSpace(RepairDoubleEncoding(DecodeEntities(s)));
}

// ---------------------------------------------------------------------------------------------
// DOM access.

bool IsElement(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

std::string_view Tag(const xmlNode* n) {
  return IsElement(n) && n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
}

bool TagIs(const xmlNode* n, std::string_view tag) { return Tag(n) == tag; }

template <size_t N>
bool TagIn(const xmlNode* n, const std::array<std::string_view, N>& tags) {
  const std::string_view t = Tag(n);
  return std::find(tags.begin(), tags.end(), t) != tags.end();
}

// Whether a NUL-terminated libxml2 name equals `name` (no strlen of the stored name).
bool NameIs(const xmlChar* stored, std::string_view name) {
  if (stored == nullptr) return false;
  size_t i = 0;
  for (; i < name.size(); ++i) {
    if (stored[i] != static_cast<xmlChar>(name[i])) return false;  // also stops at NUL
  }
  return stored[i] == 0;
}

// The attribute's value ("" when absent), a view into the DOM valid while `n` lives. The HTML
// parser stores a value as one text node (entities already decoded) and lowercases names.
std::string_view AttrView(const xmlNode* n, std::string_view name) {
  if (!IsElement(n)) return "";
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (!NameIs(a->name, name)) continue;
    const xmlNode* v = a->children;
    if (v == nullptr || v->content == nullptr) return "";
    if (v->type == XML_TEXT_NODE && v->next == nullptr) {
      return reinterpret_cast<const char*>(v->content);
    }
    return "";  // a value split over several nodes: not made by the HTML parser
  }
  return "";
}

std::string Attr(const xmlNode* n, std::string_view name) { return std::string(AttrView(n, name)); }

bool HasAttr(const xmlNode* n, std::string_view name) {
  if (!IsElement(n)) return false;
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (NameIs(a->name, name)) return true;
  }
  return false;
}

// The values of `attrs` on `n`, ASCII-lowercased into `buf` (reused across elements, so no
// allocation per element) and kept apart by '\x01', which no hint word contains.
std::string_view LowerAttrs(const xmlNode* n, std::initializer_list<std::string_view> attrs,
                            std::string& buf) {
  buf.clear();
  for (std::string_view attr : attrs) {
    for (char c : AttrView(n, attr)) buf.push_back(LowerChar(c));
    buf.push_back('\x01');
  }
  return buf;
}

// The class and id of `n`, lowercased into `buf`.
std::string_view LowerClassId(const xmlNode* n, std::string& buf) {
  return LowerAttrs(n, {"class", "id"}, buf);
}

// Whether lowercased hints hold one of `words` (lowercase) as a substring.
template <size_t N>
bool HoldsAny(std::string_view lowered, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    return lowered.find(w) != std::string_view::npos;
  });
}

bool Holds(std::string_view lowered, std::string_view word) {
  return lowered.find(word) != std::string_view::npos;
}

constexpr std::array<std::string_view, 8> kSkippedForText = {
    "script", "style", "noscript", "template", "svg", "head", "select", "textarea"};

bool IsHeading(const xmlNode* n) {
  const std::string_view t = Tag(n);
  return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6';
}

// The text under `n`, words kept apart across element boundaries; not collapsed. With
// `stop_at_heading`, only up to the first heading nested inside it; returns whether it met
// one.
bool AppendText(const xmlNode* n, int depth, int max_depth, std::string& out,
                bool stop_at_heading = false) {
  if (depth > max_depth || n == nullptr) return false;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content != nullptr) out += reinterpret_cast<const char*>(n->content);
    return false;
  }
  if (!IsElement(n) || TagIn(n, kSkippedForText)) return false;
  if (stop_at_heading && depth > 0 && IsHeading(n)) return true;
  if (TagIs(n, "br")) out.push_back('\n');
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (AppendText(c, depth + 1, max_depth, out, stop_at_heading)) return true;
    if (IsElement(c) && !TagIs(c, "a") && !TagIs(c, "span")) out.push_back(' ');
  }
  return false;
}

std::string TextOf(const xmlNode* n, int max_depth) {
  std::string raw;
  AppendText(n, 0, max_depth, raw);
  return CollapseSpace(raw);
}

// The text of a heading. A heading tag inside it ("<h1>Title<div></div><h3>Posted on ...")
// closes it in an HTML5 parser (libxml2 nests it): its text and what follows are not the
// heading's.
std::string HeadingTextOf(const xmlNode* n, int max_depth) {
  std::string raw;
  AppendText(n, 0, max_depth, raw, /*stop_at_heading=*/true);
  return CollapseSpace(raw);
}

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Marks every element boundary with '\x1F' (AppendText keeps inline elements glued).
void AppendMarkedText(const xmlNode* n, int depth, int max_depth, std::string& out) {
  if (depth > max_depth || n == nullptr) return;
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content != nullptr) out += reinterpret_cast<const char*>(n->content);
    return;
  }
  if (!IsElement(n) || TagIn(n, kSkippedForText)) return;
  if (TagIs(n, "br")) out.push_back('\x1E');
  out.push_back('\x1F');
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    AppendMarkedText(c, depth + 1, max_depth, out);
  }
  out.push_back(TagIs(n, "a") || TagIs(n, "span") ? '\x1F' : ' ');
}

// The text of a byline. Where two elements' words touch with no space between them
// ("<a>Gabby Boucher</a><span>In Budget Travel</span>"), a page lays them out apart; they are
// kept apart by " | ", which ends a name in SplitAuthors. So is a line break between words
// ("By Keith Barry<br><span>Senior Autos Reporter</span>").
std::string BylineTextOf(const xmlNode* n, int max_depth) {
  std::string raw;
  AppendMarkedText(n, 0, max_depth, raw);
  std::string out;
  out.reserve(raw.size());
  auto is_blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x1E' || c == '\x1F';
  };
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\x1E') {
      const bool words_before =
          std::any_of(out.begin(), out.end(), [&](char c) { return !is_blank(c); });
      const bool words_after =
          std::any_of(raw.begin() + i + 1, raw.end(), [&](char c) { return !is_blank(c); });
      if (words_before && words_after && !out.ends_with(" | ")) {
        while (!out.empty() && is_blank(out.back())) out.pop_back();
        out += " | ";
      } else {
        out.push_back(' ');
      }
      continue;
    }
    if (raw[i] != '\x1F') {
      out.push_back(raw[i]);
      continue;
    }
    size_t j = i;
    while (j < raw.size() && raw[j] == '\x1F') ++j;
    if (!out.empty() && j < raw.size() && IsWordByte(out.back()) && IsWordByte(raw[j])) {
      out += " | ";
    }
    i = j - 1;
  }
  return CollapseSpace(out);
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The elements under `n` that say they hold a name (class or itemprop "name", "author-name",
// "username"), outermost only.
void CollectNameElements(const xmlNode* n, int depth, int max_depth,
                         std::vector<const xmlNode*>& out) {
  if (depth > max_depth || out.size() >= 10) return;
  std::string buf;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (!IsElement(c)) continue;
    if (Holds(LowerAttrs(c, {"class", "itemprop"}, buf), "name")) {
      out.push_back(c);
    } else {
      CollectNameElements(c, depth + 1, max_depth, out);
    }
  }
}

// The text of a byline or author box. Where the box marks the name itself, only the names:
// an author box also holds a job title, a forum rank, a post count and avatar letters
// ("Liz Kenny" + "Former McKinsey Consultant", "boobaloobie" + "Full Member").
std::string BylineNameText(const xmlNode* n, int max_depth) {
  std::vector<const xmlNode*> names;
  CollectNameElements(n, 0, max_depth, names);
  std::string out;
  for (const xmlNode* name : names) {
    const std::string text = BylineTextOf(name, max_depth);
    if (text.empty()) continue;
    out += out.empty() ? text : ", " + text;
  }
  return out.empty() ? BylineTextOf(n, max_depth) : out;
}

// Characters of text under `n` and how many of them are inside links.
struct TextStats {
  size_t chars = 0;
  size_t link_chars = 0;
  size_t commas = 0;
  double LinkDensity() const {
    return chars == 0 ? 0.0 : static_cast<double>(link_chars) / static_cast<double>(chars);
  }
};

void AddStats(const xmlNode* n, int depth, int max_depth, bool in_link, TextStats& st) {
  if (depth > max_depth || n == nullptr) return;
  if (n->type == XML_TEXT_NODE) {
    if (n->content == nullptr) return;
    const std::string_view text = reinterpret_cast<const char*>(n->content);
    const size_t c = CollapsedCharCount(text);
    st.chars += c;
    st.commas += CommaCount(text);
    if (in_link) st.link_chars += c;
    return;
  }
  if (!IsElement(n) || TagIn(n, kSkippedForText)) return;
  const bool link = in_link || TagIs(n, "a");
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    AddStats(c, depth + 1, max_depth, link, st);
  }
}

TextStats StatsOf(const xmlNode* n, int max_depth) {
  TextStats st;
  AddStats(n, 0, max_depth, false, st);
  return st;
}

// Resolves `href` against `base` ("" base: only absolute hrefs survive unchanged).
std::string Absolutize(std::string_view href, std::string_view base) {
  const std::string h = CollapseSpace(href);
  if (h.empty()) return "";
  if (base.empty()) return h;
  const std::string b(base);
  XmlCharPtr uri(xmlBuildURI(reinterpret_cast<const xmlChar*>(h.c_str()),
                             reinterpret_cast<const xmlChar*>(b.c_str())));
  return uri ? std::string(reinterpret_cast<const char*>(uri.get())) : h;
}

bool IsNavigableHref(std::string_view href) {
  return !href.empty() && href[0] != '#' && !StartsWithIgnoreCase(href, "javascript:") &&
         !StartsWithIgnoreCase(href, "mailto:") && !StartsWithIgnoreCase(href, "tel:");
}

// The host of an absolute URL, without "www.". "" when there is none.
std::string HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host = Lower(rest);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: facts the page states about itself.

struct PageFacts {
  std::vector<std::pair<std::string, std::string>> metas;  // lowercased key → content
  std::vector<std::string> json_ld;
  std::string canonical;
  std::string title_tag;
  std::string first_h1;
  std::string first_h1_in_article;
  size_t h1_count = 0;  // non-empty <h1> elements, mastheads aside
  std::vector<std::string> mastheads;  // <h1>s that link to the home page: the site's name
  std::string html_lang;
  std::vector<std::string> rel_authors;
  std::string microdata_author;   // the first itemprop="author" element's name in an article
  size_t microdata_articles = 0;  // elements with itemscope and an article's itemtype
  size_t microdata_authors_seen = 0;         // itemprop="author" elements looked at (at most 20)
  std::vector<std::string> author_links;     // links to an author page (/author/jane-doe)
  std::vector<std::string> labelled_names;   // "Written by" followed by the name's element
  std::vector<std::string> bylines;
  std::string time_in_article;  // <time datetime> values
  std::string first_time;
  std::vector<std::string> date_texts;  // visible text of byline / date-like elements
  // Short elements whose text holds a date ("December 15, 2025", "Updated Feb 11, 2026"),
  // whatever their class; and how many of them came before the first <h1>.
  std::vector<std::string> short_dates;
  std::vector<std::string> by_lines;  // short blocks that read "By Jane Doe", in page order
  size_t short_dates_before_h1 = 0;
  // Text nodes seen since the first <h1> (0: none yet) and the first dated text among the
  // few right under it: the dateline the page prints under its headline.
  size_t texts_since_h1 = 0;
  std::string headline_dateline;

  // All values for `key`, in document order.
  std::vector<std::string> MetaAll(std::string_view key) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : metas) {
      if (k == key && !v.empty()) out.push_back(v);
    }
    return out;
  }
  std::string Meta(std::string_view key) const {
    for (const auto& [k, v] : metas) {
      if (k == key && !v.empty()) return v;
    }
    return "";
  }
};



class FactCollector {
 public:
  FactCollector(PageFacts& facts, int max_depth) : facts_(facts), max_depth_(max_depth) {}

  void Visit(const xmlNode* n, int depth, bool in_article) {
    if (depth > max_depth_ || !IsElement(n)) return;
    const std::string_view tag = Tag(n);
    if (tag == "article" || AttrView(n, "itemprop") == "articleBody") in_article = true;
    if (tag == "html") facts_.html_lang = Attr(n, "lang");
    if (tag == "meta") return VisitMeta(n);
    if (tag == "link") return VisitLink(n);
    if (tag == "script") {
      if (ContainsIgnoreCase(AttrView(n, "type"), "ld+json")) {
        facts_.json_ld.push_back(RawText(n));
      }
      return;
    }
    if (tag == "title" && facts_.title_tag.empty()) facts_.title_tag = TextOf(n, max_depth_);
    if (tag == "h1" && LinksHome(n)) {
      // A heading that links to the home page is the site's masthead, not the article's title.
      if (std::string text = TextOf(n, max_depth_); !text.empty() && facts_.mastheads.size() < 3) {
        facts_.mastheads.push_back(std::move(text));
      }
    } else if (tag == "h1") {
      const std::string text = HeadingTextOf(n, max_depth_);
      facts_.h1_count += !text.empty();
      if (facts_.h1_count == 1 && facts_.first_h1.empty()) {
        facts_.short_dates_before_h1 = facts_.short_dates.size();
        facts_.texts_since_h1 = 1;
      }
      if (facts_.first_h1.empty()) facts_.first_h1 = text;
      if (in_article && facts_.first_h1_in_article.empty()) facts_.first_h1_in_article = text;
    }
    if (tag == "time") VisitTime(n, in_article);
    VisitItemprop(n);
    if (IsMicrodataArticle(n)) ++facts_.microdata_articles;
    // The first itemprop="author" in an article (of the first 20: comments may have many).
    if (facts_.microdata_author.empty() && AttrView(n, "itemprop") == "author" &&
        AttrView(n, "content").empty() && facts_.microdata_authors_seen++ < 20 &&
        InMicrodataArticle(n)) {
      std::string name = BylineNameText(n, max_depth_);
      if (CharCount(name) <= 100) facts_.microdata_author = std::move(name);
    }
    if (tag == "a" && ContainsIgnoreCase(AttrView(n, "rel"), "author")) {
      facts_.rel_authors.push_back(BylineNameText(n, max_depth_));
    }
    if (tag == "a" && IsAuthorPageHref(AttrView(n, "href")) && facts_.author_links.size() < 3 &&
        !InProse(n)) {
      facts_.author_links.push_back(BylineNameText(n, max_depth_));
    }
    if (IsBylineLabel(n)) {
      // The name in the text right after the label ("<strong>Contributors:</strong> Janet
      // Loughrey"), else in the next element.
      const xmlNode* next = n->next;
      std::string text;
      if (next != nullptr && next->type == XML_TEXT_NODE && next->content != nullptr) {
        text = CollapseSpace(reinterpret_cast<const char*>(next->content));
      }
      if (!text.empty() && CharCount(text) <= 100) {
        facts_.labelled_names.push_back(std::move(text));
      } else {
        while (next != nullptr && !IsElement(next)) next = next->next;
        if (next != nullptr) facts_.labelled_names.push_back(ListOrBylineText(next));
      }
    }
    // The label as bare text before the name's element: <p>By <a href="…">Jane Doe</a></p>.
    // (In an element that calls itself a byline, the whole byline is read as one.)
    for (const xmlNode* c = n->children; c != nullptr && facts_.labelled_names.size() < 5;
         c = c->next) {
      if (c->type != XML_TEXT_NODE || c->content == nullptr) continue;
      const char* text = reinterpret_cast<const char*>(c->content);
      // Labels are short: most text nodes are passed over without a copy.
      if (std::strlen(text) > kMaxLabelBytes || !IsBylineLabelText(text)) continue;
      const xmlNode* next = c->next;
      while (next != nullptr && next->type == XML_TEXT_NODE && next->content != nullptr &&
             CollapseSpace(reinterpret_cast<const char*>(next->content)).empty()) {
        next = next->next;
      }
      if (next == nullptr || !IsElement(next) || !TagIn(next, kNameElements)) continue;
      const std::string_view hints = LowerAttrs(n, {"class", "id", "itemprop", "rel"}, hint_buf_);
      if (Holds(hints, "author") || Holds(hints, "byline")) break;
      facts_.labelled_names.push_back(BylineTextOf(next, max_depth_));
    }
    if (tag != "body" && tag != "html" && tag != "article" && tag != "main") {
      if (VisitBylineOrDate(n)) return;
    }
    VisitShortDate(n);
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (facts_.texts_since_h1 > 0 && c->type == XML_TEXT_NODE && c->content != nullptr &&
          !IsBlank(reinterpret_cast<const char*>(c->content))) {
        ++facts_.texts_since_h1;
        const char* raw = reinterpret_cast<const char*>(c->content);
        last_text_ = std::strlen(raw) <= 40 ? Lower(CollapseSpace(raw)) : "";
      }
      Visit(c, depth + 1, in_article);
    }
  }

 private:
  void VisitMeta(const xmlNode* n) {
    const std::string_view content = AttrView(n, "content");
    for (std::string_view key_attr : {"property", "name", "itemprop", "http-equiv"}) {
      const std::string key = Lower(CollapseSpace(Attr(n, key_attr)));
      if (!key.empty()) facts_.metas.emplace_back(key, CollapseSpace(content));
    }
  }

  void VisitLink(const xmlNode* n) {
    if (EqualsIgnoreCase(AttrView(n, "rel"), "canonical") && facts_.canonical.empty()) {
      facts_.canonical = CollapseSpace(Attr(n, "href"));
    }
  }

  // Microdata on visible elements: <span itemprop="datePublished" content="...">.
  void VisitItemprop(const xmlNode* n) {
    const std::string_view itemprop = AttrView(n, "itemprop");
    if (itemprop.empty()) return;
    std::string_view value = AttrView(n, "content");
    if (value.empty()) value = AttrView(n, "datetime");
    if (!value.empty()) facts_.metas.emplace_back(Lower(itemprop), CollapseSpace(value));
  }

  void VisitTime(const xmlNode* n, bool in_article) {
    const std::string dt = CollapseSpace(AttrView(n, "datetime"));
    if (!dt.empty()) {
      if (in_article && facts_.time_in_article.empty()) facts_.time_in_article = dt;
      if (facts_.first_time.empty()) facts_.first_time = dt;
    }
    const std::string text = TextOf(n, max_depth_);
    if (!text.empty() && text.size() < 200) {
      facts_.date_texts.push_back(text);
      NoteDateline(text);
    }
  }

  // A dated text among the few right under the headline (text nodes, the headline's own
  // included: a byline's name, a label and the date are a few).
  static constexpr size_t kDatelineReach = 8;
  void NoteDateline(const std::string& text) {
    if (facts_.texts_since_h1 == 0 || facts_.texts_since_h1 > kDatelineReach ||
        !facts_.headline_dateline.empty()) {
      return;
    }
    // An update's date, labelled in its text, by the text before it ("Updated" / "Jul 24,
    // 2018") or by the byline around it.
    if (in_update_ || IsUpdateLabelled(text) || last_text_.ends_with("updated") ||
        last_text_.ends_with("updated:") || last_text_.ends_with("modified") ||
        last_text_.ends_with("modified:")) {
      return;
    }
    if (FindDate(text)) facts_.headline_dateline = text;
  }

  static bool IsUpdateLabelled(std::string_view text) {
    return ContainsIgnoreCase(text, "updated") || ContainsIgnoreCase(text, "modified");
  }

  // Bylines and dateline blocks: returns true when `n` was taken whole (not descended into).
  bool VisitBylineOrDate(const xmlNode* n) {
    // What the element says it holds: class, id, itemprop, rel.
    const std::string_view hints = LowerAttrs(n, {"class", "id", "itemprop", "rel"}, hint_buf_);
    if (hints.size() == 4) return false;  // none of them
    // A forum marks the poster's name ("username"); the first post's opened the thread.
    const bool byline = Holds(hints, "author") || Holds(hints, "byline") ||
                        Holds(hints, "username") || Holds(hints, "postuser") ||
                        Holds(hints, "postleft") || Holds(hints, "person-listing");
    const bool dateish = !byline && (Holds(hints, "date") || Holds(hints, "time") ||
                                     Holds(hints, "published") || Holds(hints, "meta"));
    if (!byline && !dateish) return false;
    const std::string text = BylineTextOf(n, max_depth_);
    if (text.empty() || CharCount(text) > 200) return false;  // a container, not a byline
    if (byline) {
      facts_.bylines.push_back(BylineNameText(n, max_depth_));
      // "jane 1 year ago": the <time> in a byline holds the date ("Updated <time>": an
      // update's, never the dateline's).
      const bool was = in_update_;
      in_update_ = IsUpdateLabelled(text);
      VisitTimesUnder(n, 0);
      in_update_ = was;
    }
    // A forum's author box dates the member, not the post ("Registered: 2024-01-27").
    if (!ContainsIgnoreCase(text, "registered") && !ContainsIgnoreCase(text, "joined") &&
        !ContainsIgnoreCase(text, "member since")) {
      facts_.date_texts.push_back(text);
      NoteDateline(text);
    }
    return byline;
  }

  void VisitTimesUnder(const xmlNode* n, int depth) {
    if (depth > max_depth_) return;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (TagIs(c, "time")) {
        VisitTime(c, /*in_article=*/false);
      } else {
        VisitTimesUnder(c, depth + 1);
      }
    }
  }

  // A text block of a few words that holds a date: the dateline of pages whose markup names
  // nothing (utility-class CSS). Only blocks whose children are all text or inline elements,
  // so each date is seen once, at the innermost block that holds it.
  // A date written as bare text between an element's blocks ("<legend>Title</legend> 20
  // December 2025 <div class=body>"): a line of its own, as a short block would be.
  void VisitLooseDates(const xmlNode* n) {
    for (const xmlNode* c = n->children; c != nullptr && facts_.short_dates.size() < 20;
         c = c->next) {
      if (c->type != XML_TEXT_NODE || c->content == nullptr) continue;
      const char* raw = reinterpret_cast<const char*>(c->content);
      if (std::strlen(raw) > 200) continue;
      const std::string text = CollapseSpace(raw);
      if (text.empty() || CharCount(text) > 60 || WordCount(text) > 10) continue;
      if (FindDate(text)) facts_.short_dates.push_back(text);
    }
  }

  void VisitShortDate(const xmlNode* n) {
    static constexpr std::array<std::string_view, 12> kBlocks = {
        "p", "div", "span", "time", "small", "li", "td", "h2", "h3", "h4", "h5", "h6"};
    // Icons beside the date (a calendar <svg>, an avatar <img>) are furniture, not blocks.
    static constexpr std::array<std::string_view, 11> kInline = {
        "span", "a", "b", "strong", "em", "i", "time", "small", "br", "svg", "img"};
    if (facts_.short_dates.size() >= 20) return;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsElement(c) && !TagIn(c, kInline)) {
        VisitLooseDates(n);
        return;
      }
      if (IsElement(c) && TagIs(c, "span") && TagIs(n, "span")) return;  // the inner one
    }
    if (!TagIn(n, kBlocks)) return;
    const std::string text = TextOf(n, max_depth_);
    // Ten words at most; twelve for a dateline that ends with its credit ("March 15, 2022 · 3
    // min read · By ASU Online").
    const size_t max_words = text.find(" By ") != std::string::npos ? 12 : 10;
    if (text.empty() || CharCount(text) > 60 || WordCount(text) > max_words) return;
    if (FindDate(text)) {
      facts_.short_dates.push_back(text);
      NoteDateline(text);
    }
    // A line of its own that credits someone: "By Jane Doe", "By 3i Global", "Written by
    // Jane Doe", "by: Jane Doe, Dec 17, 2025" (SplitAuthors drops the label and the date).
    if (WordCount(text) <= 7 && facts_.by_lines.size() < 3) {
      if (text.starts_with("By ")) {
        facts_.by_lines.push_back(text.substr(3));
      } else if (text.starts_with("Written by ") || text.starts_with("by: ") ||
                 text.starts_with("By: ") ||
                 // "by Jon Foster - 2019": lower case, but a capitalised name follows.
                 (text.starts_with("by ") && text.size() > 3 && text[3] >= 'A' &&
                  text[3] <= 'Z')) {
        facts_.by_lines.push_back(text);
      }
    }
    // A forum thread's first line: "Started by Jane Doe, June 04, 2024, 11:23:55 AM".
    if (text.starts_with("Started by ") && facts_.by_lines.size() < 3) {
      facts_.by_lines.push_back(text.substr(11));
    }
  }

  // Whether `href` leads to a site's home page: "/", "/index.html", "https://x.com/".
  static bool IsHomeHref(std::string_view href) {
    if (const size_t scheme = href.find("://"); scheme != std::string_view::npos) {
      const size_t path = href.find('/', scheme + 3);
      href = path == std::string_view::npos ? std::string_view("/") : href.substr(path);
    }
    return href == "/" || href == "/index.html" || href == "/index.php";
  }

  // Whether the heading `n` is a link to the home page, or holds only one.
  bool LinksHome(const xmlNode* n) const {
    const xmlNode* p = n->parent;
    for (int up = 0; up < 3 && IsElement(p); ++up, p = p->parent) {
      if (TagIs(p, "a")) return IsHomeHref(AttrView(p, "href"));
    }
    const xmlNode* only = nullptr;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsElement(c)) {
        if (only != nullptr) return false;
        only = c;
      } else if (c->type == XML_TEXT_NODE && c->content != nullptr &&
                 !CollapseSpace(reinterpret_cast<const char*>(c->content)).empty()) {
        return false;
      }
    }
    return only != nullptr && TagIs(only, "a") && IsHomeHref(AttrView(only, "href"));
  }

  // "/author/jane-doe", "/authors/jane-doe/": a link to the page of the one who wrote it.
  // Whether `n` sits in running text: its parent's own text around it is a sentence or more
  // ("says study author <a href=/author/…>Elizabeth Hoge</a>, director of …"), a mention of
  // a person rather than a byline.
  static bool InProse(const xmlNode* n) {
    if (n->parent == nullptr) return false;
    size_t chars = 0;
    for (const xmlNode* c = n->parent->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        chars += CollapsedCharCount(reinterpret_cast<const char*>(c->content));
      }
    }
    return chars > 80;
  }

  static bool IsAuthorPageHref(std::string_view href) {
    return ContainsIgnoreCase(href, "/author/") || ContainsIgnoreCase(href, "/authors/");
  }

  // Text that only says a name follows: "Written by", "Author:", "By".
  static bool IsBylineLabelText(std::string_view text) {
    return extract::IsBylineLabel(CollapseSpace(text));
  }

  // An element that only says a name follows.
  bool IsBylineLabel(const xmlNode* n) const {
    if (n->children == nullptr || n->next == nullptr) return false;
    const xmlNode* only = n->children;
    if (only->next != nullptr || only->type != XML_TEXT_NODE || only->content == nullptr) {
      return false;
    }
    return IsBylineLabelText(reinterpret_cast<const char*>(only->content));
  }

  // Longest text node read as a byline label ("Written by:" with the white space around it,
  // which templates indent generously).
  static constexpr size_t kMaxLabelBytes = 200;

  // The inline elements a name after a bare "By" sits in.
  static constexpr std::array<std::string_view, 5> kNameElements = {"a", "span", "strong", "b",
                                                                     "em"};

  // An element whose itemscope is an article (itemtype ".../NewsArticle", ".../BlogPosting").
  static bool IsMicrodataArticle(const xmlNode* n) {
    if (!HasAttr(n, "itemscope")) return false;
    std::string_view type = AttrView(n, "itemtype");
    type = type.substr(type.rfind('/') + 1);
    return type.ends_with("Article") || type == "BlogPosting" || type == "Report";
  }
  // Whether the item that holds `n` (its nearest itemscope ancestor) is an article, not a
  // comment or a forum post.
  static bool InMicrodataArticle(const xmlNode* n) {
    for (const xmlNode* p = n->parent; p != nullptr && IsElement(p); p = p->parent) {
      if (HasAttr(p, "itemscope")) return IsMicrodataArticle(p);
    }
    return false;
  }

  // A list's items joined by ", " ("<h6>Author(s)</h6><ul><li>Ann Lee</li><li>Bo Chen</li>"),
  // else the element's byline text.
  std::string ListOrBylineText(const xmlNode* n) const {
    if (!TagIs(n, "ul") && !TagIs(n, "ol")) return BylineTextOf(n, max_depth_);
    std::string out;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c) || !TagIs(c, "li")) continue;
      const std::string item = BylineTextOf(c, max_depth_);
      if (!item.empty()) out += out.empty() ? item : ", " + item;
    }
    return out;
  }

  std::string RawText(const xmlNode* n) const {
    std::string raw;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->content != nullptr) raw += reinterpret_cast<const char*>(c->content);
    }
    return raw;
  }

  PageFacts& facts_;
  std::string last_text_;   // the last short text node under the headline, lower case
  bool in_update_ = false;  // inside a byline that labels its date an update's
  int max_depth_;
  std::string hint_buf_;
};

// ---------------------------------------------------------------------------------------------
// JSON-LD.

constexpr std::array<std::string_view, 10> kArticleTypes = {
    "NewsArticle",           "Article",
    "ReportageNews",         "BlogPosting",
    "AnalysisNewsArticle",   "OpinionNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting",
    "ReviewNewsArticle",     "Report"};

bool HasType(const Json& obj, std::string_view type) {
  if (!obj.is_object() || !obj.contains("@type")) return false;
  const Json& t = obj["@type"];
  if (t.is_string()) return t.get_ref<const std::string&>() == type;
  if (t.is_array()) {
    for (const Json& e : t) {
      if (e.is_string() && e.get_ref<const std::string&>() == type) return true;
    }
  }
  return false;
}

bool IsArticleObject(const Json& obj) {
  return std::any_of(kArticleTypes.begin(), kArticleTypes.end(),
                     [&](std::string_view t) { return HasType(obj, t); });
}

std::string JsonString(const Json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return "";
  const Json& v = obj[key];
  if (v.is_string()) return Clean(v.get_ref<const std::string&>());
  return "";
}

// Every object in the JSON-LD forest: top-level, arrays, @graph, and nested values.
void CollectObjects(const Json& j, int depth, int max_depth, std::vector<const Json*>& out) {
  if (depth > max_depth || out.size() > 2000) return;
  if (j.is_array()) {
    for (const Json& e : j) CollectObjects(e, depth + 1, max_depth, out);
  } else if (j.is_object()) {
    out.push_back(&j);
    for (const auto& item : j.items()) CollectObjects(item.value(), depth + 1, max_depth, out);
  }
}

// Removes what CMSes wrap JSON-LD in (HTML comments, CDATA) and control characters that make
// otherwise fine JSON invalid (raw newlines inside strings).
std::string TidyJsonLd(std::string_view raw) {
  std::string s(raw);
  for (std::string_view junk : {"<!--", "-->", "<![CDATA[", "]]>"}) {
    for (size_t pos = s.find(junk); pos != std::string::npos; pos = s.find(junk)) {
      s.erase(pos, junk.size());
    }
  }
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

struct JsonLdFacts {
  std::string headline;
  std::string date_published;
  std::string date_modified;
  std::vector<std::string> authors;
  std::string publisher;
  std::vector<std::string> keywords;
  std::string image;
  std::string description;
  std::string section;  // articleSection: a string, or the first of an array
  bool has_article = false;
  bool is_collection = false;  // CollectionPage / ItemList / SearchResultsPage with no article
};

class JsonLdReader {
 public:
  JsonLdReader(const std::vector<std::string>& scripts, int max_depth) {
    for (const std::string& raw : scripts) {
      Json j = Json::parse(TidyJsonLd(raw), nullptr, /*allow_exceptions=*/false);
      if (!j.is_discarded()) docs_.push_back(std::move(j));
    }
    for (const Json& d : docs_) CollectObjects(d, 0, std::min(max_depth, 64), objects_);
    for (const Json* o : objects_) {
      const std::string id = JsonString(*o, "@id");
      if (!id.empty() && o->size() > 2) by_id_.emplace(id, o);  // a definition, not a reference
    }
  }

  JsonLdFacts Read() const {
    JsonLdFacts f;
    const Json* article = nullptr;
    for (const Json* o : objects_) {
      if (IsArticleObject(*o)) {
        article = o;
        break;
      }
    }
    for (const Json* o : objects_) {
      if (HasType(*o, "CollectionPage") || HasType(*o, "ItemList") ||
          HasType(*o, "SearchResultsPage")) {
        f.is_collection = true;
      }
    }
    if (article == nullptr) {
      // A forum thread describes its first post (DiscussionForumPosting): whoever opened the
      // thread is its author, the post's headline and date the thread's. Not an article: the
      // page stays a forum page.
      for (const Json* o : objects_) {
        if (HasType(*o, "DiscussionForumPosting") || HasType(*o, "SocialMediaPosting")) {
          if (o->contains("author")) Names((*o)["author"], 0, f.authors);
          f.headline = JsonString(*o, "headline");
          f.date_published = JsonString(*o, "datePublished");
          f.date_modified = JsonString(*o, "dateModified");
          return f;
        }
      }
      // Many CMSes describe an article page only as a WebPage; its datePublished is still
      // the page's publication date (not an article object, so nothing else is taken).
      for (const Json* o : objects_) {
        if (HasType(*o, "WebPage") && f.date_published.empty()) {
          f.date_published = JsonString(*o, "datePublished");
          f.date_modified = JsonString(*o, "dateModified");
        }
      }
      return f;
    }
    f.has_article = true;
    f.headline = JsonString(*article, "headline");
    if (f.headline.empty()) f.headline = JsonString(*article, "name");
    f.date_published = JsonString(*article, "datePublished");
    f.date_modified = JsonString(*article, "dateModified");
    f.description = JsonString(*article, "description");
    if (article->contains("author")) Names((*article)["author"], 0, f.authors);
    if (article->contains("publisher")) {
      std::vector<std::string> names;
      Names((*article)["publisher"], 0, names);
      if (!names.empty()) f.publisher = names.front();
    }
    if (article->contains("keywords")) Keywords((*article)["keywords"], f.keywords);
    if (article->contains("image")) f.image = Url((*article)["image"], 0);
    if (article->contains("articleSection")) {
      const Json& v = (*article)["articleSection"];
      if (v.is_string()) {
        f.section = Clean(v.get_ref<const std::string&>());
      } else if (v.is_array() && !v.empty() && v.front().is_string()) {
        f.section = Clean(v.front().get_ref<const std::string&>());
      }
    }
    return f;
  }

 private:
  const Json& Resolve(const Json& v) const {
    if (v.is_object() && v.size() <= 2) {
      const auto it = by_id_.find(JsonString(v, "@id"));
      if (it != by_id_.end()) return *it->second;
    }
    return v;
  }

  // Names from a string, a {"name": ...} object (maybe by @id), or an array of either.
  void Names(const Json& v, int depth, std::vector<std::string>& out) const {
    if (depth > 4) return;
    if (v.is_string()) {
      out.push_back(Clean(v.get_ref<const std::string&>()));
    } else if (v.is_array()) {
      for (const Json& e : v) Names(e, depth + 1, out);
    } else if (v.is_object()) {
      const Json& r = Resolve(v);
      if (r.contains("name") && r["name"].is_array()) return Names(r["name"], depth + 1, out);
      const std::string name = JsonString(r, "name");
      if (!name.empty()) out.push_back(name);
    }
  }

  static void Keywords(const Json& v, std::vector<std::string>& out) {
    if (v.is_string()) {
      const std::string s = v.get_ref<const std::string&>();
      size_t start = 0;
      while (start <= s.size()) {
        const size_t comma = std::min(s.find(',', start), s.size());
        out.push_back(Clean(std::string_view(s).substr(start, comma - start)));
        start = comma + 1;
      }
    } else if (v.is_array()) {
      for (const Json& e : v) {
        if (e.is_string()) out.push_back(Clean(e.get_ref<const std::string&>()));
      }
    }
  }

  std::string Url(const Json& v, int depth) const {
    if (depth > 4) return "";
    if (v.is_string()) return CollapseSpace(v.get_ref<const std::string&>());
    if (v.is_array()) return v.empty() ? "" : Url(v[0], depth + 1);
    if (v.is_object()) return JsonString(Resolve(v), "url");
    return "";
  }

  std::vector<Json> docs_;
  std::vector<const Json*> objects_;  // into docs_, which never changes after construction
  std::unordered_map<std::string, const Json*> by_id_;
};

// ---------------------------------------------------------------------------------------------
// Metadata decisions.

// The names a title's site suffix may take: the outlet, og:site_name, the host's main label.
struct SiteNames {
  std::vector<std::string> squashed;

  void Add(std::string_view name) {
    std::string s = Squash(name);
    if (s.size() >= 2) squashed.push_back(std::move(s));
  }
  bool Equals(std::string_view part) const {
    const std::string p = Squash(part);
    return std::find(squashed.begin(), squashed.end(), p) != squashed.end();
  }
  // Equal, or one holds the other ("BBC" in "BBC News").
  bool Matches(std::string_view part) const {
    const std::string p = Squash(part);
    if (p.empty()) return false;
    for (const std::string& s : squashed) {
      if (p == s) return true;
      const bool long_enough = std::min(p.size(), s.size()) >= 3;
      if (long_enough && (p.find(s) != std::string::npos || s.find(p) != std::string::npos)) {
        return true;
      }
    }
    return false;
  }
};

constexpr std::array<std::string_view, 9> kTitleSeparators = {
    " | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 ", " \xC2\xBB ", " / ",
    " \xE2\x80\xA2 "};

// A headline never holds " | ": what follows the first one is a tagline or a list of keywords
// for search engines ("Best Movers in NYC 2025 | Top 19 Companies"). Dashes are kept: they
// also join the two halves of real headlines.
std::string DropPipeTail(std::string title) {
  const size_t pipe = title.find(" | ");
  if (pipe != std::string::npos && WordCount(std::string_view(title).substr(0, pipe)) >= 2) {
    title.resize(pipe);
  }
  return title;
}

// Documentation generators end each heading with a permalink anchor drawn as a pilcrow
// ("Quickstart¶"); it is not part of the title.
std::string DropPermalinkMark(std::string_view title) {
  return CollapseSpace(WithoutPermalinkMark(title));
}

// Splits at the last (or first) title separator: {before, after}; nullopt if none.
std::optional<std::pair<std::string, std::string>> SplitTitle(std::string_view t, bool last) {
  size_t best = std::string_view::npos;
  size_t best_len = 0;
  for (std::string_view sep : kTitleSeparators) {
    const size_t pos = last ? t.rfind(sep) : t.find(sep);
    if (pos == std::string_view::npos) continue;
    if (best == std::string_view::npos || (last ? pos > best : pos < best)) {
      best = pos;
      best_len = sep.size();
    }
  }
  if (best == std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(t.substr(0, best)), std::string(t.substr(best + best_len)));
}

// Drops a site name glued to a title ("Story | Site", "Site - Story"). With `aggressive` (for
// <title>) a short trailing section name is dropped too ("Story - World").
std::string StripSiteName(std::string title, const SiteNames& site, bool aggressive) {
  for (int round = 0; round < 3; ++round) {
    bool changed = false;
    if (auto parts = SplitTitle(title, /*last=*/true)) {
      const auto& [before, after] = *parts;
      const bool short_suffix =
          WordCount(after) <= 3 && WordCount(before) >= 3 && CharCount(after) <= 30;
      if (WordCount(before) >= 1 && (site.Matches(after) || (aggressive && short_suffix))) {
        title = before;
        changed = true;
      }
    }
    if (!changed) {
      if (auto parts = SplitTitle(title, /*last=*/false)) {
        const auto& [before, after] = *parts;
        if (site.Equals(before) && WordCount(after) >= 2) {
          title = after;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return title;
}

// Whether `heading` is `title` behind a short label: "Thread: Title", "Blog: Title",
// "Dec 18 2025 Title" (compared case-folded, on whole words).
bool IsLabelledCopy(std::string_view heading, std::string_view title) {
  const std::string h = Lower(CollapseSpace(heading));
  const std::string t = Lower(CollapseSpace(title));
  if (t.empty() || h.size() <= t.size() || !h.ends_with(t)) return false;
  const std::string_view label = std::string_view(h).substr(0, h.size() - t.size());
  return IsAsciiSpace(label.back()) && WordCount(label) <= 4 && WordCount(t) >= 2;
}

// Whether `heading` is `title` followed by link-aggregator chrome only: the linked story's
// host in parentheses and a comment count ("Title (latimes.com) 87").
bool HasSourceHostTail(std::string_view heading, std::string_view title) {
  const std::string h = CollapseSpace(heading);
  const std::string t = CollapseSpace(title);
  if (t.empty() || h.size() <= t.size() || !h.starts_with(t) || !IsAsciiSpace(h[t.size()])) {
    return false;
  }
  std::string_view tail = std::string_view(h).substr(t.size() + 1);
  if (tail.empty() || tail.front() != '(') return false;
  const size_t close = tail.find(')');
  if (close == std::string_view::npos) return false;
  // One word with a dot in it.
  const std::string_view host = text::TrimAscii(tail.substr(1, close - 1));
  if (host.find('.') == std::string_view::npos || host.find(' ') != std::string_view::npos) {
    return false;
  }
  for (char c : tail.substr(close + 1)) {
    if (!IsAsciiSpace(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

// The label of a host that names the site: "bbc" for bbc.co.uk, "sky" for news.sky.com.
std::string HostLabel(std::string_view host) {
  std::vector<std::string_view> labels;
  size_t start = 0;
  while (start < host.size()) {
    const size_t dot = std::min(host.find('.', start), host.size());
    labels.push_back(host.substr(start, dot - start));
    start = dot + 1;
  }
  if (labels.size() > 1) labels.pop_back();  // the top-level domain
  static constexpr std::array<std::string_view, 7> kSecondLevel = {"co",  "com", "org", "net",
                                                                   "gov", "ac",  "ne"};
  if (labels.size() > 1 &&
      std::find(kSecondLevel.begin(), kSecondLevel.end(), labels.back()) != kSecondLevel.end()) {
    labels.pop_back();
  }
  return labels.empty() ? "" : std::string(labels.back());
}

// A date from `value` when it parses and is plausible for news.
std::optional<Timestamp> PlausibleDate(std::string_view value, int64_t now_unix) {
  auto t = ParseDate(value);
  if (t && IsPlausibleNewsDate(*t, now_unix)) return t;
  return std::nullopt;
}

constexpr std::array<std::string_view, 22> kPublishedMetaKeys = {"article:published_time",
                                                                 "og:published_time",
                                                                 "og:article:published_time",
                                                                 "datepublished",
                                                                 "pubdate",
                                                                 "publishdate",
                                                                 "publish-date",
                                                                 "publish_date",
                                                                 "published-date",
                                                                 "published_date",
                                                                 "citation_publication_date",
                                                                 "citation_date",
                                                                 "dcterms.created",
                                                                 "published",
                                                                 "date",
                                                                 "dc.date.issued",
                                                                 "dcterms.issued",
                                                                 "dc.date",
                                                                 "sailthru.date",
                                                                 "parsely-pub-date",
                                                                 "article.published",
                                                                 "cxenseparse:recs:publishtime"};

constexpr std::array<std::string_view, 6> kModifiedMetaKeys = {
    "article:modified_time", "og:updated_time", "datemodified", "last-modified",
    "dc.date.modified",      "dcterms.modified"};

// A month's name or abbreviation as bylines print dates after the name ("Jane Doe July 4").
bool IsMonthWord(std::string_view w) {
  static constexpr std::array<std::string_view, 23> kMonths = {
      "january", "february", "march",    "april",   "may",      "june", "july", "august",
      "september", "october", "november", "december", "jan",    "feb",  "mar",  "apr",
      "jun",     "jul",      "aug",      "sep",     "sept",     "oct",  "nov"};
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  return EqualsIgnoreCase(w, "dec") ||
         std::any_of(kMonths.begin(), kMonths.end(),
                     [&](std::string_view m) { return EqualsIgnoreCase(w, m); });
}

bool IsWeekdayWord(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "mon",    "tue",     "wed",       "thu",      "fri",    "sat",      "sun"};
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.remove_suffix(1);
  return std::any_of(kDays.begin(), kDays.end(),
                     [&](std::string_view d) { return EqualsIgnoreCase(w, d); });
}

// Words that label a byline or a list of people, never a name: "Author", "The Author",
// "Authors of this article", "Articles by Jane", "View more posts", "Post time", a login
// form's "Username", a template's unfilled "page.head.extra.author".
bool HoldsBylineLabelWord(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kLabels = {
      "author", "authors", "articles", "posts", "abstract", "post time", "share", "username"};
  const std::string lower = Lower(name);
  if (lower == "the" || lower == "a") return true;  // an article left when an outlet was cut
  // Whole words; a dotted template path left unfilled ("page.head.extra.author") counts.
  auto boundary = [&](size_t i) { return lower[i] == ' ' || lower[i] == '.'; };
  for (std::string_view label : kLabels) {
    for (size_t pos = lower.find(label); pos != std::string::npos;
         pos = lower.find(label, pos + 1)) {
      const size_t end = pos + label.size();
      if ((pos == 0 || boundary(pos - 1)) && (end == lower.size() || boundary(end))) return true;
    }
  }
  return false;
}

// Scholarly metadata writes one author per tag as "Last, First" ("Berger, Emery D."): the
// name as a byline prints it ("Emery D. Berger").
std::string FirstNameFirst(std::string_view last_first) {
  const size_t comma = last_first.find(',');
  if (comma == std::string_view::npos || last_first.find(',', comma + 1) != std::string_view::npos) {
    return std::string(last_first);
  }
  return CollapseSpace(std::string(last_first.substr(comma + 1)) + " " +
                       std::string(last_first.substr(0, comma)));
}

// A single author name worth keeping: not an email, handle, URL, date, role, a commenter
// ("Jane says"), a label or a phrase of prose. A `publisher_field` (the page's JSON-LD or meta
// author) may also name the organisation itself or a team ("Editorial Team", "Community
// Editor", "AccountingDepartment.com"); in visible text those are credit lines.
// A team credited as one author: "the Lavazza Team", "The Currency editors", "BBC News staff":
// capitalised words (after an optional "the") and then the word for the group.
bool IsCollectiveByline(std::string_view name) {
  std::string lower = Lower(name);
  std::string_view rest = lower;
  if (rest.starts_with("the ")) {
    rest.remove_prefix(4);
    name.remove_prefix(4);
  }
  const size_t last_space = rest.rfind(' ');
  if (last_space == std::string_view::npos || last_space == 0) return false;
  const std::string_view group = rest.substr(last_space + 1);
  if (group != "team" && group != "editors" && group != "staff" && group != "desk") return false;
  // Every word before the group word is capitalised.
  const std::string_view names = name.substr(0, last_space);
  bool word_start = true;
  for (char c : names) {
    if (c == ' ') {
      word_start = true;
    } else if (word_start) {
      if (!(c >= 'A' && c <= 'Z')) return false;
      word_start = false;
    }
  }
  return true;
}

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsPlausibleAuthor(std::string_view name, const SiteNames& outlet, bool publisher_field) {
  if (name.empty() || CharCount(name) > 60 || WordCount(name) > 6) return false;
  if (WordCount(name) <= 5 && IsCollectiveByline(name)) return !outlet.Equals(name);
  if (name.find('@') != std::string_view::npos) return false;
  if (ContainsIgnoreCase(name, "http") || ContainsIgnoreCase(name, "www.") ||
      name.find('/') != std::string_view::npos ||
      (ContainsIgnoreCase(name, ".com") && !(publisher_field && WordCount(name) == 1))) {
    return false;
  }
  // Digits belong only to a one-word handle that starts with a letter ("paulb203"), or to a
  // short first word of a company's name ("3i Global", "98 Buck Social").
  if (HasDigit(name) && (WordCount(name) > 1 || !IsAsciiLetter(name[0]))) {
    const size_t space = name.find(' ');
    const std::string_view rest = space == std::string_view::npos ? "" : name.substr(space + 1);
    const bool company = space != std::string_view::npos && space <= 3 && !rest.empty() &&
                         !HasDigit(rest) && rest[0] >= 'A' && rest[0] <= 'Z' &&
                         WordCount(name) <= 4;
    if (!company) return false;
  }
  if (HoldsBylineLabelWord(name) || IsChrome(name)) return false;
  if (!publisher_field && !IsNameShaped(name)) return false;
  const std::string lower = Lower(name);
  // A role written as a name ("Community Editor", "Contributors to Wikimedia projects") is a
  // team's account in the publisher's fields; a role in lowercase describes the person before
  // it ("Jane Doe, Moscow correspondent").
  if (const size_t pos = FindAuthorRole(name); pos != std::string_view::npos) {
    const bool capitalised = name[pos] >= 'A' && name[pos] <= 'Z';
    if (!publisher_field || !capitalised) return false;
  }
  if (lower.size() > 5 && lower.compare(lower.size() - 5, 5, " says") == 0) return false;
  if (WordCount(name) == 1 && (IsMonthWord(name) || IsWeekdayWord(name))) return false;
  return publisher_field || !outlet.Equals(name);
}

// A dateline under the headline that names the writer first, the parts apart: "Aaron
// Ricadela | Senior Writer | July 2, 2025" → "Aaron Ricadela". Only short dated lines after
// the first <h1> (from `after_h1` on), and only a name-shaped first part.
// A dateline beside the headline (the lines right before it too) that names the writer
// after the date: "2025-12-17 · Trond Teigen", "Dec 26, 2025 • Mahua Das in Project
// Management" → the words after the date (SplitAuthors cuts what follows the name).
std::optional<std::string> NameAfterDate(std::string_view line) {
  const size_t first_end = std::min(line.find(' '), line.size());
  const std::string_view first = line.substr(0, first_end);
  if (!HasDigit(first) && !IsMonthWord(first)) return std::nullopt;  // not a date first
  // "March 15, 2022 · 3 min read · By ASU Online": a segment that credits someone.
  for (std::string_view sep : {"\xC2\xB7 By ", "| By ", "\xE2\x80\xA2 By "}) {
    if (const size_t at = line.find(sep); at != std::string_view::npos) {
      return std::string(line.substr(at + sep.size()));
    }
  }
  size_t rest = std::string_view::npos;
  for (size_t start = 0; start < line.size();) {
    const size_t end = std::min(line.find(' ', start), line.size());
    if (HasDigit(line.substr(start, end - start))) rest = end;
    start = end + 1;
  }
  if (rest == std::string_view::npos || rest >= line.size()) return std::nullopt;
  std::string_view name = line.substr(rest);
  // The separator between the date and the name, with the spaces around it (" · ").
  for (std::string_view sep :
       {" ", "\xC2\xB7", "\xE2\x80\xA2", "|", "-", "\xE2\x80\x93", "\xE2\x80\x94", " "}) {
    while (name.starts_with(sep)) name.remove_prefix(sep.size());
  }
  if (name.empty() || WordCount(name) > 6 || WordCount(name) < 2 || HasDigit(name)) {
    return std::nullopt;
  }
  // A name's first two words are capitalised ("Mahua Das in ...", not "min read").
  const size_t second = name.find(' ') + 1;
  auto capital = [](char c) { return (c >= 'A' && c <= 'Z') || (c & 0x80) != 0; };
  if (!capital(name[0]) || second >= name.size() || !capital(name[second])) return std::nullopt;
  return std::string(name);
}

std::vector<std::string> NamesBesideDates(const std::vector<std::string>& lines, size_t after_h1) {
  std::vector<std::string> out;
  // Before the headline: the last dated block, or the one that holds it (its last element).
  for (size_t back = 1; back <= 2 && back <= after_h1 && after_h1 <= lines.size(); ++back) {
    if (auto name = NameAfterDate(lines[after_h1 - back])) {
      out.push_back(std::move(*name));
      break;
    }
  }
  for (size_t i = after_h1; i < lines.size() && i < after_h1 + 3; ++i) {
    const std::string& line = lines[i];
    if (auto name = NameAfterDate(line)) {
      out.push_back(std::move(*name));
      continue;
    }
    for (std::string_view sep : {" | ", " \xC2\xB7 ", " \xE2\x80\xA2 "}) {
      const size_t at = line.find(sep);
      if (at == std::string::npos || at == 0) continue;
      const std::string_view first = std::string_view(line).substr(0, at);
      if (WordCount(first) >= 2 && WordCount(first) <= 4 && IsNameShaped(first) &&
          !FindDate(first)) {
        out.emplace_back(first);
      }
      break;
    }
  }
  return out;
}

// "Posted on 7 Nov 2025 by John Smith" → "John Smith": datelines that name the author last.
std::vector<std::string> NamesAfterBy(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const std::string& text : texts) {
    const std::string lower = Lower(text);
    const size_t by = lower.rfind(" by ");
    if (by != std::string::npos) out.push_back(text.substr(by + 4));
  }
  return out;
}

// "By Jane Doe and John Roe | 7 Nov 2025" → {"Jane Doe", "John Roe"}.
// Drops what bylines print after the names: a month (the date's digits are already cut), the
// outlet's name ("Brian Truitt USA TODAY").
void DropTrailingNonName(std::string& text, const SiteNames& outlet) {
  for (int round = 0; round < 4; ++round) {
    const size_t space = text.rfind(' ');
    if (space == std::string::npos) return;
    const std::string_view last = std::string_view(text).substr(space + 1);
    // A month left of a cut date ("Jane Doe May 5, 2025"), not a surname ("Tom May").
    const bool surname = (last == "May" || last == "June" || last == "April" || last == "August") &&
                         WordCount(std::string_view(text).substr(0, space)) == 1;
    if (IsMonthWord(last) && !surname) {
      text.resize(space);
      continue;
    }
    // The outlet, one to three words long, after at least two words of name.
    bool dropped = false;
    size_t start = space;
    for (int words = 1; words <= 3 && start != std::string::npos && !dropped; ++words) {
      const std::string_view head = std::string_view(text).substr(0, start);
      if (WordCount(head) >= 2 && outlet.Equals(std::string_view(text).substr(start + 1))) {
        text.resize(start);
        dropped = true;
      }
      start = start == 0 ? std::string::npos : text.rfind(' ', start - 1);
    }
    if (!dropped) return;
  }
}

// What a forum's author box prints around a username: the avatar's letter before or after it
// ("B boobaloobie", "JosephF J"), an online status ("Offline"), the name again in parentheses
// ("raoul (raoul)"), and the rank and counts after it ("Full Member", "Members", "Joined").
void DropForumBadges(std::string& text) {
  auto letter_of = [](std::string_view w) { return w.size() == 1 && IsAsciiLetter(w[0]); };
  for (std::string_view status : {"Offline ", "Online "}) {
    if (text.size() > 2 && letter_of(std::string_view(text).substr(0, 1)) && text[1] == ' ' &&
        std::string_view(text).substr(2).starts_with(status)) {
      text.erase(0, 2 + status.size());
    }
  }
  if (text.size() > 3 && letter_of(std::string_view(text).substr(0, 1)) && text[1] == ' ' &&
      LowerChar(text[0]) == LowerChar(text[2])) {
    text.erase(0, 2);
  }
  for (std::string_view rank : {" Full Member", " Senior Member", " Junior Member", " New Member",
                                " Well-known member", " Well-Known Member", " Premium Member",
                                " Member", " Moderator", " Administrator", " Joined",
                                " Messages", " Posts", " Greenhorn", " wrote"}) {
    const size_t pos = text.find(rank);
    const size_t end = pos + rank.size();
    if (pos != std::string::npos && pos > 0 &&
        (end == text.size() || !IsAsciiLetter(text[end]) || text.compare(end, 1, "s") == 0)) {
      text.resize(pos);
    }
  }
  const size_t space = text.rfind(' ');
  if (space != std::string::npos && letter_of(std::string_view(text).substr(space + 1)) &&
      LowerChar(text[space + 1]) == LowerChar(text[0])) {
    text.resize(space);
  }
  const size_t open = text.rfind(" (");
  if (open != std::string::npos && text.back() == ')' &&
      EqualsIgnoreCase(std::string_view(text).substr(open + 2, text.size() - open - 3),
                       std::string_view(text).substr(0, open))) {
    text.resize(open);
  }
}

// Whether " and " at the start of `rest` joins one word to the words before it (`current`)
// inside one name: "Center for Drug Evaluation and Research" is one organisation, where "Jane
// Doe and John Roe" are two people.
bool OneWordAfterAnd(std::string_view rest, std::string_view current) {
  std::string_view next = rest.substr(5);
  const size_t end = next.find_first_of(",;&");
  next = next.substr(0, end);
  if (const size_t another = next.find(" and "); another != std::string_view::npos) {
    next = next.substr(0, another);
  }
  return WordCount(next) == 1 && WordCount(current) >= 2;
}

std::vector<std::string> SplitAuthors(std::string_view raw, const SiteNames& outlet,
                                      bool publisher_field) {
  std::string text = CollapseSpace(raw);
  // A name in quote marks, as some templates write the field ("\"David Kim\"").
  for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"\"", "\""},
                                    {"\xE2\x80\x9C", "\xE2\x80\x9D"}}) {
    const size_t inner = text.size() - std::min(text.size(), open.size() + close.size());
    if (inner == 0 || !text.starts_with(open) || !text.ends_with(close)) continue;
    const std::string_view name = std::string_view(text).substr(open.size(), inner);
    if (name.find(open) == std::string_view::npos && name.find(close) == std::string_view::npos) {
      text = CollapseSpace(name);
    }
  }
  // Punctuation left of the names by a label in another element (": Jane Doe", ", Jane Doe").
  auto drop_leading_punctuation = [&] {
    while (!text.empty() && (text[0] == ':' || text[0] == ',' || text[0] == '|')) {
      text = CollapseSpace(std::string_view(text).substr(1));
    }
  };
  drop_leading_punctuation();
  // A dateline that names the author after the date and a separator ("Dec. 19, 2025 · Niko
  // Matsakis", "March 15, 2022 · 3 min read · By ASU Online"): the date and the reading time
  // go.
  for (int segments = 0; segments < 3; ++segments) {
    size_t sep = std::string::npos;
    size_t sep_size = 0;
    for (std::string_view s : {" \xC2\xB7 ", " | ", " \xE2\x80\xA2 "}) {
      if (const size_t at = text.find(s); at < sep) {
        sep = at;
        sep_size = s.size();
      }
    }
    if (sep == std::string::npos) break;
    const std::string_view head = std::string_view(text).substr(0, sep);
    if (!FindDate(head) && !ContainsIgnoreCase(head, " read")) break;
    text = CollapseSpace(std::string_view(text).substr(sep + sep_size));
  }
  for (std::string_view prefix : {"written by", "reporting by", "words by", "authored by",
                                  "posted by", "text by", "story by", "recipe by", "article by:",
                                  "article by", "authors:", "author:", "via ",
                                  "by:", "by,", "by ",
                                  "author ", "von ", "par "}) {
    if (StartsWithIgnoreCase(text, prefix)) {
      text = CollapseSpace(std::string_view(text).substr(prefix.size()));
      break;
    }
  }
  // A sentence that credits the writer: "This post was written by Jane Doe, ...".
  if (const size_t by = Lower(std::string_view(text).substr(0, 40)).find("written by ");
      by != std::string::npos && by > 0) {
    text = CollapseSpace(std::string_view(text).substr(by + 11));
  }
  drop_leading_punctuation();
  // An author box: the name, then a bio that starts with it ("Reyan Perumal Reyan Perumal is
  // a content writer at ...").
  for (size_t words = 2, end = 0; words <= 4; ++words) {
    end = text.find(' ', end + 1);
    if (end == std::string::npos) break;
    const std::string_view name = std::string_view(text).substr(0, end);
    if (std::string_view(text).substr(end + 1).starts_with(name)) {
      text.resize(end);
      break;
    }
  }
  DropForumBadges(text);
  // Whatever follows the names in a byline: a separator, a date, a label.
  size_t cut = text.size();
  for (std::string_view stop : {" | ", " \xE2\x80\xA2 ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " \xC2\xBB ",
                                "Updated", "Published", "Posted", " on ", " in ", "Last updated",
                                "Last update", "Last modified", " More about", " Sponsored",
                                ". Reviewed by", " Reviewed by"}) {
    cut = std::min(cut, text.find(stop));
  }
  // A number starts the date or a count; digits inside a word belong to a handle ("paulb203"),
  // as does a first word of digits and letters ("3i Global").
  const size_t first_end = std::min(text.find(' '), text.size());
  const bool handle_first =
      std::any_of(text.begin(), text.begin() + static_cast<ptrdiff_t>(first_end),
                  [](char c) { return IsAsciiLetter(c); });
  for (size_t i = handle_first ? first_end : 0; i < cut; ++i) {
    const char prev = i > 0 ? text[i - 1] : ' ';
    const bool in_word = IsAsciiLetter(prev) || (prev >= '0' && prev <= '9');
    if (text[i] >= '0' && text[i] <= '9' && !in_word) {
      cut = i;
      break;
    }
  }
  text.resize(std::min(cut, text.size()));
  text = CollapseSpace(text);
  DropTrailingNonName(text, outlet);

  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string name = CollapseSpace(current);
    // A final '.' ends a sentence, except after an abbreviation ("Jr.", "Ph.D.").
    auto abbreviation = [&] {
      const size_t space = name.rfind(' ');
      const std::string_view last =
          std::string_view(name).substr(space == std::string::npos ? 0 : space + 1);
      return last.size() <= 4 || last.substr(0, last.size() - 1).find('.') != std::string::npos;
    };
    // Punctuation left after the name by what followed it ("Tony Mastrangeli -" before a date
    // in another element), and a final '.' that ends a sentence.
    while (!name.empty() && (name.back() == ',' || name.back() == ':' || name.back() == '*' ||
                             name.back() == '-' || name.back() == '|' || name.back() == ' ' ||
                             (name.back() == '.' && !abbreviation()))) {
      name.pop_back();
    }
    if (IsPlausibleAuthor(name, outlet, publisher_field)) out.push_back(name);
    current.clear();
  };
  // What a comma may open after a name: the person's position, not another name ("Danielle
  // Padula, Head of Marketing and Community Development").
  auto opens_position = [](std::string_view after) {
    while (after.starts_with(" ")) after.remove_prefix(1);
    for (std::string_view title : {"Head of ", "Director", "Chief ", "CEO", "Founder", "Co-founder",
                                   "Co-Founder", "President", "Vice President", "VP ", "Manager",
                                   "Senior ", "Sr. ", "Lead ", "Head ", "Managing "}) {
      if (after.starts_with(title)) return true;
    }
    return false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = std::string_view(text).substr(i);
    if ((text[i] == ',' || text[i] == ';') && opens_position(rest.substr(1))) {
      break;
    }
    if (text[i] == ',' || text[i] == ';') {
      flush();
    } else if (StartsWithIgnoreCase(rest, " and ") && !OneWordAfterAnd(rest, current)) {
      flush();
      i += 4;
    } else if (rest.starts_with(" with ")) {  // "By Dieter Hogen with Uta Pippig"
      flush();
      i += 5;
    } else if (rest.substr(0, 3) == " & ") {
      flush();
      i += 2;
    } else {
      current.push_back(text[i]);
    }
  }
  flush();
  return out;
}

void AppendUnique(std::vector<std::string>& out, std::string value, size_t limit) {
  value = CollapseSpace(value);
  if (value.empty() || out.size() >= limit) return;
  const std::string key = Lower(value);
  for (const std::string& v : out) {
    if (Lower(v) == key) return;
  }
  out.push_back(std::move(value));
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += out.empty() ? name : ", " + name;
  return out;
}

struct Metadata {
  std::string title;
  std::optional<Timestamp> published;
  std::optional<Timestamp> modified;
  std::vector<std::string> authors;
  std::string byline;  // Extraction::byline
  std::string outlet;
  std::string url;
  std::string canonical_url;
  std::vector<std::string> tags;
  std::string language;
  std::string lead_image;
  std::string description;
  std::string section;
  bool json_ld_collection = false;
  bool declares_article = false;  // og:type "article" or a JSON-LD article object
};

class MetadataBuilder {
 public:
  MetadataBuilder(const PageFacts& facts, const JsonLdFacts& ld, const ExtractOptions& options)
      : facts_(facts), ld_(ld), options_(options) {}

  Metadata Build() {
    Metadata m;
    m.outlet = Outlet();
    site_.Add(m.outlet);
    site_.Add(facts_.Meta("og:site_name"));
    // Some CMSes write the page title into application-name: only a short one names the site.
    if (const std::string app = facts_.Meta("application-name"); WordCount(app) <= 4) {
      site_.Add(app);
    }
    site_.Add(HostLabel(HostOf(UrlForHost())));
    site_.Add(HostOf(UrlForHost()));  // "davidbau.com" as a page's masthead prints it
    for (const std::string& masthead : facts_.mastheads) site_.Add(masthead);
    // A heading that the page's <title> prints after its last separator, where site names go
    // ("What is Ownership? - The Rust Programming Language" over an <h1> of the book's name),
    // names the site, unless what comes before is the site's name ("Site - Headline").
    for (const std::string& title : {facts_.title_tag, facts_.Meta("og:title")}) {
      const auto parts = SplitTitle(CollapseSpace(title), /*last=*/true);
      if (parts && !facts_.first_h1.empty() && Squash(parts->second) == Squash(facts_.first_h1) &&
          WordCount(parts->first) >= 1 && !site_.Matches(parts->first)) {
        site_.Add(facts_.first_h1);
      }
    }
    Urls(m);
    m.title = Title();
    m.published = Published(m.url);
    m.modified = Modified();
    m.authors = Authors(m.outlet, &m.byline);
    m.tags = Tags();
    m.language = Language();
    m.lead_image = ld_.image;
    for (const char* key : {"og:image", "twitter:image", "twitter:image:src"}) {
      if (!m.lead_image.empty()) break;
      m.lead_image = facts_.Meta(key);
    }
    if (!m.lead_image.empty()) m.lead_image = Absolutize(m.lead_image, m.url);
    for (const char* key : {"og:description", "description", "twitter:description"}) {
      if (m.description.empty()) m.description = Clean(facts_.Meta(key));
    }
    if (m.description.empty()) m.description = ld_.description;
    m.section = Section();
    m.json_ld_collection = ld_.is_collection && !ld_.has_article;
    m.declares_article = ld_.has_article || Lower(facts_.Meta("og:type")) == "article";
    return m;
  }

  const SiteNames& site() const { return site_; }

 private:
  std::string UrlForHost() const {
    if (!options_.url.empty()) return options_.url;
    if (!facts_.canonical.empty()) return facts_.canonical;
    return facts_.Meta("og:url");
  }

  // Some CMSes put a URL where the name goes ("og:site_name" = "https://www.x.com"): those
  // are read as their host.
  std::string Outlet() const {
    const std::string app = Clean(facts_.Meta("application-name"));
    for (std::string v : {ld_.publisher, Clean(facts_.Meta("og:site_name")),
                          WordCount(app) <= 4 ? app : std::string()}) {
      if (v.find("://") != std::string::npos) v = HostOf(v);
      if (!v.empty()) return v;
    }
    return HostOf(UrlForHost());
  }

  void Urls(Metadata& m) const {
    const std::string og_url = facts_.Meta("og:url");
    const std::string base = !options_.url.empty() ? options_.url : og_url;
    const std::string canonical =
        facts_.canonical.empty() ? "" : Absolutize(facts_.canonical, base);
    m.url = options_.url;
    if (m.url.empty()) m.url = canonical;
    if (m.url.empty()) m.url = og_url;
    m.canonical_url = canonical;
    if (m.canonical_url.empty()) m.canonical_url = og_url;
    if (m.canonical_url.empty()) m.canonical_url = m.url;
  }

  std::string Title() const {
    return DropPipeTail(DropPermalinkMark(Clean(TitleAsStated())));
  }

  std::string TitleAsStated() const {
    // Only a title that is the site name itself is unusable: CMSes also put the title in
    // "application-name", so containment would reject real titles.
    auto usable = [&](const std::string& t) { return !t.empty() && !site_.Equals(t); };
    // The headline the reader sees, without what sites print around it in the heading too
    // (a permalink mark, the site's name after a separator).
    auto headline = [&](const std::string& h1) {
      return StripSiteName(DropPermalinkMark(Clean(h1)), site_, /*aggressive=*/false);
    };
    const std::string first_h1 = headline(facts_.first_h1);
    // A heading that og:title repeats is the title, whatever JSON-LD's headline says (some
    // sites fill it with a description: "Wikimedia list article").
    if (const std::string h1 = Squash(first_h1);
        !h1.empty() && usable(first_h1) &&
        Squash(StripSiteName(Clean(facts_.Meta("og:title")), site_, /*aggressive=*/false)) == h1) {
      return first_h1;
    }
    // The one headline the reader sees beats the metadata's title, which is often rewritten
    // for search engines and social cards, when both name the same story (a lone <h1> that
    // shares no words with it is a site or section name). A heading that is the metadata's
    // title behind a short label ("Thread: Title", "Blog: Title", "Dec 18 2025 Title") is
    // the title with chrome: the metadata's copy is the clean one.
    const bool lone_h1 = facts_.h1_count == 1 && usable(first_h1);
    for (const std::string& candidate : {UntruncatedHeadline(), Clean(facts_.Meta("og:title")),
                                         Clean(facts_.Meta("twitter:title"))}) {
      std::string t = StripSiteName(candidate, site_, /*aggressive=*/false);
      if (!usable(t)) continue;
      if (lone_h1 && !IsLabelledCopy(first_h1, t) && !HasSourceHostTail(first_h1, t) &&
          SharedWordShare(first_h1, t) >= 0.5) {
        return first_h1;
      }
      return t;
    }
    for (const std::string& h1 : {facts_.first_h1_in_article, facts_.first_h1}) {
      if (std::string t = headline(h1); usable(t)) return t;
    }
    std::string t = StripSiteName(facts_.title_tag, site_, /*aggressive=*/true);
    if (usable(t)) return t;
    // A page titled with the site's name alone (a home page, a blog's index) is titled so.
    for (const std::string& named : {Clean(facts_.Meta("og:title")), Clean(facts_.title_tag)}) {
      if (!named.empty()) return named;
    }
    return "";
  }

  // JSON-LD's headline, unless it is a cut copy of the page's other titles: SEO plugins
  // (Yoast) cut it at 110 characters on a word boundary ("... Find Solutions (Including"),
  // and og:title or <title> then holds the whole headline (a long headline only: a short one
  // that another title extends is a headline with a subtitle or the site name after it).
  std::string UntruncatedHeadline() const {
    const std::string& headline = ld_.headline;
    if (headline.size() < 80) return headline;
    const std::string squashed = Squash(headline);
    for (const std::string& other :
         {Clean(facts_.Meta("og:title")), Clean(facts_.Meta("twitter:title")),
          Clean(facts_.title_tag)}) {
      const std::string whole = StripSiteName(other, site_, /*aggressive=*/false);
      const std::string w = Squash(whole);
      if (w.size() > squashed.size() && w.compare(0, squashed.size(), squashed) == 0 &&
          whole.size() > headline.size() && whole.compare(0, headline.size(), headline) == 0 &&
          whole[headline.size()] == ' ') {
        return whole;
      }
    }
    return headline;
  }

  std::optional<Timestamp> Published(const std::string& url) const {
    const int64_t now = options_.now_unix;
    if (auto t = PlausibleDate(ld_.date_published, now)) {
      if (auto d = PrintedUnderHeadline(*t)) return d;
      return InLocalTime(*t);
    }
    for (std::string_view key : kPublishedMetaKeys) {
      for (const std::string& v : facts_.MetaAll(key)) {
        if (auto t = PlausibleDate(v, now)) {
          return InLocalTime(*t);
        }
      }
    }
    for (const std::string& v : {facts_.time_in_article, facts_.first_time}) {
      if (auto t = PlausibleDate(v, now)) return t;
    }
    if (auto t = DateFromUrl(url); t && IsPlausibleNewsDate(*t, now)) return t;
    for (const std::string& text : facts_.date_texts) {
      if (auto t = FindDate(text); t && IsPlausibleNewsDate(*t, now)) return t;
    }
    // A short dated line with no markup naming it: the one right under the headline first.
    const auto& dates = facts_.short_dates;
    const auto after_h1 = dates.begin() + static_cast<std::ptrdiff_t>(
                                              std::min(facts_.short_dates_before_h1, dates.size()));
    for (auto it = after_h1; it != dates.end(); ++it) {
      if (auto t = FindDate(*it); t && IsPlausibleNewsDate(*t, now)) return t;
    }
    for (auto it = dates.begin(); it != after_h1; ++it) {
      if (auto t = FindDate(*it); t && IsPlausibleNewsDate(*t, now)) return t;
    }
    return std::nullopt;
  }

  // The date the page prints right under its headline when it is another day than JSON-LD's
  // datePublished `t` (and not an update's): what readers see. SEO plugins fill JSON-LD from
  // the post's first draft or its last import ("2025-06-23" over a printed "Friday, December
  // 19, 2025"); article:published_time agrees with the printed date far more often, so it is
  // not second-guessed (on wcxb-dev the printed date beat JSON-LD 17 times in 20 where they
  // differed, and lost to article:published_time more often than it won).
  std::optional<Timestamp> PrintedUnderHeadline(const Timestamp& t) const {
    if (facts_.headline_dateline.empty()) return std::nullopt;
    const std::optional<Timestamp> d = FindDate(facts_.headline_dateline);
    if (!d || !IsPlausibleNewsDate(*d, options_.now_unix)) return std::nullopt;
    if (d->year == t.year && d->month == t.month && d->day == t.day) return std::nullopt;
    // "09.10.2024" over "2024-09-10": the structured date says which number is the month.
    if (d->year == t.year && d->month == t.day && d->day == t.month) return std::nullopt;
    return d;
  }

  // A CMS writes its metadata in UTC ("2025-12-19T03:05:00+00:00") and the page's <time> in
  // the newsroom's zone ("2025-12-18T19:05:00-08:00"): the same instant, but the date the
  // page prints is the local one. The <time> version is kept when it is that instant.
  std::optional<Timestamp> InLocalTime(const Timestamp& t) const {
    if (!t.has_time || t.utc_offset_minutes.value_or(0) != 0) return t;
    for (const std::string& v : {facts_.time_in_article, facts_.first_time}) {
      const std::optional<Timestamp> local = ParseDate(v);
      if (local && local->has_time && local->utc_offset_minutes.value_or(0) != 0 &&
          local->ToUnixSeconds() == t.ToUnixSeconds()) {
        return local;
      }
    }
    return t;
  }

  // The site's section ("World", "Politics"): JSON-LD's articleSection, then article:section
  // and the section metas of analytics tags. A short name only: not a URL, not a sentence,
  // not the site's name.
  std::string Section() const {
    std::vector<std::string> candidates = {ld_.section};
    for (const char* key : {"article:section", "section", "parsely-section", "sailthru.section"}) {
      candidates.push_back(Clean(facts_.Meta(key)));
    }
    for (const std::string& c : candidates) {
      // WordPress files posts without a category under "Uncategorized"; some sites name
      // their own site as the section.
      if (!c.empty() && c.size() <= 80 && WordCount(c) <= 6 && c.find("://") == std::string::npos &&
          Lower(c) != "uncategorized" && !site_.Equals(c)) {
        return c;
      }
    }
    return "";
  }

  std::optional<Timestamp> Modified() const {
    const int64_t now = options_.now_unix;
    if (auto t = PlausibleDate(ld_.date_modified, now)) return t;
    for (std::string_view key : kModifiedMetaKeys) {
      for (const std::string& v : facts_.MetaAll(key)) {
        if (auto t = PlausibleDate(v, now)) return t;
      }
    }
    return std::nullopt;
  }

  // The authors, and in `byline` how the page writes them (Extraction::byline).
  std::vector<std::string> Authors(const std::string& outlet, std::string* byline) const {
    std::vector<std::vector<std::string>> sources;
    // Every return goes through here: the byline of the one text the names came from, or of a
    // visible byline that writes them all together (the names came from a list).
    auto done = [&](std::vector<std::string> names, const std::vector<const std::string*>& from) {
      *byline = from.size() == 1 ? BylineAsWritten(CollapseSpace(*from[0]), names) : "";
      for (size_t i = 2; i < sources.size() && byline->empty() && names.size() > 1; ++i) {
        for (const std::string& text : sources[i]) {
          *byline = BylineAsWritten(CollapseSpace(text), names);
          if (!byline->empty()) break;
        }
      }
      if (byline->empty()) *byline = JoinNames(names);
      return names;
    };
    SiteNames outlet_names = site_;
    outlet_names.Add(outlet);
    sources.push_back(ld_.authors);
    std::vector<std::string> metas = facts_.MetaAll("author");
    for (std::string_view key : {"article:author", "dc.creator", "dcterms.creator",
                                 "parsely-author", "sailthru.author", "cxenseparse:author"}) {
      for (std::string& v : facts_.MetaAll(key)) metas.push_back(std::move(v));
    }
    for (const std::string& v : facts_.MetaAll("citation_author")) {
      metas.push_back(FirstNameFirst(v));
    }
    // Microdata is the publisher's too; the first author only (a forum marks every post's).
    if (!facts_.microdata_author.empty() && facts_.microdata_articles == 1) {
      metas.push_back(facts_.microdata_author);
    }
    // Social cards label their extra fields: twitter:label1 "Written by", twitter:data1 the name.
    for (const char* n : {"1", "2"}) {
      const std::string label = Lower(facts_.Meta(std::string("twitter:label") + n));
      if (label == "written by" || label == "author" || label == "by") {
        metas.push_back(facts_.Meta(std::string("twitter:data") + n));
      }
    }
    sources.push_back(std::move(metas));
    sources.push_back(facts_.rel_authors);
    sources.push_back(facts_.labelled_names);
    sources.push_back(facts_.author_links);
    sources.push_back(facts_.bylines);
    sources.push_back(NamesAfterBy(facts_.date_texts));
    sources.push_back(facts_.by_lines);
    sources.push_back(NamesBesideDates(facts_.short_dates, facts_.short_dates_before_h1));
    constexpr size_t kFirstVisible = 2;  // sources before this are the publisher's fields
    // A one-person site names its owner as both author and publisher: the publisher's author
    // field is still the author when a visible byline names them and no one else.
    auto in_visible_byline = [&](const std::string& name) {
      for (size_t i = kFirstVisible; i < sources.size(); ++i) {
        for (const std::string& text : sources[i]) {
          if (ContainsIgnoreCase(text, name) &&
              SplitAuthors(text, outlet_names, /*publisher_field=*/false).empty()) {
            return true;
          }
        }
      }
      return false;
    };
    for (size_t i = 0; i < sources.size(); ++i) {
      std::vector<std::string> out;
      std::vector<const std::string*> from;
      for (const std::string& raw : sources[i]) {
        const bool publisher_field = i < kFirstVisible;
        const size_t before = out.size();
        for (std::string& name : SplitAuthors(raw, outlet_names, publisher_field)) {
          if (!publisher_field || !outlet_names.Equals(name) || in_visible_byline(name)) {
            AppendUnique(out, std::move(name), 10);
          }
        }
        if (out.size() > before) from.push_back(&raw);
        // On the page, the first byline that names someone is the article's; later ones
        // belong to comments, teasers and author boxes of other articles.
        if (i >= kFirstVisible && !out.empty()) break;
      }
      if (!out.empty()) return done(std::move(out), from);
    }
    // No person anywhere: an organisation the publisher's own author fields name (JSON-LD,
    // meta) is the author (company blogs). In visible text the outlet's name is a credit line.
    for (size_t i = 0; i < kFirstVisible; ++i) {
      std::vector<std::string> out;
      std::vector<const std::string*> from;
      for (const std::string& raw : sources[i]) {
        const size_t before = out.size();
        for (std::string& name : SplitAuthors(raw, outlet_names, /*publisher_field=*/true)) {
          AppendUnique(out, std::move(name), 10);
        }
        if (out.size() > before) from.push_back(&raw);
      }
      if (!out.empty()) return done(std::move(out), from);
    }
    // Still no one: a visible byline that credits the site itself ("By ASU Online", a
    // personal blog's "Posted by" its owner) is the page's author after all.
    const SiteNames no_outlet;
    for (size_t i = kFirstVisible; i < sources.size(); ++i) {
      std::vector<std::string> out;
      for (const std::string& raw : sources[i]) {
        for (std::string& name : SplitAuthors(raw, no_outlet, /*publisher_field=*/false)) {
          if (outlet_names.Equals(name)) AppendUnique(out, std::move(name), 10);
        }
        if (!out.empty()) return done(std::move(out), {&raw});
      }
    }
    return done({}, {});
  }

  std::vector<std::string> Tags() const {
    std::vector<std::string> raw = facts_.MetaAll("article:tag");
    for (const std::string& k : ld_.keywords) raw.push_back(k);
    for (const char* key : {"keywords", "news_keywords"}) {
      for (const std::string& v : facts_.MetaAll(key)) {
        size_t start = 0;
        while (start <= v.size()) {
          const size_t comma = std::min(v.find(',', start), v.size());
          raw.push_back(v.substr(start, comma - start));
          start = comma + 1;
        }
      }
    }
    std::vector<std::string> out;
    for (std::string& t : raw) {
      if (CharCount(t) <= 60) AppendUnique(out, Clean(t), 30);
    }
    return out;
  }

  std::string Language() const {
    std::string lang = Lower(CollapseSpace(facts_.html_lang));
    lang = lang.substr(0, lang.find_first_of("-_"));
    const bool letters =
        std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return letters && (lang.size() == 2 || lang.size() == 3) ? lang : "";
  }

  const PageFacts& facts_;
  const JsonLdFacts& ld_;
  const ExtractOptions& options_;
  SiteNames site_;
};

// ---------------------------------------------------------------------------------------------
// Pass 2: pruning what is never the article.

constexpr std::array<std::string_view, 21> kAlwaysRemoved = {
    "script", "style",  "noscript", "template", "svg",    "iframe",     "button",
    "nav",    "aside",  "footer",   "select",   "input",  "textarea",   "object",
    "embed",  "canvas", "video",    "audio",    "dialog", "figcaption", "head"};

constexpr std::array<std::string_view, 4> kChromeRoles = {"navigation", "complementary", "banner",
                                                          "contentinfo"};

// Class/id words that name the article itself; a container with them is not pruned as chrome
// ("article-body js-share-tracking").
constexpr std::array<std::string_view, 9> kPositiveHints = {
    "article", "content", "entry", "post", "story", "body", "text", "main", "blog"};

constexpr std::array<std::string_view, 14> kNegativeHints = {
    "comment", "meta",  "footer",  "footnote", "sidebar", "sponsor", "social",
    "share",   "promo", "related", "widget",   "banner",  "hidden",  "byline"};

// A popover (the HTML attribute) is hidden until a script or button opens it.
bool IsHidden(const xmlNode* n) {
  if (HasAttr(n, "hidden") || HasAttr(n, "popover") ||
      EqualsIgnoreCase(AttrView(n, "aria-hidden"), "true")) {
    return true;
  }
  const std::string_view raw_style = AttrView(n, "style");
  if (raw_style.empty()) return false;
  std::string style;
  style.reserve(raw_style.size());
  for (char c : raw_style) {
    if (!IsAsciiSpace(c)) style.push_back(LowerChar(c));
  }
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// The body of an accordion or tab that the reader opens with a click: hidden until then, but
// the page's text (FAQ answers, the steps of a guide). ARIA ties it to its button (role
// "region" or "tabpanel", aria-labelledby), or its class names it.
bool IsCollapsedPanel(const xmlNode* n) {
  const std::string_view role = AttrView(n, "role");
  // A dialog (a lightbox, a pop-up) is hidden until opened, too, but is not the page's text.
  if (HasAttr(n, "popover") || TagIs(n, "dialog") || EqualsIgnoreCase(role, "dialog") ||
      EqualsIgnoreCase(role, "alertdialog") || HasAttr(n, "aria-modal")) {
    return false;
  }
  if (EqualsIgnoreCase(role, "region") || EqualsIgnoreCase(role, "tabpanel") ||
      HasAttr(n, "aria-labelledby")) {
    return true;
  }
  std::string cls = Lower(std::string(AttrView(n, "class")) + " " + std::string(AttrView(n, "id")));
  return cls.find("accordion") != std::string::npos || cls.find("collapse") != std::string::npos;
}

struct RelatedSink {
  std::string base_url;
  std::vector<RelatedItem> items;
  std::unordered_set<std::string> seen;

  void Add(std::string title, std::string_view href) {
    title = CollapseSpace(title);
    if (CharCount(title) < 12 || WordCount(title) < 2 || !IsNavigableHref(href)) return;
    if (IsChrome(title) || IsRelatedMarker(title) || items.size() >= 100) return;
    std::string url = Absolutize(href, base_url);
    if (!seen.insert(url).second) return;
    RelatedItem item;
    item.title = std::move(title);
    item.url = std::move(url);
    items.push_back(std::move(item));
  }
};

void HarvestLinks(const xmlNode* n, int depth, int max_depth, RelatedSink& sink) {
  if (depth > max_depth || !IsElement(n)) return;
  if (TagIs(n, "a")) {
    sink.Add(TextOf(n, max_depth), AttrView(n, "href"));
    return;
  }
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    HarvestLinks(c, depth + 1, max_depth, sink);
  }
}

// The first heading (or, failing that, the first short text) in a box: its label.
std::string BoxLabel(const xmlNode* n, int depth, int max_depth) {
  if (depth > max_depth || n == nullptr) return "";
  if (n->type == XML_TEXT_NODE && n->content != nullptr) {
    return CollapseSpace(reinterpret_cast<const char*>(n->content));
  }
  if (!IsElement(n) || TagIn(n, kSkippedForText)) return "";
  if (Tag(n).size() == 2 && Tag(n)[0] == 'h' && Tag(n)[1] >= '1' && Tag(n)[1] <= '6') {
    return TextOf(n, max_depth);
  }
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    std::string label = BoxLabel(c, depth + 1, max_depth);
    if (!label.empty()) return label;
  }
  return "";
}

// A run of text outside links this long (characters) is prose, never a label or a menu.
constexpr size_t kProseRun = 80;

void AddProse(const xmlNode* n, int depth, int max_depth, size_t& prose) {
  if (depth > max_depth) return;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      const size_t chars = CollapsedCharCount(reinterpret_cast<const char*>(c->content));
      if (chars >= kProseRun) prose += chars;
    } else if (IsElement(c) && !TagIs(c, "a") && !TagIn(c, kSkippedForText)) {
      AddProse(c, depth + 1, max_depth, prose);
    }
  }
}

// Characters under `n` in runs of text outside links long enough to be prose (kProseRun).
size_t ProseOf(const xmlNode* n, int max_depth) {
  size_t prose = 0;
  AddProse(n, 0, max_depth, prose);
  return prose;
}

class Pruner {
 public:
  Pruner(bool strip_classes, int max_depth, RelatedSink& related)
      : strip_classes_(strip_classes), max_depth_(max_depth), related_(related) {}

  // Prunes the page below `root`.
  void PrunePage(xmlNode* root) {
    page_prose_ = ProseOf(root, max_depth_);
    Prune(root, 0, false);
  }

 private:
  void Prune(xmlNode* n, int depth, bool in_article) {
    xmlNode* c = n->children;
    while (c != nullptr) {
      xmlNode* next = c->next;
      if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE ||
          (IsElement(c) && (depth + 1 > max_depth_ || ShouldRemove(c, in_article)))) {
        if (IsElement(c)) MaybeHarvest(c, depth + 1);
        xmlUnlinkNode(c);
        xmlFreeNode(c);
      } else if (IsElement(c)) {
        const bool inside = in_article || TagIs(c, "article") || TagIs(c, "main") ||
                            AttrView(c, "itemprop") == "articleBody";
        Prune(c, depth + 1, inside);
      }
      c = next;
    }
  }

  bool ShouldRemove(const xmlNode* n, bool in_article) {
    // libxml2 does not repair markup as browsers do: an unclosed <header> or <button> swallows
    // the rest of the page, and a streamed page parks its body in a hidden <div> that a script
    // reveals. Such a wrapper holding the page's prose is descended into, not dropped.
    // A paywall wraps the rest of the article for subscribers: its prose is the article.
    const bool wrapper_tag = TagIs(n, "header") || TagIs(n, "button") || HasAttr(n, "hidden") ||
                             Holds(LowerClassId(n, class_buf_), "paywall");
    if (wrapper_tag && HoldsProse(n, 0)) return false;
    if (TagIn(n, kAlwaysRemoved)) return true;
    if (TagIs(n, "header") && !in_article) return true;
    if (TagIs(n, "form") && CharCount(TextOf(n, max_depth_)) < 500) return true;
    const std::string_view role = AttrView(n, "role");
    if (std::any_of(kChromeRoles.begin(), kChromeRoles.end(),
                    [&](std::string_view r) { return EqualsIgnoreCase(role, r); })) {
      return true;
    }
    if (IsHidden(n) && !IsCollapsedPanel(n)) return true;
    if (TagIs(n, "body") || TagIs(n, "article") || TagIs(n, "main")) return false;
    // An overlay (a cookie dialog, a modal) is never the page's text, however much of it there
    // is, whether class names are trusted or not; unless the page's <main>, <article> or <h1>
    // is inside it (a class on a wrapper left over from an open dialog).
    if ((IsOverlayClassOrId(AttrView(n, "class")) || IsOverlayClassOrId(AttrView(n, "id"))) &&
        !HoldsMainContent(n, 0)) {
      return true;
    }
    if (!strip_classes_) return false;
    if (!IsBoilerplateClassOrId(AttrView(n, "class")) && !IsBoilerplateClassOrId(AttrView(n, "id"))) {
      return false;
    }
    const std::string_view class_id = LowerClassId(n, class_buf_);
    // An embedded post (a tweet in a "social-media-embed" box) is quoted in the article.
    if (TagIs(n, "blockquote") || Holds(class_id, "embed")) return false;
    // Related boxes and image furniture (captions, credits, slideshows) go even when their
    // class also names the article ("article-related", "wp-caption-text").
    static constexpr std::array<std::string_view, 5> kAlways = {"related", "recommend", "caption",
                                                                "credit", "slideshow"};
    if (HoldsAny(class_id, kAlways)) return true;
    if (HoldsAny(class_id, kPositiveHints)) return false;
    // A class name can be wrong ("page-footer" around a whole article, "sidebar-layout" as
    // the page's only column), but a page is not all chrome: a box of paragraphs that holds
    // most of the page's prose is kept, unless it names comments or reviews, which can
    // outweigh a short text.
    static constexpr std::array<std::string_view, 3> kNeverKept = {"comment", "disqus", "review"};
    if (HoldsAny(class_id, kNeverKept)) return true;
    return 2 * ProseOf(n, max_depth_) <= page_prose_ || !HoldsProse(n, 0);
  }

  // Whether a <main>, an <article> or an <h1> is below `n`.
  bool HoldsMainContent(const xmlNode* n, int depth) const {
    if (depth > max_depth_) return false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (TagIs(c, "main") || TagIs(c, "article") || TagIs(c, "h1")) return true;
      if (HoldsMainContent(c, depth + 1)) return true;
    }
    return false;
  }

  // Three or more paragraphs of 80+ characters below `n` (an article, not a masthead).
  bool HoldsProse(const xmlNode* n, int depth) const {
    size_t found = 0;
    CountProse(n, depth, found);
    return found >= 3;
  }

  void CountProse(const xmlNode* n, int depth, size_t& found) const {
    if (depth > max_depth_ || found >= 3) return;
    for (const xmlNode* c = n->children; c != nullptr && found < 3; c = c->next) {
      if (!IsElement(c)) continue;
      if (TagIs(c, "p")) {
        found += StatsOf(c, max_depth_).chars >= 80;
      } else if (!TagIn(c, kSkippedForText)) {
        CountProse(c, depth + 1, found);
      }
    }
  }

  void MaybeHarvest(const xmlNode* n, int depth) {
    static constexpr std::array<std::string_view, 4> kRelatedClasses = {
        "related", "recommend", "more-stories", "read-more"};
    const bool related_class = HoldsAny(LowerClassId(n, class_buf_), kRelatedClasses);
    if (related_class || IsRelatedMarker(BoxLabel(n, depth, max_depth_))) {
      HarvestLinks(n, depth, max_depth_, related_);
    }
  }

  bool strip_classes_;
  int max_depth_;
  RelatedSink& related_;
  std::string class_buf_;  // LowerClassId's buffer
  size_t page_prose_ = 0;  // ProseOf the whole page before pruning
};

// ---------------------------------------------------------------------------------------------
// Pass 3: scoring containers by the paragraphs they hold (Readability).

constexpr std::array<std::string_view, 10> kParagraphTags = {"p",  "pre", "blockquote", "li", "td",
                                                             "h2", "h3",  "h4",         "h5", "h6"};

constexpr std::array<std::string_view, 30> kBlockTags = {
    "p",      "div",        "section", "article", "main",   "h1",     "h2", "h3",
    "h4",     "h5",         "h6",      "ul",      "ol",     "li",     "dl", "dt",
    "dd",     "blockquote", "pre",     "table",   "tr",     "td",     "th", "figure",
    "header", "address",    "hr",      "form",    "center", "details"};

bool IsBlock(const xmlNode* n) { return TagIn(n, kBlockTags); }

// A div (or section) that holds text of its own, not only other blocks.
bool HasDirectText(const xmlNode* n) {
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content != nullptr &&
        CharCount(CollapseSpace(reinterpret_cast<const char*>(c->content))) >= 25) {
      return true;
    }
  }
  return false;
}

double ClassWeight(const xmlNode* n, std::string& buf) {
  const std::string_view class_id = LowerClassId(n, buf);
  double w = 0;
  if (HoldsAny(class_id, kPositiveHints)) w += 25;
  if (HoldsAny(class_id, kNegativeHints)) w -= 25;
  return w;
}

double TagWeight(const xmlNode* n) {
  const std::string_view t = Tag(n);
  if (AttrView(n, "itemprop") == "articleBody") return 30;
  if (t == "article") return 15;
  if (t == "div" || t == "main") return 5;
  if (t == "pre" || t == "td" || t == "blockquote" || t == "section") return 3;
  if (t == "ol" || t == "ul" || t == "dl" || t == "li" || t == "form" || t == "address") return -3;
  if (IsHeading(n) || t == "th") return -5;
  return 0;
}

class Scorer {
 public:
  explicit Scorer(int max_depth) : max_depth_(max_depth) {}

  void Score(xmlNode* n, int depth) {
    if (depth > max_depth_ || !IsElement(n)) return;
    const bool paragraph =
        TagIn(n, kParagraphTags) || ((TagIs(n, "div") || TagIs(n, "section")) && HasDirectText(n));
    if (paragraph) ScoreParagraph(n);
    if (TagIs(n, "p") || TagIs(n, "pre")) return;  // paragraphs do not nest
    for (xmlNode* c = n->children; c != nullptr; c = c->next) Score(c, depth + 1);
  }

  // The best container after the link-density penalty, widened as Readability does when the
  // text is spread over several similar containers; nullptr when nothing scored.
  xmlNode* Best() const {
    std::vector<std::pair<double, xmlNode*>> ranked;
    for (const auto& [node, raw] : scores_) ranked.emplace_back(Final(node), node);
    if (ranked.empty()) return nullptr;
    // Ties go to the container met first in the document, not to hash order.
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    xmlNode* top = ranked.front().second;
    top = CommonAncestorOfAlternatives(top, ranked);
    return ClimbOnlyChildren(top);
  }

  double Final(xmlNode* n) const {
    const auto it = index_.find(n);
    if (it == index_.end()) return 0;
    return scores_[it->second].second * (1.0 - link_density_[it->second]);
  }

  // The link density of every scored container, in one walk over the tree below `root`
  // (not one walk per container). REQUIRES: Score() was called on `root`.
  void MeasureLinks(xmlNode* root) {
    link_density_.assign(scores_.size(), 0.0);
    Measure(root, 0);
  }

 private:
  TextStats Measure(xmlNode* n, int depth) {
    TextStats st;
    if (depth > max_depth_ || !IsElement(n) || TagIn(n, kSkippedForText)) return st;
    if (TagIs(n, "a")) {
      AddStats(n, depth, max_depth_, /*in_link=*/true, st);
    } else {
      for (xmlNode* c = n->children; c != nullptr; c = c->next) {
        if (IsElement(c)) {
          const TextStats sub = Measure(c, depth + 1);
          st.chars += sub.chars;
          st.link_chars += sub.link_chars;
        } else {
          AddStats(c, depth + 1, max_depth_, /*in_link=*/false, st);
        }
      }
    }
    if (const auto it = index_.find(n); it != index_.end()) {
      link_density_[it->second] = st.LinkDensity();
    }
    return st;
  }

  // When three of the runners-up (within 75% of the top) share an ancestor with the top
  // candidate, the article is split over them (one paragraph per card): take the ancestor.
  static xmlNode* CommonAncestorOfAlternatives(
      xmlNode* top, const std::vector<std::pair<double, xmlNode*>>& ranked) {
    std::vector<xmlNode*> alternatives;
    for (size_t i = 1; i < ranked.size() && i < 5; ++i) {
      if (ranked[0].first > 0 && ranked[i].first / ranked[0].first >= 0.75) {
        alternatives.push_back(ranked[i].second);
      }
    }
    if (alternatives.size() < 3) return top;
    for (xmlNode* parent = top->parent; IsElement(parent) && !TagIs(parent, "body");
         parent = parent->parent) {
      size_t containing = 0;
      for (xmlNode* alt : alternatives) {
        for (xmlNode* a = alt; a != nullptr && containing < 3; a = a->parent) {
          if (a == parent) {
            ++containing;
            break;
          }
        }
      }
      if (containing >= 3) return parent;
    }
    return top;
  }

  // A container that is its parent's only element is as good as the parent, and the parent's
  // siblings are the ones worth comparing.
  static xmlNode* ClimbOnlyChildren(xmlNode* top) {
    while (IsElement(top->parent) && !TagIs(top->parent, "body")) {
      size_t elements = 0;
      for (xmlNode* c = top->parent->children; c != nullptr; c = c->next) elements += IsElement(c);
      if (elements != 1) break;
      top = top->parent;
    }
    return top;
  }

  void ScoreParagraph(xmlNode* n) {
    const TextStats st = StatsOf(n, max_depth_);
    if (st.chars < 25 || st.LinkDensity() > 0.5) return;
    const double score = 1.0 + static_cast<double>(st.commas) +
                         std::min(static_cast<double>(st.chars / 100), 3.0);
    // The paragraph itself when it is a text-bearing div, then up to five ancestors.
    xmlNode* target = TagIn(n, kParagraphTags) ? n->parent : n;
    for (int level = 0; level < 5 && IsElement(target); ++level, target = target->parent) {
      auto [it, inserted] = index_.try_emplace(target, scores_.size());
      if (inserted) scores_.emplace_back(target, ClassWeight(target, class_buf_) + TagWeight(target));
      const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      scores_[it->second].second += score / divider;
      if (TagIs(target, "body")) break;
    }
  }

  int max_depth_;
  std::vector<std::pair<xmlNode*, double>> scores_;  // in the order first scored
  std::unordered_map<xmlNode*, size_t> index_;       // into scores_
  std::vector<double> link_density_;                 // by index_, after MeasureLinks()
  std::string class_buf_;                            // LowerClassId's buffer
};

// The top candidate and the siblings that belong with it, in document order.
std::vector<xmlNode*> ContentRoots(xmlNode* top, const Scorer& scorer, int max_depth) {
  if (top == nullptr || !IsElement(top->parent) || TagIs(top, "body")) return {top};
  const double top_score = scorer.Final(top);
  const double threshold = std::max(10.0, top_score * 0.2);
  const std::string top_class = Attr(top, "class");
  std::vector<xmlNode*> roots;
  for (xmlNode* s = top->parent->children; s != nullptr; s = s->next) {
    if (!IsElement(s)) continue;
    if (s == top) {
      roots.push_back(s);
      continue;
    }
    double bonus = 0;
    if (!top_class.empty() && Attr(s, "class") == top_class) bonus = top_score * 0.2;
    bool append = scorer.Final(s) + bonus >= threshold;
    if (!append && TagIs(s, "p")) {
      const TextStats st = StatsOf(s, max_depth);
      const std::string text = TextOf(s, max_depth);
      append = (st.chars > 80 && st.LinkDensity() < 0.25) ||
               (st.chars > 0 && st.chars <= 80 && st.link_chars == 0 &&
                text.find(". ") != std::string::npos);
    }
    if (append) roots.push_back(s);
  }
  return roots;
}

// An <article> or <main> with more of its text in links than this is a list, not a text.
constexpr double kDeclaredLinkDensity = 0.3;

// The <article> (or itemprop="articleBody") that holds `n`, if any; `with_main`: or the <main>
// (role="main").
xmlNode* DeclaredContentAround(xmlNode* n, bool with_main) {
  for (xmlNode* a = n; IsElement(a) && !TagIs(a, "body"); a = a->parent) {
    const bool main = TagIs(a, "main") || EqualsIgnoreCase(AttrView(a, "role"), "main");
    if (TagIs(a, "article") || (with_main && main) || AttrView(a, "itemprop") == "articleBody") {
      return a;
    }
  }
  return nullptr;
}

// A page builder splits an article into blocks (a section per paragraph, a list in one block
// and the prose in the next) and the votes go to one block. When the <article> around the
// chosen roots (or, on a page that declares an article, the <main>) holds more than twice their
// prose and is not a list of links, the page has said where its content is: that element is
// read instead. A <main> alone is only the page's main region (a shop's grid of products).
std::vector<xmlNode*> WidenToDeclaredContent(std::vector<xmlNode*> roots, bool article_page,
                                             int max_depth) {
  if (roots.empty() || roots.front() == nullptr) return roots;
  xmlNode* declared = DeclaredContentAround(roots.front()->parent, article_page);
  if (declared == nullptr) return roots;
  size_t prose = 0;
  for (const xmlNode* r : roots) prose += ProseOf(r, max_depth);
  if (ProseOf(declared, max_depth) <= 2 * prose) return roots;
  if (StatsOf(declared, max_depth).LinkDensity() > kDeclaredLinkDensity) return roots;
  return {declared};
}

// A page builder also cuts an article into a run of sibling sections of one class (a
// <section class="BlogSection"> per heading) and the votes go to the longest. When the chosen
// root, or an ancestor a few levels up, has siblings of its own tag and class that hold prose
// and are not lists of links, the article is the run of them: from the first such sibling to
// the last, with what lies between (the headings, the figures).
std::vector<xmlNode*> WidenToRepeatedSections(std::vector<xmlNode*> roots, int max_depth) {
  if (roots.size() != 1 || roots.front() == nullptr) return roots;
  xmlNode* a = roots.front();
  for (int level = 0; level < 4 && IsElement(a) && IsElement(a->parent); ++level, a = a->parent) {
    if (TagIs(a, "body") || TagIs(a, "main") || TagIs(a, "article")) break;
    const std::string cls = Attr(a, "class");
    if (cls.empty()) continue;
    // 1: a section of the run; 0: may lie between two (a heading, a figure); -1: ends the run.
    auto kind = [&](xmlNode* s) {
      if (Tag(s) == Tag(a) && Attr(s, "class") == cls) {
        return ProseOf(s, max_depth) >= 2 * kProseRun &&
                       StatsOf(s, max_depth).LinkDensity() <= kDeclaredLinkDensity
                   ? 1
                   : -1;
      }
      return IsHeading(s) || ProseOf(s, max_depth) == 0 ? 0 : -1;
    };
    xmlNode* first = a;
    xmlNode* last = a;
    for (xmlNode* s = a->next; s != nullptr; s = s->next) {
      if (!IsElement(s)) continue;
      const int k = kind(s);
      if (k < 0) break;
      if (k > 0) last = s;
    }
    for (xmlNode* s = a->prev; s != nullptr; s = s->prev) {
      if (!IsElement(s)) continue;
      const int k = kind(s);
      if (k < 0) break;
      if (k > 0) first = s;
    }
    if (first == a && last == a) continue;
    std::vector<xmlNode*> run;
    size_t run_prose = 0;
    for (xmlNode* s = first; s != nullptr; s = s->next) {
      if (IsElement(s)) {
        run.push_back(s);
        run_prose += ProseOf(s, max_depth);
      }
      if (s == last) break;
    }
    // Only when the chosen section is the lesser part of the run: a page builder also stacks
    // the article's own section over sections of FAQs, offers and fine print.
    if (run_prose < 2 * ProseOf(a, max_depth)) return roots;
    return run;
  }
  return roots;
}

// ---------------------------------------------------------------------------------------------
// Pass 4: writing the content out, block by block.

class Emitter {
 public:
  Emitter(int max_depth, const Metadata& meta, RelatedSink& related)
      : max_depth_(max_depth), meta_(meta), related_(related) {}

  void Emit(const xmlNode* n, int depth) {
    if (depth > max_depth_ || n == nullptr) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) AppendInline(reinterpret_cast<const char*>(n->content));
      return;
    }
    if (!IsElement(n)) return;
    if (TagIs(n, "br")) return LineBreak();
    if (TagIs(n, "img") || TagIs(n, "picture")) return;
    if (TagIs(n, "a")) return EmitLink(n, depth);
    if (TagIs(n, "td") || TagIs(n, "th")) {
      // A table row reads as one line, its cells apart ("1 Kyle Busch 5040 5").
      current_ += ' ';
      for (const xmlNode* c = n->children; c != nullptr; c = c->next) Emit(c, depth + 1);
      current_ += ' ';
      return;
    }
    if (!IsBlock(n)) {
      for (const xmlNode* c = n->children; c != nullptr; c = c->next) Emit(c, depth + 1);
      return;
    }
    Flush();
    if ((TagIs(n, "ul") || TagIs(n, "ol")) && IsNavLikeList(n)) {
      if (in_related_) HarvestLinks(n, depth, max_depth_, related_);
      return;
    }
    // An <article> after a related heading is another article's teaser, however long.
    if (in_related_ && TagIs(n, "article")) {
      HarvestLinks(n, depth, max_depth_, related_);
      return;
    }
    const bool quote = TagIs(n, "blockquote");
    quote_depth_ += quote;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) Emit(c, depth + 1);
    Flush();
    quote_depth_ -= quote;
  }

  void Finish() { Flush(); }

  std::vector<std::string> TakeParagraphs() { return std::move(paragraphs_); }

 private:
  void AppendInline(std::string_view text) {
    current_ += text;
    breaks_ = 0;
  }

  // One <br> is a line break inside a paragraph; two in a row end it.
  void LineBreak() {
    if (++breaks_ >= 2) {
      Flush();
    } else {
      current_ += ' ';
    }
  }

  void EmitLink(const xmlNode* a, int depth) {
    const std::string text = TextOf(a, max_depth_);
    // After a related heading a link is a teaser; its text stays in the block, which is
    // dropped unless it turns out to be the article's prose (see Flush).
    if (in_related_) related_.Add(text, Attr(a, "href"));
    current_links_ += CharCount(text);
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) Emit(c, depth + 1);
  }

  // Lists of short links (tag clouds, menus, "more stories") are not article text.
  bool IsNavLikeList(const xmlNode* list) const {
    const TextStats st = StatsOf(list, max_depth_);
    return st.chars > 0 && st.LinkDensity() > 0.5;
  }

  void Flush() {
    std::string text = CollapseSpace(current_);
    const size_t links = current_links_;
    current_.clear();
    current_links_ = 0;
    breaks_ = 0;
    if (text.empty()) return;
    const size_t chars = CharCount(text);
    if (in_related_) {
      // A long run of plain prose after a related box means the box was inline and the
      // article goes on ("Read more" was a button that expands the rest of the text): the
      // prose held back since the marker is the article's too, and its links are no teasers.
      if (chars >= 250 && links * 5 < chars) {
        in_related_ = false;
        // Links in this block and in the prose kept back are the article's, not teasers.
        std::vector<std::pair<size_t, size_t>> not_teasers = {
            {held_.empty() ? related_mark_ : held_.back().related_end, related_.items.size()}};
        std::vector<HeldBlock> held = std::move(held_);
        held_.clear();
        for (size_t i = 0; i < held.size(); ++i) {
          if (held[i].links * 10 < CharCount(held[i].text) * 3 && CharCount(held[i].text) >= 60) {
            not_teasers.emplace_back(i == 0 ? related_mark_ : held[i - 1].related_end,
                                     held[i].related_end);
            Keep(std::move(held[i].text), held[i].links);
          }
        }
        std::sort(not_teasers.rbegin(), not_teasers.rend());
        for (const auto& [begin, end] : not_teasers) {
          related_.items.erase(related_.items.begin() + static_cast<std::ptrdiff_t>(begin),
                               related_.items.begin() + static_cast<std::ptrdiff_t>(end));
        }
      } else {
        held_.push_back({std::move(text), links, related_.items.size()});
        return;
      }
    }
    if (chars < 60 && IsRelatedMarker(text)) {
      in_related_ = true;
      held_.clear();
      related_mark_ = related_.items.size();
      return;
    }
    Keep(std::move(text), links);
  }

  // The rules every paragraph of the article passes.
  void Keep(std::string text, size_t links) {
    const size_t chars = CharCount(text);
    if (IsChrome(text) || IsRelativeAge(text) || IsBareAddress(text)) return;
    if (links * 10 > chars * 7) return;  // a link standing alone is navigation
    if (paragraphs_.empty() && RepeatsTitle(text)) return;
    if (chars < 100 && IsBylineOrDateLine(text)) return;
    // A reply that quotes an earlier post repeats its text: the post is already kept.
    const bool fresh = kept_.insert(text).second;
    if (!fresh && quote_depth_ > 0) return;
    paragraphs_.push_back(std::move(text));
  }

  bool RepeatsTitle(const std::string& text) const {
    const std::string t = Squash(meta_.title);
    const std::string p = Squash(text);
    if (p.size() < 10 || t.empty()) return p == t;
    // The title inside a block hardly longer than it (a kicker, a site suffix); a paragraph
    // that merely mentions a short title ("AWS Lambda") is text.
    const bool holds_title = p.size() <= 2 * t.size() + 10 && p.find(t) != std::string::npos;
    return t.find(p) != std::string::npos || holds_title;
  }

  // "By Jane Doe", "By Jane Doe and John Roe, Reuters": capitalised names after "By", not
  // "By Monday, the storm had passed".
  bool IsBylineOrDateLine(const std::string& text) const {
    if (StartsWithIgnoreCase(text, "by ") && WordCount(text) <= 10) {
      bool names_only = true;
      size_t word_start = 3;
      for (size_t i = 3; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ' ') continue;
        const std::string_view w = std::string_view(text).substr(word_start, i - word_start);
        const bool joiner = w == "and" || w == "&" || w == "|";
        if (!w.empty() && !joiner && !(w[0] >= 'A' && w[0] <= 'Z') &&
            static_cast<unsigned char>(w[0]) < 0x80 && !ParseDate(w)) {
          names_only = false;
        }
        word_start = i + 1;
      }
      if (names_only) return true;
    }
    if (ParseDate(text)) return true;
    // "Posted on 7 Nov 2025 12:28 by John Smith", "Updated: 7 Nov 2025".
    if (WordCount(text) <= 14 && FindDate(text)) {
      for (std::string_view label : {"posted", "published", "updated", "by ", "date"}) {
        if (ContainsIgnoreCase(text, label)) return true;
      }
    }
    for (const std::string& author : meta_.authors) {
      if (Squash(author) == Squash(text)) return true;
    }
    return false;
  }

  int max_depth_;
  const Metadata& meta_;
  RelatedSink& related_;
  std::string current_;
  size_t current_links_ = 0;
  int breaks_ = 0;
  bool in_related_ = false;
  // Blocks after a related marker, held back until it is clear whether they are teasers.
  struct HeldBlock {
    std::string text;
    size_t links = 0;
    size_t related_end = 0;  // related_.items.size() after the block's links went in
  };
  std::vector<HeldBlock> held_;
  size_t related_mark_ = 0;               // related_.items.size() at the related marker
  int quote_depth_ = 0;                   // open <blockquote>s around the current block
  std::unordered_set<std::string> kept_;  // the paragraphs written so far
  std::vector<std::string> paragraphs_;
};

// ---------------------------------------------------------------------------------------------
// Listing pages: many short linked headlines and no run of prose.

// Links that read like headlines ("Four words or more, twenty characters or more").
void CollectTeasers(const xmlNode* n, int depth, int max_depth, RelatedSink& out) {
  if (depth > max_depth || !IsElement(n)) return;
  if (TagIs(n, "a")) {
    const std::string text = TextOf(n, max_depth);
    if (WordCount(text) >= 4 && CharCount(text) >= 20 && CharCount(text) <= 200) {
      out.Add(text, Attr(n, "href"));
    }
    return;
  }
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    CollectTeasers(c, depth + 1, max_depth, out);
  }
}

size_t DenseParagraphs(const std::vector<std::string>& paragraphs) {
  return static_cast<size_t>(std::count_if(paragraphs.begin(), paragraphs.end(),
                                           [](const auto& p) { return CharCount(p) >= 150; }));
}

// At least one sentence-length paragraph and a few lines of text in all.
bool HasProse(const std::vector<std::string>& paragraphs) {
  size_t total = 0;
  bool sentence = false;
  for (const std::string& p : paragraphs) {
    const size_t chars = CharCount(p);
    total += chars;
    sentence = sentence || chars >= 100;
  }
  return sentence && total >= 200;
}

size_t TotalChars(const std::vector<std::string>& paragraphs) {
  size_t n = 0;
  for (const std::string& p : paragraphs) n += CharCount(p);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Putting it together.

// libxml2's HTML parser follows HTML 4 and closes a misplaced end tag only through elements
// of lower "end priority": </aside>, </section>, </nav>, </ul>... (priority 100) do not close
// an unclosed <div> (150) inside them, so the end tag is dropped and the rest of the page nests
// inside the aside or nav, which boilerplate removal then throws away with the article in it.
// HTML5 closes every open element up to the one the end tag names, unless a table, cell or
// template lies in between (the "has an element in scope" end tags). libxml2 reports the
// mismatch before it decides; CloseLikeHtml5 then closes the elements above the named one, so
// that the end tag matches.
int EndPriority(const xmlChar* name) {
  static const std::unordered_map<std::string_view, int> kPriority = {
      {"div", 150},   {"td", 160},    {"th", 160},   {"tr", 170},   {"thead", 180},
      {"tbody", 180}, {"tfoot", 180}, {"table", 190}, {"head", 200}, {"body", 200},
      {"html", 220}};
  const auto it = kPriority.find(reinterpret_cast<const char*>(name));
  return it == kPriority.end() ? 100 : it->second;
}

bool ClosesLikeBlock(std::string_view end_tag) {
  static const std::unordered_set<std::string_view> kTags = {
      "address", "article", "aside", "blockquote", "center",  "details", "dialog", "dir",
      "dl",      "fieldset", "figcaption", "figure", "footer", "header", "hgroup",  "listing",
      "main",    "menu",     "nav",        "ol",     "pre",    "section", "summary", "ul"};
  return kTags.count(end_tag) > 0;
}

bool IsScopeMarker(std::string_view tag) {
  static const std::unordered_set<std::string_view> kTags = {
      "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"};
  return kTags.count(tag) > 0;
}

void CloseLikeHtml5(void* /*data*/, xmlErrorPtr error) {
  if (error == nullptr || error->domain != XML_FROM_HTML ||
      error->code != XML_ERR_TAG_NAME_MISMATCH || error->str1 == nullptr ||
      error->str2 == nullptr || error->ctxt == nullptr) {
    return;
  }
  auto* ctxt = static_cast<htmlParserCtxtPtr>(error->ctxt);
  const auto* end_tag = reinterpret_cast<const xmlChar*>(error->str1);
  if (!ClosesLikeBlock(reinterpret_cast<const char*>(end_tag)) || ctxt->name == nullptr ||
      !xmlStrEqual(ctxt->name, reinterpret_cast<const xmlChar*>(error->str2)) ||
      ctxt->sax == nullptr || ctxt->sax->endElement == nullptr) {
    return;
  }
  // Only where libxml2 itself refuses: an element of higher end priority lies above it.
  const int priority = EndPriority(end_tag);
  bool blocked = false;
  int i = ctxt->nameNr - 1;
  for (; i >= 0; --i) {
    const xmlChar* open = ctxt->nameTab[i];
    if (xmlStrEqual(open, end_tag)) break;
    if (IsScopeMarker(reinterpret_cast<const char*>(open))) return;
    blocked |= EndPriority(open) > priority;
  }
  if (i < 0 || !blocked) return;
  while (ctxt->nameNr > i + 1) {
    ctxt->sax->endElement(ctxt->userData, ctxt->name);
    --ctxt->nameNr;
    ctxt->nameTab[ctxt->nameNr] = nullptr;
    ctxt->name = ctxt->nameTab[ctxt->nameNr - 1];
  }
}

Result<DocPtr> Parse(std::string_view html) {
  if (html.size() > static_cast<size_t>(INT_MAX)) {
    return Status::TooLarge("HTML page of " + std::to_string(html.size()) + " bytes");
  }
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
  // The structured error handler is per thread in libxml2; the caller's comes back after.
  const xmlStructuredErrorFunc saved_handler = xmlStructuredError;
  void* const saved_context = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(nullptr, &CloseLikeHtml5);
  DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  xmlSetStructuredErrorFunc(saved_context, saved_handler);
  if (!doc) return Status::BadInput("HTML could not be parsed");
  return doc;
}

struct Content {
  std::vector<std::string> paragraphs;
  std::vector<RelatedItem> related;
  std::vector<RelatedItem> teasers;  // headline-like links left after pruning
};

Content ExtractContent(xmlDoc* doc, const Metadata& meta, bool strip_classes, int max_depth) {
  Content out;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return out;
  RelatedSink related;
  related.base_url = meta.url;
  Pruner(strip_classes, max_depth, related).PrunePage(root);

  Scorer scorer(max_depth);
  scorer.Score(root, 0);
  scorer.MeasureLinks(root);
  xmlNode* top = scorer.Best();
  if (top == nullptr) {
    for (xmlNode* c = root->children; c != nullptr; c = c->next) {
      if (TagIs(c, "body")) top = c;
    }
  }
  if (top == nullptr) top = root;

  Emitter emitter(max_depth, meta, related);
  std::vector<xmlNode*> roots = WidenToDeclaredContent(
      WidenToRepeatedSections(ContentRoots(top, scorer, max_depth), max_depth),
      meta.declares_article, max_depth);
  for (xmlNode* r : roots) emitter.Emit(r, 0);
  emitter.Finish();
  out.paragraphs = emitter.TakeParagraphs();

  RelatedSink teasers;
  teasers.base_url = meta.url;
  CollectTeasers(root, 0, max_depth, teasers);
  out.teasers = std::move(teasers.items);
  out.related = std::move(related.items);
  return out;
}

}  // namespace

Result<Extraction> ExtractHtml(std::string_view html, const ExtractOptions& options) {
  Extraction out;
  const int max_depth = std::clamp(options.max_dom_depth, 1, kHardDepthCap);
  if (std::all_of(html.begin(), html.end(), IsAsciiSpace)) {
    out.kind = PageKind::kEmpty;
    return out;
  }
  // Thread-safe one-time setup of libxml2's tables (C++ guarantees the static runs once).
  static const bool kInitialized = [] {
    xmlInitParser();
    return true;
  }();
  (void)kInitialized;

  Result<DocPtr> parsed = Parse(html);
  if (!parsed.ok()) return parsed.status();
  DocPtr doc = std::move(parsed).value();
  if (xmlDocGetRootElement(doc.get()) == nullptr) {
    out.kind = PageKind::kEmpty;
    return out;
  }

  PageFacts facts;
  FactCollector(facts, max_depth).Visit(xmlDocGetRootElement(doc.get()), 0, false);
  const JsonLdFacts ld = JsonLdReader(facts.json_ld, max_depth).Read();
  MetadataBuilder builder(facts, ld, options);
  const Metadata meta = builder.Build();

  Content content = ExtractContent(doc.get(), meta, /*strip_classes=*/true, max_depth);
  if (TotalChars(content.paragraphs) < 250) {
    // Class names can mislead ("ad" in a body's class list): retry trusting only tags, as
    // Readability does, and keep whichever reading found more text.
    Result<DocPtr> again = Parse(html);
    if (again.ok()) {
      Content lenient = ExtractContent(again->get(), meta, /*strip_classes=*/false, max_depth);
      if (TotalChars(lenient.paragraphs) > 2 * TotalChars(content.paragraphs) + 100) {
        content = std::move(lenient);
      }
    }
  }

  Article& a = out.article;
  a.title = meta.title;
  a.published = meta.published;
  for (const std::string& name : meta.authors) a.authors.push_back(RepairDoubleEncoding(name));
  out.byline = RepairDoubleEncoding(meta.byline);
  a.outlet = meta.outlet;
  a.url = meta.url;
  a.canonical_url = meta.canonical_url;
  a.tags = meta.tags;
  a.language = meta.language;
  a.paragraphs = std::move(content.paragraphs);
  out.related = std::move(content.related);
  out.lead_image = meta.lead_image;
  out.description = meta.description;
  out.modified = meta.modified;
  out.section = meta.section;
  out.declares_article = meta.declares_article;

  // A page that declares itself an article (og:type, JSON-LD) and has a paragraph of prose is
  // a short article with teaser rails (a wire story, a paywalled lede), not a listing.
  const bool declared_article = meta.declares_article && HasProse(a.paragraphs);
  const size_t dense = DenseParagraphs(a.paragraphs);
  const bool teaser_heavy = content.teasers.size() >= 10 && dense < 3 && !declared_article;
  if (teaser_heavy || (meta.json_ld_collection && dense < 5)) {
    // On a listing page the teasers are what the page offers: keep them as related items.
    out.kind = PageKind::kListing;
    if (out.related.empty()) out.related = std::move(content.teasers);
  } else if (a.paragraphs.empty()) {
    out.kind = PageKind::kEmpty;
  }
  return out;
}

}  // namespace storyline::extract

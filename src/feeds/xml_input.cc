#include "feeds/xml_input.h"

#include <libxml/parser.h>

#include <algorithm>
#include <array>
#include <climits>
#include <utility>

#include "extract/url.h"
#include "feeds/text.h"
#include "read/charset.h"
#include "text/utf8.h"

namespace storyline::feeds::detail {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || IsDigit(c) || c == ':' || c == '_' || c == '-' || c == '.';
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

bool IsUtf8Name(std::string_view charset) {
  const std::string c = LowerCopy(charset);
  return c == "utf-8" || c == "utf8" || c == "us-ascii" || c == "ascii";
}

// The encoding="..." of an XML declaration at the start of `s` ("" if none) and where the
// declaration ends (0 if there is none).
std::pair<std::string, size_t> XmlDeclaration(std::string_view s) {
  if (!s.starts_with("<?xml")) return {"", 0};
  const size_t end = s.substr(0, 1024).find("?>");
  if (end == std::string_view::npos) return {"", 0};
  const std::string_view decl = s.substr(0, end);
  std::string encoding;
  if (const size_t enc = decl.find("encoding"); enc != std::string_view::npos) {
    size_t i = enc + 8;
    while (i < decl.size() && (IsSpace(decl[i]) || decl[i] == '=')) ++i;
    if (i < decl.size() && (decl[i] == '"' || decl[i] == '\'')) {
      const char quote = decl[i++];
      const size_t close = decl.find(quote, i);
      if (close != std::string_view::npos) encoding = std::string(decl.substr(i, close - i));
    }
  }
  return {encoding, end + 2};
}

// How many multi-byte UTF-8 sequences `s` holds: text that has some is UTF-8 with a few
// stray Latin-1 bytes, not text in another charset.
size_t CountUtf8Sequences(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    if (c >= 0xE0 && c <= 0xEF) len = 3;
    if (c >= 0xF0 && c <= 0xF4) len = 4;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    }
    if (ok) {
      ++n;
      i += len;
    } else {
      ++i;
    }
  }
  return n;
}

bool IsXmlName(std::string_view s) {
  return s == "amp" || s == "lt" || s == "gt" || s == "quot" || s == "apos";
}

bool IsXmlChar(uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Copies one character of valid UTF-8 at `i`, replacing what XML forbids; returns its length.
size_t CopyXmlChar(std::string_view s, size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x20) {
    out.push_back(c == '\t' || c == '\n' || c == '\r' ? static_cast<char>(c) : ' ');
    return 1;
  }
  // U+FFFE and U+FFFF are not XML characters.
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
      static_cast<unsigned char>(s[i + 2]) >= 0xBE) {
    out += "\xEF\xBF\xBD";
    return 3;
  }
  out.push_back(s[i]);
  return 1;
}

struct Namespace {
  std::string_view href;
  std::string_view prefix;
};

constexpr std::array<Namespace, 22> kNamespaces = {{
    {"http://www.w3.org/2005/Atom", "atom"},
    {"http://purl.org/atom/ns#", "atom"},
    {"http://purl.org/dc/elements/1.1/", "dc"},
    {"http://purl.org/dc/elements/1.1", "dc"},
    {"http://purl.org/dc/terms/", "dcterms"},
    {"http://purl.org/rss/1.0/modules/content/", "content"},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf"},
    {"http://search.yahoo.com/mrss/", "media"},
    {"http://search.yahoo.com/mrss", "media"},
    {"http://www.google.com/schemas/sitemap-news/0.9", "news"},
    {"https://www.google.com/schemas/sitemap-news/0.9", "news"},
    {"http://rssnamespace.org/feedburner/ext/1.0", "feedburner"},
    {"http://purl.org/rss/1.0/", ""},
    {"http://my.netscape.com/rdf/simple/0.9/", ""},
    {"http://www.sitemaps.org/schemas/sitemap/0.9", ""},
    {"https://www.sitemaps.org/schemas/sitemap/0.9", ""},
    {"http://www.google.com/schemas/sitemap/0.84", ""},
    {"http://backend.userland.com/rss2", ""},
    {"http://blogs.law.harvard.edu/tech/rss", ""},
    {"http://www.google.com/schemas/sitemap-image/1.1", "image"},
    {"http://www.google.com/schemas/sitemap-video/1.1", "video"},
    {"http://www.itunes.com/dtds/podcast-1.0.dtd", "itunes"},
}};

// Errors libxml2 reports outside the NOERROR switch ("huge text node") go here, not stderr.
void IgnoreStructuredError(void* /*user_data*/, xmlErrorPtr /*error*/) {}

std::string_view View(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

struct XmlCharDeleter {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
std::string Take(xmlChar* s) {
  std::unique_ptr<xmlChar, XmlCharDeleter> owned(s);
  return std::string(View(owned.get()));
}

}  // namespace

Result<std::string> DecodeToUtf8(std::string_view bytes, std::vector<std::string>& warnings) {
  if (bytes.starts_with("\xff\xfe") || bytes.starts_with("\xfe\xff")) {
    Result<read::Decoded> decoded = read::DecodeToUtf8(bytes, "");
    if (!decoded.ok()) return decoded.status();
    std::string text = std::move(decoded->utf8);
    return text.substr(XmlDeclaration(text).second);
  }
  const bool bom = bytes.starts_with("\xef\xbb\xbf");
  if (bom) bytes.remove_prefix(3);
  size_t lead = 0;
  while (lead < bytes.size() && IsSpace(bytes[lead])) ++lead;
  const auto [declared, decl_end] = XmlDeclaration(bytes.substr(lead));
  const std::string_view body = bytes.substr(decl_end == 0 ? 0 : lead + decl_end);
  if (text::IsValidUtf8(body)) return std::string(body);

  if (!bom && !declared.empty() && !IsUtf8Name(declared)) {
    Result<read::Decoded> decoded = read::DecodeToUtf8(body, declared);
    if (decoded.ok()) return std::move(decoded->utf8);
    warnings.push_back("cannot decode the declared charset " + declared + " (" +
                       decoded.status().message() + ")");
  } else if (!bom && CountUtf8Sequences(body) == 0) {
    // Nothing in it is UTF-8: the declaration is wrong about the whole document.
    Result<read::Decoded> decoded = read::DecodeToUtf8(body, "");
    if (decoded.ok()) {
      warnings.push_back("not valid UTF-8; decoded as " + decoded->charset);
      return std::move(decoded->utf8);
    }
  }
  std::string text(body);
  const size_t replaced = RepairUtf8AsWindows1252(text);
  warnings.push_back("not valid UTF-8; " + std::to_string(replaced) +
                     " bytes read as windows-1252");
  return text;
}

RootElement FindRoot(std::string_view text, const std::vector<std::string_view>& roots) {
  RootElement r;
  const size_t limit = std::min(text.size(), size_t{64} << 10);
  size_t i = 0;
  while (i < limit) {
    if (text[i] != '<') {
      if (!IsSpace(text[i])) r.garbage_before = true;
      ++i;
      continue;
    }
    const std::string_view rest = text.substr(i);
    if (rest.starts_with("<?")) {
      const size_t end = text.find("?>", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 2;
      continue;
    }
    if (rest.starts_with("<!--")) {
      const size_t end = text.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (rest.starts_with("<!")) {
      if (StartsWithIgnoreCase(rest, "<!doctype html")) {
        r.html = true;
        return r;
      }
      size_t end = text.find('>', i);
      const size_t subset = text.find('[', i);
      if (subset != std::string_view::npos && subset < end) {
        // An internal subset: ends at "]" followed by optional space and ">".
        end = std::string_view::npos;
        for (size_t p = text.find(']', subset); p != std::string_view::npos;
             p = text.find(']', p)) {
          size_t q = p + 1;
          while (q < text.size() && IsSpace(text[q])) ++q;
          if (q < text.size() && text[q] == '>') {
            end = q;
            break;
          }
          p = q;
        }
      }
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && IsNameChar(text[j])) ++j;
    if (j == i + 1 || !IsAsciiAlpha(text[i + 1])) {
      r.garbage_before = true;
      ++i;
      continue;
    }
    const std::string_view qname = text.substr(i + 1, j - i - 1);
    const size_t colon = qname.rfind(':');
    const std::string local =
        LowerCopy(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
    if (r.first_element.empty()) r.first_element = local;
    if (std::find(roots.begin(), roots.end(), local) != roots.end()) {
      r.offset = i;
      r.name = local;
      return r;
    }
    if (local == "html" || local == "head" || local == "body") {
      r.html = true;
      return r;
    }
    r.garbage_before = true;
    i = j;
  }
  return r;
}

std::string EscapeForXml(std::string_view xml, std::vector<std::string>& warnings) {
  std::string out;
  out.reserve(xml.size() + xml.size() / 16);
  size_t html_entities = 0;
  size_t stray_ampersands = 0;
  size_t i = 0;
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == '<') {
      if (xml.substr(i, 9) == "<![CDATA[") {
        const size_t end = xml.find("]]>", i + 9);
        const size_t stop = end == std::string_view::npos ? xml.size() : end + 3;
        while (i < stop) i += CopyXmlChar(xml, i, out);
        continue;
      }
      const char next = i + 1 < xml.size() ? xml[i + 1] : '\0';
      if (IsAsciiAlpha(next) || next == '/' || next == '!' || next == '?' || next == '_' ||
          static_cast<unsigned char>(next) >= 0x80) {
        out.push_back(c);
      } else {
        out += "&lt;";  // "a < b" in text
      }
      ++i;
      continue;
    }
    if (c != '&') {
      i += CopyXmlChar(xml, i, out);
      continue;
    }
    size_t p = i + 1;
    if (p < xml.size() && xml[p] == '#') {
      ++p;
      const bool hex = p < xml.size() && (xml[p] == 'x' || xml[p] == 'X');
      if (hex) ++p;
      uint32_t cp = 0;
      size_t digits = 0;
      for (; p < xml.size() && digits < 8; ++p, ++digits) {
        const char d = xml[p];
        int v = -1;
        if (IsDigit(d)) v = d - '0';
        if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
        if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
        if (v < 0) break;
        cp = cp * (hex ? 16u : 10u) + static_cast<uint32_t>(v);
      }
      if (digits > 0 && digits < 8 && p < xml.size() && xml[p] == ';') {
        if (cp >= 0x80 && cp <= 0x9F) {
          // &#150; means the windows-1252 character to every browser.
          std::string decoded = DecodeEntities(xml.substr(i, p + 1 - i));
          out += decoded;
        } else if (IsXmlChar(cp)) {
          out.append(xml.substr(i, p + 1 - i));
        } else {
          out += "&#xFFFD;";
        }
        i = p + 1;
        continue;
      }
    } else {
      while (p < xml.size() && p - i <= 32 && (IsAsciiAlpha(xml[p]) || IsDigit(xml[p]))) ++p;
      if (p < xml.size() && xml[p] == ';' && p > i + 1) {
        const std::string_view name = xml.substr(i + 1, p - i - 1);
        if (IsXmlName(name)) {
          out.append(xml.substr(i, p + 1 - i));
          i = p + 1;
          continue;
        }
        if (const auto cp = NamedEntity(name)) {
          out += "&#" + std::to_string(*cp) + ";";
          ++html_entities;
          i = p + 1;
          continue;
        }
      }
    }
    out += "&amp;";
    ++stray_ampersands;
    ++i;
  }
  if (html_entities > 0) {
    warnings.push_back("replaced " + std::to_string(html_entities) +
                       " HTML entities undefined in XML");
  }
  if (stray_ampersands > 0) {
    warnings.push_back("escaped " + std::to_string(stray_ampersands) +
                       " bare '&' or undefined entities");
  }
  return out;
}

ParsedXml ParseXml(std::string_view xml, std::string_view url) {
  ParsedXml out;
  if (xml.size() > static_cast<size_t>(INT_MAX)) {
    out.well_formed = false;
    return out;
  }
  struct CtxtDeleter {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
  };
  std::unique_ptr<xmlParserCtxt, CtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    out.well_formed = false;
    return out;
  }
  if (ctxt->sax != nullptr) ctxt->sax->serror = IgnoreStructuredError;
  // No XML_PARSE_NOENT (no entity substitution), no XML_PARSE_DTDLOAD, no XML_PARSE_HUGE.
  constexpr int kOptions = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
                           XML_PARSE_COMPACT;
  const std::string url_z(url);
  out.doc.reset(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()),
                                  url_z.empty() ? nullptr : url_z.c_str(), "UTF-8", kOptions));
  // A hit limit ("huge text node") stops the parser without clearing wellFormed.
  out.well_formed = out.doc != nullptr && ctxt->wellFormed != 0 && ctxt->errNo != XML_ERR_NO_MEMORY;
  return out;
}

std::string_view LocalName(const xmlNode* node) {
  const std::string_view name = View(node->name);
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view Prefix(const xmlNode* node) {
  if (node->ns != nullptr && node->ns->href != nullptr) {
    const std::string_view href = View(node->ns->href);
    for (const Namespace& ns : kNamespaces) {
      if (ns.href == href) return ns.prefix;
    }
    return View(node->ns->prefix);
  }
  // An undeclared prefix: libxml2 keeps "dc:creator" as the name.
  const std::string_view name = View(node->name);
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

bool Is(const xmlNode* node, std::string_view prefix, std::string_view local) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && LocalName(node) == local &&
         Prefix(node) == prefix;
}

std::string Content(const xmlNode* node) {
  if (node == nullptr) return "";
  return Take(xmlNodeGetContent(node));
}

std::string Attribute(const xmlNode* node, std::string_view name) {
  if (node == nullptr) return "";
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view attr_name = View(a->name);
    if (a->ns != nullptr && View(a->ns->href) == View(XML_XML_NAMESPACE)) continue;
    if (const size_t colon = attr_name.rfind(':'); colon != std::string_view::npos) {
      attr_name = attr_name.substr(colon + 1);
    }
    if (attr_name.size() == name.size() && StartsWithIgnoreCase(attr_name, name)) {
      return Take(xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a)));
    }
  }
  return "";
}

std::string BaseUrl(const xmlNode* node, std::string_view document_url) {
  std::vector<std::string> bases;
  for (const xmlNode* n = node; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
    std::string base = Take(xmlGetNsProp(n, BAD_CAST "base", XML_XML_NAMESPACE));
    if (!base.empty()) bases.push_back(text::CollapseWhitespace(base));
  }
  std::string url(document_url);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) url = extract::ResolveUrl(url, *it);
  return url;
}

std::string XmlLang(const xmlNode* node) {
  if (node == nullptr) return "";
  return text::CollapseWhitespace(Take(xmlNodeGetLang(node)));
}

}  // namespace storyline::feeds::detail

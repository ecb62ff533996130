// Safe HTML output: everything that comes from an article is text, never markup.
//
// HtmlWriter builds a page from trusted markup (string literals in this folder) and
// untrusted text, which it always escapes; attribute values are escaped the same way and
// always quoted. Links to the outside pass SafeHref, which keeps only http and https URLs.
// Plain values; no shared state.
#ifndef STORYLINE_SERVE_HTML_H_
#define STORYLINE_SERVE_HTML_H_

#include <string>
#include <string_view>

namespace storyline::serve {

// & < > " ' escaped; invalid UTF-8 replaced by U+FFFD, control characters dropped.
std::string EscapeHtml(std::string_view text);

// The URL if it is an absolute http(s) URL without spaces or control characters, else "".
// ("javascript:alert(1)", "data:...", " //evil", "http://a b" all give "".)
std::string SafeHref(std::string_view url);

// Percent-encodes a query-string value (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view value);

class HtmlWriter {
 public:
  // Trusted markup, written as is. REQUIRES: a literal of ours, never input.
  HtmlWriter& Raw(std::string_view markup) {
    out_.append(markup);
    return *this;
  }
  // Untrusted text, escaped.
  HtmlWriter& Text(std::string_view text) {
    out_.append(EscapeHtml(text));
    return *this;
  }
  // ` name="value"` with the value escaped. REQUIRES: `name` is a literal of ours.
  HtmlWriter& Attr(std::string_view name, std::string_view value);
  // <a href="href">text</a>; href must be ours (a local path or #fragment we built) or pass SafeHref,
  // otherwise the text is written without a link.
  HtmlWriter& Link(std::string_view href, std::string_view text, std::string_view cls = {});

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_HTML_H_

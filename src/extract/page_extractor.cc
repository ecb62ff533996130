// A general main-content reader over libxml2's HTML parser, in four passes:
//   1. measure: text and link characters under every element, and what the page declares;
//   2. prune:   subtrees that are never content (scripts, forms, navigation, headers and
//               footers, sidebars, banners, hidden blocks) are cut, unless they hold most of
//               the page's text (a class name can be wrong; a page cannot be all chrome);
//   3. choose:  from <body> (or <main>) descend while one child holds nearly all the text;
//   4. emit:    the region's blocks, one a line, with the page's <h1> before them, less the
//               widgets a recommendation heading leads ("You may also like").
// Every walk is bounded by ExtractOptions::max_dom_depth.
#include "extract/page_extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "extract/boilerplate.h"
#include "text/utf8.h"

namespace storyline::extract {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

// Deeper than this our own recursion could threaten a small thread stack, whatever the option.
constexpr int kHardDepthCap = 1024;

// Link text counts for this much of prose text when regions compete: a listing's content is
// links, but so is a menu.
constexpr double kLinkWeight = 0.5;
// Descend into a child while it holds at least this share of its parent's weighted text.
constexpr double kDescendShare = 0.85;
// A subtree that pruning would cut by its tag, role or class is kept when it holds more than
// this share of the page's text.
constexpr double kKeepShare = 0.5;
// A <form> holding less than this share of the page's text is a search box or a sign-up.
constexpr double kFormShare = 0.3;
// A run of text outside links this long (visible characters) is prose, never a menu label;
// a subtree holding more than kKeepShare of the page's prose is kept whatever its name says
// (malformed markup can nest the whole article inside a menu item).
constexpr size_t kProseRun = 80;
// A heading of at most this many visible characters that announces recommendations leads a
// widget of less than kRecommendationShare of the region's text, which is skipped.
constexpr size_t kRecommendationHeadingChars = 60;
constexpr double kRecommendationShare = 0.3;

bool IsElement(const xmlNode* n) { return n != nullptr && n->type == XML_ELEMENT_NODE; }

// The HTML parser lowercases element and attribute names.
std::string_view Name(const xmlNode* n) {
  return n->name == nullptr ? std::string_view() : reinterpret_cast<const char*>(n->name);
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// The attribute's value ("" when absent), a view into the DOM valid while `n` lives.
std::string_view AttrView(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || reinterpret_cast<const char*>(a->name) != name) continue;
    const xmlNode* v = a->children;
    if (v == nullptr || v->content == nullptr || v->type != XML_TEXT_NODE) return "";
    return reinterpret_cast<const char*>(v->content);
  }
  return "";
}

bool HasAttr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && reinterpret_cast<const char*>(a->name) == name) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Characters that are not ASCII white space (UTF-8 lead bytes only).
size_t VisibleChars(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    n += (u & 0xC0) != 0x80 && c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f';
  }
  return n;
}

bool IsHeading(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

// Elements whose text is never content.
bool IsNeverContent(std::string_view tag) {
  return OneOf(tag, {"script", "style",  "template", "svg",    "canvas", "iframe",   "object",
                     "embed",  "select", "option",   "button", "input",  "textarea", "head",
                     "dialog", "map",    "video",    "audio",  "title",  "menu"});
}

// Elements that start and end a line of output.
bool IsBlock(std::string_view tag) {
  return IsHeading(tag) ||
         OneOf(tag,
               {"p",      "div",     "section", "article", "main",       "li",         "ul",
                "ol",     "dl",      "dt",      "dd",      "blockquote", "pre",        "table",
                "tbody",  "thead",   "tfoot",   "tr",      "figure",     "figcaption", "header",
                "footer", "address", "hr",      "form",    "fieldset",   "details",    "summary",
                "center", "caption", "nav",     "aside",   "body",       "legend",     "hgroup"});
}

bool IsChromeRole(std::string_view role) {
  return OneOf(role, {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                      "menubar", "dialog", "alertdialog", "tablist", "toolbar"});
}

// Class and id words that name chrome wherever they stand in a token ("site-nav",
// "cookie_banner", "share-buttons").
bool IsChromeWord(std::string_view w) {
  return OneOf(w,
               {"nav",     "navbar",     "navigation", "menu",          "breadcrumb", "breadcrumbs",
                "sidebar", "share",      "sharing",    "social",        "newsletter", "subscribe",
                "signup",  "cookie",     "cookies",    "consent",       "gdpr",       "popup",
                "modal",   "skip",       "advert",     "advertisement", "ads",        "ad",
                "sponsor", "sponsored",  "outbrain",   "taboola",       "related",    "recommended",
                "toolbar", "pagination", "pager",      "login",         "offcanvas",  "masthead",
                "sitemap", "swatch",     "swatches",   "wishlist",      "minicart",   "quantity",
                "qty",     "offscreen",  "signature",  "postprofile",   "userinfo",   "userdetails",
                "userextras", "usertitle", "userbanner"});
}

// Whole class or id tokens that name chrome ("header" alone, not "entry-header").
bool IsChromeToken(std::string_view t) {
  return OneOf(t, {"header", "footer", "site-header", "site-footer", "global-header",
                   "global-footer", "page-footer", "sr-only", "screen-reader-text",
                   "visually-hidden", "visuallyhidden", "hidden"});
}

// Words that name an overlay: its text is never the page's, however much of it there is
// (terms of use in a modal can outweigh a product's description).
bool IsOverlayWord(std::string_view w) {
  return OneOf(w, {"modal", "popup", "cookie", "cookies", "consent", "gdpr", "offcanvas",
                   "lightbox", "overlay"});
}

// Whether a class or id value has a token, or a part of one split on '-' and '_', that
// `is_word` accepts, or a whole token that IsChromeToken accepts.
template <typename Pred>
bool HasWord(std::string_view value, Pred is_word, bool whole_tokens) {
  const std::string v = Lower(value);
  const std::string_view s = v;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    const std::string_view token = s.substr(i, j - i);
    if (whole_tokens && !token.empty() && IsChromeToken(token)) return true;
    for (size_t k = 0; k < token.size();) {
      size_t e = k;
      while (e < token.size() && token[e] != '-' && token[e] != '_') ++e;
      if (is_word(token.substr(k, e - k))) return true;
      k = e + 1;
    }
    i = j;
  }
  return false;
}

bool IsChromeClassOrId(std::string_view value) {
  return HasWord(value, IsChromeWord, /*whole_tokens=*/true) ||
         HasWord(value, IsOverlayWord, /*whole_tokens=*/false);
}

bool IsOverlay(const xmlNode* n) {
  return HasWord(AttrView(n, "class"), IsOverlayWord, false) ||
         HasWord(AttrView(n, "id"), IsOverlayWord, false);
}

bool IsHidden(const xmlNode* n) {
  if (HasAttr(n, "hidden") || Lower(AttrView(n, "aria-hidden")) == "true") return true;
  std::string style = Lower(AttrView(n, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

struct Stats {
  size_t text = 0;           // visible characters under the element
  size_t link = 0;           // of which inside <a>
  size_t prose = 0;          // of which in long runs of text outside links (kProseRun or more)
  size_t order = 0;          // position in document order
  bool has_h1 = false;       // an <h1> below
  bool has_heading = false;  // an <h1>..<h3> below
  bool has_main = false;     // a <main> or role=main below
};

double Weighted(const Stats& s) {
  return static_cast<double>(s.text - s.link) + kLinkWeight * static_cast<double>(s.link);
}

bool DeclaresArticleType(std::string_view json) {
  for (std::string_view type : {"\"Article\"", "\"NewsArticle\"", "\"BlogPosting\"",
                                "\"ReportageNewsArticle\"", "\"Report\""}) {
    if (json.find(type) != std::string_view::npos) return true;
  }
  return false;
}

class Reader {
 public:
  explicit Reader(int max_depth) : max_depth_(max_depth) {}

  PageContent Read(xmlDoc* doc) {
    PageContent out;
    xmlNode* root = xmlDocGetRootElement(doc);
    if (root == nullptr) return out;
    ReadFacts(root, 0, out);
    // The whole tree, not <body>: after a stray </body> or </html> libxml2 hangs the rest of
    // the page beside <body>, under <html>. <head> is cut with the rest of the never-content.
    xmlNode* body = root;

    stats_.clear();
    order_ = 0;
    Measure(body, 0, false);
    body_text_ = stats_[body].text;
    body_prose_ = stats_[body].prose;
    std::vector<xmlNode*> doomed;
    Prune(body, 0, doomed);
    for (xmlNode* n : doomed) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }

    stats_.clear();
    order_ = 0;
    Measure(body, 0, false);
    xmlNode* region = Choose(body);
    xmlNode* h1 = FindFirst(body, "h1", 0);
    if (h1 != nullptr && !IsInside(h1, region) && stats_[h1].order < stats_[region].order) {
      Emit(h1, 0);
      Flush();
    }
    region_text_ = stats_[region].text;
    MarkRecommendations(region, region, 0);
    Emit(region, 0);
    Flush();
    out.blocks = std::move(blocks_);
    return out;
  }

 private:
  // og:type and JSON-LD: whether the page calls itself an article.
  void ReadFacts(const xmlNode* n, int depth, PageContent& out) {
    if (depth > max_depth_) return;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      const std::string_view tag = Name(c);
      if (tag == "meta" && Lower(AttrView(c, "property")) == "og:type" &&
          Lower(AttrView(c, "content")) == "article") {
        out.declares_article = true;
      } else if (tag == "script" && Lower(AttrView(c, "type")) == "application/ld+json") {
        for (const xmlNode* t = c->children; t != nullptr; t = t->next) {
          if (t->content != nullptr &&
              DeclaresArticleType(reinterpret_cast<const char*>(t->content))) {
            out.declares_article = true;
          }
        }
      } else {
        ReadFacts(c, depth + 1, out);
      }
    }
  }

  xmlNode* FindFirst(xmlNode* n, std::string_view tag, int depth) {
    if (depth > max_depth_) return nullptr;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (Name(c) == tag) return c;
      if (xmlNode* found = FindFirst(c, tag, depth + 1)) return found;
    }
    return nullptr;
  }

  static bool IsInside(const xmlNode* n, const xmlNode* ancestor) {
    for (; n != nullptr; n = n->parent) {
      if (n == ancestor) return true;
    }
    return false;
  }

  Stats Measure(xmlNode* n, int depth, bool in_link) {
    Stats s;
    s.order = order_++;
    const std::string_view tag = Name(n);
    in_link = in_link || tag == "a";
    if (depth <= max_depth_) {
      for (xmlNode* c = n->children; c != nullptr; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content != nullptr) {
          const size_t chars = VisibleChars(reinterpret_cast<const char*>(c->content));
          s.text += chars;
          if (in_link) s.link += chars;
          if (!in_link && chars >= kProseRun) s.prose += chars;
        } else if (IsElement(c)) {
          const Stats cs = Measure(c, depth + 1, in_link);
          s.text += cs.text;
          s.link += cs.link;
          s.prose += cs.prose;
          const std::string_view ctag = Name(c);
          s.has_h1 = s.has_h1 || cs.has_h1 || ctag == "h1";
          s.has_heading =
              s.has_heading || cs.has_heading || ctag == "h1" || ctag == "h2" || ctag == "h3";
          s.has_main =
              s.has_main || cs.has_main || ctag == "main" || Lower(AttrView(c, "role")) == "main";
        }
      }
    }
    stats_[n] = s;
    return s;
  }

  double Share(const xmlNode* n) {
    return body_text_ == 0 ? 0.0
                           : static_cast<double>(stats_[n].text) / static_cast<double>(body_text_);
  }

  bool ShouldCut(xmlNode* n) {
    const std::string_view tag = Name(n);
    if (IsNeverContent(tag)) return true;
    if (tag == "body") return false;
    const Stats& s = stats_[n];
    if (!s.has_main && IsOverlay(n)) return true;
    if (s.has_main ||
        static_cast<double>(s.prose) > kKeepShare * static_cast<double>(body_prose_)) {
      return false;
    }
    if (tag == "nav" || tag == "aside" || tag == "footer") return !s.has_h1;
    const bool big = Share(n) > kKeepShare;
    if (tag == "noscript") return true;
    if (IsHidden(n)) return !big;
    if (tag == "header") return !big && !s.has_heading;
    if (tag == "form") return Share(n) < kFormShare;
    if (big || s.has_h1) return false;
    if (IsChromeRole(Lower(AttrView(n, "role")))) return true;
    return IsChromeClassOrId(AttrView(n, "class")) || IsChromeClassOrId(AttrView(n, "id"));
  }

  void Prune(xmlNode* n, int depth, std::vector<xmlNode*>& doomed) {
    if (depth > max_depth_) return;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_COMMENT_NODE) {
        doomed.push_back(c);
      } else if (IsElement(c)) {
        if (ShouldCut(c)) {
          doomed.push_back(c);
        } else {
          Prune(c, depth + 1, doomed);
        }
      }
    }
  }

  xmlNode* Choose(xmlNode* body) {
    xmlNode* region = body;
    if (xmlNode* main = FindMain(body, 0);
        main != nullptr && Weighted(stats_[main]) >= 0.25 * Weighted(stats_[body])) {
      region = main;
    }
    for (int depth = 0; depth <= max_depth_; ++depth) {
      xmlNode* best = nullptr;
      for (xmlNode* c = region->children; c != nullptr; c = c->next) {
        if (IsElement(c) && (best == nullptr || Weighted(stats_[c]) > Weighted(stats_[best]))) {
          best = c;
        }
      }
      if (best == nullptr || Weighted(stats_[best]) < kDescendShare * Weighted(stats_[region])) {
        break;
      }
      region = best;
    }
    return region;
  }

  xmlNode* FindMain(xmlNode* n, int depth) {
    if (depth > max_depth_) return nullptr;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (Name(c) == "main" || Lower(AttrView(c, "role")) == "main") return c;
      if (xmlNode* found = FindMain(c, depth + 1)) return found;
    }
    return nullptr;
  }

  void Emit(const xmlNode* n, int depth) {
    if (depth > max_depth_) return;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        line_ += reinterpret_cast<const char*>(c->content);
        continue;
      }
      if (!IsElement(c)) continue;
      const std::string_view tag = Name(c);
      if (tag == "br") {
        Flush();
      } else if (tag == "td" || tag == "th") {
        line_ += ' ';
        Emit(c, depth + 1);
        line_ += ' ';
      } else if (skipped_.count(c) != 0) {
        Flush();
      } else if (IsBlock(tag)) {
        Flush();
        Emit(c, depth + 1);
        Flush();
      } else {
        Emit(c, depth + 1);
      }
    }
  }

  // A heading that announces other things to buy or read ("You may also like", "Similar
  // items") leads a widget, not content: the largest ancestor below the region that it leads
  // (no heading before it) and that holds less than kRecommendationShare of the region's text
  // is skipped.
  void MarkRecommendations(xmlNode* n, xmlNode* region, int depth) {
    if (depth > max_depth_) return;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (IsHeading(Name(c)) && stats_[c].text <= kRecommendationHeadingChars &&
          IsRecommendationHeading(c)) {
        xmlNode* top = c;
        while (top->parent != nullptr && top->parent != region &&
               static_cast<double>(stats_[top->parent].text) <
                   kRecommendationShare * static_cast<double>(region_text_) &&
               FirstHeading(top->parent, 0) == c) {
          top = top->parent;
        }
        skipped_.insert(top);
      } else {
        MarkRecommendations(c, region, depth + 1);
      }
    }
  }

  const xmlNode* FirstHeading(const xmlNode* n, int depth) {
    if (depth > max_depth_) return nullptr;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (IsHeading(Name(c))) return c;
      if (const xmlNode* found = FirstHeading(c, depth + 1)) return found;
    }
    return nullptr;
  }

  bool IsRecommendationHeading(const xmlNode* h) {
    std::string text;
    AppendText(h, 0, text);
    text = Lower(text::CollapseWhitespace(text));
    for (std::string_view phrase :
         {"you may also like", "you might also like", "you may also be interested",
          "you might be interested", "also viewed", "also bought", "also purchased", "also liked",
          "similar items", "similar products", "related products", "related items",
          "recently viewed", "frequently bought together", "explore related",
          "more from this seller", "seller's other items", "complete the look", "customers also",
          "customer reviews", "ratings & reviews", "reviews & ratings", "questions & answers",
          "customer questions"}) {
      if (text.find(phrase) != std::string::npos) return true;
    }
    return false;
  }

  void AppendText(const xmlNode* n, int depth, std::string& out) {
    if (depth > max_depth_) return;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        out += reinterpret_cast<const char*>(c->content);
        out += ' ';
      } else if (IsElement(c)) {
        AppendText(c, depth + 1, out);
      }
    }
  }

  void Flush() {
    if (line_.empty()) return;
    std::string block = text::CollapseWhitespace(line_);
    line_.clear();
    if (block.empty() || IsChrome(block) || !seen_.insert(block).second) return;
    blocks_.push_back(std::move(block));
  }

  const int max_depth_;
  std::unordered_map<const xmlNode*, Stats> stats_;
  size_t order_ = 0;
  size_t body_text_ = 0;
  size_t body_prose_ = 0;
  size_t region_text_ = 0;
  std::unordered_set<const xmlNode*> skipped_;
  std::string line_;
  std::vector<std::string> blocks_;
  std::unordered_set<std::string> seen_;
};

// libxml2 (2.9) stops building the tree at </html>: content a template printed after a stray
// </body></html> would be lost. The end tags of <body> and <html> are dropped when more than
// white space follows them (the parser closes both at the end of the input anyway).
std::string_view WithoutEarlyEndTags(std::string_view html, std::string& buf) {
  const auto find_end_tag = [&](size_t from) {
    for (size_t i = html.find("</", from); i != std::string_view::npos;
         i = html.find("</", i + 2)) {
      const std::string name = Lower(html.substr(i + 2, 4));
      if (name == "body" || name == "html") return i;
    }
    return std::string_view::npos;
  };
  size_t first = find_end_tag(0);
  if (first == std::string_view::npos) return html;
  const auto only_space_after = [&](size_t i) {
    const size_t close = html.find('>', i);
    if (close == std::string_view::npos) return true;
    for (size_t k = close + 1; k < html.size(); ++k) {
      const char c = html[k];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
        return html.substr(k, 2) == "</" && find_end_tag(k) == k;  // </body></html>
      }
    }
    return true;
  };
  bool early = false;
  for (size_t i = first; i != std::string_view::npos; i = find_end_tag(i + 2)) {
    if (!only_space_after(i)) early = true;
  }
  if (!early) return html;
  buf.clear();
  buf.reserve(html.size());
  size_t copied = 0;
  for (size_t i = first; i != std::string_view::npos; i = find_end_tag(i + 2)) {
    const size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;
    buf.append(html.substr(copied, i - copied));
    copied = close + 1;
  }
  buf.append(html.substr(copied));
  return buf;
}

}  // namespace

Result<PageContent> ExtractMainContent(std::string_view html, const ExtractOptions& options) {
  if (html.size() > static_cast<size_t>(INT_MAX)) {
    return Status::TooLarge("HTML page of " + std::to_string(html.size()) + " bytes");
  }
  std::string buf;
  html = WithoutEarlyEndTags(html, buf);
  const int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                    HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
  DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", flags));
  if (!doc) return Status::BadInput("HTML could not be parsed");
  const int max_depth = std::clamp(options.max_dom_depth, 0, kHardDepthCap);
  PageContent content = Reader(max_depth).Read(doc.get());
  if (content.blocks.empty()) return Status::BadInput("no text found");
  return content;
}

}  // namespace storyline::extract

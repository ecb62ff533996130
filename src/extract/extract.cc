#include "extract/extract.h"

#include <algorithm>
#include <ctime>
#include <string_view>
#include <unordered_set>

#include "extract/date.h"
#include "extract/html_extractor.h"
#include "extract/page_extractor.h"
#include "extract/text_extractor.h"
#include "extract/url.h"
#include "text/hash.h"
#include "text/language.h"
#include "text/utf8.h"

namespace storyline::extract {
namespace {

void ApplyHints(const read::DocumentHints& hints, int64_t now, Article& a) {
  if (a.url.empty()) a.url = hints.url;
  if (a.title.empty()) a.title = text::CollapseWhitespace(hints.title);
  if (!a.published && !hints.date.empty()) {
    auto t = ParseDate(hints.date);
    if (t && IsPlausibleNewsDate(*t, now)) a.published = t;
  }
  if (a.authors.empty()) a.authors = hints.authors;
  if (a.outlet.empty()) a.outlet = hints.outlet;
}

size_t TotalChars(const std::vector<std::string>& blocks) {
  size_t n = 0;
  for (const std::string& b : blocks) n += b.size();
  return n;
}

// A block at least this long (bytes) is prose, not a teaser headline, a label or a price.
constexpr size_t kProseBlockChars = 100;

size_t ProseChars(const std::vector<std::string>& blocks) {
  size_t n = 0;
  for (const std::string& b : blocks) n += b.size() >= kProseBlockChars ? b.size() : 0;
  return n;
}

// Characters of sentence prose in `blocks`: blocks of kProseBlockChars or more with a
// sentence end in them (a tag cloud or a run of names has none).
size_t SentenceChars(const std::vector<std::string>& blocks) {
  size_t n = 0;
  for (const std::string& b : blocks) {
    if (b.size() >= kProseBlockChars && (b.find(". ") != std::string::npos || b.back() == '.' ||
                                         b.back() == '?' || b.back() == '!')) {
      n += b.size();
    }
  }
  return n;
}

// An article reading with this much sentence prose is a short article, not a blurb.
constexpr size_t kArticleSentenceChars = 400;

// Whether what the page reader adds to the article's paragraphs is a menu: most of the added
// blocks are one or two words (category names, a tag cloud's words), and the added blocks
// hold less sentence prose than the article does. A listing adds titles and snippets.
bool AddsOnlyAMenu(const std::vector<std::string>& blocks,
                   const std::vector<std::string>& article) {
  const std::unordered_set<std::string_view> kept(article.begin(), article.end());
  size_t added = 0, menu_words = 0, sentences = 0, article_chars = 0;
  for (const std::string& p : article) article_chars += p.size();
  for (const std::string& b : blocks) {
    if (kept.count(b) > 0) continue;
    ++added;
    size_t words = 0;
    bool in = false;
    for (const char c : b) {
      const bool space = c == ' ';
      if (!space && !in) ++words;
      in = !space;
    }
    if (words <= 2) ++menu_words;
    sentences += SentenceChars({b});
  }
  return added > 0 && 10 * menu_words >= 6 * added && sentences < article_chars &&
         SentenceChars(article) >= kArticleSentenceChars;
}

// Whether one of `blocks` is the title (a heading of the page's own article).
bool HasTitleBlock(const std::vector<std::string>& blocks, const std::string& title) {
  return !title.empty() && std::find(blocks.begin(), blocks.end(), title) != blocks.end();
}

// A declared article whose reading holds fewer characters than this is a stub when the
// main content's prose is kStubRatio times longer: a bio, a newsletter box or a "Like this:"
// widget won the vote over the article itself. Prose, not all text: a short news item beside
// a column of teaser headlines is no stub.
constexpr size_t kStubChars = 600;
constexpr size_t kStubRatio = 4;

// A page that is not one article (a listing, a forum thread, a product, a service page):
// when the article reader rejects it (a listing, no text) the general reader's main content
// stands in and the page stays non-article (kListing), so ingest still rejects it. When the
// article reader keeps a short fragment of a page that does not declare itself an article
// (a forum's first post, a product's blurb), the main content replaces the fragment. Pages
// that declare themselves articles and have their text are parsed a second time only when
// that text is a stub.
void UsePageContent(std::string_view html, const ExtractOptions& opts, Extraction& e) {
  const size_t article_chars = TotalChars(e.article.paragraphs);
  const bool rejected = e.kind != PageKind::kArticle || article_chars == 0;
  if (!rejected && e.declares_article && article_chars >= kStubChars) return;
  Result<PageContent> page = ExtractMainContent(html, opts);
  if (!page.ok()) return;
  const size_t page_chars = TotalChars(page->blocks);
  const bool fragment =
      e.declares_article ? ProseChars(page->blocks) > kStubRatio * article_chars + 1000 &&
                               HasTitleBlock(page->blocks, e.article.title)
                         : !page->declares_article && 5 * page_chars > 6 * article_chars + 1000 &&
                               !AddsOnlyAMenu(page->blocks, e.article.paragraphs);
  if (!rejected && !fragment) return;
  e.article.paragraphs = std::move(page->blocks);
  if (rejected) e.kind = PageKind::kListing;
}

}  // namespace

std::string_view PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle: return "article";
    case PageKind::kListing: return "listing";
    case PageKind::kEmpty: return "empty";
  }
  return "article";
}

Status NoTextError(const std::string& source) {
  return Status::BadInput(source + ": no article text found");
}

Result<Extraction> Extract(const read::Document& doc, const ExtractOptions& options) {
  ExtractOptions opts = options;
  if (opts.url.empty()) opts.url = doc.hints.url;
  const int64_t now = opts.now_unix ? opts.now_unix : static_cast<int64_t>(std::time(nullptr));

  Result<Extraction> result = doc.format == read::Format::kHtml ? ExtractHtml(doc.content, opts)
                                                                : ExtractText(doc.content, opts);
  if (!result.ok()) return result.status().WithContext(doc.source);
  Extraction& e = *result;
  if (doc.format == read::Format::kHtml) UsePageContent(doc.content, opts, e);
  Article& a = e.article;
  a.source_file = doc.source;
  ApplyHints(doc.hints, now, a);
  if (!opts.url.empty()) a.url = opts.url;  // what the caller knows beats what the page says
  if (a.canonical_url.empty())
    a.canonical_url = CanonicalUrl(a.url);
  else
    a.canonical_url = CanonicalUrl(a.canonical_url);
  if (a.outlet.empty()) a.outlet = HostOf(a.url);
  if (!a.published) {
    if (auto t = DateFromUrl(a.url); t && IsPlausibleNewsDate(*t, now)) a.published = t;
  }

  if (a.paragraphs.empty()) {
    if (e.kind == PageKind::kListing) {
      return Status::BadInput(doc.source + ": a listing page (many teasers, no single article)");
    }
    if (!opts.keep_empty) return NoTextError(doc.source);
    e.kind = PageKind::kEmpty;
    a.text.clear();
    return result;
  }
  a.text.clear();
  for (const std::string& p : a.paragraphs) {
    if (!a.text.empty()) a.text += "\n\n";
    a.text += p;
  }
  a.content_hash = text::ContentHash(a.text);
  if (std::string lang = text::DetectLanguage(a.text); !lang.empty()) a.language = std::move(lang);
  return result;
}

}  // namespace storyline::extract

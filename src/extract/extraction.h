// What an extractor gives: the article, and what was split off it.
#ifndef STORYLINE_EXTRACT_EXTRACTION_H_
#define STORYLINE_EXTRACT_EXTRACTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"

namespace storyline::extract {

struct ExtractOptions {
  std::string url;          // the page's known URL (from the crawl or --url); "" if unknown
  int64_t now_unix = 0;     // "now" for date plausibility; 0 = the system clock
  int max_dom_depth = 256;  // deeper HTML is cut, not recursed into (hostile markup)
  // A page with no article text (a page its scripts fill in, a bare shell) is an error unless
  // this is set; then it is an Extraction of kind kEmpty that still carries what the page
  // says about itself (title, dates, authors, URL), for whoever wants its metadata.
  bool keep_empty = false;
};

enum class PageKind {
  kArticle,  // one article
  kListing,  // a home page, section or search page: many teasers, no single article
  kEmpty,    // nothing that reads as text
};

// "article", "listing", "empty".
std::string_view PageKindName(PageKind kind);

struct Extraction {
  Article article;                   // title, dates, authors, outlet, url, tags, paragraphs
  std::vector<RelatedItem> related;  // appended articles and teasers split off the page
  std::string lead_image;            // URL of the lead image, "" if none
  std::string description;           // the page's own summary (og:description), "" if none
  std::optional<Timestamp> modified; // when the page says it was last updated
  std::string section;               // the site's section ("World", "Politics"), "" if none
  // The authors as the page writes them together ("Maria & Katerina", "Ann Lee, Bo Chen, and
  // Cy Diaz"): the stretch of one byline from the first name to the last, when only
  // conjunctions and commas stand between them; otherwise the names joined by ", ".
  std::string byline;
  PageKind kind = PageKind::kArticle;
  bool declares_article = false;     // the page's metadata says it is an article (og:type, JSON-LD)
};

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_EXTRACTION_H_

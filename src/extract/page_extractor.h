// The main content of any page, article or not: a listing's item titles and snippets, a
// forum thread's posts, a product's description and specifications, a service page's body.
//
// html_extractor reads one article (Readability's paragraph voting, strict link density);
// this reader makes no assumption about what the page is. It cuts what is never content
// (scripts, navigation, headers and footers, sidebars, forms, cookie banners, hidden
// blocks), picks the region that holds the page's text by descending from <body> while one
// child holds nearly all of it (links count for less than prose, but they count: a listing's
// content is links), and writes that region out block by block.
#ifndef STORYLINE_EXTRACT_PAGE_EXTRACTOR_H_
#define STORYLINE_EXTRACT_PAGE_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/extraction.h"
#include "storyline/status.h"

namespace storyline::extract {

struct PageContent {
  // The main content in reading order, one block a line: a heading, a paragraph, a list item,
  // a table row (its cells joined by spaces). Whitespace collapsed; no empty blocks, no
  // repeated blocks, no chrome labels ("Sign Up", "Share").
  std::vector<std::string> blocks;
  // The page says it is an article (og:type "article", a JSON-LD Article, NewsArticle,
  // BlogPosting or Report): html_extractor's reading should win there.
  bool declares_article = false;
};

// Thread-safe (no shared state). Fails with BadInput when the HTML cannot be parsed or holds
// no text, TooLarge past INT_MAX bytes. DOM walks stop at options.max_dom_depth.
Result<PageContent> ExtractMainContent(std::string_view html, const ExtractOptions& options);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_PAGE_EXTRACTOR_H_

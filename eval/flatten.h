// Flattened page text from HTML: what a scraper that drops the tags leaves (the shape of
// the seeds). Used to evaluate the text extractor on pages from many sites.
#ifndef STORYLINE_EVAL_FLATTEN_H_
#define STORYLINE_EVAL_FLATTEN_H_

#include <string>
#include <string_view>

namespace storyline::eval {

// The page's <title>, then the visible text of <body> with one line per block element
// (paragraphs, headings, list items, table cells, divs, ...), scripts and styles dropped,
// site chrome (menus, footers, teasers) kept as a scraper keeps it. REQUIRES: UTF-8.
std::string FlattenHtml(std::string_view html);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_FLATTEN_H_

// Main content and metadata from an HTML page (libxml2's HTML parser).
#ifndef STORYLINE_EXTRACT_HTML_EXTRACTOR_H_
#define STORYLINE_EXTRACT_HTML_EXTRACTOR_H_

#include <string_view>

#include "extract/extraction.h"
#include "storyline/status.h"

namespace storyline::extract {

// REQUIRES: `html` is UTF-8 (the reader converts). Fills article.title, published, authors,
// outlet, url/canonical_url, tags, paragraphs (not text, hash or language: Extract() does),
// and splits related-article blocks into `related`. Errors only when nothing can be parsed.
// Thread-safe: no shared state.
Result<Extraction> ExtractHtml(std::string_view html, const ExtractOptions& options);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_HTML_EXTRACTOR_H_

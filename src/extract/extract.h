// The extract stage's entry point: a read Document in, a finished Article out.
#ifndef STORYLINE_EXTRACT_EXTRACT_H_
#define STORYLINE_EXTRACT_EXTRACT_H_

#include "extract/extraction.h"
#include "read/reader.h"
#include "storyline/status.h"

namespace storyline::extract {

// Runs the extractor for the document's format, fills gaps from the container's hints
// (JSON Lines fields, --url), and finishes the article: source_file, canonical_url,
// outlet (from the host when the page names none), text, content_hash and language.
// Fails (naming doc.source: NoTextError) when the page holds no text, unless
// options.keep_empty asks for such a page's metadata: then it comes back with kind kEmpty
// and no paragraphs. A listing page (home, section,
// search results) comes back with kind kListing and the text of its teasers: callers that
// want articles only (ingest) reject it.
Result<Extraction> Extract(const read::Document& doc, const ExtractOptions& options);

// "SOURCE: no article text found": why a page without text is not an article.
Status NoTextError(const std::string& source);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_EXTRACT_H_

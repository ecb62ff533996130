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
// Fails (naming doc.source) when the page holds no text. A listing page (home, section,
// search results) comes back with kind kListing and the text of its teasers: callers that
// want articles only (ingest) reject it.
Result<Extraction> Extract(const read::Document& doc, const ExtractOptions& options);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_EXTRACT_H_

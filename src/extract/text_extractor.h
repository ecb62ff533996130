// The article inside flattened page text: what a scraper leaves when it drops the tags
// (one block per line, site chrome, teaser lists and tag dumps mixed in).
#ifndef STORYLINE_EXTRACT_TEXT_EXTRACTOR_H_
#define STORYLINE_EXTRACT_TEXT_EXTRACTOR_H_

#include <string_view>

#include "extract/extraction.h"
#include "storyline/status.h"

namespace storyline::extract {

// REQUIRES: `text` is UTF-8. Same contract as ExtractHtml.
Result<Extraction> ExtractText(std::string_view text, const ExtractOptions& options);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_TEXT_EXTRACTOR_H_

// Internal to read/: WARC archives as inputs (http_input.cc), and the size-limit error
// both input paths give (reader.cc).
#ifndef STORYLINE_READ_HTTP_INPUT_H_
#define STORYLINE_READ_HTTP_INPUT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "read/reader.h"
#include "storyline/status.h"

namespace storyline::read::detail {

// "<what> is over the 1.0 MiB limit (--max-bytes) at 2.0 MiB" (size 0: not said).
Status TooLarge(size_t size, size_t limit, std::string_view what);

// True when the input named `name` starting with `head` (its first few KiB, possibly
// gzip) is a WARC file: by content, or by a ".warc" / ".warc.gz" name when the content
// does not look like a page or JSON.
bool IsWarcInput(std::string_view name, std::string_view head);

// Streams the WARC file at `path` (or, when `bytes` is not null, those bytes named `path`)
// into documents; see ReadInputs.
void ReadWarc(const std::string& path, const std::string* bytes, const ReadOptions& options,
              const DocumentSink& sink);

}  // namespace storyline::read::detail

#endif  // STORYLINE_READ_HTTP_INPUT_H_

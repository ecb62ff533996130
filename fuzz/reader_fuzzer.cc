// Any bytes, as a file's content: sniffing, gzip, charset detection, JSON Lines, extraction.
#include <cstdint>
#include <string_view>

#include "extract/extract.h"
#include "read/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  storyline::read::ReadOptions options;
  options.max_bytes = 1 << 20;
  storyline::extract::ExtractOptions extract_options;
  extract_options.now_unix = 1767225600;
  storyline::read::ReadBytes(
      "fuzz", std::string_view(reinterpret_cast<const char*>(data), size), options,
      [&](storyline::Result<storyline::read::Document> doc) {
        if (doc.ok()) (void)storyline::extract::Extract(*doc, extract_options);
      });
  return 0;
}

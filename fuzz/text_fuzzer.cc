// Any bytes as flattened page text (after the reader has made them UTF-8).
#include <cstdint>
#include <string_view>

#include "extract/text_extractor.h"
#include "read/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto decoded = storyline::read::DecodeToUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size), "");
  if (!decoded.ok()) return 0;
  storyline::extract::ExtractOptions options;
  options.now_unix = 1767225600;
  (void)storyline::extract::ExtractText(decoded->utf8, options);
  return 0;
}

// Any bytes as an HTML page (after the reader has made them UTF-8).
#include <cstdint>
#include <string_view>

#include "extract/html_extractor.h"
#include "read/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto decoded = storyline::read::DecodeToUtf8(
      std::string_view(reinterpret_cast<const char*>(data), size), "");
  if (!decoded.ok()) return 0;
  storyline::extract::ExtractOptions options;
  options.now_unix = 1767225600;
  options.url = "https://example.org/news/2025/11/07/page.html";
  (void)storyline::extract::ExtractHtml(decoded->utf8, options);
  return 0;
}

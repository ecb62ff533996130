// Any bytes, as a feed and as a feed list: sniffing, charset repair, libxml2 recovery,
// RSS/RDF/Atom/JSON Feed/sitemap reading, OPML and plain-text lists.
#include <cstdint>
#include <string_view>
#include <vector>

#include "feeds/feeds.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  storyline::feeds::ParseOptions options;
  options.max_bytes = 1 << 20;
  options.max_items = 1000;
  (void)storyline::feeds::ParseFeed(bytes, "https://fuzz.example.com/feed/", options);
  std::vector<std::string> warnings;
  (void)storyline::feeds::ParseFeedList(bytes, "fuzz", &warnings);
  return 0;
}

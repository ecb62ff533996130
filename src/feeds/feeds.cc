#include "feeds/feeds.h"

#include <string>
#include <utility>
#include <vector>

#include "extract/url.h"
#include "feeds/feed_date.h"
#include "feeds/formats.h"
#include "feeds/xml_input.h"
#include "read/charset.h"

namespace storyline::feeds {
namespace detail {

void AddUnique(std::vector<std::string>& list, std::string value) {
  if (value.empty()) return;
  for (const std::string& v : list) {
    if (v == value) return;
  }
  list.push_back(std::move(value));
}

void FeedBuilder::Add(FeedItem item) {
  if (!extract::IsHttpUrl(item.url)) {
    ++without_link_;
    return;
  }
  if (!seen_.insert(item.url).second) {
    ++duplicates_;
    return;
  }
  if (!item.published_at && !item.published.empty()) {
    item.published_at = ParseFeedDate(item.published);
  }
  feed_.items.push_back(std::move(item));
}

void FeedBuilder::AddSitemap(std::string url) {
  if (!extract::IsHttpUrl(url)) {
    ++without_link_;
    return;
  }
  if (!seen_.insert(url).second) {
    ++duplicates_;
    return;
  }
  feed_.sitemaps.push_back(std::move(url));
}

Feed FeedBuilder::Finish() {
  const auto count = [](size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
  };
  const bool index = feed_.kind == FeedKind::kSitemapIndex;
  if (without_link_ > 0) {
    feed_.warnings.push_back(index ? count(without_link_, "sitemap without a valid URL dropped",
                                           "sitemaps without a valid URL dropped")
                                   : count(without_link_, "item without a link dropped",
                                           "items without a link dropped"));
  }
  if (duplicates_ > 0) {
    feed_.warnings.push_back(count(duplicates_, "repeated URL dropped", "repeated URLs dropped"));
  }
  if (over_limit_) {
    feed_.warnings.push_back("items after the first " + std::to_string(options_.max_items) +
                             " dropped");
  }
  for (FeedItem& item : feed_.items) {
    if (item.language.empty()) item.language = feed_.language;
  }
  return std::move(feed_);
}

}  // namespace detail

namespace {

std::string HumanBytes(size_t n) {
  if (n >= (1u << 20) && n % (1u << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= (1u << 10) && n % (1u << 10) == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " bytes";
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// True when `bytes` holds nothing but a UTF-8 BOM and white space.
bool IsBlank(std::string_view bytes) {
  if (bytes.starts_with("\xef\xbb\xbf")) bytes.remove_prefix(3);
  for (char c : bytes) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

std::optional<FeedKind> KindOfRoot(std::string_view local_name) {
  std::string name(local_name);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (name == "rss") return FeedKind::kRss;
  if (name == "rdf") return FeedKind::kRdf;
  if (name == "feed") return FeedKind::kAtom;
  if (name == "urlset") return FeedKind::kSitemap;
  if (name == "sitemapindex") return FeedKind::kSitemapIndex;
  return std::nullopt;
}

Feed WithWarnings(Feed feed, std::vector<std::string> first) {
  first.insert(first.end(), std::make_move_iterator(feed.warnings.begin()),
               std::make_move_iterator(feed.warnings.end()));
  feed.warnings = std::move(first);
  return feed;
}

}  // namespace

std::string_view FeedKindName(FeedKind kind) {
  switch (kind) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kRdf:
      return "rdf";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kJsonFeed:
      return "jsonfeed";
    case FeedKind::kSitemap:
      return "sitemap";
    case FeedKind::kSitemapIndex:
      return "sitemapindex";
  }
  return "unknown";
}

Result<Feed> ParseFeed(std::string_view bytes, std::string_view feed_url,
                       const ParseOptions& options) {
  const std::string name(feed_url.empty() ? "feed" : feed_url);
  const auto bad = [&](std::string_view why) {
    return Status::BadInput(name + ": " + std::string(why));
  };
  if (bytes.size() > options.max_bytes) {
    return Status::TooLarge(name + ": over " + HumanBytes(options.max_bytes));
  }
  if (IsBlank(bytes)) return bad("empty");
  if (const std::string binary = read::SniffBinary(bytes); !binary.empty()) {
    return bad(binary.starts_with("binary data") ? binary : "binary data (" + binary + ")");
  }
  std::vector<std::string> warnings;
  Result<std::string> text = detail::DecodeToUtf8(bytes, warnings);
  if (!text.ok()) return bad(text.status().message());
  const std::string_view utf8 = *text;
  const size_t first = utf8.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos) return bad("empty");

  if (utf8[first] == '{' || utf8[first] == '[') {
    detail::FeedBuilder builder(FeedKind::kJsonFeed, options);
    const Status status = detail::ReadJsonFeed(utf8.substr(first), feed_url, builder);
    if (!status.ok()) return bad(status.message());
    return WithWarnings(builder.Finish(), std::move(warnings));
  }

  const detail::RootElement root =
      detail::FindRoot(utf8, {"rss", "rdf", "feed", "urlset", "sitemapindex"});
  if (root.html) return bad("not a feed (an HTML page)");
  if (root.offset == std::string_view::npos) {
    if (root.first_element.empty()) return bad("not a feed (no XML elements)");
    return bad("not a feed (root element <" + root.first_element + ">)");
  }
  if (root.garbage_before) warnings.push_back("skipped junk before <" + root.name + ">");
  const std::string xml = detail::EscapeForXml(utf8.substr(root.offset), warnings);
  const detail::ParsedXml parsed = detail::ParseXml(xml, feed_url);
  const xmlNode* root_node = parsed.doc ? xmlDocGetRootElement(parsed.doc.get()) : nullptr;
  if (root_node == nullptr) return bad("not a feed (unreadable XML)");
  const std::optional<FeedKind> kind = KindOfRoot(detail::LocalName(root_node));
  if (!kind) return bad("not a feed (unreadable XML)");
  if (!parsed.well_formed) warnings.push_back("recovered from malformed XML");

  detail::FeedBuilder builder(*kind, options);
  detail::ReadXmlFeed(root_node, feed_url, builder);
  return WithWarnings(builder.Finish(), std::move(warnings));
}

}  // namespace storyline::feeds

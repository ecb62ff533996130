// News feeds and feed lists: what a site publishes about its new articles, and the lists of
// feeds a reader follows.
//
// ParseFeed reads RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 (and 0.3), JSON Feed 1.0/1.1 and
// sitemaps (<urlset>, with the Google News <news:news> extension, and <sitemapindex>),
// sniffing the kind from the content, never from the URL or a Content-Type. Feeds in the
// wild are often malformed; what can be read is read (items before a truncation, HTML
// entities, bare '&', Latin-1 bytes declared UTF-8, junk before the XML declaration) and
// what was tolerated is listed in Feed::warnings. Input is hostile: there are no external
// entities, no DTD loading, no network, and time is linear in the size of the input.
//
// Thread safety: the functions share no state and may be called from any thread.
#ifndef STORYLINE_FEEDS_FEEDS_H_
#define STORYLINE_FEEDS_FEEDS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline::feeds {

enum class FeedKind { kRss, kRdf, kAtom, kJsonFeed, kSitemap, kSitemapIndex };

// "rss", "rdf", "atom", "jsonfeed", "sitemap", "sitemapindex".
std::string_view FeedKindName(FeedKind kind);

struct FeedItem {
  // Absolute http(s), resolved against the feed URL / xml:base. Items with no usable link
  // are dropped (and counted in Feed::warnings).
  std::string url;
  std::string guid;  // guid / id / rdf:about, "" if none
  // Plain text: entities decoded, tags stripped, white space collapsed (RSS titles are
  // often HTML-escaped HTML).
  std::string title;
  // The date as written (pubDate, dc:date, published, updated, date_published,
  // news:publication_date, lastmod), white space collapsed.
  std::string published;
  std::optional<Timestamp> published_at;  // parsed, nullopt if unparseable
  // author / dc:creator / Atom author name / JSON Feed authors; "email (Name)" -> "Name";
  // never an e-mail address. Atom and JSON Feed items inherit the feed's authors.
  std::vector<std::string> authors;
  // category / Atom category label (else term) / JSON Feed tags / news:keywords split on
  // commas; each kept once.
  std::vector<std::string> tags;
  std::string summary;   // plain text of description/summary/content, cut short; "" if none
  std::string language;  // the item's or else the feed's language ("en", "ru-RU"), "" if none
};

struct Feed {
  FeedKind kind = FeedKind::kRss;
  std::string title;     // plain text
  std::string link;      // the site's home page, absolute when it could be resolved
  std::string language;  // "" if the feed does not say
  // In document order; an item whose URL repeats an earlier one's is kept once.
  std::vector<FeedItem> items;
  // For kSitemapIndex: the child sitemap URLs (absolute http(s), each once).
  std::vector<std::string> sitemaps;
  // What was tolerated: "3 items without a link dropped", "recovered from malformed XML".
  std::vector<std::string> warnings;
};

struct ParseOptions {
  size_t max_bytes = 32u << 20;     // larger input is an error, not read
  size_t max_items = 100000;        // items after this many are dropped with a warning
  size_t max_summary_bytes = 1000;  // FeedItem::summary is cut at a word boundary
};

// Parses one feed. Errors are Status::BadInput naming `feed_url` and saying why:
// "http://x/feed: not a feed (an HTML page)", "...: empty", "...: binary data (PNG image)";
// input over options.max_bytes is Status::TooLarge ("...: over 32 MiB").
Result<Feed> ParseFeed(std::string_view bytes, std::string_view feed_url,
                       const ParseOptions& options = {});

struct FeedSource {
  std::string url;    // absolute http(s)
  std::string title;  // "" if the list gives none
};

// Parses a feed list: OPML (every outline with xmlUrl, nested outlines included; also
// type="rss"/"atom" outlines with url=) or plain text (one URL per line, blank lines and
// '#' comments skipped, an optional title after white space). Invalid URLs are skipped
// with a warning appended to `warnings` when it is not null; a URL listed again is kept
// once. Errors (Status::BadInput) name `source_name`: "feeds.opml: empty".
Result<std::vector<FeedSource>> ParseFeedList(std::string_view bytes, std::string_view source_name,
                                              std::vector<std::string>* warnings = nullptr);

}  // namespace storyline::feeds

#endif  // STORYLINE_FEEDS_FEEDS_H_

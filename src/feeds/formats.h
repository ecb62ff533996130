// The feed formats, each reading its document into a FeedBuilder. Internal to the feeds stage.
#ifndef STORYLINE_FEEDS_FORMATS_H_
#define STORYLINE_FEEDS_FORMATS_H_

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <unordered_set>

#include "feeds/feeds.h"

namespace storyline::feeds::detail {

// Collects a feed's items: drops items without an http(s) URL and repeated URLs, stops at
// max_items, parses dates, and reports what it dropped as warnings.
class FeedBuilder {
 public:
  FeedBuilder(FeedKind kind, const ParseOptions& options) : options_(options) { feed_.kind = kind; }

  Feed& feed() { return feed_; }
  const ParseOptions& options() const { return options_; }
  // Called before reading each item: false once max_items items were added (the item and
  // the rest are dropped with a warning).
  bool Accepting() {
    if (feed_.items.size() < options_.max_items) return true;
    over_limit_ = true;
    return false;
  }

  // Adds `item` (its URL already resolved) unless it has no http(s) URL or repeats one.
  void Add(FeedItem item);
  // Adds a child sitemap of a sitemap index unless invalid or repeated.
  void AddSitemap(std::string url);
  // The feed, with items given the feed's language where they have none, and warnings.
  Feed Finish();

 private:
  Feed feed_;
  ParseOptions options_;
  std::unordered_set<std::string> seen_;
  size_t without_link_ = 0;
  size_t duplicates_ = 0;
  bool over_limit_ = false;
};

// RSS 0.9x/2.0 (root <rss>), RSS 1.0 (<rdf:RDF>), Atom (<feed>), sitemaps (<urlset>,
// <sitemapindex>): `root` is the document element, `feed_url` the base of relative links.
void ReadXmlFeed(const xmlNode* root, std::string_view feed_url, FeedBuilder& out);

// JSON Feed 1.0/1.1. BadInput (without the feed URL) when `json` is not a JSON Feed.
Status ReadJsonFeed(std::string_view json, std::string_view feed_url, FeedBuilder& out);

// Adds `value` to `list` unless empty or already there.
void AddUnique(std::vector<std::string>& list, std::string value);

}  // namespace storyline::feeds::detail

#endif  // STORYLINE_FEEDS_FORMATS_H_

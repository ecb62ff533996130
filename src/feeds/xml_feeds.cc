// RSS 0.9x/2.0, RSS 1.0 (RDF), Atom and sitemaps, read from a libxml2 tree.
#include <string>
#include <utility>
#include <vector>

#include "extract/url.h"
#include "feeds/formats.h"
#include "feeds/text.h"
#include "feeds/xml_input.h"
#include "text/utf8.h"
#include "text/ascii.h"

namespace storyline::feeds::detail {
namespace {

template <typename F>
void ForEachChild(const xmlNode* node, F&& f) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) f(c);
  }
}

const xmlNode* Child(const xmlNode* node, std::string_view prefix, std::string_view local) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (Is(c, prefix, local)) return c;
  }
  return nullptr;
}

std::string Collapsed(const xmlNode* node) { return text::CollapseWhitespace(Content(node)); }

// A link as written (white space around it dropped) resolved against the
// xml:base in effect at `at`; "" unless the result is an absolute http(s) URL.
std::string ResolveLink(const xmlNode* at, std::string_view written, std::string_view feed_url) {
  const std::string trimmed = text::CollapseWhitespace(written);
  // White space inside: words, not a link.
  if (trimmed.empty() || trimmed.find(' ') != std::string::npos) return "";
  std::string url =
      extract::IsHttpUrl(trimmed) ? trimmed : extract::ResolveUrl(BaseUrl(at, feed_url), trimmed);
  return extract::IsHttpUrl(url) ? url : "";
}

// An identifier that is itself an absolute http(s) URL (guid, rdf:about, Atom id), else "".
std::string UrlIdentifier(std::string_view id) {
  std::string trimmed = text::CollapseWhitespace(id);
  return extract::IsHttpUrl(trimmed) ? trimmed : "";
}

// An Atom <link>: is it the entry's web page (rel absent or "alternate")? HTML types first.
struct AlternateLinks {
  std::string html;  // rel=alternate with an HTML type or none
  std::string any;   // rel=alternate with another type
  void Offer(const xmlNode* link, std::string_view feed_url) {
    const std::string rel = text::AsciiLower(text::CollapseWhitespace(Attribute(link, "rel")));
    if (!rel.empty() && rel != "alternate") return;  // self, enclosure, related, replies, ...
    std::string href = Attribute(link, "href");
    if (href.empty()) href = Content(link);  // RSS authors writing <atom:link>url</atom:link>
    std::string url = ResolveLink(link, href, feed_url);
    if (url.empty()) return;
    const std::string type = text::AsciiLower(Attribute(link, "type"));
    const bool html_type = type.empty() || type.find("html") != std::string::npos;
    std::string& slot = html_type ? html : any;
    if (slot.empty()) slot = std::move(url);
  }
  std::string Best() const { return html.empty() ? any : html; }
};

// "Politics, World ,  Economy" -> {"Politics", "World", "Economy"}.
void AddCommaSeparated(std::vector<std::string>& tags, std::string_view list) {
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    AddUnique(tags, PlainText(list.substr(start, comma - start)));
    start = comma + 1;
  }
}

void AddAtomAuthors(const xmlNode* author, std::vector<std::string>& authors) {
  const xmlNode* name = Child(author, "atom", "name");
  if (name == nullptr) name = Child(author, "", "name");
  AddUnique(authors, AuthorName(name != nullptr ? Content(name) : Content(author)));
}

std::string FirstNonEmpty(std::initializer_list<const std::string*> values) {
  for (const std::string* v : values) {
    if (!v->empty()) return *v;
  }
  return "";
}

// What RSS, RDF and Atom items have in common: the elements of Dublin Core, content:,
// media:, feedburner: and Atom-in-RSS. Filled while walking an item's children.
struct ItemFields {
  FeedItem item;
  std::string orig_link;      // feedburner:origLink
  AlternateLinks atom_links;  // atom:link / Atom <link>
  std::string dc_date, atom_published, atom_updated, pub_date;
  std::string description, content, media_description;

  // Reads `c` when it is one of the shared elements; true if it was.
  bool ReadShared(const xmlNode* c, std::string_view feed_url) {
    const std::string_view prefix = Prefix(c);
    const std::string_view local = LocalName(c);
    if (prefix == "dc" || prefix == "dcterms") {
      if (local == "creator") {
        AddUnique(item.authors, AuthorName(Content(c)));
      } else if (local == "date" || local == "issued" || local == "created") {
        if (dc_date.empty()) dc_date = Collapsed(c);
      } else if (local == "subject") {
        AddUnique(item.tags, PlainText(Content(c)));
      } else if (local == "language") {
        if (item.language.empty()) item.language = Collapsed(c);
      } else if (local == "title") {
        if (item.title.empty()) item.title = PlainText(Content(c));
      } else if (local == "identifier") {
        if (item.guid.empty()) item.guid = Collapsed(c);
      }
      return true;
    }
    if (prefix == "content") {
      if (local == "encoded" && content.empty()) content = Content(c);
      return true;
    }
    if (prefix == "media") {
      const xmlNode* desc = local == "description" ? c : nullptr;
      if (local == "group") desc = Child(c, "media", "description");
      if (desc != nullptr && media_description.empty()) media_description = Content(desc);
      return true;
    }
    if (prefix == "feedburner") {
      if (local == "origLink" && orig_link.empty())
        orig_link = ResolveLink(c, Content(c), feed_url);
      return true;
    }
    return false;
  }

  // Reads an Atom element (`c` already known to be Atom, or unprefixed inside an Atom feed).
  void ReadAtom(const xmlNode* c, std::string_view feed_url) {
    const std::string_view local = LocalName(c);
    if (local == "link") {
      atom_links.Offer(c, feed_url);
    } else if (local == "title") {
      if (item.title.empty()) item.title = PlainText(Content(c));
    } else if (local == "id") {
      if (item.guid.empty()) item.guid = Collapsed(c);
    } else if (local == "published" || local == "issued") {
      if (atom_published.empty()) atom_published = Collapsed(c);
    } else if (local == "updated" || local == "modified") {
      if (atom_updated.empty()) atom_updated = Collapsed(c);
    } else if (local == "author") {
      AddAtomAuthors(c, item.authors);
    } else if (local == "category") {
      std::string label = PlainText(Attribute(c, "label"));
      AddUnique(item.tags, label.empty() ? PlainText(Attribute(c, "term")) : std::move(label));
    } else if (local == "summary") {
      if (description.empty()) description = Content(c);
    } else if (local == "content") {
      if (content.empty()) content = Content(c);
    }
  }

  // Fills the item's summary and date from what was collected.
  void FinishText(size_t max_summary_bytes) {
    const std::string summary = FirstNonEmpty({&description, &content, &media_description});
    item.summary = ShortPlainText(summary, max_summary_bytes);
    item.published = FirstNonEmpty({&pub_date, &dc_date, &atom_published, &atom_updated});
  }
};

void ReadRssItem(const xmlNode* node, std::string_view feed_url, FeedBuilder& out) {
  ItemFields f;
  std::string link, guid_link;
  ForEachChild(node, [&](const xmlNode* c) {
    if (f.ReadShared(c, feed_url)) return;
    const std::string_view prefix = Prefix(c);
    const std::string_view local = LocalName(c);
    if (prefix == "atom") {
      f.ReadAtom(c, feed_url);
      return;
    }
    if (!prefix.empty()) return;
    if (local == "title") {
      if (f.item.title.empty()) f.item.title = PlainText(Content(c));
    } else if (local == "link") {
      if (link.empty()) {
        std::string href = Content(c);
        if (text::CollapseWhitespace(href).empty()) href = Attribute(c, "href");
        link = ResolveLink(c, href, feed_url);
      }
    } else if (local == "guid") {
      if (f.item.guid.empty()) {
        f.item.guid = Collapsed(c);
        if (text::AsciiLower(text::CollapseWhitespace(Attribute(c, "isPermaLink"))) != "false") {
          guid_link = UrlIdentifier(f.item.guid);
        }
      }
    } else if (local == "pubDate") {
      if (f.pub_date.empty()) f.pub_date = Collapsed(c);
    } else if (local == "author") {
      AddUnique(f.item.authors, AuthorName(Content(c)));
    } else if (local == "category") {
      AddUnique(f.item.tags, PlainText(Content(c)));
    } else if (local == "description") {
      if (f.description.empty()) f.description = Content(c);
    } else if (local == "language") {
      if (f.item.language.empty()) f.item.language = Collapsed(c);
    }
  });
  // RSS 1.0 items name their page in rdf:about.
  const std::string about = Attribute(node, "about");
  if (f.item.guid.empty()) f.item.guid = text::CollapseWhitespace(about);
  const std::string about_link = UrlIdentifier(about);
  const std::string atom_link = f.atom_links.Best();
  f.item.url = FirstNonEmpty({&f.orig_link, &link, &atom_link, &guid_link, &about_link});
  if (f.item.language.empty()) f.item.language = XmlLang(node);
  f.FinishText(out.options().max_summary_bytes);
  out.Add(std::move(f.item));
}

// <channel> of RSS 0.9x/2.0 and RSS 1.0: title, home page, language.
void ReadChannel(const xmlNode* channel, std::string_view feed_url, Feed& feed) {
  AlternateLinks atom_links;
  ForEachChild(channel, [&](const xmlNode* c) {
    const std::string_view prefix = Prefix(c);
    const std::string_view local = LocalName(c);
    if (prefix.empty() && local == "title" && feed.title.empty()) {
      feed.title = PlainText(Content(c));
    } else if (prefix.empty() && local == "link" && feed.link.empty()) {
      feed.link = ResolveLink(c, Content(c), feed_url);
    } else if ((prefix.empty() || prefix == "dc") && local == "language" && feed.language.empty()) {
      feed.language = Collapsed(c);
    } else if (prefix == "atom" && local == "link") {
      atom_links.Offer(c, feed_url);
    }
  });
  if (feed.link.empty()) feed.link = atom_links.Best();
  if (feed.language.empty()) feed.language = XmlLang(channel);
}

void ReadRss(const xmlNode* root, std::string_view feed_url, FeedBuilder& out) {
  // Items belong in <channel> (RSS 2.0) or beside it (RSS 0.90, 1.0); accept both anywhere.
  ForEachChild(root, [&](const xmlNode* c) {
    if (Is(c, "", "channel")) {
      ReadChannel(c, feed_url, out.feed());
      ForEachChild(c, [&](const xmlNode* item) {
        if (Is(item, "", "item") && out.Accepting()) ReadRssItem(item, feed_url, out);
      });
    } else if (Is(c, "", "item") && out.Accepting()) {
      ReadRssItem(c, feed_url, out);
    }
  });
  if (out.feed().language.empty()) out.feed().language = XmlLang(root);
}

bool IsAtom(const xmlNode* c) {
  const std::string_view prefix = Prefix(c);
  return prefix == "atom" || prefix.empty();
}

void ReadAtomFeed(const xmlNode* root, std::string_view feed_url, FeedBuilder& out) {
  Feed& feed = out.feed();
  AlternateLinks feed_links;
  std::vector<std::string> feed_authors;
  std::vector<const xmlNode*> entries;
  ForEachChild(root, [&](const xmlNode* c) {
    if (!IsAtom(c)) return;
    const std::string_view local = LocalName(c);
    if (local == "title" && feed.title.empty()) {
      feed.title = PlainText(Content(c));
    } else if (local == "link") {
      feed_links.Offer(c, feed_url);
    } else if (local == "author") {
      AddAtomAuthors(c, feed_authors);
    } else if (local == "entry") {
      entries.push_back(c);
    }
  });
  feed.link = feed_links.Best();
  feed.language = XmlLang(root);
  for (const xmlNode* entry : entries) {
    if (!out.Accepting()) break;
    ItemFields f;
    ForEachChild(entry, [&](const xmlNode* c) {
      if (f.ReadShared(c, feed_url)) return;
      if (IsAtom(c)) f.ReadAtom(c, feed_url);
    });
    const std::string id_link = UrlIdentifier(f.item.guid);
    const std::string atom_link = f.atom_links.Best();
    f.item.url = FirstNonEmpty({&f.orig_link, &atom_link, &id_link});
    if (f.item.authors.empty()) f.item.authors = feed_authors;
    if (f.item.language.empty()) f.item.language = XmlLang(entry);
    f.FinishText(out.options().max_summary_bytes);
    out.Add(std::move(f.item));
  }
}

void ReadUrlset(const xmlNode* root, std::string_view feed_url, FeedBuilder& out) {
  ForEachChild(root, [&](const xmlNode* url_node) {
    if (!Is(url_node, "", "url") || !out.Accepting()) return;
    FeedItem item;
    std::string lastmod, news_date;
    ForEachChild(url_node, [&](const xmlNode* c) {
      if (Is(c, "", "loc")) {
        if (item.url.empty()) item.url = ResolveLink(c, Content(c), feed_url);
      } else if (Is(c, "", "lastmod")) {
        lastmod = Collapsed(c);
      } else if (Is(c, "news", "news")) {
        ForEachChild(c, [&](const xmlNode* n) {
          const std::string_view local = LocalName(n);
          if (local == "title") {
            item.title = PlainText(Content(n));
          } else if (local == "publication_date") {
            news_date = Collapsed(n);
          } else if (local == "keywords") {
            AddCommaSeparated(item.tags, Content(n));
          } else if (local == "publication") {
            const xmlNode* language = Child(n, "news", "language");
            if (language != nullptr) item.language = Collapsed(language);
          }
        });
      }
    });
    item.published = news_date.empty() ? lastmod : news_date;
    out.Add(std::move(item));
  });
}

void ReadSitemapIndex(const xmlNode* root, std::string_view feed_url, FeedBuilder& out) {
  ForEachChild(root, [&](const xmlNode* sitemap) {
    if (!Is(sitemap, "", "sitemap")) return;
    const xmlNode* loc = Child(sitemap, "", "loc");
    const std::string written = loc != nullptr ? Content(loc) : "";
    out.AddSitemap(written.empty() ? "" : ResolveLink(loc, written, feed_url));
  });
}

}  // namespace

void ReadXmlFeed(const xmlNode* root, std::string_view feed_url, FeedBuilder& out) {
  switch (out.feed().kind) {
    case FeedKind::kRss:
    case FeedKind::kRdf:
      ReadRss(root, feed_url, out);
      break;
    case FeedKind::kAtom:
      ReadAtomFeed(root, feed_url, out);
      break;
    case FeedKind::kSitemap:
      ReadUrlset(root, feed_url, out);
      break;
    case FeedKind::kSitemapIndex:
      ReadSitemapIndex(root, feed_url, out);
      break;
    case FeedKind::kJsonFeed:
      break;
  }
}

}  // namespace storyline::feeds::detail

// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "extract/url.h"
#include "feeds/formats.h"
#include "feeds/text.h"
#include "text/utf8.h"

namespace storyline::feeds::detail {
namespace {

using Json = nlohmann::json;

// nlohmann's parser keeps its own stack, but hostile nesting still costs memory for nothing:
// real feeds nest a few levels.
constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `json` (strings skipped), in one pass.
size_t NestingDepth(std::string_view json) {
  size_t depth = 0;
  size_t max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return max_depth;
}

std::string String(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  if (it == object.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return "";
}

std::string Trimmed(const std::string& s) { return text::CollapseWhitespace(s); }

std::string Link(std::string_view base, const std::string& written) {
  const std::string trimmed = Trimmed(written);
  if (trimmed.empty()) return "";
  std::string url = extract::IsHttpUrl(trimmed) ? trimmed : extract::ResolveUrl(base, trimmed);
  return extract::IsHttpUrl(url) ? url : "";
}

// JSON Feed 1.1 "authors": [{"name": ...}], 1.0 "author": {"name": ...}.
std::vector<std::string> Authors(const Json& object) {
  std::vector<std::string> authors;
  if (!object.is_object()) return authors;
  if (const auto it = object.find("authors"); it != object.end() && it->is_array()) {
    for (const Json& a : *it) AddUnique(authors, AuthorName(String(a, "name")));
  }
  if (const auto it = object.find("author"); it != object.end()) {
    AddUnique(authors, AuthorName(it->is_string() ? it->get<std::string>() : String(*it, "name")));
  }
  return authors;
}

}  // namespace

Status ReadJsonFeed(std::string_view json, std::string_view feed_url, FeedBuilder& out) {
  if (NestingDepth(json) > kMaxJsonDepth)
    return Status::BadInput("not a feed (JSON nested too deeply)");
  const Json doc = Json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::BadInput("not a feed (malformed JSON)");
  if (!doc.is_object()) return Status::BadInput("not a feed (JSON that is not an object)");
  const std::string version = String(doc, "version");
  const auto items_it = doc.find("items");
  if (version.find("jsonfeed.org") == std::string::npos) {
    return Status::BadInput("not a feed (JSON without a JSON Feed version)");
  }
  Feed& feed = out.feed();
  feed.title = PlainText(String(doc, "title"));
  feed.link = Link(feed_url, String(doc, "home_page_url"));
  feed.language = Trimmed(String(doc, "language"));
  if (items_it == doc.end() || !items_it->is_array()) {
    feed.warnings.push_back("no \"items\" array");
    return Status::Ok();
  }
  const std::vector<std::string> feed_authors = Authors(doc);
  for (const Json& entry : *items_it) {
    if (!out.Accepting()) break;
    if (!entry.is_object()) continue;
    FeedItem item;
    item.guid = Trimmed(String(entry, "id"));
    item.url = Link(feed_url, String(entry, "url"));
    if (item.url.empty()) item.url = Link(feed_url, String(entry, "external_url"));
    if (item.url.empty() && extract::IsHttpUrl(item.guid)) item.url = item.guid;
    item.title = PlainText(String(entry, "title"));
    item.published = Trimmed(String(entry, "date_published"));
    if (item.published.empty()) item.published = Trimmed(String(entry, "date_modified"));
    item.authors = Authors(entry);
    if (item.authors.empty()) item.authors = feed_authors;
    if (const auto tags = entry.find("tags"); tags != entry.end() && tags->is_array()) {
      for (const Json& tag : *tags) {
        if (tag.is_string()) AddUnique(item.tags, PlainText(tag.get<std::string>()));
      }
    }
    std::string summary = String(entry, "summary");
    if (Trimmed(summary).empty()) summary = String(entry, "content_text");
    if (Trimmed(summary).empty()) summary = String(entry, "content_html");
    item.summary = ShortPlainText(summary, out.options().max_summary_bytes);
    item.language = Trimmed(String(entry, "language"));
    out.Add(std::move(item));
  }
  return Status::Ok();
}

}  // namespace storyline::feeds::detail

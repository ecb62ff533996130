// Feed lists: OPML subscription lists and plain text, one URL per line.
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "extract/url.h"
#include "feeds/feeds.h"
#include "feeds/text.h"
#include "feeds/xml_input.h"
#include "read/charset.h"
#include "text/utf8.h"
#include "text/ascii.h"

namespace storyline::feeds {
namespace {

// Collects sources, each URL once, and says what it skipped.
class SourceList {
 public:
  SourceList(std::string_view source_name, std::vector<std::string>* warnings)
      : source_name_(source_name), warnings_(warnings) {}

  // `where` locates the entry in the list for the warning ("line 12", "outline 3").
  void Add(std::string url, std::string title, std::string_view where) {
    if (!extract::IsHttpUrl(url)) {
      Warn(std::string(where) + ": skipped \"" + std::string(text::TruncateUtf8(url, 200)) +
           "\" (not an http(s) URL)");
      return;
    }
    if (!seen_.insert(url).second) return;
    sources_.push_back({std::move(url), std::move(title)});
  }

  void Warn(std::string message) {
    if (warnings_ != nullptr) warnings_->push_back(source_name_ + ": " + std::move(message));
  }

  std::vector<FeedSource> Take() { return std::move(sources_); }

 private:
  std::string source_name_;
  std::vector<std::string>* warnings_;
  std::unordered_set<std::string> seen_;
  std::vector<FeedSource> sources_;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Every <outline> in document order, nested ones included. The tree's depth is bounded by
// libxml2's limit (256), so recursion is safe.
void ReadOutlines(const xmlNode* node, SourceList& list, size_t& index) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (detail::LocalName(c) == "outline") {
      ++index;
      std::string url = detail::Attribute(c, "xmlUrl");
      if (text::CollapseWhitespace(url).empty()) {
        const std::string type = text::AsciiLower(text::CollapseWhitespace(detail::Attribute(c, "type")));
        if (type == "rss" || type == "atom" || type == "feed") url = detail::Attribute(c, "url");
      }
      url = text::CollapseWhitespace(url);
      if (!url.empty()) {
        std::string title = detail::PlainText(detail::Attribute(c, "title"));
        if (title.empty()) title = detail::PlainText(detail::Attribute(c, "text"));
        list.Add(std::move(url), std::move(title), "outline " + std::to_string(index));
      }
    }
    ReadOutlines(c, list, index);
  }
}

Status ReadOpml(std::string_view utf8, std::string_view source_name, SourceList& list) {
  const std::string name(source_name);
  const detail::RootElement root = detail::FindRoot(utf8, {"opml"});
  if (root.html) return Status::BadInput(name + ": not a feed list (an HTML page)");
  if (root.offset == std::string_view::npos) {
    if (root.first_element.empty())
      return Status::BadInput(name + ": not a feed list (no XML elements)");
    return Status::BadInput(name + ": not a feed list (root element <" + root.first_element +
                            ">, not <opml>)");
  }
  std::vector<std::string> warnings;
  const std::string xml = detail::EscapeForXml(utf8.substr(root.offset), warnings);
  const detail::ParsedXml parsed = detail::ParseXml(xml, source_name);
  const xmlNode* root_node = parsed.doc ? xmlDocGetRootElement(parsed.doc.get()) : nullptr;
  if (root_node == nullptr) return Status::BadInput(name + ": not a feed list (unreadable XML)");
  if (!parsed.well_formed) warnings.push_back("recovered from malformed XML");
  for (std::string& w : warnings) list.Warn(std::move(w));
  size_t index = 0;
  ReadOutlines(root_node, list, index);
  return Status::Ok();
}

void ReadPlainList(std::string_view utf8, SourceList& list) {
  size_t line_number = 0;
  size_t start = 0;
  while (start < utf8.size()) {
    size_t end = utf8.find('\n', start);
    if (end == std::string_view::npos) end = utf8.size();
    std::string_view line = utf8.substr(start, end - start);
    start = end + 1;
    ++line_number;
    while (!line.empty() && IsSpace(line.front())) line.remove_prefix(1);
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    size_t split = 0;
    while (split < line.size() && !IsSpace(line[split])) ++split;
    std::string title = text::CollapseWhitespace(line.substr(split));
    list.Add(std::string(line.substr(0, split)), std::move(title),
             "line " + std::to_string(line_number));
  }
}

}  // namespace

Result<std::vector<FeedSource>> ParseFeedList(std::string_view bytes, std::string_view source_name,
                                              std::vector<std::string>* warnings) {
  const std::string name(source_name.empty() ? "feed list" : source_name);
  std::string_view rest = bytes;
  if (rest.starts_with("\xef\xbb\xbf")) rest.remove_prefix(3);
  if (rest.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) {
    return Status::BadInput(name + ": empty");
  }
  if (const std::string binary = read::SniffBinary(bytes); !binary.empty()) {
    return Status::BadInput(
        name + ": " +
        (binary.starts_with("binary data") ? binary : "binary data (" + binary + ")"));
  }
  std::vector<std::string> decode_warnings;
  Result<std::string> utf8 = detail::DecodeToUtf8(bytes, decode_warnings);
  if (!utf8.ok()) return Status::BadInput(name + ": " + utf8.status().message());
  SourceList list(name, warnings);
  for (std::string& w : decode_warnings) list.Warn(std::move(w));
  const size_t first = utf8->find_first_not_of(" \t\r\n\f\v");
  if (first != std::string::npos && (*utf8)[first] == '<') {
    STORYLINE_RETURN_IF_ERROR(ReadOpml(*utf8, name, list));
  } else {
    ReadPlainList(*utf8, list);
  }
  return list.Take();
}

}  // namespace storyline::feeds

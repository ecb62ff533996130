#include "pipeline/linker.h"

#include <algorithm>
#include <numeric>

namespace storyline::pipeline {
namespace {

// Share of the text's bytes inside quotation marks (" “ ” « » and ' used as quotes).
double QuotedShare(const std::string& text) {
  if (text.empty()) return 0;
  size_t quoted = 0;
  bool inside = false;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    bool mark = c == '"';
    // ' opens a quotation after a space or line start, and closes one before a space or
    // punctuation; apostrophes inside words ("Kiev's") are neither.
    if (c == '\'') {
      const bool after_space = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n';
      const bool before_space = i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == ',' ||
                                text[i + 1] == '.' || text[i + 1] == '\n';
      mark = inside ? before_space : after_space;
    }
    // “ ” « » in UTF-8.
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x9C ||
         static_cast<unsigned char>(text[i + 2]) == 0x9D)) {
      mark = true;
    }
    if (c == 0xC2 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) == 0xAB ||
         static_cast<unsigned char>(text[i + 1]) == 0xBB)) {
      mark = true;
    }
    if (!mark) continue;
    if (inside) quoted += i - start;
    inside = !inside;
    start = i;
  }
  return static_cast<double>(quoted) / static_cast<double>(text.size());
}

}  // namespace

// The page a split-off related article came from ("x.txt" for "x.txt#related-2"), or "".
std::string HostOf(const Article& article) {
  const size_t mark = article.source_file.rfind("#related-");
  return mark == std::string::npos ? std::string() : article.source_file.substr(0, mark);
}

std::vector<size_t> LinkOrder(const std::vector<Article>& articles) {
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  // Each article is ordered by its page's key (its own, unless split off a page).
  std::unordered_map<std::string, size_t> page_index;
  for (size_t i = 0; i < articles.size(); ++i) {
    if (HostOf(articles[i]).empty()) page_index.emplace(articles[i].source_file, i);
  }
  std::vector<size_t> key(articles.size());
  std::vector<double> quoted(articles.size(), 0);
  for (size_t i = 0; i < articles.size(); ++i) {
    const std::string host = HostOf(articles[i]);
    const auto it = host.empty() ? page_index.end() : page_index.find(host);
    key[i] = it == page_index.end() ? i : it->second;
    if (!articles[i].published) quoted[i] = QuotedShare(articles[i].text);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const size_t a = key[x], b = key[y];
    if (a != b) {
      const auto& pa = articles[a].published;
      const auto& pb = articles[b].published;
      if (pa && pb && pa->ToUnixSeconds() != pb->ToUnixSeconds()) {
        return pa->ToUnixSeconds() < pb->ToUnixSeconds();
      }
      if (pa.has_value() != pb.has_value()) return pa.has_value();  // dated first
      if (!pa && quoted[a] != quoted[b]) return quoted[a] > quoted[b];
      return a < b;
    }
    return x == a && y != a;  // the page before what was split off it
  });
  return order;
}

Linker::Linker(const LinkOptions& options)
    : duplicates_(options.dedup), stories_(options.stories) {}

Status Linker::LoadFrom(Store& store) {
  ListOptions page;
  page.limit = 1000;
  std::vector<Article> unlinked;
  for (;;) {
    auto articles = store.List(page);
    if (!articles.ok()) return articles.status();
    if (articles->empty()) break;
    for (Article& a : *articles) {
      if (!a.story_id) {
        unlinked.push_back(std::move(a));
        continue;
      }
      duplicates_.Restore(a.id, a, a.duplicate_of);
      if (!a.duplicate_of || !stories_.AddDuplicate(a.id, *a.duplicate_of)) {
        stories_.Restore(a.id, a, *a.story_id);
      }
    }
    page.after_id = articles->back().id;
  }
  if (unlinked.empty()) return Status::Ok();
  std::vector<StoryRecord> new_stories;
  Link(unlinked, new_stories);
  return store.SetLinks(new_stories, LinksOf(unlinked));
}

void Linker::Link(std::vector<Article>& articles, std::vector<StoryRecord>& new_stories) {
  story_of_page_.clear();  // a page and what was split off it are linked in one call
  for (Article& a : articles) LinkOne(a, new_stories);
}

void Linker::LinkOne(Article& article, std::vector<StoryRecord>& new_stories) {
  if (auto match = duplicates_.Add(article.id, article)) {
    if (auto story = stories_.AddDuplicate(article.id, match->original_id)) {
      article.duplicate_of = match->original_id;
      article.relation = std::string(dedup::RelationName(match->relation));
      article.relation_score = match->score;
      article.story_id = *story;
      story_of_page_[article.source_file] = *story;
      return;
    }
  }
  std::optional<int64_t> host_story;
  if (const std::string host = HostOf(article); !host.empty()) {
    if (auto it = story_of_page_.find(host); it != story_of_page_.end()) host_story = it->second;
  }
  const cluster::Assignment assignment = stories_.Assign(article.id, article, host_story);
  article.story_id = assignment.story_id;
  if (HostOf(article).empty()) story_of_page_[article.source_file] = assignment.story_id;
  if (assignment.new_story) new_stories.push_back({assignment.story_id, article.title});
}

std::vector<ArticleLinks> Linker::LinksOf(const std::vector<Article>& articles) {
  std::vector<ArticleLinks> links;
  links.reserve(articles.size());
  for (const Article& a : articles) {
    links.push_back({a.id, a.story_id, a.duplicate_of, a.relation, a.relation_score});
  }
  return links;
}

}  // namespace storyline::pipeline

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

std::vector<size_t> LinkOrder(const std::vector<Article>& articles) {
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<double> quoted(articles.size(), 0);
  for (size_t i = 0; i < articles.size(); ++i) {
    if (!articles[i].published) quoted[i] = QuotedShare(articles[i].text);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const auto& pa = articles[a].published;
    const auto& pb = articles[b].published;
    if (pa && pb) return pa->ToUnixSeconds() < pb->ToUnixSeconds();
    if (pa || pb) return pa.has_value();  // dated first
    return quoted[a] > quoted[b];
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
  for (Article& a : articles) LinkOne(a, new_stories);
}

void Linker::LinkOne(Article& article, std::vector<StoryRecord>& new_stories) {
  if (auto match = duplicates_.Add(article.id, article)) {
    if (auto story = stories_.AddDuplicate(article.id, match->original_id)) {
      article.duplicate_of = match->original_id;
      article.relation = std::string(dedup::RelationName(match->relation));
      article.relation_score = match->score;
      article.story_id = *story;
      return;
    }
  }
  const cluster::Assignment assignment = stories_.Assign(article.id, article);
  article.story_id = assignment.story_id;
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

// Feeding the index from the store: what the index needs about each stored article.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "search/search.h"
#include "storyline/store.h"

namespace storyline::search {
namespace {

constexpr int kQuotePage = 1000;

// The article with the people it names and the people it quotes.
Result<IndexedArticle> Gather(Store& store, Article article) {
  IndexedArticle indexed;
  auto people = store.ArticlePeople(article.id);
  if (!people.ok()) return people.status();
  indexed.people = std::move(*people);
  QuoteQuery query;
  query.article_id = article.id;
  query.limit = kQuotePage;
  for (;;) {
    auto quotes = store.ListQuotes(query);
    if (!quotes.ok()) return quotes.status();
    for (const StoredQuote& q : *quotes) {
      if (!q.speaker.empty()) indexed.speakers.push_back(q.speaker);
    }
    if (quotes->size() < static_cast<size_t>(kQuotePage)) break;
    query.after_id = quotes->back().id;
  }
  std::sort(indexed.speakers.begin(), indexed.speakers.end());
  indexed.speakers.erase(std::unique(indexed.speakers.begin(), indexed.speakers.end()),
                         indexed.speakers.end());
  indexed.article = std::move(article);
  return indexed;
}

}  // namespace

Status Reindex(Store& store, SearchIndex& index, int page_size) {
  if (page_size <= 0) return Status::InvalidArgument("reindex: page size must be positive");
  STORYLINE_RETURN_IF_ERROR(index.Clear());
  ListOptions page;
  page.limit = page_size;
  for (;;) {
    auto articles = store.List(page);
    if (!articles.ok()) return articles.status().WithContext("reindex");
    if (articles->empty()) return Status::Ok();
    page.after_id = articles->back().id;
    std::vector<IndexedArticle> batch;
    batch.reserve(articles->size());
    for (Article& a : *articles) {
      auto indexed = Gather(store, std::move(a));
      if (!indexed.ok()) return indexed.status().WithContext("reindex");
      batch.push_back(std::move(*indexed));
    }
    STORYLINE_RETURN_IF_ERROR(index.Put(batch));
  }
}

Status IndexArticles(Store& store, SearchIndex& index, const std::vector<int64_t>& ids) {
  std::vector<IndexedArticle> batch;
  batch.reserve(ids.size());
  for (int64_t id : ids) {
    auto article = store.Get(id);
    if (!article.ok())
      return article.status().WithContext("indexing article " + std::to_string(id));
    auto indexed = Gather(store, std::move(*article));
    if (!indexed.ok())
      return indexed.status().WithContext("indexing article " + std::to_string(id));
    batch.push_back(std::move(*indexed));
  }
  return index.Put(batch);
}

}  // namespace storyline::search

#include "serve/views.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "serve/html.h"

namespace storyline::serve {
namespace {

// The largest story id, found with O(log n) one-row reads (the store lists ascending only).
Result<int64_t> MaxStoryId(Store& store) {
  auto first_after = [&](int64_t after) -> Result<int64_t> {
    auto page = store.ListStories({.after_id = after, .limit = 1});
    if (!page.ok()) return page.status();
    return page->empty() ? int64_t{0} : page->front().id;
  };
  Result<int64_t> any = first_after(0);
  if (!any.ok() || *any == 0) return any;
  int64_t lo = *any;  // a stored id
  int64_t step = 1;
  int64_t hi = lo;
  for (;;) {  // gallop until no story is above hi
    Result<int64_t> next = first_after(hi);
    if (!next.ok()) return next;
    if (*next == 0) break;
    lo = *next;
    hi = lo + step;
    step *= 2;
  }
  // lo is stored, nothing is above hi: the answer is in [lo, hi].
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    Result<int64_t> next = first_after(mid);
    if (!next.ok()) return next;
    if (*next == 0) {
      hi = mid;
    } else {
      lo = *next;
    }
  }
  return lo;
}

int64_t DateKey(const std::optional<Timestamp>& t) {
  return t ? t->ToUnixSeconds() : std::numeric_limits<int64_t>::max();
}

bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// A byte that starts a letter or digit: ASCII alphanumerics, and the lead byte of any UTF-8
// sequence outside U+0080–U+00BF (C2: no-break space, « », ...) and U+2000–U+2FFF (E2: dashes,
// curly quotes, ellipsis, symbols), so that "—" or "“" alone is not a word.
bool StartsWordChar(unsigned char c) {
  if (c < 0x80) return std::isalnum(c) != 0;
  return c >= 0xC3 && c != 0xE2;
}

}  // namespace

bool IsStatement(std::string_view content, size_t min_words) {
  size_t words = 0;
  bool in_word = false;  // inside a run of non-space bytes that has a letter or digit
  for (size_t i = 0; i < content.size() && words < min_words; ++i) {
    const auto c = static_cast<unsigned char>(content[i]);
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word && StartsWordChar(c)) {
      in_word = true;
      ++words;
    }
  }
  return words >= min_words;
}

Result<StoryView> LoadStory(Store& store, int64_t id, const pipeline::PipelineOptions& options,
                            const Limits& limits) {
  StoryView view;
  Result<Story> story = store.GetStory(id);
  if (!story.ok()) return story.status();
  view.story = std::move(*story);
  Result<pipeline::StoryCoverage> coverage = pipeline::CompareStoryCoverage(store, id, options);
  if (!coverage.ok()) return coverage.status();
  view.coverage = std::move(*coverage);
  std::map<std::string, int64_t> mentions;
  for (int64_t article_id : view.story.article_ids) {
    if (view.articles.size() >= static_cast<size_t>(limits.max_story_articles)) break;
    Result<Article> a = store.Get(article_id);
    if (!a.ok()) return a.status();
    a->text.clear();
    a->paragraphs.clear();
    if (!a->duplicate_of) {
      Result<std::vector<std::string>> people = store.ArticlePeople(article_id);
      if (!people.ok()) return people.status();
      for (const std::string& p : *people) ++mentions[p];
    }
    view.articles.push_back(std::move(*a));
  }
  QuoteQuery query;
  query.story_id = id;
  query.limit = limits.max_quotes;
  Result<std::vector<StoredQuote>> quotes = store.ListQuotes(query);
  if (!quotes.ok()) return quotes.status();
  // Key quotes: direct quotes by named people first, one per speaker before any second one.
  std::vector<const StoredQuote*> ranked;
  for (const StoredQuote& q : *quotes) ranked.push_back(&q);
  std::stable_sort(ranked.begin(), ranked.end(), [](const StoredQuote* a, const StoredQuote* b) {
    const int ka = (a->direct ? 0 : 2) + (a->speaker.empty() ? 1 : 0);
    const int kb = (b->direct ? 0 : 2) + (b->speaker.empty() ? 1 : 0);
    return ka < kb;
  });
  std::set<std::string> speakers;
  std::set<std::string> contents;
  for (int round = 0; round < 2; ++round) {
    for (const StoredQuote* q : ranked) {
      if (view.key_quotes.size() >= static_cast<size_t>(limits.key_quotes)) break;
      if (contents.count(q->content) || !IsStatement(q->content)) continue;
      const std::string who = q->speaker.empty() ? q->speaker_name : q->speaker;
      if (round == 0 && speakers.count(who)) continue;
      speakers.insert(who);
      contents.insert(q->content);
      view.key_quotes.push_back(*q);
    }
  }
  for (const StoredQuote& q : *quotes) {
    if (!q.speaker.empty()) mentions[q.speaker] += 2;
  }
  std::vector<std::pair<std::string, int64_t>> ranked_people(mentions.begin(), mentions.end());
  std::stable_sort(ranked_people.begin(), ranked_people.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [person_id, n] : ranked_people) {
    if (view.people.size() >= static_cast<size_t>(limits.story_people)) break;
    Result<PersonRecord> p = store.GetPerson(person_id);
    if (p.ok()) view.people.push_back(std::move(*p));
  }
  return view;
}

Result<PersonView> LoadPerson(Store& store, const std::string& id, const Limits& limits) {
  PersonView view;
  Result<PersonRecord> person = store.GetPerson(id);
  if (!person.ok()) return person.status();
  view.person = std::move(*person);
  QuoteQuery query;
  query.speaker = id;
  query.limit = limits.max_quotes;
  Result<std::vector<StoredQuote>> quotes = store.ListQuotes(query);
  if (!quotes.ok()) return quotes.status();
  // The statements on the timeline: not the phrases a report puts in quote marks ("some
  // point"), and one statement once per article (two cues of one sentence: "also said that
  // X, adding that X").
  std::set<std::pair<int64_t, std::string>> said;
  for (StoredQuote& q : *quotes) {
    // The store also matches names containing the words; the page is this person's only.
    if (q.speaker != id || !IsStatement(q.content)) continue;
    if (!said.emplace(q.article_id, q.content).second) continue;
    view.quotes.push_back(std::move(q));
  }
  std::stable_sort(view.quotes.begin(), view.quotes.end(),
                   [](const StoredQuote& a, const StoredQuote& b) {
                     return DateKey(a.published) < DateKey(b.published);
                   });
  std::set<int64_t> seen;
  for (auto it = view.quotes.rbegin(); it != view.quotes.rend(); ++it) {
    if (!it->story_id || !seen.insert(*it->story_id).second) continue;
    Result<Story> story = store.GetStory(*it->story_id);
    if (story.ok()) view.stories.push_back({story->id, story->title});
  }
  return view;
}

Result<ArticleView> LoadArticle(Store& store, int64_t id, const Limits& limits) {
  ArticleView view;
  Result<Article> article = store.Get(id);
  if (!article.ok()) return article.status();
  view.article = std::move(*article);
  Result<std::vector<TextSpan>> summary = store.GetArticleSummary(id);
  if (!summary.ok()) return summary.status();
  view.summary = std::move(*summary);
  Result<std::vector<std::string>> people = store.ArticlePeople(id);
  if (!people.ok()) return people.status();
  for (const std::string& p : *people) {
    Result<PersonRecord> person = store.GetPerson(p);
    if (person.ok()) view.people.push_back(std::move(*person));
  }
  QuoteQuery query;
  query.article_id = id;
  query.limit = limits.max_quotes;
  Result<std::vector<StoredQuote>> quotes = store.ListQuotes(query);
  if (!quotes.ok()) return quotes.status();
  view.quotes = std::move(*quotes);
  if (view.article.story_id) {
    Result<Story> story = store.GetStory(*view.article.story_id);
    if (story.ok()) view.story = StoryRecord{story->id, story->title};
  }
  if (view.article.duplicate_of) {
    Result<Article> original = store.Get(*view.article.duplicate_of);
    if (original.ok()) view.original = StoryRecord{original->id, original->title};
  }
  return view;
}

Result<StoryPage> LatestStories(Store& store, int64_t before, int limit, const std::string& outlet,
                                const Limits& limits) {
  StoryPage page;
  int64_t top = before - 1;  // the largest id this page may show
  if (before <= 0) {
    Result<int64_t> max_id = MaxStoryId(store);
    if (!max_id.ok()) return max_id.status();
    top = *max_id;
  }
  int scanned = 0;
  const int64_t chunk = std::max(limit, 50);
  while (top > 0 && page.stories.size() < static_cast<size_t>(limit)) {
    if (scanned >= limits.max_scan_stories) {
      page.next_before = top + 1;
      return page;
    }
    const int64_t after = std::max<int64_t>(0, top - chunk);
    Result<std::vector<Story>> stories =
        store.ListStories({.after_id = after, .limit = static_cast<int>(top - after)});
    if (!stories.ok()) return stories.status();
    scanned += static_cast<int>(stories->size());
    for (auto it = stories->rbegin(); it != stories->rend(); ++it) {
      if (it->id > top) continue;
      if (!outlet.empty() &&
          std::find(it->outlets.begin(), it->outlets.end(), outlet) == it->outlets.end()) {
        continue;
      }
      if (page.stories.size() >= static_cast<size_t>(limit)) {
        page.next_before = page.stories.back().id;
        break;
      }
      page.stories.push_back(std::move(*it));
    }
    top = after;
  }
  if (!page.next_before && top > 0 && !page.stories.empty()) {
    page.next_before = page.stories.back().id;
  }
  for (Story& s : page.stories) {
    Result<Story> full = store.GetStory(s.id);
    if (!full.ok()) return full.status();
    s.summary = std::move(full->summary);
  }
  return page;
}

Result<std::vector<std::pair<std::string, int64_t>>> Outlets(Store& store) {
  std::map<std::string, int64_t> counts;
  ListOptions list;
  list.limit = 1000;
  for (;;) {
    Result<std::vector<Story>> stories = store.ListStories(list);
    if (!stories.ok()) return stories.status();
    if (stories->empty()) break;
    for (const Story& s : *stories) {
      for (const std::string& o : s.outlets) ++counts[o];
    }
    list.after_id = stories->back().id;
  }
  std::vector<std::pair<std::string, int64_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

Result<std::map<std::string, std::string>> PersonNames(Store& store,
                                                       const std::vector<std::string>& ids) {
  std::map<std::string, std::string> names;
  for (const std::string& id : ids) {
    if (id.empty() || names.count(id)) continue;
    Result<PersonRecord> person = store.GetPerson(id);
    if (!person.ok()) {
      if (person.status().code() == StatusCode::kNotFound) continue;
      return person.status();
    }
    if (!person->name.empty()) names.emplace(id, std::move(person->name));
  }
  return names;
}

Result<search::SearchQuery> ToSearchQuery(const SearchParams& params) {
  search::SearchQuery query;
  query.text = params.q;
  auto filter = [&](std::string_view prefix, const std::string& value) {
    const std::string key = search::FilterKey(value);
    if (key.empty()) return;
    if (!query.text.empty()) query.text += ' ';
    query.text.append(prefix).append(key);
  };
  filter("outlet:", params.outlet);
  filter("person:", params.person);
  filter("speaker:", params.speaker);
  if (params.story > 0) filter("story:", std::to_string(params.story));
  if (!params.month.empty()) {
    int year = 0;
    int month = 0;
    char extra = 0;
    if (params.month.size() != 7 ||
        std::sscanf(params.month.c_str(), "%4d-%2d%c", &year, &month, &extra) != 2 || month < 1 ||
        month > 12 || year < 1) {
      return Status::InvalidArgument("month must be YYYY-MM");
    }
    Timestamp from;
    from.year = year;
    from.month = month;
    from.day = 1;
    Timestamp to = from;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    to.day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    query.from = from;
    query.to = to;
  }
  query.sort = params.by_date ? search::SearchQuery::Sort::kDate
                              : search::SearchQuery::Sort::kRelevance;
  query.offset = params.offset;
  query.limit = params.limit;
  return query;
}

std::string SearchHref(const SearchParams& params) {
  std::string href = "/search?q=" + UrlEncode(params.q);
  if (!params.outlet.empty()) href += "&outlet=" + UrlEncode(params.outlet);
  if (!params.person.empty()) href += "&person=" + UrlEncode(params.person);
  if (!params.speaker.empty()) href += "&speaker=" + UrlEncode(params.speaker);
  if (!params.month.empty()) href += "&month=" + UrlEncode(params.month);
  if (params.story > 0) href += "&story=" + std::to_string(params.story);
  if (params.by_date) href += "&sort=date";
  if (params.offset > 0) href += "&after=" + std::to_string(params.offset);
  return href;
}

}  // namespace storyline::serve

// Any bytes as a search query against a small index: a result or InvalidArgument, never a
// crash or an exception. The same bytes as an article's text to make a snippet of: only our
// <mark> tags are markup, and no more text than the budget is shown.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "search/search.h"
#include "search/snippet.h"

namespace {

// A small index in a temporary directory, built once per process, removed at exit.
struct TempIndex {
  std::filesystem::path dir;
  std::unique_ptr<storyline::search::SearchIndex> index;
  ~TempIndex() {
    index.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

storyline::search::SearchIndex* Index() {
  static TempIndex temp;
  if (!temp.index) {
    TempIndex& t = temp;
    t.dir = std::filesystem::temp_directory_path() /
            ("storyline_search_fuzzer_" + std::to_string(::getpid()));
    const std::filesystem::path& dir = t.dir;
    std::filesystem::remove_all(dir);
    auto opened = storyline::search::SearchIndex::Open(dir.string());
    if (!opened.ok()) std::abort();
    std::vector<storyline::search::IndexedArticle> articles;
    const char* texts[] = {"Kremlin spokesman Dmitry Peskov said a summit in Budapest is possible.",
                           "Rubio said Ukraine needs more Patriot batteries from Europe.",
                           "The Lachin corridor tension is of serious concern, Peskov stated."};
    int64_t id = 1;
    for (const char* text : texts) {
      storyline::search::IndexedArticle a;
      a.article.id = id;
      a.article.title = std::string("Story ") + std::to_string(id);
      a.article.text = text;
      a.article.outlet = id % 2 ? "Sputnik" : "RT";
      a.article.language = "en";
      a.article.story_id = id;
      a.article.content_hash = std::to_string(id);
      a.article.published =
          storyline::Timestamp{2025, 11, static_cast<int>(id), 0, 0, 0, false, {}};
      a.people = {"dmitri-peskov"};
      a.speakers = {"dmitri-peskov"};
      articles.push_back(std::move(a));
      ++id;
    }
    if (!(*opened)->Put(articles).ok()) std::abort();
    t.index = std::move(*opened);
  }
  return temp.index.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  storyline::search::SearchQuery q;
  q.text.assign(reinterpret_cast<const char*>(data), size);
  auto results = Index()->Search(q);
  if (!results.ok() && results.status().code() != storyline::StatusCode::kInvalidArgument) {
    std::abort();
  }
  q.sort = storyline::search::SearchQuery::Sort::kDate;
  (void)Index()->Search(q);

  static storyline::search::StemCache stem(Xapian::Stem("en"));
  static const storyline::search::SnippetTerms terms = [] {
    storyline::search::SnippetTerms t;
    t.AddWord("peskov", 2);
    t.AddStem("summit", 1);
    t.AddWord("\xc3\xa9t\xc3\xa9", 1);  // "été"
    return t;
  }();
  storyline::search::SnippetOptions options;
  options.bytes = 1 + size % 300;
  std::string snippet = storyline::search::MakeSnippet(q.text, terms, &stem, options);
  for (const char* tag : {"<mark>", "</mark>"}) {
    for (size_t at; (at = snippet.find(tag)) != std::string::npos;) {
      snippet.erase(at, std::char_traits<char>::length(tag));
    }
  }
  if (snippet.find_first_of("<>") != std::string::npos) std::abort();
  // Entities and omission marks aside, what is shown comes from the budget.
  size_t shown = 0;
  for (size_t i = 0; i < snippet.size(); ++i) {
    if (snippet.compare(i, 5, "&amp;") == 0) {
      i += 4;
    } else if (snippet.compare(i, 4, "&lt;") == 0 || snippet.compare(i, 4, "&gt;") == 0) {
      i += 3;
    } else if (snippet.compare(i, 3, "\xe2\x80\xa6") == 0) {
      i += 2;
      continue;
    }
    ++shown;
  }
  if (shown > options.bytes) std::abort();
  return 0;
}

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <set>
#include <unordered_map>

#include "pipeline/pipeline.h"
#include "search/search.h"
#include "text/hash.h"
#include "text/utf8.h"
#include "text/language.h"

namespace storyline::pipeline {
namespace {

class Stopwatch {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Articles waiting for the next transaction, with where each came from.
class Batch {
 public:
  void Add(Article article, bool related) {
    related_.push_back(related);
    articles_.push_back(std::move(article));
  }
  size_t size() const { return articles_.size(); }

  // Puts the articles in link order (ids follow it, so a reload replays the same order).
  void Order() {
    const std::vector<size_t> order = LinkOrder(articles_);
    std::vector<Article> articles;
    std::vector<bool> related;
    for (size_t i : order) {
      articles.push_back(std::move(articles_[i]));
      related.push_back(related_[i]);
    }
    articles_ = std::move(articles);
    related_ = std::move(related);
  }

  Status Flush(Store& store, Linker& linker, IngestReport& report,
               const std::function<void(const IngestEvent&)>& on_event) {
    if (articles_.empty()) return Status::Ok();
    Order();
    Result<std::vector<PutResult>> put = store.PutBatch(articles_);
    if (!put.ok()) return put.status();
    std::vector<std::string> sources;
    for (const Article& a : articles_) sources.push_back(a.source_file);
    std::vector<Article> fresh;
    for (size_t i = 0; i < articles_.size(); ++i) {
      const PutResult& r = (*put)[i];
      if (r.outcome == PutOutcome::kNew) {
        fresh.push_back(std::move(articles_[i]));
        fresh.back().id = r.id;
      }
    }
    std::vector<StoryRecord> new_stories;
    linker.Link(fresh, new_stories);
    STORYLINE_RETURN_IF_ERROR(store.SetLinks(new_stories, Linker::LinksOf(fresh)));
    for (size_t i = 0; i < articles_.size(); ++i) {
      const PutResult& r = (*put)[i];
      IngestEvent event;
      event.source = sources[i];
      event.article_id = r.id;
      if (r.outcome == PutOutcome::kNew) {
        event.outcome = IngestOutcome::kNew;
        ++report.stored_new;
      } else {
        event.outcome = IngestOutcome::kAlreadyKnown;
        ++report.already_known;
      }
      if (related_[i]) ++report.related_split;
      if (on_event) on_event(event);
    }
    articles_.clear();
    related_.clear();
    return Status::Ok();
  }

  // The dedup and story decisions for the batch without a store: ids are `next_id`, ...
  void LinkInMemory(Linker& linker, int64_t& next_id, std::vector<Article>& out) {
    Order();
    for (Article& a : articles_) a.id = next_id++;
    std::vector<StoryRecord> new_stories;
    linker.Link(articles_, new_stories);
    for (Article& a : articles_) out.push_back(std::move(a));
    articles_.clear();
    related_.clear();
  }

 private:
  std::vector<Article> articles_;
  std::vector<bool> related_;
};

}  // namespace

std::vector<Article> RelatedArticles(const extract::Extraction& page, size_t min_words) {
  std::vector<Article> out;
  size_t n = 0;
  for (const RelatedItem& item : page.related) {
    ++n;
    if (item.title.empty() || text::CountWords(item.text) < min_words) continue;
    Article a;
    a.source_file = page.article.source_file + "#related-" + std::to_string(n);
    a.title = item.title;
    a.outlet = item.outlet;
    a.url = item.url;
    a.published = item.published;
    a.paragraphs = {item.text};
    a.text = item.text;
    a.content_hash = text::ContentHash(a.text);
    a.language = text::DetectLanguage(a.text);
    out.push_back(std::move(a));
  }
  return out;
}

DocumentSource InputsSource(const std::vector<std::string>& inputs,
                            const read::ReadOptions& options) {
  return [&inputs, options](const read::DocumentSink& sink) {
    read::ReadInputs(inputs, options, sink);
  };
}

void ExtractInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const std::function<void(PageResult)>& sink) {
  ExtractDocuments(InputsSource(inputs, options.read), options, sink);
}

void ExtractDocuments(const DocumentSource& source, const PipelineOptions& options,
                      const std::function<void(PageResult)>& sink) {
  source([&](Result<read::Document> doc) {
    if (!doc.ok()) {
      // The reader's message starts with the input's name; keep the name apart too.
      const std::string& m = doc.status().message();
      sink(PageResult{m.substr(0, m.find(": ")), doc.status()});
      return;
    }
    sink(PageResult{doc->source, extract::Extract(*doc, options.extract)});
  });
}

Result<IngestReport> Ingest(Store& store, const std::vector<std::string>& inputs,
                            const PipelineOptions& options,
                            const std::function<void(const IngestEvent&)>& on_event) {
  return IngestDocuments(store, InputsSource(inputs, options.read), options, on_event);
}

Result<IngestReport> IngestDocuments(Store& store, const DocumentSource& source,
                                     const PipelineOptions& options,
                                     const std::function<void(const IngestEvent&)>& on_event) {
  IngestReport report;
  Linker linker(options.link);
  STORYLINE_RETURN_IF_ERROR(linker.LoadFrom(store));
  Batch batch;
  Status fatal;
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  Stopwatch clock;
  // Time inside the sink is extraction's until the batch flush, whose time is storing's; the
  // rest of the source's time is reading's (or fetching's).
  double in_sink = 0;
  ExtractDocuments(source, options, [&](PageResult page) {
    const Stopwatch sink_clock;
    struct Account {
      const Stopwatch& c;
      double& total;
      ~Account() { total += c.Seconds(); }
    } account{sink_clock, in_sink};
    if (!fatal.ok()) return;
    if (!page.extraction.ok()) {
      ++report.rejected;
      if (on_event) {
        on_event(IngestEvent{page.source, IngestOutcome::kRejected, 0, page.extraction.status()});
      }
      return;
    }
    extract::Extraction& e = *page.extraction;
    if (e.kind != extract::PageKind::kArticle) {
      ++report.rejected;
      if (on_event) {
        on_event(IngestEvent{
            page.source, IngestOutcome::kRejected, 0,
            Status::BadInput(page.source + ": a " + std::string(extract::PageKindName(e.kind)) +
                             " page, not an article")});
      }
      return;
    }
    ++report.read;
    std::vector<Article> related;
    if (options.split_related) related = RelatedArticles(e, options.related_min_words);
    batch.Add(std::move(e.article), false);
    for (Article& a : related) batch.Add(std::move(a), true);
    if (batch.size() >= batch_size) {
      const Stopwatch flush_clock;
      fatal = batch.Flush(store, linker, report, on_event);
      report.times.store_link_s += flush_clock.Seconds();
    }
  });
  {
    const Stopwatch flush_clock;
    if (fatal.ok()) fatal = batch.Flush(store, linker, report, on_event);
    report.times.store_link_s += flush_clock.Seconds();
  }
  report.times.extract_s += in_sink - report.times.store_link_s;
  report.times.read_s += clock.Seconds() - in_sink;
  if (!fatal.ok()) return fatal;
  std::vector<int64_t> analyzed;
  if (options.analyze) {
    const Stopwatch analyze_clock;
    STORYLINE_RETURN_IF_ERROR(AnalyzePending(store, options, report, &analyzed));
    report.times.analyze_s += analyze_clock.Seconds();
  }
  const Stopwatch index_clock;
  struct IndexAccount {
    const Stopwatch& c;
    double& total;
    ~IndexAccount() { total += c.Seconds(); }
  } index_account{index_clock, report.times.index_s};
  if (options.index && !analyzed.empty()) {
    Result<std::unique_ptr<search::SearchIndex>> index =
        search::SearchIndex::Open(SearchIndexDir(store));
    if (!index.ok()) return index.status().WithContext("opening the search index");
    for (size_t i = 0; i < analyzed.size(); i += 500) {
      const std::vector<int64_t> page(analyzed.begin() + static_cast<std::ptrdiff_t>(i),
                                      analyzed.begin() + static_cast<std::ptrdiff_t>(
                                                             std::min(analyzed.size(), i + 500)));
      STORYLINE_RETURN_IF_ERROR(search::IndexArticles(store, **index, page));
      report.indexed += page.size();
    }
  }
  return report;
}

std::string SearchIndexDir(const Store& store) { return store.directory() + "/search"; }

Result<std::vector<summarize::StoryArticle>> StoryArticles(Store& store, int64_t story_id,
                                                          const PipelineOptions& options) {
  Result<Story> story = store.GetStory(story_id);
  if (!story.ok()) return story.status();
  std::vector<summarize::StoryArticle> out;
  for (int64_t id : story->article_ids) {
    if (out.size() >= options.max_story_summary_articles) break;
    Result<Article> a = store.Get(id);
    if (!a.ok()) return a.status();
    if (a->duplicate_of && a->relation != "rewrite") continue;  // a copy adds nothing
    summarize::StoryArticle sa;
    sa.text = std::move(a->text);
    sa.title = std::move(a->title);
    sa.outlet = std::move(a->outlet);
    sa.source_file = std::to_string(id);  // the article id: summary lines point back to it
    QuoteQuery query;
    query.article_id = id;
    Result<std::vector<StoredQuote>> quotes = store.ListQuotes(query);
    if (!quotes.ok()) return quotes.status();
    for (const StoredQuote& q : *quotes) {
      QuoteRecord r;
      r.content = {q.content_begin, q.content_end, q.content, {}};
      r.speaker = q.speaker;
      r.speaker_name = q.speaker_name;
      r.direct = q.direct;
      sa.quotes.push_back(std::move(r));
    }
    out.push_back(std::move(sa));
  }
  return out;
}

Status AnalyzePending(Store& store, const PipelineOptions& options, IngestReport& report,
                      std::vector<int64_t>* analyzed_ids) {
  std::optional<people::Analyzer> analyzer;
  std::set<int64_t> touched;
  const int batch = static_cast<int>(std::clamp<size_t>(options.batch_size, 1, 1000));
  for (;;) {
    Result<std::vector<int64_t>> ids = store.UnanalyzedArticles(batch);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    if (!analyzer) {
      Result<people::Analyzer> loaded = people::Analyzer::Default();
      if (!loaded.ok()) return loaded.status();
      analyzer.emplace(std::move(*loaded));
    }
    std::vector<std::pair<int64_t, ArticleAnalysis>> done;
    for (int64_t id : *ids) {
      Result<Article> article = store.Get(id);
      if (!article.ok()) return article.status();
      Result<ArticleAnalysis> analysis = analyzer->Analyze(article->text, options.analysis);
      done.emplace_back(id, analysis.ok() ? std::move(*analysis) : ArticleAnalysis{});
      for (const summarize::SummarySentence& s :
           summarize::SummarizeArticle(article->text, options.summary).sentences) {
        done.back().second.summary.push_back({s.begin, s.end, s.text, {}});
      }
      report.quotes += done.back().second.quotes.size();
      if (article->story_id) touched.insert(*article->story_id);
    }
    STORYLINE_RETURN_IF_ERROR(store.PutAnalyses(done));
    report.analyzed += done.size();
    if (analyzed_ids) {
      for (const auto& [id, analysis] : done) analyzed_ids->push_back(id);
    }
  }
  // The stories that grew: their summaries again, from all their articles.
  std::vector<std::pair<int64_t, std::vector<SummaryLine>>> summaries;
  for (int64_t story_id : touched) {
    Result<std::vector<summarize::StoryArticle>> articles = StoryArticles(store, story_id, options);
    if (!articles.ok()) return articles.status();
    std::vector<SummaryLine> lines;
    for (const summarize::SummarySentence& s :
         summarize::SummarizeStory(*articles, options.story_summary).sentences) {
      if (s.article >= articles->size()) continue;
      const std::string& id = (*articles)[s.article].source_file;
      int64_t article_id = 0;
      std::from_chars(id.data(), id.data() + id.size(), article_id);
      lines.push_back({article_id, s.outlet, s.text});
    }
    summaries.emplace_back(story_id, std::move(lines));
  }
  return store.PutStorySummaries(summaries);
}

Result<StoryCoverage> CompareStoryCoverage(Store& store, int64_t story_id,
                                           const PipelineOptions& options) {
  Result<std::vector<summarize::StoryArticle>> articles = StoryArticles(store, story_id, options);
  if (!articles.ok()) return articles.status();
  StoryCoverage out;
  for (const summarize::StoryArticle& a : *articles) {
    int64_t id = 0;
    std::from_chars(a.source_file.data(), a.source_file.data() + a.source_file.size(), id);
    out.article_ids.push_back(id);
  }
  out.coverage = summarize::CompareCoverage(*articles);
  return out;
}

Status SummarizeInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                       const SummarizeOptions& how,
                       const std::function<void(std::vector<std::string> sources,
                                                Result<summarize::StorySummary>)>& sink) {
  std::optional<people::Analyzer> analyzer;
  if (how.together) {
    Result<people::Analyzer> loaded = people::Analyzer::Default();
    if (!loaded.ok()) return loaded.status();
    analyzer.emplace(std::move(*loaded));
  }
  std::vector<summarize::StoryArticle> story;
  std::vector<std::string> sources;
  ExtractInputs(inputs, options, [&](PageResult page) {
    if (!page.extraction.ok()) {
      sink({page.source}, page.extraction.status());
      return;
    }
    Article& a = page.extraction->article;
    if (!how.together) {
      summarize::StorySummary one;
      one.sentences = summarize::SummarizeArticle(a.text, how.summary).sentences;
      for (summarize::SummarySentence& s : one.sentences) {
        s.source_file = a.source_file;
        s.outlet = a.outlet;
      }
      sink({a.source_file}, std::move(one));
      return;
    }
    summarize::StoryArticle sa;
    if (Result<ArticleAnalysis> analysis = analyzer->Analyze(a.text, options.analysis);
        analysis.ok()) {
      sa.quotes = std::move(analysis->quotes);
    }
    sa.text = std::move(a.text);
    sa.title = std::move(a.title);
    sa.outlet = std::move(a.outlet);
    sa.source_file = a.source_file;
    sources.push_back(a.source_file);
    story.push_back(std::move(sa));
  });
  if (how.together && !story.empty()) {
    sink(std::move(sources), summarize::SummarizeStory(story, how.summary));
  }
  return Status::Ok();
}

Status AnalyzeInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                     bool plain, const std::function<void(AnalyzedPage)>& sink) {
  Result<people::Analyzer> analyzer = people::Analyzer::Default();
  if (!analyzer.ok()) return analyzer.status();
  std::vector<AnalyzedPage> pages;
  auto analyze = [&](AnalyzedPage page) {
    if (page.extraction.ok()) {
      page.analysis = analyzer->Analyze(page.extraction->article.text, options.analysis);
      if (!page.analysis.ok()) page.analysis = page.analysis.status().WithContext(page.source);
    }
    pages.push_back(std::move(page));
  };
  if (plain) {
    read::ReadOptions read = options.read;
    read.format = read::Format::kText;
    read::ReadInputs(inputs, read, [&](Result<read::Document> doc) {
      if (!doc.ok()) {
        const std::string& m = doc.status().message();
        analyze(AnalyzedPage{m.substr(0, m.find(": ")), doc.status()});
        return;
      }
      extract::Extraction e;
      e.article.source_file = doc->source;
      e.article.text = doc->content;
      e.article.language = text::DetectLanguage(e.article.text);
      analyze(AnalyzedPage{doc->source, std::move(e)});
    });
  } else {
    ExtractInputs(inputs, options, [&](PageResult page) {
      analyze(AnalyzedPage{std::move(page.source), std::move(page.extraction)});
    });
  }
  std::vector<ArticleAnalysis*> analyses;
  for (AnalyzedPage& page : pages) {
    if (page.analysis.ok()) analyses.push_back(&*page.analysis);
  }
  people::LinkSurnames(std::move(analyses));
  for (AnalyzedPage& page : pages) sink(std::move(page));
  return Status::Ok();
}

}  // namespace storyline::pipeline

namespace storyline::pipeline {

void ClusterInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const std::function<void(ClusterResult)>& sink) {
  // Everything is kept until the end: the results are printed in input order, while
  // linking happens batch by batch in link order, as in Ingest.
  struct Slot {
    std::string source;
    Status error;
    std::vector<std::string> keys;  // source_file of each article from this input
  };
  std::vector<Slot> slots;
  std::vector<Article> linked;
  Linker linker(options.link);
  Batch batch;
  int64_t next_id = 1;
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  ExtractInputs(inputs, options, [&](PageResult page) {
    Slot slot;
    slot.source = page.source;
    if (!page.extraction.ok()) {
      slot.error = page.extraction.status();
    } else if (page.extraction->kind != extract::PageKind::kArticle) {
      slot.error = Status::BadInput(page.source + ": a " +
                                    std::string(extract::PageKindName(page.extraction->kind)) +
                                    " page, not an article");
    } else {
      extract::Extraction& e = *page.extraction;
      std::vector<Article> related;
      if (options.split_related) related = RelatedArticles(e, options.related_min_words);
      slot.keys.push_back(e.article.source_file);
      batch.Add(std::move(e.article), false);
      for (Article& a : related) {
        slot.keys.push_back(a.source_file);
        batch.Add(std::move(a), true);
      }
      if (batch.size() >= batch_size) batch.LinkInMemory(linker, next_id, linked);
    }
    slots.push_back(std::move(slot));
  });
  batch.LinkInMemory(linker, next_id, linked);

  std::unordered_map<std::string, size_t> by_source;
  for (size_t i = 0; i < linked.size(); ++i) by_source.emplace(linked[i].source_file, i);
  for (Slot& slot : slots) {
    if (!slot.error.ok()) {
      sink(ClusterResult{slot.source, slot.error});
      continue;
    }
    for (const std::string& key : slot.keys) {
      auto it = by_source.find(key);
      if (it == by_source.end()) continue;
      sink(ClusterResult{key, linked[it->second]});
    }
  }
}

}  // namespace storyline::pipeline

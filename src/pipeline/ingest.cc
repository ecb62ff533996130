#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

#include <xxhash.h>

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
  // The dedup and story indexes are loaded from the store when the first article needs them
  // (a run that brings nothing, such as a feed poll answered 304, costs no load).
  Linker linker(options.link);
  bool linker_loaded = false;
  Batch batch;
  Status fatal;
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  auto flush = [&] {
    if (batch.size() == 0) return;
    const Stopwatch flush_clock;
    if (!linker_loaded) {
      fatal = linker.LoadFrom(store);
      linker_loaded = true;
    }
    if (fatal.ok()) fatal = batch.Flush(store, linker, report, on_event);
    report.times.store_link_s += flush_clock.Seconds();
  };
  // The source's own time is reading's (or fetching's); the time of each document's trip
  // through extraction and the batch is extraction's, less the flushes (storing's).
  const Stopwatch clock;
  double in_sink = 0;
  const DocumentSource timed = [&](const read::DocumentSink& sink) {
    source([&](Result<read::Document> doc) {
      const Stopwatch sink_clock;
      sink(std::move(doc));
      in_sink += sink_clock.Seconds();
    });
  };
  ExtractDocuments(timed, options, [&](PageResult page) {
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
    if (batch.size() >= batch_size) flush();
  });
  report.times.extract_s = in_sink - report.times.store_link_s;
  report.times.read_s = clock.Seconds() - in_sink;
  if (fatal.ok()) flush();
  if (!fatal.ok()) return fatal;
  std::vector<int64_t> analyzed;
  if (options.analyze) {
    const Stopwatch analyze_clock;
    STORYLINE_RETURN_IF_ERROR(AnalyzePending(store, options, report, &analyzed));
    report.times.analyze_s = analyze_clock.Seconds();
  }
  if (options.index && !analyzed.empty()) {
    const Stopwatch index_clock;
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
    report.times.index_s = index_clock.Seconds();
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
  STORYLINE_RETURN_IF_ERROR(store.PutStorySummaries(summaries));
  return StoreStoryCoverage(store, std::vector<int64_t>(touched.begin(), touched.end()), options);
}

namespace {

// --- Stored coverage: summarize::CompareCoverage is a pure function of a story's articles
// (StoryArticles) and the CoverageOptions, so its result is stored at ingest with a
// fingerprint of those inputs, and read back while the story's inputs still match it.

// Bump when summarize::CompareCoverage or the encoding below changes what it gives for the
// same inputs: stored coverage of another version is then recomputed, never shown.
constexpr std::string_view kCoverageVersion = "coverage-1";

// XXH3-128 of the fields added, each length-prefixed so that fields cannot run together.
class Fingerprint {
 public:
  void Add(std::string_view bytes) {
    Add(static_cast<uint64_t>(bytes.size()));
    bytes_ += bytes;
  }
  void Add(uint64_t n) { bytes_.append(reinterpret_cast<const char*>(&n), sizeof n); }
  void Add(double x) { bytes_.append(reinterpret_cast<const char*>(&x), sizeof x); }
  std::string Hex() const {
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes_.data(), bytes_.size()));
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : canonical.digest) {
      out += kDigits[byte >> 4];
      out += kDigits[byte & 15];
    }
    return out;
  }

 private:
  std::string bytes_;
};

void AddSpan(Fingerprint& f, const TextSpan& span) {
  f.Add(static_cast<uint64_t>(span.begin));
  f.Add(static_cast<uint64_t>(span.end));
  f.Add(span.text);
  f.Add(static_cast<uint64_t>(span.fragments.size()));
  for (const auto& [b, e] : span.fragments) {
    f.Add(static_cast<uint64_t>(b));
    f.Add(static_cast<uint64_t>(e));
  }
}

// Everything CompareCoverage reads: the version, the options and every field of the inputs.
std::string CoverageInputs(const std::vector<summarize::StoryArticle>& articles,
                           const summarize::CoverageOptions& options) {
  Fingerprint f;
  f.Add(kCoverageVersion);
  f.Add(options.counterpart_similarity);
  f.Add(options.align_similarity);
  f.Add(static_cast<uint64_t>(options.max_phrase_tokens));
  f.Add(static_cast<uint64_t>(options.max_sentences_in));
  f.Add(static_cast<uint64_t>(options.max_story_sentences));
  f.Add(static_cast<uint64_t>(articles.size()));
  for (const summarize::StoryArticle& a : articles) {
    f.Add(a.text);
    f.Add(a.title);
    f.Add(a.outlet);
    f.Add(a.source_file);
    f.Add(static_cast<uint64_t>(a.quotes.size()));
    for (const QuoteRecord& q : a.quotes) {
      AddSpan(f, q.content);
      f.Add(static_cast<uint64_t>(q.cue.has_value()));
      if (q.cue) AddSpan(f, *q.cue);
      f.Add(static_cast<uint64_t>(q.source.has_value()));
      if (q.source) AddSpan(f, *q.source);
      f.Add(q.speaker);
      f.Add(q.speaker_name);
      f.Add(static_cast<uint64_t>(q.direct));
    }
  }
  return std::string(kCoverageVersion) + ":" + f.Hex();
}

// The encoding: every field in order, numbers as "<decimal>;" (doubles in their shortest
// round-trip form) and strings as "<length>:<bytes>", so that decoding gives back exactly what
// was encoded, whatever bytes the text holds, without building a document tree.
class CoverageWriter {
 public:
  void Number(uint64_t n) { Chars(n, ';'); }
  void Number(double x) { Chars(x, ';'); }
  void Flag(bool b) { Number(uint64_t{b}); }
  void Text(std::string_view s) {
    Chars(uint64_t{s.size()}, ':');
    out_ += s;
  }
  void Span(const TextSpan& s) {
    Number(uint64_t{s.begin});
    Number(uint64_t{s.end});
    Text(s.text);
    Number(uint64_t{s.fragments.size()});
    for (const auto& [b, e] : s.fragments) {
      Number(uint64_t{b});
      Number(uint64_t{e});
    }
  }
  void OptionalSpan(const std::optional<TextSpan>& s) {
    Flag(s.has_value());
    if (s) Span(*s);
  }
  std::string Take() { return std::move(out_); }

 private:
  template <typename T>
  void Chars(T value, char terminator) {
    char buffer[32];  // enough for any uint64_t or double
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
    out_ += terminator;
  }
  std::string out_;
};

// Reads what CoverageWriter wrote; any malformed input sets failed() (and reads give zeros).
class CoverageReader {
 public:
  explicit CoverageReader(std::string_view in) : in_(in) {}
  bool failed() const { return failed_; }
  bool done() const { return in_.empty(); }

  uint64_t Number() { return Chars<uint64_t>(';'); }
  size_t Size() { return static_cast<size_t>(Number()); }
  double Double() { return Chars<double>(';'); }
  bool Flag() { return Number() != 0; }
  std::string Text() {
    const uint64_t n = Chars<uint64_t>(':');
    if (failed_ || n > in_.size()) return Fail(), std::string();
    std::string out(in_.substr(0, static_cast<size_t>(n)));
    in_.remove_prefix(static_cast<size_t>(n));
    return out;
  }
  // A count of items that each take at least one byte: never more than what is left.
  size_t Count() {
    const uint64_t n = Number();
    if (n > in_.size()) return Fail(), 0;
    return static_cast<size_t>(n);
  }
  TextSpan Span() {
    TextSpan s;
    s.begin = Size();
    s.end = Size();
    s.text = Text();
    for (size_t i = Count(); i > 0 && !failed_; --i) {
      const size_t b = Size();
      s.fragments.emplace_back(b, Size());
    }
    return s;
  }
  std::optional<TextSpan> OptionalSpan() {
    if (!Flag()) return std::nullopt;
    return Span();
  }

 private:
  void Fail() {
    failed_ = true;
    in_ = {};
  }
  template <typename T>
  T Chars(char terminator) {
    T value{};
    const size_t end = in_.find(terminator);
    if (failed_ || end == std::string_view::npos) return Fail(), T{};
    const auto [stop, ec] = std::from_chars(in_.data(), in_.data() + end, value);
    if (ec != std::errc() || stop != in_.data() + end) return Fail(), T{};
    in_.remove_prefix(end + 1);
    return value;
  }
  std::string_view in_;
  bool failed_ = false;
};

void WriteSentence(CoverageWriter& w, const summarize::SummarySentence& s) {
  w.Text(s.text);
  w.Number(uint64_t{s.begin});
  w.Number(uint64_t{s.end});
  w.Number(uint64_t{s.article});
  w.Text(s.outlet);
  w.Text(s.source_file);
  w.Number(s.score);
  w.Number(uint64_t{s.also_in.size()});
  for (size_t a : s.also_in) w.Number(uint64_t{a});
  w.Text(s.speaker);
}

summarize::SummarySentence ReadSentence(CoverageReader& r) {
  summarize::SummarySentence s;
  s.text = r.Text();
  s.begin = r.Size();
  s.end = r.Size();
  s.article = r.Size();
  s.outlet = r.Text();
  s.source_file = r.Text();
  s.score = r.Double();
  for (size_t i = r.Count(); i > 0 && !r.failed(); --i) s.also_in.push_back(r.Size());
  s.speaker = r.Text();
  return s;
}

std::string EncodeCoverage(const StoryCoverage& c) {
  CoverageWriter w;
  w.Number(uint64_t{c.article_ids.size()});
  for (int64_t id : c.article_ids) w.Number(static_cast<uint64_t>(id));
  w.Number(uint64_t{c.coverage.outlets.size()});
  for (const summarize::OutletCoverage& o : c.coverage.outlets) {
    w.Number(uint64_t{o.article});
    w.Text(o.outlet);
    w.Text(o.source_file);
    w.Number(uint64_t{o.only_here.size()});
    for (const summarize::SummarySentence& s : o.only_here) WriteSentence(w, s);
    w.Number(uint64_t{o.quotes.size()});
    for (const summarize::OutletQuote& q : o.quotes) {
      w.Span(q.quote.content);
      w.OptionalSpan(q.quote.cue);
      w.OptionalSpan(q.quote.source);
      w.Text(q.quote.speaker);
      w.Text(q.quote.speaker_name);
      w.Flag(q.quote.direct);
      w.Flag(q.only_here);
    }
  }
  w.Number(uint64_t{c.coverage.wording.size()});
  for (const summarize::WordingDifference& d : c.coverage.wording) {
    w.Text(d.a);
    w.Text(d.b);
    w.Number(uint64_t{d.article_a});
    w.Number(uint64_t{d.article_b});
    w.Number(uint64_t{d.count});
    w.Text(d.example_a);
    w.Text(d.example_b);
  }
  return w.Take();
}

// nullopt when `encoded` is not what EncodeCoverage writes: the caller computes it instead.
std::optional<StoryCoverage> DecodeCoverage(std::string_view encoded) {
  CoverageReader r(encoded);
  StoryCoverage c;
  for (size_t i = r.Count(); i > 0 && !r.failed(); --i) {
    c.article_ids.push_back(static_cast<int64_t>(r.Number()));
  }
  for (size_t i = r.Count(); i > 0 && !r.failed(); --i) {
    summarize::OutletCoverage o;
    o.article = r.Size();
    o.outlet = r.Text();
    o.source_file = r.Text();
    for (size_t k = r.Count(); k > 0 && !r.failed(); --k) o.only_here.push_back(ReadSentence(r));
    for (size_t k = r.Count(); k > 0 && !r.failed(); --k) {
      summarize::OutletQuote q;
      q.quote.content = r.Span();
      q.quote.cue = r.OptionalSpan();
      q.quote.source = r.OptionalSpan();
      q.quote.speaker = r.Text();
      q.quote.speaker_name = r.Text();
      q.quote.direct = r.Flag();
      q.only_here = r.Flag();
      o.quotes.push_back(std::move(q));
    }
    c.coverage.outlets.push_back(std::move(o));
  }
  for (size_t i = r.Count(); i > 0 && !r.failed(); --i) {
    summarize::WordingDifference d;
    d.a = r.Text();
    d.b = r.Text();
    d.article_a = r.Size();
    d.article_b = r.Size();
    d.count = r.Size();
    d.example_a = r.Text();
    d.example_b = r.Text();
    c.coverage.wording.push_back(std::move(d));
  }
  if (r.failed() || !r.done()) return std::nullopt;
  return c;
}

StoryCoverage ComputeCoverage(const std::vector<summarize::StoryArticle>& articles,
                              const summarize::CoverageOptions& options) {
  StoryCoverage out;
  for (const summarize::StoryArticle& a : articles) {
    int64_t id = 0;
    std::from_chars(a.source_file.data(), a.source_file.data() + a.source_file.size(), id);
    out.article_ids.push_back(id);
  }
  out.coverage = summarize::CompareCoverage(articles, options);
  return out;
}

}  // namespace

Result<StoryCoverage> CompareStoryCoverage(Store& store, int64_t story_id,
                                           const PipelineOptions& options) {
  Result<std::vector<summarize::StoryArticle>> articles = StoryArticles(store, story_id, options);
  if (!articles.ok()) return articles.status();
  const summarize::CoverageOptions coverage_options;
  Result<std::optional<StoredCoverage>> stored = store.GetStoryCoverage(story_id);
  if (!stored.ok()) return stored.status();
  if (*stored && (*stored)->inputs == CoverageInputs(*articles, coverage_options)) {
    if (std::optional<StoryCoverage> decoded = DecodeCoverage((*stored)->coverage)) {
      return std::move(*decoded);
    }
  }
  return ComputeCoverage(*articles, coverage_options);
}

Status StoreStoryCoverage(Store& store, const std::vector<int64_t>& story_ids,
                          const PipelineOptions& options) {
  const summarize::CoverageOptions coverage_options;
  std::vector<std::pair<int64_t, StoredCoverage>> out;
  for (int64_t story_id : story_ids) {
    Result<std::vector<summarize::StoryArticle>> articles = StoryArticles(store, story_id, options);
    if (!articles.ok()) return articles.status();
    out.emplace_back(story_id,
                     StoredCoverage{CoverageInputs(*articles, coverage_options),
                                    EncodeCoverage(ComputeCoverage(*articles, coverage_options))});
  }
  return store.PutStoryCoverage(out);
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

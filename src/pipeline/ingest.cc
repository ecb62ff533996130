#include <algorithm>

#include "pipeline/pipeline.h"
#include "text/hash.h"
#include "text/language.h"

namespace storyline::pipeline {
namespace {

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = c == ' ' || c == '\n';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// Pages waiting for the next transaction, with where each came from.
class Batch {
 public:
  void Add(Article article, bool related) {
    related_.push_back(related);
    articles_.push_back(std::move(article));
  }
  size_t size() const { return articles_.size(); }

  Status Flush(Store& store, IngestReport& report,
               const std::function<void(const IngestEvent&)>& on_event) {
    if (articles_.empty()) return Status::Ok();
    Result<std::vector<PutResult>> put = store.PutBatch(articles_);
    if (!put.ok()) return put.status();
    for (size_t i = 0; i < articles_.size(); ++i) {
      const PutResult& r = (*put)[i];
      IngestEvent event;
      event.source = articles_[i].source_file;
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
    if (item.title.empty() || CountWords(item.text) < min_words) continue;
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

void ExtractInputs(const std::vector<std::string>& inputs, const PipelineOptions& options,
                   const std::function<void(PageResult)>& sink) {
  read::ReadInputs(inputs, options.read, [&](Result<read::Document> doc) {
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
  IngestReport report;
  Batch batch;
  Status fatal;
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  ExtractInputs(inputs, options, [&](PageResult page) {
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
        on_event(IngestEvent{page.source, IngestOutcome::kRejected, 0,
                             Status::BadInput(page.source + ": a " +
                                              std::string(extract::PageKindName(e.kind)) +
                                              " page, not an article")});
      }
      return;
    }
    ++report.read;
    std::vector<Article> related;
    if (options.split_related) related = RelatedArticles(e, options.related_min_words);
    batch.Add(std::move(e.article), false);
    for (Article& a : related) batch.Add(std::move(a), true);
    if (batch.size() >= batch_size) fatal = batch.Flush(store, report, on_event);
  });
  if (fatal.ok()) fatal = batch.Flush(store, report, on_event);
  if (!fatal.ok()) return fatal;
  return report;
}

}  // namespace storyline::pipeline

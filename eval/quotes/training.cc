#include "eval/quotes/training.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <optional>
#include <random>

#include "eval/quotes/quotes_eval.h"
#include "eval/quotes/scorer.h"
#include "quotes/document.h"
#include "quotes/model.h"

namespace storyline::eval::quotes {

namespace {

double Ratio(size_t a, size_t b) {
  return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

namespace detail = storyline::quotes::detail;
using detail::CueSpan;
using detail::Document;
using detail::Tag;
using detail::TokenSpan;

// Tokens overlapping the trimmed extent of `span`; for a span of punctuation only (a
// colon cue: "Pence: ..."), the tokens of its untrimmed extent.
std::optional<TokenSpan> TokensOf(const Document& doc, const storyline::quotes::Span& span) {
  Extent e = Trimmed(doc.text, span);
  if (e.begin >= e.end) e = {span.begin(), span.end()};
  if (e.begin >= e.end) return std::nullopt;
  auto first = std::upper_bound(doc.tokens.begin(), doc.tokens.end(), e.begin,
                                [](size_t at, const nlp::Token& t) { return at < t.end; });
  if (first == doc.tokens.end() || first->begin >= e.end) return std::nullopt;
  auto last = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), e.end,
                               [](const nlp::Token& t, size_t at) { return t.begin < at; });
  TokenSpan span_tokens;
  span_tokens.first = static_cast<size_t>(first - doc.tokens.begin());
  span_tokens.last = static_cast<size_t>(last - doc.tokens.begin()) - 1;
  return span_tokens;
}

struct Instance {
  CueSpan cue;
  std::optional<TokenSpan> source;
  bool source_ok = false;
  TokenSpan content;
  bool content_ok = false;
};

struct Example {
  Document doc;
  std::vector<Tag> tags;
  std::vector<Instance> instances;
};

struct Coverage {
  size_t attributions = 0, cue_mapped = 0, source_gold = 0, source_reachable = 0,
         content_reachable = 0, null_source = 0;
};

Example MakeExample(const AnnotatedText& t, const TrainOptions& options,
                    const detail::SpanLimits& limits, Coverage& coverage) {
  Example ex;
  ex.doc = detail::Prepare(t.text, options.max_sentence_tokens);
  ex.tags.assign(ex.doc.tokens.size(), Tag::kO);
  for (const GoldAttribution& a : t.attributions) {
    ++coverage.attributions;
    std::optional<TokenSpan> cue = TokensOf(ex.doc, a.cue);
    if (!cue) continue;
    ++coverage.cue_mapped;
    for (size_t i = cue->first; i <= cue->last; ++i) {
      bool starts = i == cue->first || ex.doc.info[i].sentence != ex.doc.info[i - 1].sentence;
      if (ex.tags[i] == Tag::kO) ex.tags[i] = starts ? Tag::kB : Tag::kI;
    }
    // Span training sees the cue as the tagger finds it: within one sentence.
    Instance in;
    in.cue = {cue->first, cue->last + 1};
    while (in.cue.end - 1 > in.cue.first &&
           ex.doc.info[in.cue.end - 1].sentence != ex.doc.info[in.cue.first].sentence) {
      --in.cue.end;
    }
    if (a.source) {
      in.source = TokensOf(ex.doc, *a.source);
      ++coverage.source_gold;
    } else {
      ++coverage.null_source;
    }
    in.source_ok = (a.source.has_value() == in.source.has_value()) &&
                   detail::Reachable(ex.doc, in.cue, detail::Role::kSource, in.source, limits);
    coverage.source_reachable += in.source_ok && in.source.has_value();
    std::optional<TokenSpan> content = TokensOf(ex.doc, a.content);
    if (content) {
      in.content = *content;
      in.content_ok = detail::Reachable(ex.doc, in.cue, detail::Role::kContent, content, limits);
    }
    coverage.content_reachable += in.content_ok;
    ex.instances.push_back(in);
  }
  return ex;
}

// One averaged perceptron, documents shuffled each epoch with `seed`; dev scored per epoch.
Result<detail::Weights> TrainOne(const std::vector<Example>& examples,
                                 const std::vector<AnnotatedText>& dev, const TrainOptions& options,
                                 uint32_t seed, const detail::SpanLimits& limits,
                                 const storyline::quotes::QuoteOptions& find_options,
                                 std::ostream& log) {
  detail::Weights weights(options.table_bits);
  detail::AveragedTrainer trainer(weights);
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937 rng(seed);
  for (size_t epoch = 1; epoch <= options.epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    std::shuffle(order.begin(), order.end(), rng);
    size_t sentences = 0, cue_errors = 0, spans = 0, source_errors = 0, content_errors = 0;
    for (size_t k : order) {
      const Example& ex = examples[k];
      for (const nlp::Sentence& s : ex.doc.sentences) {
        std::vector<Tag> gold(ex.tags.begin() + static_cast<ptrdiff_t>(s.first_token),
                              ex.tags.begin() + static_cast<ptrdiff_t>(s.end_token));
        ++sentences;
        cue_errors += detail::TrainCues(trainer, weights, ex.doc, s, gold);
      }
      for (const Instance& in : ex.instances) {
        ++spans;
        if (in.content_ok) {
          content_errors += detail::TrainSpan(trainer, weights, ex.doc, in.cue,
                                              detail::Role::kContent, in.content, limits);
        }
        if (in.source_ok) {
          source_errors += detail::TrainSpan(trainer, weights, ex.doc, in.cue,
                                             detail::Role::kSource, in.source, limits);
        }
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    log << fmt::format(
        "epoch {}: {:.1f}s; training errors: cue sentences {:.3f}, sources {:.3f}, "
        "contents {:.3f}\n",
        epoch, seconds, Ratio(cue_errors, sentences), Ratio(source_errors, spans),
        Ratio(content_errors, spans));
    if (!dev.empty()) {
      auto finder = storyline::quotes::QuoteFinder::FromBytes(trainer.Averaged().Serialize());
      if (!finder.ok()) return finder.status();
      auto result = EvaluateSplit(*finder, dev, find_options);
      if (!result.ok()) return result.status();
      const Scores& sc = result->scores;
      log << fmt::format(
          "  dev exact F1 source {:.3f} cue {:.3f} content {:.3f}"
          " (lenient {:.3f} {:.3f} {:.3f})\n",
          sc[Role::kSource].exact.F1(), sc[Role::kCue].exact.F1(), sc[Role::kContent].exact.F1(),
          sc[Role::kSource].lenient.F1(), sc[Role::kCue].lenient.F1(),
          sc[Role::kContent].lenient.F1());
    }
    log.flush();
  }
  return trainer.Averaged();
}

}  // namespace

Result<detail::Weights> Train(const std::vector<AnnotatedText>& train,
                              const std::vector<AnnotatedText>& dev, const TrainOptions& options,
                              std::ostream& log) {
  if (train.empty()) return Status::InvalidArgument("training: no annotated texts");
  detail::SpanLimits limits;
  limits.max_content_tokens = options.max_content_tokens;
  storyline::quotes::QuoteOptions find_options;
  find_options.max_sentence_tokens = options.max_sentence_tokens;
  find_options.max_content_tokens = options.max_content_tokens;

  Coverage coverage;
  std::vector<Example> examples;
  examples.reserve(train.size());
  for (const AnnotatedText& t : train)
    examples.push_back(MakeExample(t, options, limits, coverage));
  log << fmt::format(
      "train: {} texts, {} attributions; cue on tokens {:.3f}; source reachable {:.3f} of "
      "{} (+{} without source); content reachable {:.3f}\n",
      examples.size(), coverage.attributions, Ratio(coverage.cue_mapped, coverage.attributions),
      Ratio(coverage.source_reachable, coverage.source_gold), coverage.source_gold,
      coverage.null_source, Ratio(coverage.content_reachable, coverage.attributions));

  // One averaged perceptron per shuffle seed; the model is their mean.
  std::vector<double> sum;
  const size_t shuffles = std::max<size_t>(options.shuffles, 1);
  for (size_t run = 0; run < shuffles; ++run) {
    const uint32_t seed = options.seed + static_cast<uint32_t>(run);
    if (shuffles > 1) log << fmt::format("shuffle seed {} ({} of {})\n", seed, run + 1, shuffles);
    Result<detail::Weights> one = TrainOne(examples, dev, options, seed, limits, find_options, log);
    if (!one.ok()) return one.status();
    if (sum.empty()) sum.assign(one->size(), 0.0);
    for (size_t i = 0; i < sum.size(); ++i) sum[i] += one->At(i);
  }
  detail::Weights averaged(options.table_bits);
  for (size_t i = 0; i < sum.size(); ++i) {
    averaged.At(i) = static_cast<float>(sum[i] / static_cast<double>(shuffles));
  }
  if (!dev.empty()) {
    // The span scorers alone: exact token spans on dev's gold cues.
    Coverage dev_coverage;
    size_t content_total = 0, content_right = 0, source_total = 0, source_right = 0;
    const detail::Model model(averaged);
    for (const AnnotatedText& t : dev) {
      Example ex = MakeExample(t, options, limits, dev_coverage);
      for (const Instance& in : ex.instances) {
        auto content = detail::DecodeSpan(model, ex.doc, in.cue, detail::Role::kContent, limits);
        ++content_total;
        content_right += content.has_value() && *content == in.content;
        auto source = detail::DecodeSpan(model, ex.doc, in.cue, detail::Role::kSource, limits);
        ++source_total;
        source_right += source == in.source;
      }
    }
    log << fmt::format("dev spans on gold cues: content exact {:.3f}, source exact {:.3f}\n",
                       Ratio(content_right, content_total), Ratio(source_right, source_total));
    // The cue bias trades cue precision for recall; QuoteOptions::cue_bias takes the best.
    auto finder = storyline::quotes::QuoteFinder::FromBytes(averaged.Serialize());
    if (!finder.ok()) return finder.status();
    for (float bias : options.cue_biases) {
      find_options.cue_bias = bias;
      auto result = EvaluateSplit(*finder, dev, find_options);
      if (!result.ok()) return result.status();
      const Scores& sc = result->scores;
      log << fmt::format(
          "cue bias {:+.2f}: dev exact F1 source {:.3f} cue {:.3f} (P {:.3f} R {:.3f}) "
          "content {:.3f}\n",
          bias, sc[Role::kSource].exact.F1(), sc[Role::kCue].exact.F1(),
          sc[Role::kCue].exact.Precision(), sc[Role::kCue].exact.Recall(),
          sc[Role::kContent].exact.F1());
    }
  }
  return averaged;
}

}  // namespace storyline::eval::quotes

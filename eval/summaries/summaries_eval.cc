#include "eval/summaries/summaries_eval.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>

#include "eval/summaries/peers.h"
#include "nlp/tokenize.h"
#include "people/analyze.h"
#include "summarize/rouge.h"

namespace storyline::eval {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Mean(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  const std::vector<nlp::Token> tokens = nlp::Tokenize(text);
  for (const nlp::Sentence& s : nlp::SplitSentences(text, tokens)) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

Result<std::vector<nlohmann::json>> ReadJsonLines(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::vector<nlohmann::json> out;
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      return Status::BadInput(path.string() + ":" + std::to_string(n) + ": not JSON");
    }
    out.push_back(std::move(j));
  }
  return out;
}

Result<summarize::RougeScorer> Scorer(const SummariesEvalOptions& options) {
  summarize::RougeOptions ro;
  ro.max_n = 2;
  ro.stem = true;
  return summarize::RougeScorer::Load(
      ro, options.datasets / "summaries" / "rouge155-conformance" / "data");
}

void AddScore(SystemScores& s, summarize::RougeScorer& scorer, const std::vector<std::string>& peer,
              const std::vector<std::string>& reference) {
  const summarize::RougeResult r = scorer.Score(peer, {reference});
  s.r1.push_back(r.n[0].f);
  s.r2.push_back(r.n[1].f);
  s.rl.push_back(r.l.f);
}

std::vector<SystemScores> Systems(std::initializer_list<const char*> names) {
  std::vector<SystemScores> out;
  for (const char* name : names) {
    SystemScores s;
    s.system = name;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> Pick(const std::vector<std::string>& sentences,
                              std::vector<size_t> chosen) {
  std::sort(chosen.begin(), chosen.end());
  std::vector<std::string> out;
  for (size_t i : chosen) out.push_back(sentences[i]);
  return out;
}

}  // namespace

double SystemScores::MeanR1() const { return Mean(r1); }
double SystemScores::MeanR2() const { return Mean(r2); }
double SystemScores::MeanRL() const { return Mean(rl); }

std::vector<std::string> ReferenceSentences(const std::string& text) {
  std::string spaced;
  spaced.reserve(text.size() + 64);
  auto upper = [&](size_t k) { return k < text.size() && text[k] >= 'A' && text[k] <= 'Z'; };
  for (size_t i = 0; i < text.size(); ++i) {
    spaced += text[i];
    const char ch = text[i];
    if (ch != '.' && ch != '!' && ch != '?') continue;
    // "months.Market" and "months.\"I think": a space before the next sentence (a quote
    // mark followed by a capital opens it); "said.\" The" keeps its closing quote.
    if (upper(i + 1) || (i + 1 < text.size() && text[i + 1] == '"' && upper(i + 2))) {
      spaced += ' ';
    }
  }
  return Sentences(spaced);
}

Result<EvalResult> EvaluateBbc(const SummariesEvalOptions& options) {
  Result<std::vector<nlohmann::json>> rows =
      ReadJsonLines(options.datasets / "summaries" / "bbc" / "bbc.jsonl");
  if (!rows.ok()) return rows.status();
  Result<summarize::RougeScorer> scorer = Scorer(options);
  if (!scorer.ok()) return scorer.status();

  EvalResult result;
  result.systems = Systems({"storyline", "lead", "textrank", "lexrank", "lead (prefix)",
                            "textrank (prefix)", "lexrank (prefix)"});
  const size_t stride = std::max<size_t>(options.stride, 1);
  for (size_t k = 0; k < rows->size(); k += stride) {
    if (options.max_docs > 0 && result.doc_index.size() >= options.max_docs) break;
    const nlohmann::json& row = (*rows)[k];
    if (!row.contains("article") || !row.contains("summary")) {
      return Status::BadInput("bbc.jsonl line " + std::to_string(k + 1) +
                              ": no article or summary");
    }
    const std::string article = row["article"].get<std::string>();
    const std::string summary = row["summary"].get<std::string>();
    const std::vector<std::string> reference = ReferenceSentences(summary);
    const size_t budget = WordCount(summary);
    result.doc_index.push_back(k);

    summarize::SummaryOptions ours = options.article;
    ours.words = budget;
    const auto t0 = Clock::now();
    const summarize::ArticleSummary s = summarize::SummarizeArticle(article, ours);
    result.systems[0].seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    std::vector<std::string> ours_text;
    for (const summarize::SummarySentence& x : s.sentences) ours_text.push_back(x.text);
    AddScore(result.systems[0], *scorer, ours_text, reference);
    if (!options.run_peers) continue;

    const std::vector<std::string> sentences = Sentences(article);
    const std::function<std::vector<size_t>()> peers[] = {
        [&] { return LeadOrder(sentences.size()); },
        [&] { return TextRankOrder(sentences); },
        [&] { return LexRankOrder(sentences); },
    };
    for (size_t p = 0; p < 3; ++p) {
      const auto t1 = Clock::now();
      const std::vector<size_t> order = peers[p]();
      const std::vector<size_t> chosen = BudgetSelect(sentences, order, budget, true);
      result.systems[p + 1].seconds += std::chrono::duration<double>(Clock::now() - t1).count();
      result.systems[p + 4].seconds = result.systems[p + 1].seconds;
      AddScore(result.systems[p + 1], *scorer, Pick(sentences, chosen), reference);
      AddScore(result.systems[p + 4], *scorer,
               Pick(sentences, BudgetSelect(sentences, order, budget, false)), reference);
    }
  }
  if (!options.run_peers) result.systems.resize(1);
  return result;
}

Result<EvalResult> EvaluateAllSides(const SummariesEvalOptions& options) {
  Result<std::vector<nlohmann::json>> rows =
      ReadJsonLines(options.datasets / "stories" / "allsides" / "neus.jsonl");
  if (!rows.ok()) return rows.status();
  Result<summarize::RougeScorer> scorer = Scorer(options);
  if (!scorer.ok()) return scorer.status();

  std::optional<people::Analyzer> analyzer;
  if (options.story_quotes) {
    Result<people::Analyzer> loaded = people::Analyzer::Default();
    if (!loaded.ok()) return loaded.status();
    analyzer.emplace(std::move(*loaded));
  }
  static const char* const kOutlets[] = {"left", "center", "right"};
  EvalResult result;
  result.systems = Systems({"storyline", "lead-round-robin", "textrank", "lexrank",
                            "lead-round-robin (prefix)", "textrank (prefix)", "lexrank (prefix)"});
  const size_t stride = std::max<size_t>(options.stride, 1);
  size_t seen = 0;
  for (size_t k = 0; k < rows->size(); ++k) {
    const nlohmann::json& row = (*rows)[k];
    if (row.value("split", "") != options.allsides_split) continue;
    if (seen++ % stride != 0) continue;
    if (options.max_docs > 0 && result.doc_index.size() >= options.max_docs) break;
    if (!row.contains("articles") || !row["articles"].is_array() || !row.contains("summary")) {
      return Status::BadInput("neus.jsonl line " + std::to_string(k + 1) +
                              ": no articles or summary");
    }
    std::vector<summarize::StoryArticle> articles;
    std::vector<std::string> pooled;
    std::vector<size_t> article_of;
    for (const nlohmann::json& a : row["articles"]) {
      summarize::StoryArticle sa;
      sa.title = a.value("title", "");
      sa.text = a.value("text", "");
      sa.outlet = articles.size() < 3 ? kOutlets[articles.size()] : "other";
      if (analyzer) {
        Result<ArticleAnalysis> analysis = analyzer->Analyze(sa.text);
        if (analysis.ok()) sa.quotes = std::move(analysis->quotes);
      }
      for (std::string& s : Sentences(sa.text)) {
        pooled.push_back(std::move(s));
        article_of.push_back(articles.size());
      }
      articles.push_back(std::move(sa));
    }
    const std::string summary = row["summary"].get<std::string>();
    const std::vector<std::string> reference = ReferenceSentences(summary);
    const size_t budget = WordCount(summary);
    result.doc_index.push_back(k);

    summarize::SummaryOptions ours = options.story;
    ours.words = budget;
    const auto t0 = Clock::now();
    const summarize::StorySummary s = summarize::SummarizeStory(articles, ours);
    result.systems[0].seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    std::vector<std::string> ours_text;
    for (const summarize::SummarySentence& x : s.sentences) ours_text.push_back(x.text);
    AddScore(result.systems[0], *scorer, ours_text, reference);
    if (!options.run_peers) continue;

    const std::function<std::vector<size_t>()> peers[] = {
        [&] { return LeadRoundRobinOrder(article_of); },
        [&] { return TextRankOrder(pooled); },
        [&] { return LexRankOrder(pooled); },
    };
    for (size_t p = 0; p < 3; ++p) {
      const auto t1 = Clock::now();
      const std::vector<size_t> order = peers[p]();
      const std::vector<size_t> chosen = BudgetSelect(pooled, order, budget, true);
      result.systems[p + 1].seconds += std::chrono::duration<double>(Clock::now() - t1).count();
      result.systems[p + 4].seconds = result.systems[p + 1].seconds;
      AddScore(result.systems[p + 1], *scorer, Pick(pooled, chosen), reference);
      AddScore(result.systems[p + 4], *scorer,
               Pick(pooled, BudgetSelect(pooled, order, budget, false)), reference);
    }
  }
  if (!options.run_peers) result.systems.resize(1);
  return result;
}

}  // namespace storyline::eval

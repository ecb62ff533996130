#include "eval/quotes/quotes_eval.h"

#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>

namespace storyline::eval::quotes {

Result<EvalResult> EvaluateSplit(const storyline::quotes::QuoteFinder& finder,
                                 const std::vector<AnnotatedText>& texts,
                                 const storyline::quotes::QuoteOptions& options) {
  EvalResult result;
  for (const AnnotatedText& t : texts) {
    auto start = std::chrono::steady_clock::now();
    auto found = finder.Find(t.text, options);
    result.seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!found.ok()) return found.status().WithContext(t.name);
    result.scores.Add(ScoreText(t.text, t.attributions, *found));
    ++result.texts;
  }
  return result;
}

namespace {

const storyline::quotes::Span* RoleSpan(const storyline::quotes::Span& content,
                                        const storyline::quotes::Span& cue,
                                        const std::optional<storyline::quotes::Span>& source,
                                        Role role) {
  if (role == Role::kContent) return &content;
  if (role == Role::kCue) return &cue;
  return source ? &*source : nullptr;
}

std::string Flat(std::string_view text, Extent e, size_t context) {
  size_t b = e.begin >= context ? e.begin - context : 0;
  std::string s = std::string(text.substr(b, e.begin - b)) + "[" +
                  std::string(text.substr(e.begin, e.end - e.begin)) + "]" +
                  std::string(text.substr(e.end, context));
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}

}  // namespace

Status PrintErrors(const storyline::quotes::QuoteFinder& finder,
                   const std::vector<AnnotatedText>& texts, Role role,
                   const storyline::quotes::QuoteOptions& options, std::ostream& out) {
  for (const AnnotatedText& t : texts) {
    auto found = finder.Find(t.text, options);
    if (!found.ok()) return found.status().WithContext(t.name);
    std::vector<Extent> gold, pred;
    for (const GoldAttribution& a : t.attributions) {
      if (const auto* s = RoleSpan(a.content, a.cue, a.source, role)) {
        gold.push_back(Trimmed(t.text, *s));
      }
    }
    for (const auto& a : *found) {
      if (const auto* s = RoleSpan(a.content, a.cue, a.source, role)) {
        pred.push_back(Trimmed(t.text, *s));
      }
    }
    std::vector<bool> used(pred.size());
    for (const Extent& g : gold) {
      bool matched = false;
      for (size_t p = 0; p < pred.size() && !matched; ++p) {
        if (!used[p] && pred[p] == g) used[p] = matched = true;
      }
      if (!matched) out << "missed\t" << t.name << "\t" << Flat(t.text, g, 40) << "\n";
    }
    for (size_t p = 0; p < pred.size(); ++p) {
      if (!used[p]) out << "spurious\t" << t.name << "\t" << Flat(t.text, pred[p], 40) << "\n";
    }
  }
  return Status::Ok();
}

void PrintReport(const EvalResult& result, std::ostream& out) {
  out << fmt::format("PolNeAR attribution, {} annotated texts\n", result.texts);
  out << fmt::format("{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}   {:>11}\n", "role", "gold", "pred",
                     "P", "R", "F1", "len.F1", "(exact tp)");
  for (size_t r = 0; r < 3; ++r) {
    const RoleScores& s = result.scores.roles[r];
    out << fmt::format("{:<8} {:>6} {:>6} {:>6.3f} {:>6.3f} {:>6.3f} {:>6.3f}   {:>11}\n",
                       kRoleNames[r], s.exact.tp + s.exact.fn, s.exact.tp + s.exact.fp,
                       s.exact.Precision(), s.exact.Recall(), s.exact.F1(), s.lenient.F1(),
                       s.exact.tp);
  }
  out << "exact F1 Source / Cue / Content, published, test split (CofeNet, COLING 2022):\n";
  struct Anchor {
    const char* name;
    double source, cue, content;
  };
  static constexpr Anchor kAnchors[] = {{"rules", 10.7, 22.8, 5.6},
                                        {"CRF", 50.6, 53.4, 28.6},
                                        {"BiLSTM-CRF", 69.6, 66.7, 59.0},
                                        {"BERT-CRF", 82.2, 74.9, 71.0},
                                        {"BERT-CofeNet", 83.2, 75.3, 72.9}};
  for (const Anchor& a : kAnchors) {
    out << fmt::format("  {:<13} {:>5.1f} / {:>5.1f} / {:>5.1f}\n", a.name, a.source, a.cue,
                       a.content);
  }
  out << fmt::format("  {:<13} {:>5.1f} / {:>5.1f} / {:>5.1f}   (this build, dev split)\n",
                     "storyline", 100 * result.scores[Role::kSource].exact.F1(),
                     100 * result.scores[Role::kCue].exact.F1(),
                     100 * result.scores[Role::kContent].exact.F1());
  if (result.seconds > 0) {
    out << fmt::format("speed: {:.0f} texts/s on one core ({:.2f} s in Find)\n",
                       static_cast<double>(result.texts) / result.seconds, result.seconds);
  }
}

}  // namespace storyline::eval::quotes

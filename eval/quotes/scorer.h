// Scoring attributions against PolNeAR gold, per role (source, cue, content):
//   exact   — same start and end after trimming white space, punctuation and quote marks
//             from both edges of the span's extent (first fragment's start, last fragment's
//             end); spans matched one to one;
//   lenient — token Jaccard >= 0.5 (tokens of storyline::nlp inside the trimmed fragments),
//             matched one to one greedily, best overlap first.
// Precision, recall and F1 are micro-averaged: counts are summed over texts (Scores::Add).
#ifndef STORYLINE_EVAL_QUOTES_SCORER_H_
#define STORYLINE_EVAL_QUOTES_SCORER_H_

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "eval/quotes/polnear.h"
#include "quotes/quotes.h"

namespace storyline::eval::quotes {

enum class Role : size_t { kSource = 0, kCue = 1, kContent = 2 };
inline constexpr std::array<std::string_view, 3> kRoleNames = {"Source", "Cue", "Content"};

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double Precision() const {
    return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  }
  double Recall() const {
    return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
  }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct RoleScores {
  Counts exact;
  Counts lenient;
};

struct Scores {
  std::array<RoleScores, 3> roles;
  const RoleScores& operator[](Role r) const { return roles[static_cast<size_t>(r)]; }
  void Add(const Scores& other);
};

struct Extent {
  size_t begin = 0;
  size_t end = 0;
  friend bool operator==(const Extent&, const Extent&) = default;
};

// The span's extent with white space, punctuation and quote marks (ASCII punctuation,
// U+2000–U+206F, « » and no-break space) trimmed from both edges.
Extent Trimmed(std::string_view text, const storyline::quotes::Span& span);

// Scores of `predicted` against `gold` on one text.
Scores ScoreText(std::string_view text, const std::vector<GoldAttribution>& gold,
                 const std::vector<storyline::quotes::Attribution>& predicted);

}  // namespace storyline::eval::quotes

#endif  // STORYLINE_EVAL_QUOTES_SCORER_H_

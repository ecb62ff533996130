// The syndication generator, and the duplicate index's scores on the BBC set as a CI floor.
// The dataset is outside the repository (../shared/datasets); without it the floor skips.
#include "eval/dedup/syndication.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

namespace storyline::eval::dedup {
namespace {

namespace fs = std::filesystem;

// Our scores must not drop below these: (achieved − 0.01), rounded down. Raise them as the
// index improves. Achieved (seed 20251107, 300 originals): copies P 0.9950 R 0.9958,
// rewrites P 0.9899 R 0.9767.
constexpr double kCopyPrecisionFloor = 0.985;
constexpr double kCopyRecallFloor = 0.985;
constexpr double kRewritePrecisionFloor = 0.979;
constexpr double kRewriteRecallFloor = 0.966;
// Hard negatives marked. The one marked today is a real rewrite inside the BBC set:
// business/291 "Tobacco giants hail court ruling" reuses business/010's sentences
// ("Among the accused were Altria Group, RJ Reynolds Tobacco, ...") in the same order.
constexpr size_t kMaxNegativesMarked = 1;

fs::path BbcJsonl() {
  const char* shared = std::getenv("STORYLINE_SHARED");
  const char* source = std::getenv("STORYLINE_SOURCE_DIR");
  const fs::path root =
      shared && *shared
          ? fs::path(shared)
          : fs::path(source && *source ? source : STORYLINE_SOURCE_DIR) / ".." / "shared";
  return root / "datasets" / "summaries" / "bbc" / "bbc.jsonl";
}

BbcArticle Story() {
  BbcArticle a;
  a.id = "business/001";
  a.category = "business";
  a.title = "Ad sales boost Time Warner profit";
  a.text =
      "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three "
      "months to December, from $639m year-earlier.\n\n"
      "The firm, which is now one of the biggest investors in Google, benefited from sales of "
      "high-speed internet connections and higher advert sales. TimeWarner said fourth quarter "
      "sales rose 2% to $11.1bn from $10.9bn. Its profits were buoyed by one-off gains.\n\n"
      "Time Warner's fourth quarter profits were slightly better than analysts' expectations. "
      "But its film division saw profits slump 27% to $284m, helped by box-office flops "
      "Alexander and Catwoman. For the full-year, TimeWarner posted a profit of $3.36bn.\n\n"
      "TimeWarner is to restate its accounts as part of efforts to resolve an inquiry into AOL "
      "by US market regulators. It has already offered to pay $300m to settle charges.";
  return a;
}

TEST(SyndicationTest, VariantsAreLabelledAndDiffer) {
  const BbcArticle a = Story();
  const std::vector<Sample> v = MakeVariants(a, 7, {a}, 42);
  std::set<std::string> kinds, texts;
  size_t rewrites = 0;
  for (const Sample& s : v) {
    kinds.insert(s.kind);
    texts.insert(s.text);
    EXPECT_EQ(s.original, 7);
    EXPECT_NE(s.label, Label::kNone);
    rewrites += s.label == Label::kRewrite;
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"exact", "chrome", "retitle", "trim", "ads", "rewrap",
                                          "typos", "combined", "rewrite"}));
  EXPECT_EQ(texts.size(), v.size());
  EXPECT_EQ(rewrites, 2u);
  // The same seed, the same set.
  const std::vector<Sample> again = MakeVariants(a, 7, {a}, 42);
  ASSERT_EQ(again.size(), v.size());
  for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(again[i].text, v[i].text);
}

TEST(SyndicationTest, MissingDatasetIsNotFound) {
  const auto r = LoadBbc("/nonexistent/bbc.jsonl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(SyndicationFloorTest, ScoresStayAboveTheFloor) {
  if (!fs::exists(BbcJsonl())) {
    GTEST_SKIP() << "../shared/datasets not found: skipping the syndication floor (looked for "
                 << BbcJsonl() << ")";
  }
  const auto report = EvaluateSyndication(BbcJsonl(), {});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const std::string text = FormatReport(*report);
  EXPECT_GE(report->copies.precision(), kCopyPrecisionFloor) << text;
  EXPECT_GE(report->copies.recall(), kCopyRecallFloor) << text;
  EXPECT_GE(report->rewrites.precision(), kRewritePrecisionFloor) << text;
  EXPECT_GE(report->rewrites.recall(), kRewriteRecallFloor) << text;
  EXPECT_LE(report->negatives_marked, kMaxNegativesMarked) << text;
  EXPECT_EQ(report->negatives_copies, 0u) << text;  // never a copy
  EXPECT_EQ(report->originals_marked, 0u) << text;
  EXPECT_GT(report->negatives, 500u);
}

}  // namespace
}  // namespace storyline::eval::dedup

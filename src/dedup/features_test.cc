#include "dedup/features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "text/hash.h"

namespace storyline::dedup::detail {
namespace {

// A deterministic pseudo-text of `n` words over a vocabulary of 500.
std::string Words(uint64_t seed, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    out += "w" + std::to_string((seed >> 33) % 500) + " ";
  }
  return out;
}

// Exact |A∩B| / min(|A|,|B|) over all 4-word shingles: the reference for the sketch.
double ExactContainment(const std::string& a, const std::string& b) {
  auto shingles = [](const std::string& text) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : NormalizeWords(text) + " ") {
      if (c == ' ') {
        if (!cur.empty()) w.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    std::set<std::string> out;
    for (size_t i = 0; i + 4 <= w.size(); ++i) {
      out.insert(w[i] + " " + w[i + 1] + " " + w[i + 2] + " " + w[i + 3]);
    }
    return out;
  };
  const auto sa = shingles(a), sb = shingles(b);
  size_t shared = 0;
  for (const auto& s : sa) shared += sb.count(s);
  return double(shared) / double(std::min(sa.size(), sb.size()));
}

double Sketched(const std::string& a, const std::string& b) {
  const ShingleSketch x = SketchShingles(NormalizeWords(a));
  const ShingleSketch y = SketchShingles(NormalizeWords(b));
  return SampledContainment(x.samples, x.sample_level, y.samples, y.sample_level);
}

TEST(NormalizeWordsTest, AsciiFastPathMatchesNormalizeForHash) {
  for (const std::string text :
       {"Hello, World!  It's 2025\n\nNEW line\ttab", "", "  ...  ", "a-b_c:d 12.5% x",
        "Caf\xC3\xA9 \xEF\xBC\xA1"
        "BC \xE2\x80\x94 Stra\xC3\x9F"
        "e",
        "\x01\x7F control"}) {
    EXPECT_EQ(NormalizeWords(text), text::NormalizeForHash(text)) << text;
  }
}

TEST(SketchTest, ExactHashIsTheContentHash) {
  const std::string text = "The same words, in the same order.";
  const ShingleSketch s = SketchShingles(NormalizeWords(text));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(s.exact_hash));
  EXPECT_EQ(hex, text::ContentHash(text));
  EXPECT_EQ(s.words, 7u);
}

TEST(SketchTest, SmallTextsKeepEveryShingleAndContainmentIsExact) {
  const std::string a = Words(1, 60);
  const std::string b = Words(2, 10) + Words(1, 60).substr(0, 200) + Words(3, 20);
  EXPECT_EQ(SketchShingles(NormalizeWords(a)).sample_level, 0);
  EXPECT_DOUBLE_EQ(Sketched(a, b), ExactContainment(a, b));
  EXPECT_DOUBLE_EQ(Sketched(a, a), 1.0);
}

TEST(SketchTest, SampledContainmentTracksExactContainment) {
  const std::string base = Words(7, 500);
  const std::vector<std::string> others = {
      Words(8, 100) + base + Words(9, 100),              // extended
      base.substr(base.size() / 4),                      // trimmed
      base.substr(0, base.size() / 2) + Words(10, 250),  // half shared
      Words(11, 500),                                    // unrelated
  };
  for (const std::string& other : others) {
    EXPECT_NEAR(Sketched(base, other), ExactContainment(base, other), 0.12);
  }
  const ShingleSketch s = SketchShingles(NormalizeWords(base));
  EXPECT_GT(s.sample_level, 0);
  EXPECT_LE(s.samples.size(), kMaxSamples);
  EXPECT_TRUE(std::is_sorted(s.samples.begin(), s.samples.end()));
}

TEST(SketchTest, SimilarTextsShareBands) {
  const std::string base = Words(21, 400);
  const ShingleSketch a = SketchShingles(NormalizeWords(base));
  const ShingleSketch b = SketchShingles(NormalizeWords(base + Words(22, 20)));
  const ShingleSketch c = SketchShingles(NormalizeWords(Words(23, 400)));
  int shared_b = 0, shared_c = 0;
  for (int band = 0; band < kBands; ++band) {
    shared_b += BandKey(a.minhash, band) == BandKey(b.minhash, band);
    shared_c += BandKey(a.minhash, band) == BandKey(c.minhash, band);
  }
  EXPECT_GE(shared_b, 8);
  EXPECT_EQ(shared_c, 0);
}

TEST(SentencesTest, SplitsSentencesDropsShortOnesAndFlagsEntities) {
  const SentenceFeatures f = ExtractSentences(
      "Sign up\nDmitry Peskov told reporters in Moscow on Friday that 1,500 troops left. "
      "The talks in Istanbul were postponed again!\nShare");
  ASSERT_EQ(f.sizes.size(), 2u);
  const size_t entities = static_cast<size_t>(std::count_if(
      f.tokens.begin(), f.tokens.begin() + f.sizes[0], [](uint16_t v) { return (v & 1) != 0; }));
  EXPECT_EQ(entities, 4u);  // Peskov, Moscow, Friday, 1500 (Dmitry starts the sentence)
  for (size_t i = 0, off = 0; i < f.sizes.size(); off += f.sizes[i], ++i) {
    EXPECT_TRUE(std::is_sorted(f.tokens.begin() + static_cast<long>(off),
                               f.tokens.begin() + static_cast<long>(off + f.sizes[i])));
  }
}

TEST(SentencesTest, StemmingMeetsInflections) {
  const SentenceFeatures a = ExtractSentences("Rates rated ratings rising quickly.");
  const SentenceFeatures b = ExtractSentences("Rate rate rating rise quick.");
  const SentenceView va{a.sizes, a.tokens}, vb{b.sizes, b.tokens};
  ASSERT_EQ(a.sizes.size(), 1u);
  EXPECT_DOUBLE_EQ(SentenceSimilarity(va.tokens, vb.tokens), 1.0);
}

TEST(AlignTest, CountsAlignedSentencesInOrder) {
  const SentenceFeatures a = ExtractSentences(
      "Alpha bravo charlie delta.\nEcho foxtrot golf hotel.\nIndia juliet kilo lima.\n"
      "Mike november oscar papa.");
  const SentenceFeatures b = ExtractSentences(
      "Echo foxtrot golf hotel.\nAlpha bravo charlie delta.\nIndia juliet kilo lima.\n"
      "Mike november oscar papa.\nQuebec romeo sierra tango.");
  const Alignment al = AlignSentences({a.sizes, a.tokens}, {b.sizes, b.tokens}, 0.5);
  EXPECT_EQ(al.sentences, 4u);
  EXPECT_EQ(al.aligned, 4u);
  EXPECT_EQ(al.in_order, 3u);
  EXPECT_DOUBLE_EQ(al.share(), 0.75);
}

}  // namespace
}  // namespace storyline::dedup::detail

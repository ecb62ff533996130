#include "dedup/features.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "text/hash.h"

namespace storyline::dedup::detail {
namespace {

// A deterministic pseudo-text of `n` words over a vocabulary of 500.
std::string Words(uint64_t seed, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    out += 'w';
    out += std::to_string((seed >> 33) % 500);
    out += ' ';
  }
  return out;
}

// Exact |A∩B| / min(|A|,|B|) over all 4-word shingles: the reference for the sketch.
double ExactContainment(const std::string& a, const std::string& b) {
  auto shingles = [](const std::string& text) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : text::NormalizeForHash(text) + " ") {
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
  const ShingleSketch x = ExtractFeatures(a).sketch;
  const ShingleSketch y = ExtractFeatures(b).sketch;
  return SampledContainment(x.samples, x.sample_level, y.samples, y.sample_level);
}

// The words of text::NormalizeForHash(text), the reference for the one-pass scan.
size_t NormalizedWords(const std::string& text) {
  const std::string n = text::NormalizeForHash(text);
  return n.empty() ? 0 : size_t(std::count(n.begin(), n.end(), ' ')) + 1;
}

TEST(ExtractFeaturesTest, AsciiFastPathMatchesNormalizeForHash) {
  for (const std::string text : {"Hello, World!  It's 2025\n\nNEW line\ttab", "", "  ...  ",
                                 "a-b_c:d 12.5% x", "1,500 troops. 3.25 x 1, 2",
                                 "Caf\xC3\xA9 \xEF\xBC\xA1"
                                 "BC \xE2\x80\x94 Stra\xC3\x9F"
                                 "e",
                                 "\x01\x7F control"}) {
    const std::string n = text::NormalizeForHash(text);
    const ShingleSketch s = ExtractFeatures(text).sketch;
    EXPECT_EQ(s.exact_hash, XXH3_64bits(n.data(), n.size())) << text;
    EXPECT_EQ(s.words, NormalizedWords(text)) << text;
  }
}

TEST(ExtractFeaturesTest, AsciiAndUtf8ScansAgree) {
  // The same text with one non-ASCII character (outside the words) takes the general path.
  const std::string ascii =
      "Dmitry Peskov told reporters in Moscow on Friday that 1,500 troops left. The talks "
      "were postponed again!\nRates rated ratings rising quickly, said the ministry's 2.5% "
      "figures.";
  const std::string utf8 = ascii + " \xE2\x80\x94";
  const TextFeatures a = ExtractFeatures(ascii), b = ExtractFeatures(utf8);
  EXPECT_EQ(a.sketch.exact_hash, b.sketch.exact_hash);
  EXPECT_EQ(a.sketch.minhash, b.sketch.minhash);
  EXPECT_EQ(a.sketch.samples, b.sketch.samples);
  EXPECT_EQ(a.sentences.sizes, b.sentences.sizes);
  EXPECT_EQ(a.sentences.tokens, b.sentences.tokens);
  ASSERT_EQ(a.sentences.terms.size(), b.sentences.terms.size());
  for (size_t i = 0; i < a.sentences.terms.size(); ++i) {
    EXPECT_EQ(a.sentences.terms[i].hash, b.sentences.terms[i].hash);
    EXPECT_EQ(a.sentences.terms[i].entity, b.sentences.terms[i].entity);
  }
}

TEST(ExtractFeaturesTest, TermsAreDistinctAndKeepTheEntityFlag) {
  // "Istanbul" starts the first sentence (plain) and is a name in the second (entity).
  const SentenceFeatures f =
      ExtractFeatures("Istanbul hosted talks today. Delegates met in Istanbul again.").sentences;
  std::set<uint64_t> distinct;
  for (const Term& t : f.terms) EXPECT_TRUE(distinct.insert(t.hash).second);
  const uint64_t istanbul = XXH3_64bits("istanbul", 8);
  const auto it = std::find_if(f.terms.begin(), f.terms.end(),
                               [&](const Term& t) { return t.hash == istanbul; });
  ASSERT_NE(it, f.terms.end());
  EXPECT_TRUE(it->entity);
}

TEST(SketchTest, ExactHashIsTheContentHash) {
  const std::string text = "The same words, in the same order.";
  const ShingleSketch s = ExtractFeatures(text).sketch;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(s.exact_hash));
  EXPECT_EQ(hex, text::ContentHash(text));
  EXPECT_EQ(s.words, 7u);
}

TEST(SketchTest, SmallTextsKeepEveryShingleAndContainmentIsExact) {
  const std::string a = Words(1, 60);
  const std::string b = Words(2, 10) + Words(1, 60).substr(0, 200) + Words(3, 20);
  EXPECT_EQ(ExtractFeatures(a).sketch.sample_level, 0);
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
  const ShingleSketch s = ExtractFeatures(base).sketch;
  EXPECT_GT(s.sample_level, 0);
  EXPECT_LE(s.samples.size(), kMaxSamples);
  EXPECT_TRUE(std::is_sorted(s.samples.begin(), s.samples.end()));
}

TEST(SketchTest, SimilarTextsShareBands) {
  const std::string base = Words(21, 400);
  const ShingleSketch a = ExtractFeatures(base).sketch;
  const ShingleSketch b = ExtractFeatures(base + Words(22, 20)).sketch;
  const ShingleSketch c = ExtractFeatures(Words(23, 400)).sketch;
  int shared_b = 0, shared_c = 0;
  for (int band = 0; band < kBands; ++band) {
    shared_b += BandKey(a.minhash, band) == BandKey(b.minhash, band);
    shared_c += BandKey(a.minhash, band) == BandKey(c.minhash, band);
  }
  EXPECT_GE(shared_b, 8);
  EXPECT_EQ(shared_c, 0);
}

SentenceFeatures Sentences(std::string_view text) { return ExtractFeatures(text).sentences; }

TEST(SentencesTest, SplitsSentencesDropsShortOnesAndFlagsEntities) {
  const SentenceFeatures f = Sentences(
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
  const SentenceFeatures a = Sentences("Rates rated ratings rising quickly.");
  const SentenceFeatures b = Sentences("Rate rate rating rise quick.");
  const SentenceView va{a.sizes, a.tokens}, vb{b.sizes, b.tokens};
  ASSERT_EQ(a.sizes.size(), 1u);
  EXPECT_DOUBLE_EQ(SentenceSimilarity(va.tokens, vb.tokens), 1.0);
}

TEST(AlignTest, CountsAlignedSentencesInOrder) {
  const SentenceFeatures a = Sentences(
      "Alpha bravo charlie delta.\nEcho foxtrot golf hotel.\nIndia juliet kilo lima.\n"
      "Mike november oscar papa.");
  const SentenceFeatures b = Sentences(
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

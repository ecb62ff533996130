#include "dedup/dedup.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <utility>
#include <vector>

#include "dedup/features.h"
#include "dedup/postings.h"

namespace storyline::dedup {

std::string_view RelationName(Relation relation) {
  switch (relation) {
    case Relation::kExact:
      return "exact";
    case Relation::kNear:
      return "near";
    case Relation::kRewrite:
      return "rewrite";
  }
  return "exact";
}

std::optional<Relation> ParseRelation(std::string_view name) {
  for (Relation r : {Relation::kExact, Relation::kNear, Relation::kRewrite}) {
    if (RelationName(r) == name) return r;
  }
  return std::nullopt;
}

namespace {

using detail::FlatMap;

constexpr int64_t kUndated = std::numeric_limits<int64_t>::min();
constexpr size_t kMinNearWords = 8;    // shorter texts are only ever exact copies
constexpr size_t kQueryTerms = 48;     // rarest words of a new article looked up
constexpr size_t kPostedTerms = 16;    // rarest words an article is found by
constexpr size_t kMinSharedTerms = 2;  // rare words a rewrite candidate shares
constexpr int kDfBits = 20;            // word document-frequency table: 2^20 counters

// Stronger relations first: exact, near, rewrite.
int Strength(Relation r) {
  switch (r) {
    case Relation::kExact:
      return 2;
    case Relation::kNear:
      return 1;
    case Relation::kRewrite:
      return 0;
  }
  return 0;
}

struct Features {
  detail::ShingleSketch sketch;
  detail::SentenceFeatures sentences;
  int64_t time = kUndated;
};

Features Compute(const Article& article) {
  Features f;
  f.sketch = detail::SketchShingles(detail::NormalizeWords(article.text));
  f.sentences = detail::ExtractSentences(article.text);
  if (article.published) f.time = article.published->ToUnixSeconds();
  return f;
}

}  // namespace

struct DuplicateIndex::Rep {
  struct Doc {
    int64_t id;
    int64_t original;  // the id reported for duplicates of this article
    int64_t time;      // kUndated when unknown
    uint32_t root;     // the earliest indexed article of its group (itself if original)
    uint32_t samples_begin;
    uint32_t sentences_begin;
    uint32_t tokens_begin;
    uint8_t samples;
    uint8_t sample_level;
    uint8_t sentences;
  };

  // The best match so far: earliest root, then strongest relation, then highest score.
  struct Best {
    uint32_t root = FlatMap::kNone;
    Relation relation = Relation::kRewrite;
    double score = 0;
    void Consider(uint32_t r, Relation rel, double s) {
      if (r < root || (r == root && (Strength(rel) > Strength(relation) ||
                                     (rel == relation && s > score)))) {
        root = r, relation = rel, score = s;
      }
    }
  };

  explicit Rep(const DedupOptions& o) : options(o), df(size_t{1} << kDfBits, 0) {}

  size_t Df(uint64_t hash) const { return df[hash & ((size_t{1} << kDfBits) - 1)]; }

  std::span<const uint32_t> Samples(const Doc& d) const {
    return {samples.data() + d.samples_begin, d.samples};
  }
  detail::SentenceView Sentences(const Doc& d) const {
    size_t tokens_count = 0;
    for (size_t i = 0; i < d.sentences; ++i) tokens_count += sentence_sizes[d.sentences_begin + i];
    return {{sentence_sizes.data() + d.sentences_begin, d.sentences},
            {tokens.data() + d.tokens_begin, tokens_count}};
  }

  // The article's words, rarest first: by order of magnitude of their document frequency,
  // then names and numbers (which paraphrases keep) before other words.
  std::vector<detail::Term> RareTerms(const detail::SentenceFeatures& s) const {
    std::vector<std::pair<uint32_t, detail::Term>> keyed;
    keyed.reserve(s.terms.size());
    for (const detail::Term& t : s.terms) {
      const auto magnitude = static_cast<uint32_t>(std::bit_width(Df(t.hash)));
      keyed.emplace_back(magnitude * 2 + (t.entity ? 0 : 1), t);
    }
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second.hash < b.second.hash;
    });
    std::vector<detail::Term> out;
    out.reserve(keyed.size());
    for (const auto& k : keyed) out.push_back(k.second);
    return out;
  }

  void FindCopies(const Features& f, Best& best) {
    const uint32_t exact = exact_hashes.Find(f.sketch.exact_hash);
    if (exact != FlatMap::kNone) best.Consider(docs[exact].root, Relation::kExact, 1.0);
    if (f.sketch.words < kMinNearWords) return;

    std::vector<uint32_t> candidates;
    for (int band = 0; band < detail::kBands; ++band) {
      bands.ForEach(detail::BandKey(f.sketch.minhash, band), options.max_postings_per_key,
                    [&](uint32_t doc) {
                      if (scratch[doc] == 0) scratch[doc] = 1, candidates.push_back(doc);
                    });
    }
    for (uint32_t doc : candidates) scratch[doc] = 0;
    // Earliest groups first: the first verified copy ends the search.
    std::sort(candidates.begin(), candidates.end(),
              [&](uint32_t a, uint32_t b) { return docs[a].root < docs[b].root; });
    size_t verified = 0;
    for (uint32_t doc : candidates) {
      const Doc& d = docs[doc];
      if (d.root > best.root || (d.root == best.root && best.relation == Relation::kExact)) break;
      if (++verified > options.max_candidates) break;
      const double c = detail::SampledContainment(f.sketch.samples, f.sketch.sample_level,
                                                  Samples(d), d.sample_level);
      if (c >= options.near_threshold) {
        best.Consider(d.root, Relation::kNear, c);
        break;
      }
    }
  }

  void FindRewrites(const Features& f, const std::vector<detail::Term>& rare, Best& best) {
    if (f.sentences.sizes.size() < options.min_rewrite_sentences) return;
    std::vector<uint32_t> touched;
    size_t queried = 0;
    for (size_t t = 0; t < rare.size() && queried < kQueryTerms; ++t) {
      if (Df(rare[t].hash) == 0) continue;  // no earlier article has the word
      ++queried;
      terms.ForEach(rare[t].hash, options.max_postings_per_key, [&](uint32_t doc) {
        if (scratch[doc] == 0) touched.push_back(doc);
        if (scratch[doc] < 255) ++scratch[doc];
      });
    }
    std::vector<std::pair<uint32_t, uint32_t>> candidates;  // (shared terms, doc)
    for (uint32_t doc : touched) {
      const Doc& d = docs[doc];
      const bool in_window = f.time == kUndated || d.time == kUndated ||
                             (f.time > d.time ? f.time - d.time : d.time - f.time) <=
                                 options.rewrite_window_seconds;
      if (scratch[doc] >= kMinSharedTerms && d.root < best.root && in_window) {
        candidates.emplace_back(scratch[doc], doc);
      }
      scratch[doc] = 0;
    }
    std::sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : docs[a.second].root < docs[b.second].root;
    });
    if (candidates.size() > options.max_candidates) candidates.resize(options.max_candidates);
    const detail::SentenceView mine{f.sentences.sizes, f.sentences.tokens};
    for (const auto& [shared, doc] : candidates) {
      const Doc& d = docs[doc];
      if (d.root >= best.root) continue;
      const detail::Alignment a =
          detail::AlignSentences(mine, Sentences(d), options.sentence_threshold);
      if (a.in_order >= options.min_rewrite_sentences && a.share() >= options.rewrite_threshold) {
        best.Consider(d.root, Relation::kRewrite, a.share());
      }
    }
  }

  // Adds the article's features under `root` (kNone: its own) reporting `original`.
  void Index(int64_t id, const Features& f, const std::vector<detail::Term>& rare, uint32_t root,
             int64_t original) {
    const auto doc = static_cast<uint32_t>(docs.size());
    Doc d{};
    d.id = id;
    d.original = original;
    d.time = f.time;
    d.root = root == FlatMap::kNone ? doc : root;
    d.samples_begin = static_cast<uint32_t>(samples.size());
    d.samples = static_cast<uint8_t>(f.sketch.samples.size());
    d.sample_level = f.sketch.sample_level;
    d.sentences_begin = static_cast<uint32_t>(sentence_sizes.size());
    d.sentences = static_cast<uint8_t>(f.sentences.sizes.size());
    d.tokens_begin = static_cast<uint32_t>(tokens.size());
    docs.push_back(d);
    scratch.push_back(0);
    ids.FindOrInsert(static_cast<uint64_t>(id), doc);

    samples.insert(samples.end(), f.sketch.samples.begin(), f.sketch.samples.end());
    sentence_sizes.insert(sentence_sizes.end(), f.sentences.sizes.begin(),
                          f.sentences.sizes.end());
    tokens.insert(tokens.end(), f.sentences.tokens.begin(), f.sentences.tokens.end());

    if (f.sketch.words > 0) exact_hashes.FindOrInsert(f.sketch.exact_hash, doc);
    if (f.sketch.words >= kMinNearWords) {
      for (int band = 0; band < detail::kBands; ++band) {
        bands.Add(detail::BandKey(f.sketch.minhash, band), doc);
      }
    }
    if (f.sentences.sizes.size() >= options.min_rewrite_sentences) {
      for (size_t t = 0; t < rare.size() && t < kPostedTerms; ++t) terms.Add(rare[t].hash, doc);
    }
    for (const detail::Term& t : f.sentences.terms) {
      uint16_t& count = df[t.hash & ((size_t{1} << kDfBits) - 1)];
      if (count < std::numeric_limits<uint16_t>::max()) ++count;
    }
  }

  size_t MemoryBytes() const {
    return sizeof(Rep) + docs.capacity() * sizeof(Doc) + scratch.capacity() +
           samples.capacity() * sizeof(uint32_t) + sentence_sizes.capacity() +
           tokens.capacity() * sizeof(uint16_t) + df.capacity() * sizeof(uint16_t) +
           ids.MemoryBytes() + exact_hashes.MemoryBytes() + bands.MemoryBytes() +
           terms.MemoryBytes();
  }

  DedupOptions options;
  std::vector<Doc> docs;
  std::vector<uint8_t> scratch;  // per article, zero between calls: candidate marks/counts
  std::vector<uint32_t> samples;
  std::vector<uint8_t> sentence_sizes;
  std::vector<uint16_t> tokens;
  std::vector<uint16_t> df;  // articles per word hash (saturating)
  FlatMap ids;               // article id → doc
  FlatMap exact_hashes;      // normalized-text hash → first doc
  detail::Postings bands;    // LSH band key → docs
  detail::Postings terms;    // rare word → docs
};

DuplicateIndex::DuplicateIndex(const DedupOptions& options)
    : rep_(std::make_unique<Rep>(options)) {}
DuplicateIndex::~DuplicateIndex() = default;
DuplicateIndex::DuplicateIndex(DuplicateIndex&&) noexcept = default;
DuplicateIndex& DuplicateIndex::operator=(DuplicateIndex&&) noexcept = default;

std::optional<Match> DuplicateIndex::Add(int64_t id, const Article& article) {
  const Features f = Compute(article);
  const std::vector<detail::Term> rare = rep_->RareTerms(f.sentences);
  Rep::Best best;
  rep_->FindCopies(f, best);
  rep_->FindRewrites(f, rare, best);
  if (best.root == FlatMap::kNone) {
    rep_->Index(id, f, rare, FlatMap::kNone, id);
    return std::nullopt;
  }
  const int64_t original = rep_->docs[best.root].original;
  rep_->Index(id, f, rare, best.root, original);
  return Match{original, best.relation, best.score};
}

void DuplicateIndex::Restore(int64_t id, const Article& article,
                             std::optional<int64_t> duplicate_of) {
  const Features f = Compute(article);
  const std::vector<detail::Term> rare = rep_->RareTerms(f.sentences);
  uint32_t root = FlatMap::kNone;
  int64_t original = id;
  if (duplicate_of && *duplicate_of != id) {
    const uint32_t doc = rep_->ids.Find(static_cast<uint64_t>(*duplicate_of));
    if (doc != FlatMap::kNone) {
      root = rep_->docs[doc].root;
      original = rep_->docs[root].original;
    } else {
      original = *duplicate_of;  // an original not in the index: report it as it is
    }
  }
  rep_->Index(id, f, rare, root, original);
}

size_t DuplicateIndex::size() const { return rep_->docs.size(); }

size_t DuplicateIndex::MemoryBytes() const { return rep_->MemoryBytes(); }

}  // namespace storyline::dedup

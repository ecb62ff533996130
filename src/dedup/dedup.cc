#include "dedup/dedup.h"

#include <algorithm>
#include <array>
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
constexpr size_t kMinNearWords = 8;       // shorter texts are only ever exact copies
constexpr size_t kQueryTerms = 16;        // rarest words of a new article looked up
constexpr size_t kPostedTerms = 12;       // rarest words an article is found by
constexpr size_t kMinSharedTerms = 3;     // rare words a rewrite candidate shares
constexpr size_t kRewriteCandidates = 8;  // most-sharing candidates aligned per Add
constexpr int kDfBits = 20;               // word document-frequency table: 2^20 counters

// Appends to an arena growing it by 1/4 (not 2x): the arenas are most of the index.
template <typename T, typename Range>
void Append(std::vector<T>& arena, const Range& items) {
  const size_t need = arena.size() + std::size(items);
  if (need > arena.capacity())
    arena.reserve(std::max(need, arena.capacity() + arena.capacity() / 4));
  arena.insert(arena.end(), std::begin(items), std::end(items));
}

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

struct Features : detail::TextFeatures {
  int64_t time = kUndated;
};

Features Finish(Features f, const Article& article);

// The headline is the article's first sentence: a rewrite keeps its subject in a new
// headline, and a retitled copy differs in one sentence only.
Features Compute(const Article& article) {
  if (article.title.empty() || article.text.starts_with(article.title)) {
    return Finish(Features{detail::ExtractFeatures(article.text)}, article);
  }
  return Finish(Features{detail::ExtractFeatures(article.title + ".\n\n" + article.text)}, article);
}

Features Finish(Features f, const Article& article) {
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
    Relation relation;  // to its root (kExact for a root itself)
  };

  // The relation to `d`'s root of an article that is `r` to `d`: the weaker of the two
  // (a near copy of a rewrite is a rewrite of the original).
  static Relation Compose(Relation r, const Doc& d) {
    return Strength(r) < Strength(d.relation) ? r : d.relation;
  }

  // The best match so far: earliest root, then strongest relation, then highest score.
  struct Best {
    uint32_t root = FlatMap::kNone;
    Relation relation = Relation::kRewrite;
    double score = 0;
    void Consider(uint32_t r, Relation rel, double s) {
      if (r < root ||
          (r == root && (Strength(rel) > Strength(relation) || (rel == relation && s > score)))) {
        root = r, relation = rel, score = s;
      }
    }
  };

  explicit Rep(const DedupOptions& o)
      : options(o),
        df(size_t{1} << kDfBits, 0),
        bands(std::max<size_t>(o.max_postings_per_key, 1)),
        terms(std::max<size_t>(o.max_postings_per_key, 1)) {}

  static size_t DfSlot(uint64_t hash) { return hash & ((size_t{1} << kDfBits) - 1); }

  std::span<const uint32_t> Samples(const Doc& d) const {
    return {samples.data() + d.samples_begin, d.samples};
  }
  detail::SentenceView Sentences(const Doc& d) const {
    size_t tokens_count = 0;
    for (size_t i = 0; i < d.sentences; ++i) tokens_count += sentence_sizes[d.sentences_begin + i];
    return {{sentence_sizes.data() + d.sentences_begin, d.sentences},
            {tokens.data() + d.tokens_begin, tokens_count}};
  }

  // The words an article is found by (kPostedTerms) and looks up (kQueryTerms, only words
  // earlier articles have), rarest first: by order of magnitude of their document
  // frequency, then names and numbers (which paraphrases keep) before other words.
  struct RareTerms {
    std::vector<uint64_t> posted, queried;
  };
  RareTerms PickRareTerms(const detail::SentenceFeatures& s) const {
    for (const detail::Term& t : s.terms) __builtin_prefetch(&df[DfSlot(t.hash)]);
    std::vector<std::pair<uint32_t, uint64_t>> all, seen;
    all.reserve(s.terms.size());
    seen.reserve(s.terms.size());
    for (const detail::Term& t : s.terms) {
      const size_t df_t = df[DfSlot(t.hash)];
      const auto key = static_cast<uint32_t>(std::bit_width(df_t) * 2 + (t.entity ? 0 : 1));
      all.emplace_back(key, t.hash);
      if (df_t > 0) seen.emplace_back(key, t.hash);
    }
    auto smallest = [](std::vector<std::pair<uint32_t, uint64_t>>& v, size_t n) {
      n = std::min(n, v.size());
      const auto end = v.begin() + static_cast<long>(n);
      std::nth_element(v.begin(), end, v.end());
      std::sort(v.begin(), end);
      std::vector<uint64_t> out(n);
      for (size_t i = 0; i < n; ++i) out[i] = v[i].second;
      return out;
    };
    return {smallest(all, kPostedTerms), smallest(seen, kQueryTerms)};
  }

  static std::array<uint64_t, detail::kBands> BandKeys(const detail::ShingleSketch& sketch) {
    std::array<uint64_t, detail::kBands> keys;
    for (int band = 0; band < detail::kBands; ++band) {
      keys[static_cast<size_t>(band)] = detail::BandKey(sketch.minhash, band);
    }
    return keys;
  }

  void FindCopies(const Features& f, Best& best) {
    const uint32_t exact = exact_hashes.Find(f.sketch.exact_hash);
    if (exact != FlatMap::kNone) {
      best.Consider(docs[exact].root, Compose(Relation::kExact, docs[exact]), 1.0);
    }
    if (f.sketch.words < kMinNearWords) return;

    std::vector<uint32_t> candidates;
    bands.ForEach(BandKeys(f.sketch), options.max_postings_per_key, [&](uint32_t doc) {
      if (scratch[doc] == 0) scratch[doc] = 1, candidates.push_back(doc);
    });
    for (uint32_t doc : candidates) scratch[doc] = 0;
    // Earliest groups first: the first verified copy ends the search.
    std::sort(candidates.begin(), candidates.end(),
              [&](uint32_t a, uint32_t b) { return docs[a].root < docs[b].root; });
    size_t verified = 0;
    for (uint32_t doc : candidates) {
      const Doc& d = docs[doc];
      if (d.root > best.root || (d.root == best.root && best.relation != Relation::kRewrite)) {
        break;
      }
      if (++verified > options.max_candidates) break;
      const double c = detail::SampledContainment(f.sketch.samples, f.sketch.sample_level,
                                                  Samples(d), d.sample_level);
      if (c >= options.near_threshold) {
        best.Consider(d.root, Compose(Relation::kNear, d), c);
        if (d.relation != Relation::kRewrite) break;
      }
    }
  }

  void FindRewrites(const Features& f, const RareTerms& rare, Best& best) {
    if (f.sentences.sizes.size() < options.min_rewrite_sentences) return;
    std::vector<uint32_t> touched;
    terms.ForEach(rare.queried, options.max_postings_per_key, [&](uint32_t doc) {
      if (scratch[doc] == 0) touched.push_back(doc);
      if (scratch[doc] < 255) ++scratch[doc];
    });
    std::vector<std::pair<uint32_t, uint32_t>> candidates;  // (shared terms, doc)
    for (uint32_t doc : touched) {
      const Doc& d = docs[doc];
      const bool in_window =
          f.time == kUndated || d.time == kUndated ||
          (f.time > d.time ? f.time - d.time : d.time - f.time) <= options.rewrite_window_seconds;
      if (scratch[doc] >= kMinSharedTerms && d.root < best.root && in_window) {
        candidates.emplace_back(scratch[doc], doc);
      }
      scratch[doc] = 0;
    }
    std::sort(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : docs[a.second].root < docs[b.second].root;
    });
    candidates.resize(std::min({candidates.size(), options.max_candidates, kRewriteCandidates}));
    const detail::SentenceView mine{f.sentences.sizes, f.sentences.tokens};
    for (const auto& [shared, doc] : candidates) {
      const Doc& d = docs[doc];
      if (d.root >= best.root) continue;
      const detail::Alignment a =
          detail::AlignSentences(mine, Sentences(d), options.sentence_threshold);
      if (a.in_order >= options.min_rewrite_sentences &&
          (a.share() >= options.rewrite_threshold ||
           a.weighted_share() >= options.rewrite_similarity_threshold)) {
        best.Consider(d.root, Relation::kRewrite, a.share());  // composes to itself
      }
    }
  }

  // Adds the article's features under `root` (kNone: its own) reporting `original`.
  void Index(int64_t id, const Features& f, const RareTerms& rare, uint32_t root, int64_t original,
             Relation relation) {
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
    d.relation = relation;
    Append(docs, std::array<Doc, 1>{d});
    Append(scratch, std::array<uint8_t, 1>{0});
    ids.FindOrInsert(static_cast<uint64_t>(id), doc);

    Append(samples, f.sketch.samples);
    Append(sentence_sizes, f.sentences.sizes);
    Append(tokens, f.sentences.tokens);

    if (f.sketch.words > 0) exact_hashes.FindOrInsert(f.sketch.exact_hash, doc);
    if (f.sketch.words >= kMinNearWords) {
      for (uint64_t key : BandKeys(f.sketch)) bands.Add(key, doc);
    }
    if (f.sentences.sizes.size() >= options.min_rewrite_sentences) {
      for (uint64_t term : rare.posted) terms.Add(term, doc);
    }
    for (const detail::Term& t : f.sentences.terms) {
      uint16_t& count = df[DfSlot(t.hash)];
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
  const Rep::RareTerms rare = rep_->PickRareTerms(f.sentences);
  Rep::Best best;
  rep_->FindCopies(f, best);
  rep_->FindRewrites(f, rare, best);
  if (best.root == FlatMap::kNone) {
    rep_->Index(id, f, rare, FlatMap::kNone, id, Relation::kExact);
    return std::nullopt;
  }
  const int64_t original = rep_->docs[best.root].original;
  rep_->Index(id, f, rare, best.root, original, best.relation);
  return Match{original, best.relation, best.score};
}

void DuplicateIndex::Restore(int64_t id, const Article& article,
                             std::optional<int64_t> duplicate_of) {
  const Features f = Compute(article);
  const Rep::RareTerms rare = rep_->PickRareTerms(f.sentences);
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
  // A restored duplicate's relation is not stored: count it as a near copy.
  rep_->Index(id, f, rare, root, original,
              root == FlatMap::kNone ? Relation::kExact : Relation::kNear);
}

size_t DuplicateIndex::size() const { return rep_->docs.size(); }

size_t DuplicateIndex::MemoryBytes() const { return rep_->MemoryBytes(); }

}  // namespace storyline::dedup

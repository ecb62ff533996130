#include "nlp/ner_features.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "nlp/decode.h"

namespace storyline::nlp::detail {
namespace {

// Feature templates; the numbers are part of the model (they seed the hashes).
enum Template : uint64_t {
  kBias = 1,
  kWord,
  kLowerT,
  kShapeT,
  kPrefix,
  kSuffix,
  kLowerAt,
  kShapeAt,
  kShapeTri,
  kBigramLeft,
  kBigramRight,
  kInitialShape,
  kHeadlineShape,
  kClusterCoarse,
  kClusterMedium,
  kClusterFine,
  kClusterAt,
  kCapBucket,
  kCapBucketInitial,
  kGazetteer,
  kGazetteerLength,
  kDocLowerSeen,
  kDocCapNonInitial,
  kDocPrevCap,
  kDocNextCap,
  kDocTitleSeen,
  kVote,
  kVoteMax,
  kLength,
  kClusterShape,
  kWordNextShape,
  kPrevWordShape,
  kCapBucketShape,
  kUnknownCluster,
  kClusterAtFine,
  kClusterBigram,
  kDocPhrase,
  kDocPhraseLength,
};

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

class Keys {
 public:
  explicit Keys(std::vector<uint64_t>& out) : out_(out) {}
  void Add(Template t, std::string_view value) { out_.push_back(HashBytes(value, t)); }
  void Add(Template t, std::string_view a, std::string_view b) {
    out_.push_back(HashBytes(b, HashBytes(a, t) ^ 0x9e3779b97f4a7c15ull));
  }
  void Add(Template t, std::string_view a, std::string_view b, std::string_view c) {
    out_.push_back(HashBytes(c, HashBytes(b, HashBytes(a, t) ^ 0x9e37ull) ^ 0x7f4aull));
  }
  void Add(Template t, uint64_t a, uint64_t b = 0) {
    out_.push_back(Mix(Mix(t * 0x100000001b3ull + a) ^ (b + 0x51ull)));
  }

 private:
  std::vector<uint64_t>& out_;
};

// Letters, none of them ASCII lower case (IsAllCaps without its Unicode check).
bool MaybeAllCaps(std::string_view word) {
  bool letter = false;
  for (unsigned char ch : word) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') letter = true;
  }
  return letter;
}

bool IsAllCaps(std::string_view word) { return MaybeAllCaps(word) && Lower(word) != word; }

// `lower` = Lower(word): the word with its first letter upper-cased when ASCII.
std::string TitleCaseOfLower(std::string lower) {
  if (!lower.empty() && lower[0] >= 'a' && lower[0] <= 'z')
    lower[0] = static_cast<char>(lower[0] - 32);
  return lower;
}

std::string TitleCase(std::string_view word) { return TitleCaseOfLower(Lower(word)); }

// Digits folded to 0 so that numbers share features.
std::string FoldDigits(std::string s) {
  for (char& ch : s) {
    if (ch >= '0' && ch <= '9') ch = '0';
  }
  return s;
}

// The clusters of `word`, else of its title-cased form when it is all caps, else of its
// lower-cased form; `lower` = Lower(word), `title` = TitleCase(word).
const ClusterIds* FindCluster(const Lexicon& lexicon, const std::string& word, bool all_caps,
                              const std::string& lower, const std::string& title) {
  if (auto it = lexicon.clusters.find(word); it != lexicon.clusters.end()) return &it->second;
  if (all_caps) {
    if (auto it = lexicon.clusters.find(title); it != lexicon.clusters.end()) return &it->second;
  }
  if (auto it = lexicon.clusters.find(lower); it != lexicon.clusters.end()) return &it->second;
  return nullptr;
}

const ClusterIds* FindCluster(const Lexicon& lexicon, const std::string& word) {
  return FindCluster(lexicon, word, IsAllCaps(word), Lower(word), TitleCase(word));
}

bool IsHeadline(const std::vector<std::string>& words) {
  size_t caps = 0;
  size_t letters = 0;
  for (const std::string& w : words) {
    bool has_letter = false;
    for (unsigned char ch : w) has_letter |= std::isalpha(ch) != 0;
    if (!has_letter) continue;
    ++letters;
    caps += IsAllCaps(w) ? 1 : 0;
  }
  return letters > 0 && caps * 2 > letters;
}

DocumentStats ComputeStats(const Document& document) {
  DocumentStats stats;
  for (const std::vector<std::string>& words : document) {
    const bool headline = IsHeadline(words);
    for (size_t i = 0; i < words.size(); ++i) {
      const std::string& w = words[i];
      if (w.empty()) continue;
      const unsigned char first = static_cast<unsigned char>(w[0]);
      if (first >= 'a' && first <= 'z' && i > 0) stats.lower_seen.insert(Lower(w));
      if (headline || i == 0 || !IsCapitalised(w)) continue;
      const std::string title = TitleCase(w);
      stats.cap_non_initial.insert(title);
      if (i > 1 && IsCapitalised(words[i - 1])) stats.prev_capitalised.insert(title);
      if (i + 1 < words.size() && IsCapitalised(words[i + 1])) stats.next_capitalised.insert(title);
    }
  }
  return stats;
}

// The phrases covering one token: (type mask, position | min(length, 4) << 2), where the
// position is 0 for a one-word phrase, 1 first word, 2 inside, 3 last word.
using PhraseMatches = std::vector<std::pair<uint8_t, uint8_t>>;

// Every phrase of `phrases` (words joined by a space, up to kMaxGazetteerTokens) in `words`.
std::vector<PhraseMatches> MatchPhrases(const std::vector<std::string>& words,
                                        const Gazetteer& phrases) {
  const size_t n = words.size();
  std::vector<PhraseMatches> out(n);
  std::string phrase;
  for (size_t a = 0; a < n; ++a) {
    phrase.clear();
    for (size_t len = 1; len <= kMaxGazetteerTokens && a + len <= n; ++len) {
      if (len > 1) phrase.push_back(' ');
      phrase += words[a + len - 1];
      const Gazetteer::Entry* entry = phrases.Find(phrase);
      if (entry == nullptr) break;  // no phrase starts with these words
      if (entry->mask != 0) {       // (a phrase without types gives no features)
        for (size_t t = a; t < a + len; ++t) {
          const uint8_t pos = len == 1 ? 0 : t == a ? 1 : t + 1 == a + len ? 3 : 2;
          out[t].emplace_back(entry->mask,
                              static_cast<uint8_t>(pos | (std::min<size_t>(len, 4) << 2)));
        }
      }
      if (!entry->longer) break;
    }
  }
  return out;
}

void AddPhraseFeatures(const PhraseMatches& matches, Template by_position, Template by_length,
                       Keys& k) {
  for (const auto& [mask, pos] : matches) {
    for (uint64_t type = 1; type <= 4; ++type) {
      if (!(mask & (1u << (type - 1)))) continue;
      k.Add(by_position, type, pos & 3u);
      k.Add(by_length, type, pos);
    }
  }
}

struct TokenInfo {
  std::string lower;  // digits folded
  std::string shape;
  const ClusterIds* cluster = nullptr;
  uint64_t lower_hash = 0;   // HashBytes(lower, 3)
  uint64_t shape_hash = 0;   // HashBytes(shape, 3)
  uint64_t shape_hash5 = 0;  // HashBytes(shape, 5)
};

}  // namespace

// Typographic marks written as CoNLL-2003 (Reuters) writes them: curly quotes and
// apostrophes, guillemets, dashes and the ellipsis character.
std::string Normalize(std::string_view word) {
  bool ascii = true;
  for (unsigned char ch : word) ascii &= ch < 0x80;
  if (ascii) return std::string(word);
  std::string out;
  for (size_t i = 0; i < word.size();) {
    const CodePoint cp = Decode(word, i);
    switch (cp.c) {
      case 0x201c:
      case 0x201d:
      case 0x201e:
      case 0x201f:
      case 0xab:
      case 0xbb:
        out += '"';
        break;
      case 0x2018:
      case 0x2019:
      case 0x201a:
      case 0x201b:
        out += '\'';
        break;
      case 0x2013:
      case 0x2014:
      case 0x2212:
        out += '-';
        break;
      case 0x2026:
        out += "...";
        break;
      default:
        out.append(word.substr(i, cp.next - i));
    }
    i = cp.next;
  }
  return out;
}

uint64_t HashBytes(std::string_view bytes, uint64_t seed) {
  uint64_t h = kFnvOffset ^ Mix(seed);
  for (unsigned char ch : bytes) {
    h ^= ch;
    h *= kFnvPrime;
  }
  return Mix(h);
}

void Gazetteer::Add(const std::string& phrase, uint8_t mask) {
  Entry& entry = entries_[phrase];
  size_ += entry.phrase ? 0 : 1;
  entry.phrase = true;
  entry.mask = static_cast<uint8_t>(entry.mask | mask);
  for (size_t space = phrase.find(' '); space != std::string::npos;
       space = phrase.find(' ', space + 1)) {
    entries_[phrase.substr(0, space)].longer = true;
  }
}

std::vector<std::pair<std::string, uint8_t>> Gazetteer::Sorted() const {
  std::vector<std::pair<std::string, uint8_t>> out;
  out.reserve(size_);
  for (const auto& [text, entry] : entries_) {
    if (entry.phrase) out.emplace_back(text, entry.mask);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<LabelSpan> LabelSpans(const std::vector<int>& labels) {
  std::vector<LabelSpan> spans;
  for (size_t i = 0; i < labels.size();) {
    if (labels[i] == 0) {
      ++i;
      continue;
    }
    const int type = LabelType(labels[i]);
    size_t j = i + 1;
    while (j < labels.size() && IsInside(labels[j]) && LabelType(labels[j]) == type) ++j;
    spans.push_back({i, j, type});
    i = j;
  }
  return spans;
}

int LabelIndex(std::string_view name) {
  for (int k = 0; k < kNumLabels; ++k) {
    if (kLabelNames[static_cast<size_t>(k)] == name) return k;
  }
  return -1;
}

std::string Lower(std::string_view word) {
  bool ascii = true;
  for (unsigned char ch : word) ascii &= ch < 0x80;
  if (ascii) {
    std::string out(word);
    for (char& ch : out) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    }
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  std::string out;
  u.toLower().toUTF8String(out);
  return out;
}

std::string Shape(std::string_view word) {
  std::string out;
  size_t i = 0;
  char last = 0;
  size_t run = 0;
  while (i < word.size()) {
    const CodePoint cp = Decode(word, i);
    const int32_t c = cp.c;
    i = cp.next;
    char k;
    if (c < 0) {
      k = '?';
    } else if (c < 0x80) {  // as below, without ICU: only A-Z, a-z and 0-9 are letters or digits
      k = c >= 'A' && c <= 'Z'   ? 'X'
          : c >= 'a' && c <= 'z' ? 'x'
          : c >= '0' && c <= '9' ? 'd'
                                 : static_cast<char>(c);
    } else if (u_isupper(c)) {
      k = 'X';
    } else if (u_isalpha(c)) {
      k = 'x';
    } else if (u_isdigit(c)) {
      k = 'd';
    } else if (c < 0x80) {
      k = static_cast<char>(c);
    } else {
      k = '*';
    }
    if (k == last) {
      if (++run > 1) continue;  // a run of one class keeps two characters: "Xxx"
    } else {
      run = 0;
    }
    last = k;
    out.push_back(k);
  }
  return out;
}

bool IsCapitalised(std::string_view word) {
  if (word.empty()) return false;
  const int32_t c = Decode(word, 0).c;
  return c >= 0 && u_isupper(c);
}

void AddVotes(const std::vector<std::string>& words, const std::vector<int>& labels,
              DocumentTypeVotes& votes) {
  for (size_t i = 0; i < words.size() && i < labels.size(); ++i) {
    if (!IsCapitalised(words[i])) continue;
    auto& counts = votes.words[TitleCase(Normalize(words[i]))];
    counts[static_cast<size_t>(LabelType(labels[i]))] += 1;
  }
  for (const LabelSpan& span : LabelSpans(labels)) {
    if (span.end > words.size() || span.end - span.begin > kMaxGazetteerTokens) continue;
    std::string phrase;
    for (size_t k = span.begin; k < span.end; ++k) {
      if (k > span.begin) phrase.push_back(' ');
      phrase += TitleCase(Normalize(words[k]));
    }
    votes.phrases.Add(phrase, static_cast<uint8_t>(1u << (span.type - 1)));
  }
}

FeatureExtractor::FeatureExtractor(const Document& document, const Lexicon& lexicon,
                                   const Gazetteer& gazetteer)
    : lexicon_(lexicon), gazetteer_(gazetteer) {
  document_.reserve(document.size());
  for (const std::vector<std::string>& words : document) {
    std::vector<std::string>& normalized = document_.emplace_back();
    normalized.reserve(words.size());
    for (const std::string& w : words) normalized.push_back(Normalize(w));
  }
  stats_ = ComputeStats(document_);
}

std::vector<SentenceFeatures> ExtractFeatures(const Document& document, const Lexicon& lexicon,
                                              const Gazetteer& gazetteer,
                                              const DocumentTypeVotes* votes) {
  const FeatureExtractor extractor(document, lexicon, gazetteer);
  std::vector<SentenceFeatures> out(extractor.size());
  for (size_t s = 0; s < extractor.size(); ++s) CombineFeatures(extractor.Base(s), votes, out[s]);
  return out;
}

SentenceBase FeatureExtractor::Base(size_t sentence) const {
  static const std::string kStart = "<s>";
  static const std::string kEnd = "</s>";
  const Lexicon& lexicon = lexicon_;
  const DocumentStats& stats = stats_;
  const std::vector<std::string>& words = document_[sentence];
  const size_t n = words.size();
  const bool headline = IsHeadline(words);
  SentenceBase base;
  base.titles.resize(n);
  base.cased.resize(n);
  std::vector<TokenInfo> info(n);
  std::vector<std::string> lowered(n);  // Lower(word), digits kept
  std::vector<uint8_t> all_caps(n);
  for (size_t i = 0; i < n; ++i) {
    const std::string& w = words[i];
    TokenInfo& ti = info[i];
    lowered[i] = Lower(w);
    all_caps[i] = MaybeAllCaps(w) && lowered[i] != w;
    base.titles[i] = TitleCaseOfLower(lowered[i]);
    base.cased[i] = IsCapitalised(w) || all_caps[i];
    ti.lower = FoldDigits(lowered[i]);
    ti.shape = Shape(w);
    ti.cluster = FindCluster(lexicon, w, all_caps[i], lowered[i], base.titles[i]);
    ti.lower_hash = HashBytes(ti.lower, 3);
    ti.shape_hash = HashBytes(ti.shape, 3);
    ti.shape_hash5 = HashBytes(ti.shape, 5);
  }
  const std::vector<PhraseMatches> gaz = MatchPhrases(words, gazetteer_);
  const uint64_t start_hash = HashBytes(kStart, 3);
  const uint64_t end_hash = HashBytes(kEnd, 3);
  auto in_sentence = [n](long i) { return i >= 0 && i < static_cast<long>(n); };
  auto lower_at = [&](long i) -> const std::string& {
    if (i < 0) return kStart;
    if (i >= static_cast<long>(n)) return kEnd;
    return info[static_cast<size_t>(i)].lower;
  };
  auto shape_at = [&](long i) -> const std::string& {
    if (i < 0) return kStart;
    if (i >= static_cast<long>(n)) return kEnd;
    return info[static_cast<size_t>(i)].shape;
  };
  auto lower_hash_at = [&](long i) {
    return in_sentence(i) ? info[static_cast<size_t>(i)].lower_hash : i < 0 ? start_hash : end_hash;
  };
  auto shape_hash_at = [&](long i) {
    return in_sentence(i) ? info[static_cast<size_t>(i)].shape_hash : i < 0 ? start_hash : end_hash;
  };
  auto medium_at = [&](long j) -> uint64_t {
    if (j < 0) return 70000;
    if (j >= static_cast<long>(n)) return 70001;
    const ClusterIds* c = info[static_cast<size_t>(j)].cluster;
    return c ? c->medium : 0u;
  };
  Keys k(base.keys);
  base.bounds.reserve(2 * n + 1);
  base.bounds.push_back(0);
  for (size_t t = 0; t < n; ++t) {
    const auto i = static_cast<long>(t);
    const std::string& w = words[t];
    const TokenInfo& ti = info[t];
    k.Add(kBias, 0);
    k.Add(kWord, w);
    k.Add(kLowerT, ti.lower);
    k.Add(kShapeT, ti.shape);
    k.Add(kLength, std::min<size_t>(w.size(), 12));
    const std::string_view lower = ti.lower;
    for (size_t len = 1; len <= 4 && len <= lower.size(); ++len) {
      k.Add(kPrefix, len, HashBytes(lower.substr(0, len), 7));
      k.Add(kSuffix, len, HashBytes(lower.substr(lower.size() - len), 7));
    }
    for (long d : {-2L, -1L, 1L, 2L}) {
      k.Add(kLowerAt, static_cast<uint64_t>(d + 3), lower_hash_at(i + d));
    }
    for (long d : {-1L, 1L}) {
      k.Add(kShapeAt, static_cast<uint64_t>(d + 3), shape_hash_at(i + d));
    }
    k.Add(kShapeTri, shape_at(i - 1), ti.shape, shape_at(i + 1));
    k.Add(kBigramLeft, lower_at(i - 1), ti.lower);
    k.Add(kBigramRight, ti.lower, lower_at(i + 1));
    k.Add(kWordNextShape, ti.lower, shape_at(i + 1));
    k.Add(kPrevWordShape, lower_at(i - 1), ti.shape);
    if (t == 0) k.Add(kInitialShape, ti.shape);
    if (headline) k.Add(kHeadlineShape, ti.shape);
    if (ti.cluster) {
      k.Add(kClusterCoarse, ti.cluster->coarse);
      k.Add(kClusterMedium, ti.cluster->medium);
      k.Add(kClusterFine, ti.cluster->fine);
      k.Add(kClusterShape, ti.cluster->medium, ti.shape_hash5);
    } else {
      k.Add(kUnknownCluster, ti.shape_hash5);
    }
    for (long d : {-2L, -1L, 1L, 2L}) {
      k.Add(kClusterAt, static_cast<uint64_t>(d + 3) * 100000 + medium_at(i + d));
    }
    for (long d : {-1L, 1L}) {
      const long j = i + d;
      if (!in_sentence(j)) continue;
      const ClusterIds* c = info[static_cast<size_t>(j)].cluster;
      k.Add(kClusterAtFine, static_cast<uint64_t>(d + 3), c ? c->fine : 0u);
    }
    k.Add(kClusterBigram, medium_at(i - 1), medium_at(i) * 3 + 1);
    k.Add(kClusterBigram, medium_at(i), medium_at(i + 1) * 3 + 2);
    if (auto it = lexicon.capitalisation.find(lowered[t]); it != lexicon.capitalisation.end()) {
      k.Add(kCapBucket, it->second);
      k.Add(kCapBucketShape, it->second, ti.shape_hash5);
      if (t == 0 || headline) k.Add(kCapBucketInitial, it->second, headline ? 2 : 1);
    }
    AddPhraseFeatures(gaz[t], kGazetteer, kGazetteerLength, k);
    base.bounds.push_back(static_cast<uint32_t>(base.keys.size()));
    // The vote phrase features go here (CombineFeatures).
    if (base.cased[t]) {
      const std::string& title = base.titles[t];
      const uint64_t where = headline ? 2 : t == 0 ? 1 : 0;
      if (stats.lower_seen.count(lowered[t])) k.Add(kDocLowerSeen, where);
      if (stats.cap_non_initial.count(title)) k.Add(kDocCapNonInitial, where);
      if (stats.prev_capitalised.count(title)) k.Add(kDocPrevCap, where);
      if (stats.next_capitalised.count(title)) k.Add(kDocNextCap, where);
      if (all_caps[t] && stats.cap_non_initial.count(title)) {
        k.Add(kDocTitleSeen, 1);
        if (const ClusterIds* c = FindCluster(lexicon, title)) k.Add(kDocTitleSeen, 2, c->fine);
      }
    }
    base.bounds.push_back(static_cast<uint32_t>(base.keys.size()));
  }
  return base;
}

void ExtractVoteFeatures(const SentenceBase& base, const DocumentTypeVotes& votes,
                         VoteFeatures& out) {
  const size_t n = base.titles.size();
  for (SentenceFeatures* f : {&out.phrases, &out.words}) {
    f->offsets.assign(1, 0);
    f->keys.clear();
  }
  std::vector<PhraseMatches> doc_phrases;
  if (!votes.phrases.empty()) doc_phrases = MatchPhrases(base.titles, votes.phrases);
  Keys phrase_keys(out.phrases.keys);
  Keys word_keys(out.words.keys);
  for (size_t t = 0; t < n; ++t) {
    if (!doc_phrases.empty()) {
      AddPhraseFeatures(doc_phrases[t], kDocPhrase, kDocPhraseLength, phrase_keys);
    }
    if (base.cased[t]) {
      if (auto it = votes.words.find(base.titles[t]); it != votes.words.end()) {
        const auto& counts = it->second;
        uint32_t total = 0;
        size_t best = 0;
        for (size_t type = 0; type < counts.size(); ++type) {
          total += counts[type];
          if (counts[type] > counts[best]) best = type;
        }
        if (total > 0) {
          word_keys.Add(kVoteMax, best, std::min<uint32_t>(total, 3));
          for (size_t type = 1; type < counts.size(); ++type) {
            if (counts[type] > 0) word_keys.Add(kVote, type, counts[type] * 4 / total);
          }
        }
      }
    }
    out.phrases.offsets.push_back(static_cast<uint32_t>(out.phrases.keys.size()));
    out.words.offsets.push_back(static_cast<uint32_t>(out.words.keys.size()));
  }
}

void CombineFeatures(const SentenceBase& base, const DocumentTypeVotes* votes,
                     SentenceFeatures& out) {
  const size_t n = base.titles.size();
  VoteFeatures vote_features;
  if (votes) ExtractVoteFeatures(base, *votes, vote_features);
  out.offsets.assign(1, 0);
  out.keys.clear();
  auto append = [&out](const std::vector<uint64_t>& keys, size_t begin, size_t end) {
    out.keys.insert(out.keys.end(), keys.begin() + static_cast<std::ptrdiff_t>(begin),
                    keys.begin() + static_cast<std::ptrdiff_t>(end));
  };
  for (size_t t = 0; t < n; ++t) {
    append(base.keys, base.bounds[2 * t], base.bounds[2 * t + 1]);
    if (votes) {
      append(vote_features.phrases.keys, vote_features.phrases.offsets[t],
             vote_features.phrases.offsets[t + 1]);
    }
    append(base.keys, base.bounds[2 * t + 1], base.bounds[2 * t + 2]);
    if (votes) {
      append(vote_features.words.keys, vote_features.words.offsets[t],
             vote_features.words.offsets[t + 1]);
    }
    out.offsets.push_back(static_cast<uint32_t>(out.keys.size()));
  }
}

}  // namespace storyline::nlp::detail

#include "search/search.h"

#include <xapian.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/snippet.h"

namespace storyline::search {
namespace {

// Value slots.
constexpr Xapian::valueno kSlotDay = 0;   // "YYYYMMDD": day ranges
constexpr Xapian::valueno kSlotTime = 1;  // sortable_serialise(unix seconds): sort by date
// The facets, in one slot so that counting reads one value per match: lines of the outlet name,
// the month ("YYYY-MM") and then one person id per line.
constexpr Xapian::valueno kSlotFacets = 2;

// Term prefixes (Xapian's convention: upper case; unprefixed terms never start with one).
constexpr std::string_view kIdPrefix = "Q";
constexpr std::string_view kTitlePrefix = "S";
constexpr std::string_view kOutletPrefix = "XO";
constexpr std::string_view kPersonPrefix = "XP";
constexpr std::string_view kSpeakerPrefix = "XS";
constexpr std::string_view kStoryPrefix = "XT";
constexpr std::string_view kLangPrefix = "L";
constexpr std::string_view kHashPrefix = "XH";
// Adjacent words: "XW<word>\x01<next word>" for each two unprefixed terms at positions p and
// p + 1. Every document with an exact phrase has its pairs, so a query filters by them before
// the matcher reads positions (a phrase of common words is otherwise checked in most articles).
constexpr std::string_view kPairPrefix = "XW";
constexpr size_t kMaxPairTermBytes = 240;  // Xapian refuses terms over 245 bytes
// Metadata saying the index has pair terms (set when the first article goes into an empty
// index): an index written before them is searched without them until it is rebuilt.
constexpr std::string_view kPairsKey = "storyline.pairs";

constexpr Xapian::termcount kTitleWdf = 3;      // a title word counts as three body words
constexpr Xapian::termpos kTitleBodyGap = 100;  // phrases do not span title and body
constexpr unsigned kMaxAttempts = 2;            // a reader retries once after the writer moved
// The Xapian docid is the article id, so documents sort and break ties by id, the same way
// whatever order they were indexed in.
constexpr int64_t kMaxArticleId = std::numeric_limits<Xapian::docid>::max();

std::string IdTerm(int64_t id) { return std::string(kIdPrefix) + std::to_string(id); }

// The pair term of two adjacent words, nullopt when it would be too long to be a term (the
// index and the queries agree on that: such pairs are neither indexed nor required).
std::optional<std::string> PairTerm(std::string_view first, std::string_view second) {
  if (kPairPrefix.size() + first.size() + 1 + second.size() > kMaxPairTermBytes) {
    return std::nullopt;
  }
  std::string term(kPairPrefix);
  term.append(first).append(1, '\x01').append(second);
  return term;
}

bool IsPrefixed(const std::string& term) {
  return !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
}

std::string Pad(int value, int width) {
  std::string digits = std::to_string(value < 0 ? 0 : value);
  if (digits.size() < static_cast<size_t>(width)) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return digits;
}

std::string DayKey(const Timestamp& t) { return Pad(t.year, 4) + Pad(t.month, 2) + Pad(t.day, 2); }
std::string MonthKey(const Timestamp& t) { return Pad(t.year, 4) + "-" + Pad(t.month, 2); }

Xapian::Stem StemmerFor(const std::string& language) {
  if (!language.empty() && language != "none") {
    try {
      return Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError&) {
      // Xapian has no stemmer for this language: English is the best guess for mixed corpora.
    }
  }
  return Xapian::Stem("en");
}

// The document data: the stored fields a hit shows, each as "<length>:<bytes>".
struct StoredFields {
  int64_t id = 0;
  std::string title, outlet, url, published, story, text, hash;
};

void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

std::string EncodeFields(const StoredFields& f) {
  std::string out;
  AppendField(out, std::to_string(f.id));
  for (const std::string* field :
       {&f.title, &f.outlet, &f.url, &f.published, &f.story, &f.text, &f.hash}) {
    AppendField(out, *field);
  }
  return out;
}

bool ReadField(std::string_view& in, std::string& field) {
  const size_t colon = in.find(':');
  if (colon == std::string_view::npos) return false;
  size_t length = 0;
  auto [end, ec] = std::from_chars(in.data(), in.data() + colon, length);
  if (ec != std::errc() || end != in.data() + colon || length > in.size() - colon - 1) return false;
  field.assign(in.substr(colon + 1, length));
  in.remove_prefix(colon + 1 + length);
  return true;
}

Result<StoredFields> DecodeFields(const std::string& data) {
  StoredFields f;
  std::string_view in = data;
  std::string id;
  bool ok = ReadField(in, id);
  for (std::string* field :
       {&f.title, &f.outlet, &f.url, &f.published, &f.story, &f.text, &f.hash}) {
    ok = ok && ReadField(in, *field);
  }
  if (ok) {
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), f.id);
    ok = ec == std::errc() && end == id.data() + id.size() && in.empty();
  }
  if (!ok) return Status::Corruption("search index: a document's stored fields are malformed");
  return f;
}

std::optional<int64_t> ParseId(const std::string& text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The pair term of every two unprefixed terms at adjacent positions (see kPairPrefix).
void AddPairTerms(Xapian::Document& doc) {
  std::vector<std::pair<Xapian::termpos, std::string>> words;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string term = *t;
    if (IsPrefixed(term)) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
      words.emplace_back(*p, term);
    }
  }
  std::sort(words.begin(), words.end());
  for (size_t i = 0; i < words.size(); ++i) {
    // Every term at the next position (one, unless a term shares a position).
    for (size_t j = i + 1; j < words.size() && words[j].first <= words[i].first + 1; ++j) {
      if (words[j].first != words[i].first + 1) continue;
      if (std::optional<std::string> pair = PairTerm(words[i].second, words[j].second)) {
        doc.add_boolean_term(*pair);
      }
    }
  }
}

// Xapian::Document for one article. The TermGenerator carries no state between documents
// beyond its settings.
Xapian::Document BuildDocument(const IndexedArticle& indexed, Xapian::TermGenerator& terms) {
  const Article& a = indexed.article;
  Xapian::Document doc;
  terms.set_document(doc);
  terms.set_stemmer(StemmerFor(a.language));
  terms.index_text(a.title, 1, std::string(kTitlePrefix));
  terms.index_text(a.title, kTitleWdf);
  terms.increase_termpos(kTitleBodyGap);
  terms.index_text(a.text);
  AddPairTerms(doc);

  doc.add_boolean_term(IdTerm(a.id));
  auto add_filter = [&doc](std::string_view prefix, std::string_view value) {
    std::string key = FilterKey(value);
    if (!key.empty()) doc.add_boolean_term(std::string(prefix) + key);
  };
  add_filter(kOutletPrefix, a.outlet);
  add_filter(kLangPrefix, a.language);
  if (a.story_id) add_filter(kStoryPrefix, std::to_string(*a.story_id));
  if (!a.content_hash.empty()) doc.add_boolean_term(std::string(kHashPrefix) + a.content_hash);

  std::vector<std::string> facet_people;
  for (const std::string& p : indexed.people) {
    add_filter(kPersonPrefix, p);
    facet_people.push_back(FilterKey(p));
  }
  for (const std::string& s : indexed.speakers) {
    add_filter(kSpeakerPrefix, s);
    facet_people.push_back(FilterKey(s));
  }
  std::sort(facet_people.begin(), facet_people.end());
  facet_people.erase(std::unique(facet_people.begin(), facet_people.end()), facet_people.end());
  std::string facets = a.outlet;
  std::replace(facets.begin(), facets.end(), '\n', ' ');
  facets += '\n';
  if (a.published) facets += MonthKey(*a.published);
  for (const std::string& p : facet_people) {
    if (!p.empty()) facets += '\n' + p;  // FilterKey never leaves a '\n'
  }
  doc.add_value(kSlotFacets, facets);

  if (a.published) {
    doc.add_value(kSlotDay, DayKey(*a.published));
    doc.add_value(kSlotTime,
                  Xapian::sortable_serialise(static_cast<double>(a.published->ToUnixSeconds())));
  }

  StoredFields f;
  f.id = a.id;
  f.title = a.title;
  f.outlet = a.outlet;
  f.url = a.url;
  f.published = a.published ? a.published->ToIso8601() : "";
  f.story = a.story_id ? std::to_string(*a.story_id) : "";
  f.text = a.text;
  f.hash = a.content_hash;
  doc.set_data(EncodeFields(f));
  return doc;
}

// Spelling data: each unprefixed word (not a number) once per article, so the frequencies
// depend on the indexed articles only, not on how often each was replaced.
bool SpellingWord(const std::string& term) {
  return !IsPrefixed(term) &&
         !std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AddSpelling(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (SpellingWord(*it)) db.add_spelling(*it, 1);
  }
}

void RemoveSpelling(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (SpellingWord(*it)) db.remove_spelling(*it, 1);
  }
}

// "2025-11-01", "2025-11" or "2025" → the first ("…00" padded) or last ("…99") day key it covers;
// nullopt if it is not such a date.
std::optional<std::string> RangeDayKey(const std::string& text, bool end) {
  if (text.size() == 10) {
    const std::optional<Timestamp> t = Timestamp::FromIso8601(text);
    if (!t || t->has_time) return std::nullopt;
    return DayKey(*t);
  }
  const bool year = text.size() == 4, month = text.size() == 7;
  if (!year && !month) return std::nullopt;
  const std::optional<Timestamp> t = Timestamp::FromIso8601(year ? text + "-01-01" : text + "-01");
  if (!t) return std::nullopt;
  const std::string key = DayKey(*t);
  const std::string covered = key.substr(0, year ? 4 : 6);
  return covered + std::string(key.size() - covered.size(), end ? '9' : '0');
}

// Day ranges in queries: `2025-11-01..2025-11-30`, `2025-11..`, `..2025`; both ends inclusive.
// Anything else that looks like a range is refused (the parser reports an unknown range).
class DayRangeProcessor : public Xapian::RangeProcessor {
 public:
  DayRangeProcessor() : Xapian::RangeProcessor(kSlotDay) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    const std::optional<std::string> from =
        begin.empty() ? std::string() : RangeDayKey(begin, false);
    const std::optional<std::string> to = end.empty() ? std::string() : RangeDayKey(end, true);
    if (!from || !to) return Xapian::Query(Xapian::Query::OP_INVALID);
    if (to->empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDay, *from);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDay, *from, *to);
  }
};

// `outlet:Sputnik News` → the boolean term of FilterKey("Sputnik News").
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + FilterKey(value));
  }

 private:
  std::string prefix_;
};

// The facet values of the documents, decoded once per index revision and kept as small
// integer ids (one interned table per facet), so counting a match is a few array increments.
// Reading them from the value stream for every match was 20% of a search's CPU under load
// (perf, bench/serve_load.sh): each query looks at facet_depth matches. Documents are loaded
// the first time a query matches them; Reset forgets everything (a new revision may have
// replaced any document). Not thread-safe (a SearchIndex serializes its calls).
class FacetColumn {
 public:
  enum Kind : uint32_t { kOutlet = 0, kMonth = 1, kPerson = 2 };
  static constexpr int kKinds = 3;
  static constexpr uint32_t kIdBits = 30;  // an entry is kind << kIdBits | id

  // Forgets every document (interned names stay: ids are only ever added). Documents are
  // kept only when their ids are dense enough that a slot per id is not a waste (article ids
  // are the store's, usually dense; an index of ids up to 2^32 would need 16 GB).
  void Reset(Xapian::rev revision, Xapian::docid last_docid, Xapian::doccount docs) {
    revision_ = revision;
    reset_ = true;
    keep_ = last_docid <= 8 * static_cast<uint64_t>(docs) + (uint64_t{1} << 20);
    begin_.assign(keep_ ? static_cast<size_t>(last_docid) + 1 : 0, 0);
    pool_.clear();
  }
  Xapian::rev revision() const { return revision_; }
  bool valid() const { return reset_; }

  // The entries of document `did`, decoding its facet value (kSlotFacets), which `load(did)`
  // gives, the first time; valid until the next call. Empty for a document without facets.
  template <typename Load>
  std::span<const uint32_t> Get(Xapian::docid did, Load&& load) {
    if (!keep_ || did >= begin_.size()) {
      scratch_.clear();  // a document not kept: decoded again each time
      Decode(load(did), scratch_);
      return {scratch_.data() + 1, scratch_[0]};
    }
    uint32_t& begin = begin_[did];
    if (begin == 0) {
      begin = static_cast<uint32_t>(pool_.size()) + 1;
      Decode(load(did), pool_);
    }
    return {pool_.data() + begin, pool_[begin - 1]};
  }
  const std::string& Name(Kind kind, uint32_t id) const { return names_[kind][id]; }

 private:
  // Appends a document's entries to `out`: their number, then each (see kSlotFacets).
  void Decode(const std::string& value, std::vector<uint32_t>& out) {
    const size_t count_at = out.size();
    out.push_back(0);
    std::string_view rest = value;
    uint32_t n = 0;
    for (size_t line = 0;; ++line) {
      const size_t end = std::min(rest.find('\n'), rest.size());
      const std::string_view item = rest.substr(0, end);
      if (!item.empty()) {
        const Kind kind = line == 0 ? kOutlet : line == 1 ? kMonth : kPerson;
        out.push_back(static_cast<uint32_t>(kind) << kIdBits | Intern(kind, item));
        ++n;
      }
      if (end == rest.size()) break;
      rest.remove_prefix(end + 1);
    }
    out[count_at] = n;
  }
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  uint32_t Intern(Kind kind, std::string_view name) {
    auto& ids = ids_[kind];
    if (auto it = ids.find(name); it != ids.end()) return it->second;
    const auto id = static_cast<uint32_t>(names_[kind].size());
    ids.emplace(std::string(name), id);
    names_[kind].emplace_back(name);
    return id;
  }
  Xapian::rev revision_ = 0;
  bool reset_ = false, keep_ = false;
  std::vector<uint32_t> begin_;    // by docid: 1 + where its entries start in pool_, 0: not loaded
  std::vector<uint32_t> pool_;     // per loaded document: its number of entries, then the entries
  std::vector<uint32_t> scratch_;  // the same for one document that is not kept
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids_[kKinds];
  std::vector<std::string> names_[kKinds];
};

// Counts the facets of each match the matcher looks at (see kSlotFacets).
class FacetMatchSpy : public Xapian::MatchSpy {
 public:
  FacetMatchSpy(const Xapian::Database& db, FacetColumn& column) : db_(db), column_(column) {}
  void operator()(const Xapian::Document& doc, double /*weight*/) override {
    const std::span<const uint32_t> entries =
        column_.Get(doc.get_docid(), [this](Xapian::docid did) { return Value(did); });
    for (uint32_t entry : entries) {
      std::vector<int64_t>& counts = counts_[entry >> FacetColumn::kIdBits];
      const uint32_t id = entry & ((uint32_t{1} << FacetColumn::kIdBits) - 1);
      if (id >= counts.size()) counts.resize(id + 1, 0);
      ++counts[id];
    }
  }
  // Values with a count, by count (most first, then value), at most n.
  std::vector<FacetValue> ByCount(FacetColumn::Kind kind, size_t n) const {
    std::vector<FacetValue> values = Values(kind);
    std::sort(values.begin(), values.end(), [](const FacetValue& x, const FacetValue& y) {
      return x.count != y.count ? x.count > y.count : x.value < y.value;
    });
    if (values.size() > n) values.resize(n);
    return values;
  }
  // Values with a count, in value order.
  std::vector<FacetValue> ByValue(FacetColumn::Kind kind) const {
    std::vector<FacetValue> values = Values(kind);
    std::sort(values.begin(), values.end(),
              [](const FacetValue& x, const FacetValue& y) { return x.value < y.value; });
    return values;
  }

 private:
  std::vector<FacetValue> Values(FacetColumn::Kind kind) const {
    std::vector<FacetValue> values;
    const std::vector<int64_t>& counts = counts_[kind];
    for (uint32_t id = 0; id < counts.size(); ++id) {
      if (counts[id] > 0) values.push_back({column_.Name(kind, id), counts[id]});
    }
    return values;
  }

  // The document's facet value, read from the slot's value stream: the matcher visits
  // documents in ascending docid order, so the stream reads each chunk once, where
  // Document::get_value looks every value up from the top of the table.
  std::string Value(Xapian::docid did) {
    if (!stream_started_ || did < last_) {
      values_ = db_.valuestream_begin(kSlotFacets);
      stream_started_ = true;
    }
    last_ = did;
    if (values_ == db_.valuestream_end(kSlotFacets)) return {};
    values_.skip_to(did);
    if (values_ == db_.valuestream_end(kSlotFacets) || values_.get_docid() != did) return {};
    return *values_;
  }
  const Xapian::Database& db_;
  FacetColumn& column_;
  std::vector<int64_t> counts_[FacetColumn::kKinds];
  Xapian::ValueIterator values_;
  bool stream_started_ = false;
  Xapian::docid last_ = 0;
};

// Only plain words expand a "more like this" query (no ids, filters or title copies).
class WordsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return SpellingWord(term); }
};

// The words of `q` when it is an exact phrase of plain words (OP_PHRASE with a window of its
// length, as quotes and hyphenated words parse; ADJ/n phrases have wider windows), else none.
std::vector<std::string> ExactPhraseWords(const Xapian::Query& q) {
  const size_t n = q.get_num_subqueries();
  if (q.get_type() != Xapian::Query::OP_PHRASE || n < 2) return {};
  std::vector<std::string> words;
  for (size_t i = 0; i < n; ++i) {
    const Xapian::Query sub = q.get_subquery(i);
    if (sub.get_type() != Xapian::Query::LEAF_TERM) return {};
    const std::string term = *sub.get_terms_begin();
    if (term.empty() || IsPrefixed(term)) return {};
    words.push_back(term);
  }
  // The window is only in the description: "Query((a@1 PHRASE 2 b@2))".
  const std::string description = q.get_description();
  const std::string exact = " PHRASE " + std::to_string(n) + " ";
  const size_t at = description.find(" PHRASE ");
  if (at == std::string::npos || description.compare(at, exact.size(), exact) != 0) return {};
  return words;
}

// The pair terms of the exact phrases every match of `q` has: phrases reached from the top
// through AND, FILTER and the left side of AND_NOT and AND_MAYBE.
void RequiredPairs(const Xapian::Query& q, std::vector<std::string>& pairs) {
  switch (q.get_type()) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) RequiredPairs(q.get_subquery(i), pairs);
      return;
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
      if (q.get_num_subqueries() > 0) RequiredPairs(q.get_subquery(0), pairs);
      return;
    case Xapian::Query::OP_PHRASE: {
      const std::vector<std::string> words = ExactPhraseWords(q);
      for (size_t i = 0; i + 1 < words.size(); ++i) {
        if (std::optional<std::string> pair = PairTerm(words[i], words[i + 1])) {
          pairs.push_back(std::move(*pair));
        }
      }
      return;
    }
    default:
      return;
  }
}

// `q` filtered by the pair terms its matches have: the same matches and weights (a filter adds
// no weight), but the matcher reads positions only where the pairs are.
Xapian::Query WithRequiredPairs(const Xapian::Query& q) {
  std::vector<std::string> pairs;
  RequiredPairs(q, pairs);
  if (pairs.empty()) return q;
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
}

// Whether a word of the parsed query (plain or stemmed; not a filter) is in no article.
bool HasUnknownWord(const Xapian::Database& db, const Xapian::Query& query) {
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if ((!IsPrefixed(term) || term[0] == 'Z') && !db.term_exists(term)) return true;
  }
  return false;
}

Status CheckQueryText(std::string_view text, size_t max_bytes) {
  if (text.size() > max_bytes) {
    return Status::InvalidArgument("query is " + std::to_string(text.size()) +
                                   " bytes long; the limit is " + std::to_string(max_bytes));
  }
  bool in_phrase = false;
  int depth = 0;
  for (char c : text) {
    if (c == '"') {
      in_phrase = !in_phrase;
    } else if (!in_phrase && c == '(') {
      ++depth;
    } else if (!in_phrase && c == ')' && --depth < 0) {
      return Status::InvalidArgument("query has a ')' without its '('");
    }
  }
  if (in_phrase)
    return Status::InvalidArgument("query has a '\"' that opens a phrase but no '\"' closing it");
  if (depth > 0) return Status::InvalidArgument("query has a '(' without its ')'");
  return Status::Ok();
}

// The stemmer for a query: the language of its one `lang:` filter, else English.
Xapian::Stem QueryStemmer(std::string_view text) {
  std::string language;
  int filters = 0;
  for (size_t pos = text.find("lang:"); pos != std::string_view::npos;
       pos = text.find("lang:", pos + 5)) {
    if (pos > 0 && text[pos - 1] != ' ' && text[pos - 1] != '(') continue;
    const size_t begin = pos + 5;
    const size_t end = std::min(text.find_first_of(" )", begin), text.size());
    language = FilterKey(text.substr(begin, end - begin));
    ++filters;
  }
  return StemmerFor(filters == 1 ? language : "");
}

Hit MakeHit(const Xapian::MSetIterator& it, const SnippetTerms& terms, StemCache* stem,
            const SnippetOptions& snippet, Status& status) {
  Hit hit;
  Result<StoredFields> fields = DecodeFields(it.get_document().get_data());
  if (!fields.ok()) {
    status = fields.status();
    return hit;
  }
  hit.article_id = fields->id;
  hit.score = it.get_weight();
  hit.title = std::move(fields->title);
  hit.outlet = std::move(fields->outlet);
  hit.url = std::move(fields->url);
  hit.published = Timestamp::FromIso8601(fields->published);
  hit.story_id = ParseId(fields->story);
  hit.snippet_html = MakeSnippet(fields->text, terms, stem, snippet);
  return hit;
}

// The weight of a query term in a snippet: its inverse document frequency (rarer words pick
// the passage), from the statistics the match already gathered.
SnippetTerms SnippetTermsOf(const Xapian::Query& query, const Xapian::MSet& mset,
                            const Xapian::Database& db) {
  const double docs = static_cast<double>(std::max<Xapian::doccount>(db.get_doccount(), 1));
  return SnippetTerms::FromQuery(query, [&](const std::string& term) {
    const double df = static_cast<double>(mset.get_termfreq(term));
    return std::log(1.0 + docs / (df + 1.0));
  });
}

Status XapianStatus(const Xapian::Error& e, const std::string& dir, std::string_view doing) {
  // Xapian::Error is not polymorphic (no dynamic_cast); get_type() names the class.
  const std::string_view type = e.get_type();
  std::string message = "search index " + dir + ": " + std::string(doing) + ": " +
                        std::string(type) + ": " + e.get_msg();
  if (type == "DatabaseCorruptError") return Status::Corruption(std::move(message));
  if (type == "DatabaseNotFoundError") return Status::NotFound(std::move(message));
  if (type == "DatabaseLockError") {
    return Status::IoError(message +
                           " (another process has the index open for writing; Xapian "
                           "allows one writer)");
  }
  if (type == "QueryParserError" || type == "InvalidArgumentError") {
    if (e.get_msg() == "Unknown range operation") {
      return Status::InvalidArgument(
          "query: a range must be days, months or years: 2025-11-01..2025-11-30, 2025-11.., "
          "..2025");
    }
    return Status::InvalidArgument("query: " + e.get_msg());
  }
  return Status::IoError(std::move(message));
}

}  // namespace

std::string FilterKey(std::string_view value) {
  std::string key;
  bool gap = false;
  for (Xapian::Utf8Iterator it(value.data(), value.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (ch != '_' && Xapian::Unicode::is_wordchar(ch)) {
      if (gap && !key.empty()) key += '-';
      gap = false;
      Xapian::Unicode::append_utf8(key, Xapian::Unicode::tolower(ch));
    } else {
      gap = true;
    }
  }
  return key;
}

struct SearchIndex::Rep {
  std::string dir;
  SearchIndexOptions options;
  std::mutex mu;  // serializes every call: Xapian handles are not thread-safe
  std::optional<Xapian::WritableDatabase> writer;
  Xapian::Database db;  // reads: the writer itself, or a read-only handle

  // Readers move to the latest commit; the writer always reads its own state.
  void Refresh() {
    if (!writer) db.reopen();
  }

  // Runs `read` against the latest commit, retrying once if a writer replaced the blocks it
  // was reading; Xapian errors become statuses.
  template <typename T, typename F>
  Result<T> Read(std::string_view doing, F&& read) {
    for (unsigned attempt = 1;; ++attempt) {
      try {
        Refresh();
        return read();
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= kMaxAttempts) return XapianStatus(e, dir, doing);
      } catch (const Xapian::Error& e) {
        return XapianStatus(e, dir, doing);
      } catch (const std::exception& e) {
        return Status::Internal("search index " + dir + ": " + std::string(doing) + ": " +
                                e.what());
      }
    }
  }

  // The stem cache of `stem`'s algorithm, one per algorithm, kept with this handle (snippets
  // stem every word of every hit, and news repeats its words).
  StemCache& Cached(const Xapian::Stem& stem) {
    const std::string name = stem.get_description();
    auto it = stem_caches.find(name);
    if (it == stem_caches.end()) {
      it = stem_caches.emplace(name, std::make_unique<StemCache>(stem)).first;
    }
    return *it->second;
  }
  std::unordered_map<std::string, std::unique_ptr<StemCache>> stem_caches;

  // The facet column of the revision being read (emptied when the revision changes).
  FacetColumn& Facets() {
    const Xapian::rev revision = db.get_revision();
    if (!facet_column.valid() || facet_column.revision() != revision) {
      facet_column.Reset(revision, db.get_lastdocid(), db.get_doccount());
    }
    return facet_column;
  }
  FacetColumn facet_column;
  SnippetOptions SnippetSettings() const {
    SnippetOptions snippet;
    snippet.bytes = options.snippet_bytes;
    return snippet;
  }

  Result<SearchResults> RunSearch(const SearchQuery& q);
  Result<std::vector<Hit>> RunRelated(int64_t article_id, size_t n) const;
};

Result<SearchResults> SearchIndex::Rep::RunSearch(const SearchQuery& q) {
  StemCache& stem_cache = Cached(QueryStemmer(q.text));
  const Xapian::Stem& stemmer = stem_cache.stemmer();
  FilterProcessor outlet(kOutletPrefix), person(kPersonPrefix), speaker(kSpeakerPrefix),
      story(kStoryPrefix), lang(kLangPrefix);
  DayRangeProcessor days;
  Xapian::QueryParser parser;  // declared after what it points to
  parser.set_database(db);
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("title", std::string(kTitlePrefix));
  parser.add_boolean_prefix("outlet", &outlet);
  parser.add_boolean_prefix("person", &person);
  parser.add_boolean_prefix("speaker", &speaker);
  parser.add_boolean_prefix("story", &story);
  parser.add_boolean_prefix("lang", &lang);
  parser.add_rangeprocessor(&days);

  const bool blank = std::all_of(q.text.begin(), q.text.end(),
                                 [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
  // Not Xapian::Query::MatchAll: that is one static object, and copying it bumps a reference
  // count that is not atomic, from every server thread at once (found by ThreadSanitizer;
  // under load the count went wrong and the server crashed). The empty term is the same query.
  Xapian::Query query{std::string()};
  std::string suggestion;
  if (!blank) {
    constexpr unsigned kFlags =
        Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;
    query = parser.parse_query(q.text, kFlags);
    // Spelling correction looks every word up in the spelling table (about 1 ms a query on 100k
    // articles), so it runs only when a word of the query is in no article.
    if (HasUnknownWord(db, query)) {
      parser.parse_query(q.text, kFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      suggestion = parser.get_corrected_query_string();
    }
    if (!db.get_metadata(std::string(kPairsKey)).empty()) query = WithRequiredPairs(query);
  }
  if (q.from && q.to) {
    query = Xapian::Query(
        Xapian::Query::OP_FILTER, query,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDay, DayKey(*q.from), DayKey(*q.to)));
  } else if (q.from) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDay, DayKey(*q.from)));
  } else if (q.to) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotDay, DayKey(*q.to)));
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  // Ties go to the newer article: the docid is the article id.
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  if (q.sort == SearchQuery::Sort::kDate) enquire.set_sort_by_value_then_relevance(kSlotTime, true);

  FacetColumn& column = Facets();
  FacetMatchSpy facets(db, column);
  if (q.facets) enquire.add_matchspy(&facets);
  const size_t limit = std::min(q.limit, options.max_limit);
  const Xapian::MSet mset = enquire.get_mset(
      static_cast<Xapian::doccount>(q.offset), static_cast<Xapian::doccount>(limit),
      static_cast<Xapian::doccount>(q.facets ? options.facet_depth : 0));
  enquire.clear_matchspies();

  SearchResults results;
  results.matches_estimated = static_cast<int64_t>(mset.get_matches_estimated());
  Status status;
  const SnippetTerms terms = SnippetTermsOf(query, mset, db);
  const SnippetOptions snippet = SnippetSettings();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    results.hits.push_back(MakeHit(it, terms, &stem_cache, snippet, status));
    if (!status.ok()) return status;
  }
  if (q.facets) {
    results.outlets = facets.ByCount(FacetColumn::kOutlet, options.max_facet_values);
    results.people = facets.ByCount(FacetColumn::kPerson, options.max_facet_values);
    results.months = facets.ByValue(FacetColumn::kMonth);
  }
  results.suggestion = std::move(suggestion);
  return results;
}

Result<std::vector<Hit>> SearchIndex::Rep::RunRelated(int64_t article_id, size_t n) const {
  const std::string id_term = IdTerm(article_id);
  Xapian::PostingIterator posting = db.postlist_begin(id_term);
  if (posting == db.postlist_end(id_term)) {
    return Status::NotFound("article " + std::to_string(article_id) +
                            " is not in the search index");
  }
  const Xapian::docid docid = *posting;
  Result<StoredFields> fields = DecodeFields(db.get_document(docid).get_data());
  if (!fields.ok()) return fields.status();

  Xapian::RSet rset;
  rset.add_document(docid);
  Xapian::Enquire enquire(db);
  const WordsOnly words;
  const Xapian::ESet eset =
      enquire.get_eset(static_cast<Xapian::termcount>(options.related_terms), rset, &words);
  std::vector<std::string> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) terms.push_back(*it);
  std::vector<Hit> hits;
  if (terms.empty() || n == 0) return hits;

  Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
  Xapian::Query self(id_term);
  if (!fields->hash.empty()) {
    self = Xapian::Query(Xapian::Query::OP_OR, self,
                         Xapian::Query(std::string(kHashPrefix) + fields->hash));
  }
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, like, self));
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  enquire.set_docid_order(Xapian::Enquire::DESCENDING);
  const Xapian::MSet mset =
      enquire.get_mset(0, static_cast<Xapian::doccount>(std::min(n, options.max_limit)));
  // The expanded terms are unstemmed words: no stemming.
  const SnippetTerms snippet_terms = SnippetTermsOf(enquire.get_query(), mset, db);
  const SnippetOptions snippet = SnippetSettings();
  Status status;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    hits.push_back(MakeHit(it, snippet_terms, nullptr, snippet, status));
    if (!status.ok()) return status;
  }
  return hits;
}

SearchIndex::SearchIndex(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& dir,
                                                       const SearchIndexOptions& options) {
  if (dir.empty()) return Status::InvalidArgument("search index: no directory given");
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rep->options = options;
  try {
    if (options.read_only) {
      std::error_code ec;
      if (!std::filesystem::exists(dir, ec)) {
        return Status::NotFound("search index " + dir + ": no such directory (run reindex)");
      }
      rep->db = Xapian::Database(dir);
    } else {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return Status::IoError("search index " + dir + ": " + ec.message());
      rep->writer.emplace(dir, Xapian::DB_CREATE_OR_OPEN);
      rep->db = *rep->writer;
    }
  } catch (const Xapian::Error& e) {
    return XapianStatus(e, dir, "opening");
  }
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(rep)));
}

Status SearchIndex::Put(const std::vector<IndexedArticle>& articles) {
  Rep& r = *rep_;
  std::lock_guard lock(r.mu);
  if (!r.writer) return Status::InvalidArgument("search index " + r.dir + " is open read-only");
  for (const IndexedArticle& a : articles) {
    if (a.article.id <= 0 || a.article.id > kMaxArticleId) {
      return Status::InvalidArgument("search index: article \"" + a.article.title + "\" has id " +
                                     std::to_string(a.article.id) + "; ids are 1.." +
                                     std::to_string(kMaxArticleId));
    }
  }
  if (articles.empty()) return Status::Ok();
  Xapian::WritableDatabase& db = *r.writer;
  bool in_transaction = false;
  try {
    Xapian::TermGenerator terms;
    db.begin_transaction(true);
    in_transaction = true;
    // Only an index that had no article when pairs were first indexed has them in every one.
    if (db.get_doccount() == 0) db.set_metadata(std::string(kPairsKey), "1");
    for (const IndexedArticle& a : articles) {
      const std::string id_term = IdTerm(a.article.id);
      Xapian::PostingIterator old = db.postlist_begin(id_term);
      if (old != db.postlist_end(id_term)) RemoveSpelling(db, db.get_document(*old));
      Xapian::Document doc = BuildDocument(a, terms);
      db.replace_document(static_cast<Xapian::docid>(a.article.id), doc);
      AddSpelling(db, doc);
    }
    db.commit_transaction();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    if (in_transaction) {
      try {
        db.cancel_transaction();
      } catch (const Xapian::Error&) {
        // The failure reported below is the one to act on; the transaction is gone either way.
      }
    }
    return XapianStatus(e, r.dir, "indexing articles");
  }
}

Status SearchIndex::Clear() {
  Rep& r = *rep_;
  std::lock_guard lock(r.mu);
  if (!r.writer) return Status::InvalidArgument("search index " + r.dir + " is open read-only");
  try {
    // Close the writer (releasing Xapian's lock) and start an empty database in its place.
    r.db = Xapian::Database();
    r.writer.reset();
    r.writer.emplace(r.dir, Xapian::DB_CREATE_OR_OVERWRITE);
    r.db = *r.writer;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    Status cleared = XapianStatus(e, r.dir, "clearing");
    try {
      r.writer.emplace(r.dir, Xapian::DB_CREATE_OR_OPEN);
      r.db = *r.writer;
    } catch (const Xapian::Error& reopen) {
      return cleared.WithContext("and reopening failed too (" + reopen.get_msg() + ")");
    }
    return cleared;
  }
}

Result<SearchResults> SearchIndex::Search(const SearchQuery& query) const {
  Rep& r = *rep_;
  STORYLINE_RETURN_IF_ERROR(CheckQueryText(query.text, r.options.max_query_bytes));
  if (query.offset > r.options.max_offset) {
    return Status::InvalidArgument("search offset " + std::to_string(query.offset) +
                                   " is beyond the deepest page (" +
                                   std::to_string(r.options.max_offset) + ")");
  }
  std::lock_guard lock(r.mu);
  return r.Read<SearchResults>("searching", [&] { return r.RunSearch(query); });
}

Result<std::vector<Hit>> SearchIndex::Related(int64_t article_id, size_t n) const {
  Rep& r = *rep_;
  std::lock_guard lock(r.mu);
  return r.Read<std::vector<Hit>>("finding related articles",
                                  [&] { return r.RunRelated(article_id, n); });
}

Result<bool> SearchIndex::HasCurrentFormat() const {
  Rep& r = *rep_;
  std::lock_guard lock(r.mu);
  return r.Read<bool>("reading the index format", [&]() -> Result<bool> {
    return r.db.get_doccount() == 0 || !r.db.get_metadata(std::string(kPairsKey)).empty();
  });
}

Result<int64_t> SearchIndex::Count() const {
  Rep& r = *rep_;
  std::lock_guard lock(r.mu);
  return r.Read<int64_t>(
      "counting", [&]() -> Result<int64_t> { return static_cast<int64_t>(r.db.get_doccount()); });
}

}  // namespace storyline::search

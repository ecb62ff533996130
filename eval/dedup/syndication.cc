#include "eval/dedup/syndication.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "text/hash.h"

namespace storyline::eval::dedup {
namespace {

namespace sd = storyline::dedup;

// splitmix64: the same stream on every platform (std distributions are not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(double p) { return double(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  uint64_t state_;
};

std::vector<std::string> Split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= text.size()) {
    size_t end = text.find(sep, p);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(p, end - p);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\n')) part.pop_back();
    while (!part.empty() && (part.front() == ' ' || part.front() == '\n')) part.erase(0, 1);
    if (!part.empty()) out.push_back(std::move(part));
    p = end + sep.size();
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// Sentences of a paragraph: split after ". ", "! ", "? " before a capital or a quote.
std::vector<std::string> Sentences(const std::string& paragraph) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i + 2 < paragraph.size(); ++i) {
    const char c = paragraph[i];
    const char next = paragraph[i + 2];
    if ((c == '.' || c == '!' || c == '?') && paragraph[i + 1] == ' ' &&
        ((next >= 'A' && next <= 'Z') || next == '"')) {
      out.push_back(paragraph.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  out.push_back(paragraph.substr(start));
  return out;
}

constexpr const char* kHeaders[] = {
    "Home | News | World | Business | Sport",
    "Skip to main content",
    "Sign up for our morning newsletter",
    "By Staff Reporter",
    "Share this article on Facebook Twitter Email",
    "Published: Tuesday 8 March 2005, 09:12 GMT",
    "Advertisement",
    "Listen to this article",
    "Most read stories this week",
};
constexpr const char* kFooters[] = {
    "Copyright 2005 The Daily Courier. All rights reserved.",
    "Related stories",
    "More from this section",
    "Follow us on Twitter and Facebook",
    "Comments (12)",
    "Terms of use | Privacy policy | Contact us",
    "This article was syndicated from a wire service.",
    "Back to top",
};
constexpr const char* kAds[] = {
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Sign up to our daily briefing and get the news in your inbox",
    "Watch: the day's top stories in 60 seconds",
    "Subscribe now for unlimited access",
};

// Words a rewriter swaps (lowercase, whole words only).
constexpr std::pair<const char*, const char*> kSynonyms[] = {
    {"said", "stated"},
    {"says", "states"},
    {"told", "informed"},
    {"company", "firm"},
    {"firm", "company"},
    {"companies", "firms"},
    {"firms", "companies"},
    {"people", "individuals"},
    {"government", "administration"},
    {"increase", "rise"},
    {"rise", "increase"},
    {"rises", "increases"},
    {"big", "large"},
    {"large", "big"},
    {"show", "reveal"},
    {"shows", "reveals"},
    {"showed", "revealed"},
    {"expected", "anticipated"},
    {"plans", "proposals"},
    {"plan", "proposal"},
    {"help", "assist"},
    {"buy", "purchase"},
    {"bought", "purchased"},
    {"sell", "offload"},
    {"sold", "offloaded"},
    {"start", "begin"},
    {"started", "began"},
    {"began", "started"},
    {"end", "finish"},
    {"ended", "finished"},
    {"won", "secured"},
    {"lost", "dropped"},
    {"match", "game"},
    {"game", "match"},
    {"players", "athletes"},
    {"player", "athlete"},
    {"film", "movie"},
    {"films", "movies"},
    {"movie", "film"},
    {"chief", "head"},
    {"boss", "chief"},
    {"profits", "earnings"},
    {"profit", "earnings"},
    {"sales", "revenues"},
    {"shares", "stocks"},
    {"figures", "data"},
    {"important", "significant"},
    {"major", "key"},
    {"country", "nation"},
    {"countries", "nations"},
    {"users", "customers"},
    {"technology", "tech"},
    {"phone", "handset"},
    {"mobile", "cellular"},
    {"software", "programs"},
    {"system", "platform"},
    {"problem", "issue"},
    {"problems", "issues"},
    {"claims", "allegations"},
    {"believe", "think"},
    {"think", "believe"},
    {"want", "wish"},
    {"wants", "wishes"},
    {"need", "require"},
    {"needs", "requires"},
    {"announced", "unveiled"},
    {"reported", "disclosed"},
    {"added", "noted"},
    {"however", "though"},
    {"about", "around"},
    {"after", "following"},
    {"many", "numerous"},
    {"several", "a number of"},
    {"very", "highly"},
    {"make", "produce"},
    {"made", "produced"},
    {"get", "obtain"},
    {"use", "employ"},
    {"used", "employed"},
    {"decision", "ruling"},
    {"deal", "agreement"},
    {"agreement", "deal"},
    {"talks", "negotiations"},
    {"fell", "declined"},
    {"falls", "declines"},
    {"fall", "decline"},
    {"cut", "reduce"},
    {"cuts", "reductions"},
    {"strong", "robust"},
    {"weak", "soft"},
    {"high", "elevated"},
    {"low", "subdued"},
    {"good", "positive"},
    {"bad", "negative"},
    {"hit", "struck"},
    {"hard", "difficult"},
    {"recent", "latest"},
    {"latest", "newest"},
    {"top", "leading"},
    {"leading", "top"},
    {"biggest", "largest"},
    {"largest", "biggest"},
    {"best", "finest"},
    {"job", "role"},
    {"jobs", "positions"},
    {"month", "period"},
    {"months", "periods"},
    {"week", "seven days"},
    {"now", "currently"},
    {"before", "prior to"},
    {"because", "as"},
    {"in", "within"},
    {"on", "upon"},
    {"with", "alongside"},
    {"which", "that"},
    {"will", "is set to"},
    {"would", "could"},
    {"could", "might"},
    {"but", "yet"},
    {"new", "fresh"},
    {"first", "initial"},
    {"more", "further"},
    {"also", "additionally"},
    {"has", "had"},
    {"have", "had"},
    {"and", "as well as"},
    {"is", "remains"},
    {"was", "had been"},
    {"are", "remain"},
    {"year", "twelve months"},
    {"years", "seasons"},
    {"last", "previous"},
    {"over", "across"},
    {"from", "out of"},
    {"by", "through"},
};

std::string Synonyms(const std::string& sentence, Rng& rng) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    const char* replacement = nullptr;
    for (const auto& [from, to] : kSynonyms) {
      if (word == from) replacement = to;
    }
    out += replacement && rng.Chance(0.85) ? replacement : word;
    word.clear();
  };
  for (char c : sentence) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

// "A, B." → "B, A." for a sentence with one comma well inside it and no quotes.
std::string MoveClause(const std::string& sentence) {
  if (sentence.find('"') != std::string::npos) return sentence;
  const size_t comma = sentence.find(", ");
  if (comma == std::string::npos || comma < 15 || comma + 20 > sentence.size()) return sentence;
  std::string first = sentence.substr(0, comma);
  std::string second = sentence.substr(comma + 2);
  char end = '.';
  if (!second.empty() && (second.back() == '.' || second.back() == '!' || second.back() == '?')) {
    end = second.back();
    second.pop_back();
  }
  if (!second.empty() && second[0] >= 'a' && second[0] <= 'z') second[0] = char(second[0] - 32);
  return second + ", " + first + end;
}

std::string Rewrite(const std::string& paragraph, Rng& rng) {
  std::vector<std::string> s = Sentences(paragraph);
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (rng.Chance(0.3)) {
      std::swap(s[i], s[i + 1]);
      ++i;
    }
  }
  for (std::string& sentence : s) {
    if (rng.Chance(0.3)) sentence = MoveClause(sentence);
    sentence = Synonyms(sentence, rng);
  }
  return Join(s, " ");
}

std::string Typos(std::string text, size_t edits, Rng& rng) {
  for (size_t e = 0; e < edits && text.size() > 10; ++e) {
    size_t at = rng.Below(text.size() - 2);
    while (at + 2 < text.size() && !(text[at] >= 'a' && text[at] <= 'z')) ++at;
    switch (rng.Below(3)) {
      case 0:
        std::swap(text[at], text[at + 1]);
        break;
      case 1:
        text.erase(at, 1);
        break;
      default:
        text.insert(at, 1, text[at]);
        break;
    }
  }
  return text;
}

template <size_t N>
std::vector<std::string> Pick(const char* const (&lines)[N], size_t count, Rng& rng) {
  std::vector<std::string> all(std::begin(lines), std::end(lines));
  rng.Shuffle(all);
  all.resize(std::min(count, all.size()));
  return all;
}

std::string Page(const std::string& title, const std::vector<std::string>& paragraphs) {
  return title + "\n\n" + Join(paragraphs, "\n\n");
}

// Distinct hashes of the 4-word shingles of NormalizeForHash(text), sorted.
std::vector<uint64_t> ShingleSet(const std::string& text) {
  const std::vector<std::string> words = Split(text::NormalizeForHash(text), " ");
  std::vector<uint64_t> out;
  for (size_t i = 0; i + 4 <= words.size(); ++i) {
    out.push_back(std::hash<std::string>{}(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] +
                                           ' ' + words[i + 3]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Containment(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t shared = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return double(shared) / double(std::min(a.size(), b.size()));
}

}  // namespace

Result<std::vector<BbcArticle>> LoadBbc(const std::filesystem::path& jsonl) {
  std::ifstream in(jsonl);
  if (!in) return Status::NotFound(jsonl.string() + ": cannot open the BBC articles");
  std::vector<BbcArticle> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("article") || !j["article"].is_string()) {
      return Status::BadInput(
          fmt::format("{}:{}: not a JSON object with an \"article\" string", jsonl.string(), n));
    }
    BbcArticle a;
    a.id = j.value("id", std::to_string(n));
    a.category = j.value("category", "");
    a.title = j.value("title", "");
    a.text = j["article"].get<std::string>();
    out.push_back(std::move(a));
  }
  if (out.empty()) return Status::BadInput(jsonl.string() + ": no articles");
  return out;
}

std::vector<Sample> MakeVariants(const BbcArticle& original, int64_t original_id,
                                 const std::vector<BbcArticle>& others, uint64_t seed) {
  Rng rng(seed);
  const std::vector<std::string> paragraphs = Split(original.text, "\n\n");
  auto copy = [&](std::string kind, std::string title, std::vector<std::string> body) {
    return Sample{std::move(kind), Label::kCopy, original_id, title, Page(title, body)};
  };
  auto chrome = [&](std::vector<std::string> body) {
    std::vector<std::string> page = Pick(kHeaders, 2 + rng.Below(4), rng);
    page.insert(page.end(), body.begin(), body.end());
    for (const std::string& f : Pick(kFooters, 2 + rng.Below(4), rng)) page.push_back(f);
    return page;
  };
  auto trim = [&](std::vector<std::string> body) {
    if (body.size() >= 4) body.pop_back();
    if (body.size() >= 3) body.erase(body.begin());
    return body;
  };
  auto ads = [&](std::vector<std::string> body) {
    const size_t count = 2 + rng.Below(3);
    for (size_t i = 0; i < count; ++i) {
      std::string line = rng.Chance(0.5) ? std::string(kAds[rng.Below(std::size(kAds))])
                                         : "Read more: " + others[rng.Below(others.size())].title;
      body.insert(body.begin() + static_cast<long>(1 + rng.Below(body.size())), line);
    }
    return body;
  };
  auto retitle = [&] {
    const std::vector<std::string> words = Split(Sentences(paragraphs.front()).front(), " ");
    std::vector<std::string> head(
        words.begin(),
        words.begin() + static_cast<long>(std::min<size_t>(words.size(), 5 + rng.Below(4))));
    return Join(head, " ");
  };

  std::vector<Sample> out;
  {
    Sample s = copy("exact", original.title, paragraphs);
    s.text = original.title + "\n" + Join(paragraphs, "\n");  // other line breaks only
    out.push_back(std::move(s));
  }
  out.push_back(copy("chrome", original.title, chrome(paragraphs)));
  out.push_back(copy("retitle", retitle(), paragraphs));
  out.push_back(copy("trim", original.title, trim(paragraphs)));
  out.push_back(copy("ads", original.title, ads(paragraphs)));
  {
    std::vector<std::string> sentences, rewrapped;
    for (const std::string& p : paragraphs) {
      for (std::string& s : Sentences(p)) sentences.push_back(std::move(s));
    }
    for (size_t i = 0; i < sentences.size();) {
      const size_t n = std::min(sentences.size() - i, 1 + rng.Below(4));
      rewrapped.push_back(Join(
          {sentences.begin() + static_cast<long>(i), sentences.begin() + static_cast<long>(i + n)},
          " "));
      i += n;
    }
    out.push_back(copy("rewrap", original.title, rewrapped));
  }
  {
    Sample s = copy("typos", original.title, paragraphs);
    s.text = Typos(s.text, 3 + rng.Below(4), rng);
    out.push_back(std::move(s));
  }
  {
    Sample s = copy("combined", retitle(), chrome(ads(trim(paragraphs))));
    s.text = Typos(s.text, 2 + rng.Below(3), rng);
    out.push_back(std::move(s));
  }
  for (int r = 0; r < 2; ++r) {
    std::vector<std::string> body;
    for (const std::string& p : paragraphs) body.push_back(Rewrite(p, rng));
    const std::string title = Synonyms(original.title, rng);
    out.push_back(Sample{"rewrite", Label::kRewrite, original_id, title, Page(title, body)});
  }
  return out;
}

Result<SyndicationReport> EvaluateSyndication(const std::filesystem::path& jsonl,
                                              const SyndicationOptions& options) {
  Result<std::vector<BbcArticle>> loaded = LoadBbc(jsonl);
  if (!loaded.ok()) return loaded.status();
  SyndicationReport report;
  report.dataset_articles = loaded->size();

  // The set repeats some stories; those would be unlabelled copies. Keep the first.
  std::vector<BbcArticle> articles;
  std::vector<std::vector<uint64_t>> shingles;
  std::unordered_set<std::string> titles, hashes;
  for (BbcArticle& a : *loaded) {
    const std::vector<uint64_t> set = ShingleSet(a.text);
    bool repeat =
        !titles.insert(a.title).second || !hashes.insert(text::ContentHash(a.text)).second;
    for (size_t k = 0; k < articles.size() && !repeat; ++k) {
      repeat = articles[k].category == a.category && Containment(set, shingles[k]) >= 0.5;
    }
    if (repeat) {
      ++report.dataset_repeats;
      continue;
    }
    articles.push_back(std::move(a));
    shingles.push_back(set);
  }

  Rng rng(options.seed);
  std::vector<size_t> order(articles.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  rng.Shuffle(order);
  const size_t originals = std::min(options.originals, order.size() / 2);
  std::vector<size_t> chosen(order.begin(), order.begin() + static_cast<long>(originals));
  std::sort(chosen.begin(), chosen.end());

  std::vector<Sample> feed;
  for (size_t i : chosen) {
    for (Sample& s : MakeVariants(articles[i], static_cast<int64_t>(i), articles, rng.Next())) {
      if (s.label == Label::kRewrite) {
        const double c = Containment(ShingleSet(s.text), shingles[i]);
        report.rewrite_mean_containment += c;
        if (c >= options.dedup.near_threshold) ++report.rewrites_like_copies;
      }
      feed.push_back(std::move(s));
    }
  }
  report.variants = feed.size();
  for (size_t k = originals; k < order.size(); ++k) {
    const BbcArticle& a = articles[order[k]];
    feed.push_back(
        Sample{"negative", Label::kNone, -1, a.title, Page(a.title, Split(a.text, "\n\n"))});
  }
  report.negatives = feed.size() - report.variants;
  report.originals = originals;
  rng.Shuffle(feed);

  sd::DuplicateIndex index(options.dedup);
  const auto start = std::chrono::steady_clock::now();
  size_t rewrites = 0;
  auto score = [&](const Sample& s, const std::optional<sd::Match>& m) {
    const bool copy = m && m->relation != sd::Relation::kRewrite;
    const bool rewrite = m && m->relation == sd::Relation::kRewrite;
    const bool right_original = m && m->original_id == s.original;
    report.copies.labelled += s.label == Label::kCopy;
    report.copies.predicted += copy;
    report.copies.correct += copy && s.label == Label::kCopy && right_original;
    report.rewrites.labelled += s.label == Label::kRewrite;
    report.rewrites.predicted += rewrite;
    report.rewrites.correct += rewrite && s.label == Label::kRewrite && right_original;
    rewrites += s.label == Label::kRewrite;
    const bool right = s.label == Label::kNone   ? !m
                       : s.label == Label::kCopy ? copy && right_original
                                                 : rewrite && right_original;
    auto& [ok, total] = report.by_kind[s.kind];
    ++total;
    ok += right;
    if (s.kind == "negative" && m) ++report.negatives_marked;
    if (s.kind == "negative" && copy) ++report.negatives_copies;
    if (s.kind == "original" && m) ++report.originals_marked;
    // Every marked negative is listed (the target is none), other mistakes the first 12.
    if (!right && (report.mistakes.size() < 12 || s.kind == "negative")) {
      report.mistakes.push_back(fmt::format(
          "{} of {:?} → {}", s.kind, s.original >= 0 ? articles[size_t(s.original)].id : s.title,
          m ? fmt::format("{} of {} ({:.2f})", sd::RelationName(m->relation),
                          m->original_id >= 0 && size_t(m->original_id) < articles.size()
                              ? articles[size_t(m->original_id)].id
                              : std::to_string(m->original_id),
                          m->score)
            : std::string("nothing")));
    }
  };
  for (size_t i : chosen) {
    Article a;
    a.title = articles[i].title;
    a.text = Page(articles[i].title, Split(articles[i].text, "\n\n"));
    score(Sample{"original", Label::kNone, -1, a.title, a.text},
          index.Add(static_cast<int64_t>(i), a));
  }
  int64_t next_id = static_cast<int64_t>(articles.size());
  for (const Sample& s : feed) {
    Article a;
    a.title = s.title;
    a.text = s.text;
    score(s, index.Add(next_id++, a));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  report.articles_per_second = double(index.size()) / seconds;
  report.bytes_per_article = double(index.MemoryBytes()) / double(index.size());
  if (rewrites > 0) report.rewrite_mean_containment /= double(rewrites);
  return report;
}

std::string FormatReport(const SyndicationReport& r) {
  std::string out = fmt::format(
      "BBC syndication set: {} articles ({} repeats dropped), {} originals, {} variants, "
      "{} hard negatives\n",
      r.dataset_articles, r.dataset_repeats, r.originals, r.variants, r.negatives);
  out += fmt::format("{:<10} {:>9} {:>9} {:>9} {:>10} {:>8}\n", "relation", "labelled", "predicted",
                     "correct", "precision", "recall");
  for (const auto& [name, pr] : {std::pair{"copies", r.copies}, std::pair{"rewrite", r.rewrites}}) {
    out += fmt::format("{:<10} {:>9} {:>9} {:>9} {:>10.4f} {:>8.4f}\n", name, pr.labelled,
                       pr.predicted, pr.correct, pr.precision(), pr.recall());
  }
  out += fmt::format(
      "hard negatives marked: {} of {} ({} as copies, {} as rewrites); originals marked: {} of {}\n",
      r.negatives_marked, r.negatives, r.negatives_copies, r.negatives_marked - r.negatives_copies,
      r.originals_marked, r.originals);
  out += fmt::format(
      "generated rewrites: mean 4-shingle containment {:.3f}, {} at or above the near "
      "threshold\n",
      r.rewrite_mean_containment, r.rewrites_like_copies);
  out += "right by kind:";
  for (const auto& [kind, counts] : r.by_kind) {
    out += fmt::format(" {} {}/{}", kind, counts.first, counts.second);
  }
  out += fmt::format(
      "\nspeed: {:.0f} articles/s (Add, one thread, {} indexed); {:.0f} bytes "
      "per article\n",
      r.articles_per_second, r.originals + r.variants + r.negatives, r.bytes_per_article);
  if (!r.mistakes.empty()) {
    out += "first mistakes:\n";
    for (const std::string& m : r.mistakes) out += "  " + m + "\n";
  }
  return out;
}

}  // namespace storyline::eval::dedup

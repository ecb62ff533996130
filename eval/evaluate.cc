#include "eval/evaluate.h"

#include "eval/flatten.h"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "extract/extract.h"
#include "read/reader.h"

namespace storyline::eval {
namespace {

namespace fs = std::filesystem;

constexpr size_t kHeadChars = 80;

// What our extractor made of one page: an empty article when it rejected the page, or only
// the page's metadata when it found no text (kind kEmpty: rejected too, scored on metadata).
struct OurPage {
  Article article;
  bool rejected = false;
  std::string reason;  // why it was rejected
  std::string byline;  // the authors as written (extract::Extraction::byline), or joined
};

// Runs our extractor on one page and adds its time to `clock`.
OurPage RunOurs(const fs::path& html, const std::string& url, Throughput& clock,
                bool flattened = false) {
  const auto start = std::chrono::steady_clock::now();
  Result<extract::Extraction> extraction = ExtractPage(html, url, flattened);
  clock.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++clock.pages;
  if (!extraction.ok()) {
    std::string reason = extraction.status().message();  // "PATH: why"; the id names the page
    if (const std::string prefix = html.string() + ": "; reason.starts_with(prefix)) {
      reason.erase(0, prefix.size());
    }
    return {Article{}, true, reason, ""};
  }
  std::string byline = extraction->byline.empty() ? JoinAuthors(extraction->article.authors)
                                                  : std::move(extraction->byline);
  if (extraction->kind == extract::PageKind::kEmpty) {
    return {std::move(extraction->article), true, "no article text found", std::move(byline)};
  }
  return {std::move(extraction->article), false, "", std::move(byline)};
}

// Writes our text of one page to DIR/ID.txt for whoever compares it with the reference;
// nothing when `dir` is empty. The folder is created when missing.
void DumpText(const fs::path& dir, const std::string& id, const std::string& text) {
  if (dir.empty()) return;
  std::error_code ignored;  // a failure shows as a missing file; the scores do not depend on it
  fs::create_directories(dir, ignored);
  std::ofstream(dir / (id + ".txt"), std::ios::binary) << text;
}

// The first kHeadChars characters of our text on one line, or why there is none.
std::string Head(const OurPage& page) {
  if (page.rejected) return "(rejected: " + page.reason + ")";
  const std::string line = NormalizeSpaces(page.article.text);
  const auto* s = reinterpret_cast<const uint8_t*>(line.data());
  const auto length = static_cast<int32_t>(line.size());
  int32_t end = 0;
  for (size_t chars = 0; chars < kHeadChars && end < length; ++chars) U8_FWD_1(s, end, length);
  return line.substr(0, static_cast<size_t>(end));
}

// The `k` lowest-scoring pages, worst first (ties by id).
std::vector<WorstPage> Worst(std::vector<WorstPage> pages, size_t k) {
  const auto by_score = [](const WorstPage& a, const WorstPage& b) {
    return a.score != b.score ? a.score < b.score : a.id < b.id;
  };
  k = std::min(k, pages.size());
  std::partial_sort(pages.begin(), pages.begin() + static_cast<std::ptrdiff_t>(k), pages.end(),
                    by_score);
  pages.resize(k);
  return pages;
}

template <typename Page>
void ApplyLimit(std::vector<Page>& pages, size_t limit) {
  if (limit > 0 && pages.size() > limit) pages.resize(limit);
}

// Scores one metadata field of one page when the reference has it: nullopt when not scored,
// "" when it matched, else what was wanted and what we gave.
std::optional<std::string> Tally(FieldAccuracy& field, const std::optional<std::string>& reference,
                                 const std::string& ours,
                                 const std::function<bool(const std::string&)>& equal) {
  if (!reference) return std::nullopt;
  ++field.total;
  if (equal(*reference)) {
    ++field.matched;
    return "";
  }
  return field.field + ": want \"" + NormalizeSpaces(*reference) + "\" got \"" + ours + "\"";
}

// One page's metadata outcomes as a WorstPage: the share of scored fields we matched and
// the misses. nullopt when no field was scored.
std::optional<WorstPage> FieldsPage(const std::string& id,
                                    const std::vector<std::optional<std::string>>& outcomes) {
  size_t scored = 0, matched = 0;
  std::string misses;
  for (const std::optional<std::string>& outcome : outcomes) {
    if (!outcome) continue;
    ++scored;
    if (outcome->empty()) {
      ++matched;
    } else {
      misses += (misses.empty() ? "" : "; ") + *outcome;
    }
  }
  if (scored == 0) return std::nullopt;
  return WorstPage{id, static_cast<double>(matched) / static_cast<double>(scored), misses};
}

bool SameNormalized(std::string_view a, std::string_view b) {
  return NormalizeSpaces(a) == NormalizeSpaces(b);
}

bool SameFolded(std::string_view a, std::string_view b) {
  return NormalizeForMatch(a) == NormalizeForMatch(b);
}

// True when each of our authors appears inside the byline, case-folded (and we have one).
bool AuthorsInByline(const std::vector<std::string>& authors, std::string_view byline) {
  if (authors.empty()) return false;
  const std::string folded = NormalizeForMatch(byline);
  return std::all_of(authors.begin(), authors.end(), [&](const std::string& a) {
    return folded.find(NormalizeForMatch(a)) != std::string::npos;
  });
}

std::string DayOf(const std::optional<Timestamp>& t) {
  return t ? t->ToIso8601().substr(0, 10) : "";
}

// Reads the leading `digits` digits of `s` at `pos` into `out`.
bool ReadNumber(std::string_view s, size_t pos, size_t digits, int& out) {
  if (s.size() < pos + digits) return false;
  const char* first = s.data() + pos;
  const auto [end, error] = std::from_chars(first, first + digits, out);
  return error == std::errc() && end == first + digits;
}

}  // namespace

Result<extract::Extraction> ExtractPage(const fs::path& html, const std::string& url,
                                        bool flattened) {
  std::optional<Result<read::Document>> doc;
  read::ReadInputs({html.string()}, read::ReadOptions{}, [&](Result<read::Document> d) {
    if (!doc) doc.emplace(std::move(d));
  });
  if (!doc) return Status::NotFound(html.string() + ": nothing read");
  if (!doc->ok()) return doc->status();
  extract::ExtractOptions options;
  options.url = url;
  options.keep_empty = true;
  if (flattened) {
    read::Document flat = doc->value();
    flat.format = read::Format::kText;
    flat.content = FlattenHtml(doc->value().content);
    return extract::Extract(flat, options);
  }
  return extract::Extract(doc->value(), options);
}

std::string JoinAuthors(const std::vector<std::string>& authors) {
  std::string joined;
  for (const std::string& a : authors) {
    if (!joined.empty()) joined += ", ";
    joined += a;
  }
  return joined;
}

std::vector<std::string> SplitByline(std::string_view byline) {
  std::vector<std::string> names;
  std::string text = NormalizeSpaces(byline);
  size_t start = 0;
  auto cut = [&](size_t end) {
    std::string name = NormalizeSpaces(std::string_view(text).substr(start, end - start));
    if (name.starts_with("and ")) name.erase(0, 4);  // the Oxford comma's "and"
    if (!name.empty()) names.push_back(name);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const std::string_view rest = std::string_view(text).substr(i);
    size_t skip = 0;
    if (rest.starts_with(", ") || rest.starts_with("; ")) skip = 2;
    if (rest.starts_with(" and ")) skip = 5;
    if (rest.starts_with(" & ")) skip = 3;
    if (skip == 0) continue;
    cut(i);
    start = i + skip;
    i = start - 1;
  }
  cut(text.size());
  return names;
}

bool SameAuthorNames(const std::vector<std::string>& authors, std::string_view byline) {
  const std::vector<std::string> names = SplitByline(byline);
  if (authors.empty() || authors.size() != names.size()) return false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!SameFolded(authors[i], names[i])) return false;
  }
  return true;
}

bool SameCalendarDay(const std::optional<Timestamp>& published, std::string_view reference) {
  int year = 0, month = 0, day = 0;
  if (!published || !ReadNumber(reference, 0, 4, year) || reference.size() < 7 ||
      reference[4] != '-' || !ReadNumber(reference, 5, 2, month)) {
    return false;
  }
  if (published->year != year || published->month != month) return false;
  const bool has_day = reference.size() >= 10 && reference[7] == '-';
  if (!has_day) return reference.size() == 7;
  return ReadNumber(reference, 8, 2, day) && published->day == day;
}

Score ScoreZyteOutputs(const std::vector<ZytePage>& pages,
                       const std::unordered_map<std::string, std::string>& bodies) {
  std::vector<ShingleMatch> matches;
  for (const ZytePage& page : pages) {
    const auto it = bodies.find(page.id);
    matches.push_back(MatchShingles(page.body, it == bodies.end() ? "" : it->second));
  }
  return AverageShingleScores(matches);
}

Result<ZyteReport> EvaluateZyte(const fs::path& dir, const EvalOptions& options) {
  Result<ZyteDataset> data = LoadZyte(dir);
  if (!data.ok()) return data.status();
  ApplyLimit(data->pages, options.limit);

  ZyteReport report;
  std::vector<ShingleMatch> ours;
  std::vector<WorstPage> pages;
  for (const ZytePage& page : data->pages) {
    const OurPage got = RunOurs(page.html, page.url, report.extraction);
    if (got.rejected) ++report.rejected;
    DumpText(options.dump_dir, page.id, got.article.text);
    const ShingleMatch m = MatchShingles(page.body, got.article.text);
    ours.push_back(m);
    pages.push_back({page.id, PageF1(m), Head(got)});
  }
  report.systems.push_back({"storyline", AverageShingleScores(ours), ours.size()});

  for (const PeerOutput& peer : data->peers) {
    report.systems.push_back(
        {peer.system, ScoreZyteOutputs(data->pages, peer.body), data->pages.size()});
  }
  report.worst = Worst(std::move(pages), options.show_worst);
  return report;
}

Result<ZyteReport> EvaluateZyteFlattened(const fs::path& dir, const EvalOptions& options) {
  Result<ZyteDataset> data = LoadZyte(dir);
  if (!data.ok()) return data.status();
  ApplyLimit(data->pages, options.limit);

  ZyteReport report;
  std::vector<ShingleMatch> text_matches, html_matches;
  std::vector<WorstPage> pages;
  for (const ZytePage& page : data->pages) {
    std::optional<Result<read::Document>> doc;
    read::ReadInputs({page.html.string()}, read::ReadOptions{}, [&](Result<read::Document> d) {
      if (!doc) doc.emplace(std::move(d));
    });
    std::string ours;
    std::string head = "(rejected)";
    if (doc && doc->ok()) {
      read::Document flat = doc->value();
      flat.format = read::Format::kText;
      flat.content = FlattenHtml(doc->value().content);
      DumpText(options.dump_dir, page.id + ".input", flat.content);
      extract::ExtractOptions extract_options;
      const auto start = std::chrono::steady_clock::now();
      Result<extract::Extraction> e = extract::Extract(flat, extract_options);
      report.extraction.seconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      ++report.extraction.pages;
      if (e.ok()) {
        ours = e->article.text;
        DumpText(options.dump_dir, page.id, ours);
        head = NormalizeSpaces(ours).substr(0, 80);
      } else {
        ++report.rejected;
        head = "(rejected: " + e.status().message() + ")";
      }
    }
    const ShingleMatch m = MatchShingles(page.body, ours);
    text_matches.push_back(m);
    pages.push_back({page.id, PageF1(m), head});
    OurPage html_page = RunOurs(page.html, page.url, report.extraction);
    html_matches.push_back(MatchShingles(page.body, html_page.article.text));
  }
  report.extraction.pages /= 2;  // both extractors were timed; report pages once
  report.systems.push_back(
      {"storyline (text extractor, flattened pages)", AverageShingleScores(text_matches),
       text_matches.size()});
  report.systems.push_back(
      {"storyline (HTML extractor)", AverageShingleScores(html_matches), html_matches.size()});
  report.worst = Worst(std::move(pages), options.show_worst);
  return report;
}

const std::vector<PublishedScore>& WcxbPublishedDev() {
  static const std::vector<PublishedScore> kPublished = {
      {"rs-trafilatura", 0.859, 0.932},
      {"trafilatura", 0.791, 0.926},
      {"Readability", 0.675, 0.825},
  };
  return kPublished;
}

Result<WcxbReport> EvaluateWcxb(const fs::path& dir, const EvalOptions& options) {
  Result<std::vector<WcxbPage>> data = LoadWcxb(dir);
  if (!data.ok()) return data.status();
  ApplyLimit(*data, options.limit);

  WcxbReport report;
  FieldAccuracy title{"title",
                      "exact after whitespace normalization, case-folding and straight quotes"};
  FieldAccuracy author{"author",
                       "our byline (the authors as the page writes them together, else joined "
                       "with \", \"); exact after whitespace normalization, case-folding and "
                       "straight quotes"};
  FieldAccuracy author_names{"author_names",
                             "the byline's names (split at \", \", \" and \", \" & \"), in "
                             "order, each exact after case-folding (the author field's names "
                             "without its punctuation)"};
  FieldAccuracy date{"publish_date", "same calendar day as written (no time-zone conversion)"};
  std::vector<Score> all;
  std::map<std::string, std::vector<Score>> by_type;
  std::vector<WorstPage> pages;
  std::map<std::string, size_t> misses_kept;  // field → misses seen
  for (const WcxbPage& page : *data) {
    if (!options.page_type.empty() && page.page_type != options.page_type) continue;
    const OurPage got = RunOurs(page.html, page.url, report.extraction, options.flattened);
    if (got.rejected) ++report.rejected;
    const Article& a = got.article;
    DumpText(options.dump_dir, page.id, a.text);
    if (options.flattened && !options.dump_dir.empty()) {  // and the flattened page read
      read::ReadInputs({page.html.string()}, read::ReadOptions{}, [&](Result<read::Document> d) {
        if (d.ok()) DumpText(options.dump_dir, page.id + ".input", FlattenHtml(d->content));
      });
    }
    const Score s = MatchWords(page.main_content, a.text);
    all.push_back(s);
    by_type[page.page_type].push_back(s);
    pages.push_back({page.id, s.f1,
                     fmt::format("{} P {:.2f} R {:.2f}  {}", page.page_type, s.precision,
                                 s.recall, Head(got))});

    // Keeps the first K misses of each field for whoever improves the extractor.
    auto keep_miss = [&](const std::optional<std::string>& outcome, const FieldAccuracy& field,
                         const std::optional<std::string>& reference, const std::string& ours) {
      if (!outcome || outcome->empty()) return;
      if (misses_kept[field.field]++ >= options.show_metadata_misses) return;
      report.metadata_misses.push_back({field.field, page.id, NormalizeSpaces(*reference), ours});
    };
    keep_miss(Tally(title, page.title, a.title,
                    [&](const std::string& r) { return SameFolded(r, a.title); }),
              title, page.title, a.title);
    const std::string& byline = got.byline;
    keep_miss(Tally(author, page.author, byline,
                    [&](const std::string& r) { return SameFolded(r, byline); }),
              author, page.author, byline);
    (void)Tally(author_names, page.author, byline,
                [&](const std::string& r) { return SameAuthorNames(a.authors, r); });
    const std::string day = DayOf(a.published);
    keep_miss(Tally(date, page.publish_date, day,
                    [&](const std::string& r) { return SameCalendarDay(a.published, r); }),
              date, page.publish_date, day);
  }
  report.overall = {"storyline", MeanScore(all), all.size()};
  for (const auto& [type, scores] : by_type) {
    report.by_type.push_back({type, MeanScore(scores), scores.size()});
  }
  report.metadata = {title, author, author_names, date};
  report.worst = Worst(std::move(pages), options.show_worst);
  return report;
}

Result<ReadabilityReport> EvaluateReadability(const fs::path& dir, const EvalOptions& options) {
  Result<std::vector<ReadabilityPage>> data = LoadReadability(dir);
  if (!data.ok()) return data.status();
  ApplyLimit(*data, options.limit);

  ReadabilityReport report;
  report.pages = data->size();
  FieldAccuracy title{"title", "exact after whitespace normalization (case kept)"};
  FieldAccuracy byline{"byline",
                       "our byline (as the page writes the authors together, else joined with "
                       "\", \"); exact after whitespace normalization (Readability keeps the "
                       "page's raw byline text, \"By ...\" included)"};
  FieldAccuracy names{"byline_names",
                      "every author of ours appears inside the expected byline, case-folded "
                      "(no author = miss)"};
  FieldAccuracy site{"site_name", "our outlet; exact after whitespace normalization"};
  FieldAccuracy time{"published_time", "same calendar day as written (no time-zone conversion)"};
  std::vector<WorstPage> pages;
  for (const ReadabilityPage& page : *data) {
    const OurPage got = RunOurs(page.html, "", report.extraction);
    if (got.rejected) ++report.rejected;
    const Article& a = got.article;
    const std::string& joined = got.byline;
    const std::vector<std::optional<std::string>> outcomes = {
        Tally(title, page.title, a.title,
              [&](const std::string& r) { return SameNormalized(r, a.title); }),
        Tally(byline, page.byline, joined,
              [&](const std::string& r) { return SameNormalized(r, joined); }),
        Tally(site, page.site_name, a.outlet,
              [&](const std::string& r) { return SameNormalized(r, a.outlet); }),
        Tally(time, page.published_time, DayOf(a.published),
              [&](const std::string& r) { return SameCalendarDay(a.published, r); }),
    };
    // The lenient byline rule repeats the byline field, so it stays out of the page score.
    (void)Tally(names, page.byline, joined,
                [&](const std::string& r) { return AuthorsInByline(a.authors, r); });
    if (std::optional<WorstPage> p = FieldsPage(page.id, outcomes)) pages.push_back(*p);
  }
  report.fields = {title, byline, names, site, time};
  report.worst = Worst(std::move(pages), options.show_worst);
  return report;
}

}  // namespace storyline::eval

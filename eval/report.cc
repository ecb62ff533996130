#include "eval/report.h"

#include <fmt/format.h>

namespace storyline::eval {
namespace {

using nlohmann::json;

std::string ThroughputLine(const Throughput& t, size_t rejected) {
  return fmt::format("storyline extraction: {} pages in {:.2f} s ({:.1f} pages/s), {} rejected\n",
                     t.pages, t.seconds, t.PagesPerSecond(), rejected);
}

std::string ScoreRow(const SystemScore& s) {
  return fmt::format("{:<16} {:>9.3f} {:>9.3f} {:>9.3f} {:>6}\n", s.system, s.score.precision,
                     s.score.recall, s.score.f1, s.pages);
}

std::string ScoreHeader(std::string_view first_column) {
  return fmt::format("{:<16} {:>9} {:>9} {:>9} {:>6}\n", first_column, "precision", "recall", "F1",
                     "pages");
}

std::string FieldTable(const std::vector<FieldAccuracy>& fields) {
  std::string out = fmt::format("{:<16} {:>8} {:>9}  {}\n", "field", "accuracy", "matched", "rule");
  for (const FieldAccuracy& f : fields) {
    out += fmt::format("{:<16} {:>8.3f} {:>4}/{:<4}  {}\n", f.field, f.Rate(), f.matched, f.total,
                       f.rule);
  }
  return out;
}

std::string WorstTable(const std::vector<WorstPage>& worst, std::string_view score_name) {
  if (worst.empty()) return "";
  std::string out = fmt::format("\nworst pages ({}, ours):\n", score_name);
  for (const WorstPage& w : worst) {
    out += fmt::format("  {:.3f}  {}  {}\n", w.score, w.id, w.detail);
  }
  return out;
}

json ScoreJson(const SystemScore& s) {
  return {{"system", s.system},
          {"precision", s.score.precision},
          {"recall", s.score.recall},
          {"f1", s.score.f1},
          {"pages", s.pages}};
}

json ThroughputJson(const Throughput& t, size_t rejected) {
  return {{"pages", t.pages},
          {"seconds", t.seconds},
          {"pages_per_second", t.PagesPerSecond()},
          {"rejected", rejected}};
}

json FieldsJson(const std::vector<FieldAccuracy>& fields) {
  json out = json::array();
  for (const FieldAccuracy& f : fields) {
    out.push_back({{"field", f.field},
                   {"accuracy", f.Rate()},
                   {"matched", f.matched},
                   {"total", f.total},
                   {"rule", f.rule}});
  }
  return out;
}

json MissesJson(const std::vector<MetadataMiss>& misses) {
  json out = json::array();
  for (const MetadataMiss& m : misses) {
    out.push_back({{"field", m.field}, {"id", m.id}, {"want", m.want}, {"got", m.got}});
  }
  return out;
}

json WorstJson(const std::vector<WorstPage>& worst) {
  json out = json::array();
  for (const WorstPage& w : worst)
    out.push_back({{"id", w.id}, {"score", w.score}, {"detail", w.detail}});
  return out;
}

}  // namespace

std::string FormatZyte(const ZyteReport& report) {
  std::string out =
      "zyte article-extraction-benchmark: articleBody, word 4-gram shingles "
      "(all systems scored here, same code)\n";
  out += ScoreHeader("system");
  for (const SystemScore& s : report.systems) out += ScoreRow(s);
  out += ThroughputLine(report.extraction, report.rejected);
  out += WorstTable(report.worst, "F1");
  return out;
}

std::string FormatWcxb(const WcxbReport& report) {
  std::string out = "wcxb dev: main_content, lowercase bag of words, per-page scores averaged\n";
  out += ScoreHeader("page type");
  out += ScoreRow({"all", report.overall.score, report.overall.pages});
  for (const SystemScore& s : report.by_type) out += ScoreRow(s);
  out += fmt::format("\n{:<28} {:>9} {:>9}\n", "F1", "overall", "article");
  double ours_article = 0;
  for (const SystemScore& s : report.by_type) {
    if (s.system == "article") ours_article = s.score.f1;
  }
  out += fmt::format("{:<28} {:>9.3f} {:>9.3f}\n", "storyline (this run)", report.overall.score.f1,
                     ours_article);
  for (const PublishedScore& p : WcxbPublishedDev()) {
    out +=
        fmt::format("{:<28} {:>9.3f} {:>9.3f}\n", p.system + " (published)", p.overall, p.article);
  }
  out += "\nmetadata (pages whose ground truth has the field):\n" + FieldTable(report.metadata);
  out += ThroughputLine(report.extraction, report.rejected);
  out += WorstTable(report.worst, "word F1");
  if (!report.metadata_misses.empty()) out += "\nmetadata misses (field, page, want, got):\n";
  for (const MetadataMiss& m : report.metadata_misses) {
    out += fmt::format("  {:<13} {}  want \"{}\"  got \"{}\"\n", m.field, m.id, m.want, m.got);
  }
  return out;
}

std::string FormatReadability(const ReadabilityReport& report) {
  std::string out = fmt::format(
      "mozilla readability test pages: metadata against expected-metadata.json, {} pages\n"
      "(each field over the pages whose expectation is not null or empty)\n",
      report.pages);
  out += FieldTable(report.fields);
  out += ThroughputLine(report.extraction, report.rejected);
  out += WorstTable(report.worst, "share of fields matched");
  return out;
}

json ToJson(const ZyteReport& report) {
  json systems = json::array();
  for (const SystemScore& s : report.systems) systems.push_back(ScoreJson(s));
  return {{"dataset", "zyte"},
          {"metric", "articleBody word 4-gram shingle P/R/F1"},
          {"systems", systems},
          {"extraction", ThroughputJson(report.extraction, report.rejected)},
          {"worst", WorstJson(report.worst)}};
}

json ToJson(const WcxbReport& report) {
  json by_type = json::array();
  for (const SystemScore& s : report.by_type) by_type.push_back(ScoreJson(s));
  json published = json::array();
  for (const PublishedScore& p : WcxbPublishedDev()) {
    published.push_back(
        {{"system", p.system}, {"f1_overall", p.overall}, {"f1_article", p.article}});
  }
  return {{"dataset", "wcxb"},
          {"metric", "main_content lowercase bag-of-words P/R/F1, averaged over pages"},
          {"overall", ScoreJson(report.overall)},
          {"by_page_type", by_type},
          {"published", published},
          {"metadata", FieldsJson(report.metadata)},
          {"metadata_misses", MissesJson(report.metadata_misses)},
          {"extraction", ThroughputJson(report.extraction, report.rejected)},
          {"worst", WorstJson(report.worst)}};
}

json ToJson(const ReadabilityReport& report) {
  return {{"dataset", "mozilla-readability-pages"},
          {"pages", report.pages},
          {"fields", FieldsJson(report.fields)},
          {"extraction", ThroughputJson(report.extraction, report.rejected)},
          {"worst", WorstJson(report.worst)}};
}

}  // namespace storyline::eval

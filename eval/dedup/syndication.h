// A labelled syndication set built from the BBC News articles (../shared/datasets/summaries/
// bbc/bbc.jsonl, never copied here), and the duplicate index scored on it.
//
// From a fixed random seed: sampled originals get copies (exact; other chrome; retitled;
// trimmed; ad/teaser lines inserted; re-wrapped; typos; all of those at once) labelled
// copies, and rewrites (sentences swapped within paragraphs, synonyms, clauses moved)
// labelled rewrite. The other articles (the same categories; the set has no dates) are the
// hard negatives: they must never be marked. Originals go in first, then the variants and
// negatives shuffled. Everything here is deterministic for a seed; safe from any thread.
#ifndef STORYLINE_EVAL_DEDUP_SYNDICATION_H_
#define STORYLINE_EVAL_DEDUP_SYNDICATION_H_

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dedup/dedup.h"
#include "storyline/status.h"

namespace storyline::eval::dedup {

struct BbcArticle {
  std::string id;  // "business/002"
  std::string category;
  std::string title;
  std::string text;  // paragraphs separated by blank lines
};

// Reads bbc.jsonl (one {"id","category","title","article",...} object a line).
Result<std::vector<BbcArticle>> LoadBbc(const std::filesystem::path& jsonl);

enum class Label { kNone, kCopy, kRewrite };

struct Sample {
  std::string kind;  // "exact", "chrome", ..., "rewrite", "negative"
  Label label = Label::kNone;
  int64_t original = -1;  // the id of the article it was made from (-1: none)
  std::string title;
  std::string text;  // the title, a blank line, the body
};

struct SyndicationOptions {
  size_t originals = 300;    // articles that get variants; the rest are hard negatives
  uint64_t seed = 20251107;  // fixes the sample and every edit
  storyline::dedup::DedupOptions dedup;
};

// Variants of one article, for the tests and the generator's own checks.
std::vector<Sample> MakeVariants(const BbcArticle& original, int64_t original_id,
                                 const std::vector<BbcArticle>& others, uint64_t seed);

struct PrecisionRecall {
  size_t labelled = 0;   // samples with the label
  size_t predicted = 0;  // samples the index gave the relation
  size_t correct = 0;    // predicted with the label and the right original
  double precision() const { return predicted == 0 ? 1 : double(correct) / double(predicted); }
  double recall() const { return labelled == 0 ? 1 : double(correct) / double(labelled); }
};

struct SyndicationReport {
  size_t dataset_articles = 0;
  size_t dataset_repeats = 0;  // dropped: a repeated title or text, or >= 50% of an earlier
                               // article's 4-word shingles (the set has copies of its own)
  size_t originals = 0;
  size_t variants = 0;
  size_t negatives = 0;
  PrecisionRecall copies;  // exact + near
  PrecisionRecall rewrites;
  size_t negatives_marked = 0;  // hard negatives given any relation
  size_t negatives_copies = 0;  // ... of them, as copies (exact or near)
  size_t originals_marked = 0;  // originals given a relation to another original
  // Generator check: rewrites whose exact shingle containment with their original is
  // >= near_threshold (those are copies, not rewrites), and the mean containment.
  size_t rewrites_like_copies = 0;
  double rewrite_mean_containment = 0;
  std::map<std::string, std::pair<size_t, size_t>> by_kind;  // kind → (right, total)
  double articles_per_second = 0;     // Add() over the whole feed, one thread
  double bytes_per_article = 0;       // MemoryBytes() / size() at the end
  std::vector<std::string> mistakes;  // the first few, for reading
};

Result<SyndicationReport> EvaluateSyndication(const std::filesystem::path& jsonl,
                                              const SyndicationOptions& options);

std::string FormatReport(const SyndicationReport& report);

}  // namespace storyline::eval::dedup

#endif  // STORYLINE_EVAL_DEDUP_SYNDICATION_H_

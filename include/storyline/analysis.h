// What the understanding stage finds in an article: named entities, the people with their
// roles, and quotes attributed to their speakers. Plain value types, safe to copy.
//
// Offsets are bytes into Article::text (the JSON the CLI prints converts them to Unicode
// code points).
#ifndef STORYLINE_ANALYSIS_H_
#define STORYLINE_ANALYSIS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyline/article.h"
#include "storyline/story.h"

namespace storyline {

struct TextSpan {
  size_t begin = 0;  // bytes, [begin, end)
  size_t end = 0;
  std::string text;  // the span's text (fragments joined by a space)
  // Discontinuous spans ("“We will win,” he said, “and soon.”"): the pieces, in order;
  // empty when the span is one piece.
  std::vector<std::pair<size_t, size_t>> fragments;
};

struct EntityMention {
  size_t begin = 0;
  size_t end = 0;
  std::string type;    // "PER", "ORG", "LOC", "MISC"
  std::string text;
  std::string person;  // the person's id for PER mentions, else ""
};

// A person as named in one article (or, in the store, across articles).
struct PersonRecord {
  std::string id;                  // identity across articles: "dmitri-peskov"
  std::string name;                // the fullest form seen: "Dmitry Peskov"
  std::vector<std::string> roles;  // as written: "Kremlin spokesman"
  int64_t mentions = 0;            // how many times the person is mentioned
};

struct QuoteRecord {
  TextSpan content;
  std::optional<TextSpan> cue;
  std::optional<TextSpan> source;
  std::string speaker;       // the person id the source resolves to, or ""
  std::string speaker_name;  // that person's name, else the source as written
  bool direct = false;       // the content is a quotation in quote marks
};

struct ArticleAnalysis {
  std::vector<EntityMention> entities;
  std::vector<PersonRecord> people;
  std::vector<QuoteRecord> quotes;
  std::vector<TextSpan> summary;  // the article's extractive summary, in document order
};

// A stored quote with what a reader needs around it (who reported it, when).
struct StoredQuote {
  int64_t id = 0;
  int64_t article_id = 0;
  std::optional<int64_t> story_id;
  std::string speaker;       // person id or ""
  std::string speaker_name;  // the person's name, or the source as written
  std::string source;        // the source as written ("he", "the Kremlin spokesman")
  std::string cue;
  std::string content;
  size_t content_begin = 0;  // bytes into the article's text
  size_t content_end = 0;
  bool direct = false;
  std::string outlet;
  std::string title;
  std::optional<Timestamp> published;
};

}  // namespace storyline

#endif  // STORYLINE_ANALYSIS_H_

// The data model: what every stage reads and fills. Plain value types, no behaviour
// beyond formatting; safe to copy between threads.
#ifndef STORYLINE_ARTICLE_H_
#define STORYLINE_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storyline {

// A point in time as a page states it: a civil date, maybe a time, maybe a zone.
// Zone-less times are kept zone-less (the page did not say), not guessed.
struct Timestamp {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool has_time = false;
  std::optional<int> utc_offset_minutes;  // nullopt: the page gave no zone

  // "2025-11-07", "2025-11-07T12:28:00" or "2025-11-07T12:20:00+00:00".
  std::string ToIso8601() const;
  // Seconds since the Unix epoch; zone-less times are read as UTC.
  int64_t ToUnixSeconds() const;
  // Parses what ToIso8601 writes (and other strict ISO 8601 forms). nullopt if not one.
  static std::optional<Timestamp> FromIso8601(std::string_view text);

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// An article appended to a page (a "Related Articles" teaser, a next/previous link),
// split off so it does not pollute the main text.
struct RelatedItem {
  std::string title;
  std::string outlet;
  std::string url;
  std::optional<Timestamp> published;
  std::string text;
};

// One news article. Empty strings mean "not known".
struct Article {
  int64_t id = 0;             // store id; 0 until stored
  std::string source_file;    // where it was read from ("dir/x.html", "feed.jsonl:12", "-")
  std::string url;            // the URL the page was fetched from or states
  std::string canonical_url;  // normalized URL used for identity
  std::string outlet;         // site or publisher name
  std::string title;
  std::optional<Timestamp> published;
  std::vector<std::string> authors;
  std::string language;  // ISO 639-1 code, e.g. "en"
  std::vector<std::string> tags;
  std::vector<std::string> paragraphs;
  std::string text;          // paragraphs joined by a blank line
  std::string content_hash;  // 16 hex digits of the hash of the normalized text

  // Filled by later stages.
  std::optional<int64_t> story_id;
  std::optional<int64_t> duplicate_of;  // the earliest article this one copies or rewrites
  std::string relation;                 // to duplicate_of: "exact", "near", "rewrite"; "" if none
  std::optional<double> relation_score;
};

}  // namespace storyline

#endif  // STORYLINE_ARTICLE_H_

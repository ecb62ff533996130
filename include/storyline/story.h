// A story: one event, the articles of every outlet that covered it.
#ifndef STORYLINE_STORY_H_
#define STORYLINE_STORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyline/article.h"

namespace storyline {

// One sentence of a story's summary, with the article (and outlet) that published it.
struct SummaryLine {
  int64_t article_id = 0;
  std::string outlet;
  std::string text;
};

struct Story {
  int64_t id = 0;
  std::string title;                 // the title of its first article
  std::vector<int64_t> article_ids;  // in publication order (undated last), then id
  std::vector<std::string> outlets;  // distinct, in order of first appearance
  std::optional<Timestamp> first_published;
  std::optional<Timestamp> last_published;
  // Its extractive summary, kept current as it grows (Store::GetStory fills it; listings
  // leave it empty).
  std::vector<SummaryLine> summary;
};

}  // namespace storyline

#endif  // STORYLINE_STORY_H_

// A story: one event, the articles of every outlet that covered it.
#ifndef STORYLINE_STORY_H_
#define STORYLINE_STORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storyline/article.h"

namespace storyline {

struct Story {
  int64_t id = 0;
  std::string title;                 // the title of its first article
  std::vector<int64_t> article_ids;  // in publication order (undated last), then id
  std::vector<std::string> outlets;  // distinct, in order of first appearance
  std::optional<Timestamp> first_published;
  std::optional<Timestamp> last_published;
};

}  // namespace storyline

#endif  // STORYLINE_STORY_H_

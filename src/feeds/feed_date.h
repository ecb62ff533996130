// Dates as feeds write them: RFC 822 (RSS), RFC 3339 (Atom, JSON Feed), W3C dates (sitemaps).
#ifndef STORYLINE_FEEDS_FEED_DATE_H_
#define STORYLINE_FEEDS_FEED_DATE_H_

#include <optional>
#include <string_view>

#include "storyline/article.h"

namespace storyline::feeds::detail {

// extract::ParseDate, plus what RFC 822 allows and it does not read: two-digit years
// ("Fri, 07 Nov 25 12:28:00 GMT" is 2025; 50..99 are 1950..1999). nullopt if not a date.
std::optional<Timestamp> ParseFeedDate(std::string_view text);

}  // namespace storyline::feeds::detail

#endif  // STORYLINE_FEEDS_FEED_DATE_H_

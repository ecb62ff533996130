// Dates as news pages write them.
//
// ParseDate understands ISO 8601 / RFC 3339 ("2025-11-07T12:20+0000", "2025-11-07 12:20:00Z"),
// RFC 2822 ("Fri, 07 Nov 2025 12:20:00 GMT"), and the common visible forms
// ("7 NOV 2025 12:28", "November 7, 2025 at 3:04 PM EST", "07.11.2025", "Nov. 7, 2025").
// It returns nullopt rather than guessing when the text is not a date.
#ifndef STORYLINE_EXTRACT_DATE_H_
#define STORYLINE_EXTRACT_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "storyline/article.h"

namespace storyline::extract {

// Parses `text` when the whole of it (after trimming, and ignoring a leading
// "Published:"/"Updated:"-style label) is one date. nullopt otherwise.
std::optional<Timestamp> ParseDate(std::string_view text);

// Finds the first date inside free text ("Posted on 7 NOV 2025 12:28 by ..."). nullopt if none.
std::optional<Timestamp> FindDate(std::string_view text);

// A date in a URL path: /2025/11/07/, /2025-11-07/, /20251107/ (8 digits between separators).
std::optional<Timestamp> DateFromUrl(std::string_view url);

// The month a word names (1-12): English names and three-letter abbreviations ("Sept"
// too), case-insensitive, and the other languages' names ParseDate reads; 0 if none.
int MonthFromWord(std::string_view w);

// A news date is plausible when it is not before 1990-01-01 and not more than a day after
// `now_unix`. Anything else is a wrong guess and must be dropped.
bool IsPlausibleNewsDate(const Timestamp& t, int64_t now_unix);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_DATE_H_

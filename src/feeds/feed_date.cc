#include "feeds/feed_date.h"

#include <string>

#include "extract/date.h"

namespace storyline::feeds::detail {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "[Fri,] 07 Nov 25 12:28..." with the two-digit year widened to four digits; "" when the
// text does not have that shape.
std::string WidenTwoDigitYear(std::string_view s) {
  size_t i = 0;
  const auto skip_space = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  };
  skip_space();
  // An optional weekday and comma.
  size_t j = i;
  while (j < s.size() && IsAlpha(s[j])) ++j;
  if (j > i && j < s.size() && s[j] == ',') {
    i = j + 1;
    skip_space();
  }
  const size_t day_begin = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == day_begin || i - day_begin > 2) return "";
  skip_space();
  const size_t month_begin = i;
  while (i < s.size() && IsAlpha(s[i])) ++i;
  if (i - month_begin < 3) return "";
  if (i < s.size() && s[i] == '.') ++i;
  skip_space();
  const size_t year_begin = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i - year_begin != 2 || (i < s.size() && s[i] != ' ' && s[i] != '\t')) return "";
  const int yy = (s[year_begin] - '0') * 10 + (s[year_begin + 1] - '0');
  std::string out(s.substr(0, year_begin));
  out += yy < 50 ? "20" : "19";
  out += s.substr(year_begin);
  return out;
}

}  // namespace

std::optional<Timestamp> ParseFeedDate(std::string_view text) {
  if (text.empty() || text.size() > 200) return std::nullopt;
  if (auto t = extract::ParseDate(text)) return t;
  const std::string widened = WidenTwoDigitYear(text);
  if (widened.empty()) return std::nullopt;
  return extract::ParseDate(widened);
}

}  // namespace storyline::feeds::detail

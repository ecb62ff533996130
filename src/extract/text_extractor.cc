// Flattened page text has no tags, so every line is judged by what it looks like:
// prose (the article), a date, a URL, a tag, chrome, or a marker that starts the list of
// other articles a site appends. The article is the prose between the header (title,
// dates, tags) and the first such marker; what follows the marker becomes `related`.
#include "extract/text_extractor.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "extract/boilerplate.h"
#include "extract/date.h"
#include "extract/url.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace storyline::extract {
namespace {

enum class LineKind {
  kProse,     // a paragraph of the article (or of a teaser)
  kShort,     // a title, heading, outlet name, tag or label
  kUrl,       // a bare URL
  kImage,     // a bare URL of an image
  kDate,      // a date and nothing else
  kChrome,    // site chrome: "Sign Up", "Comments", contact lines
  kMarker,    // "Related Reads", "You may also like", ...
  kAge,       // "18 minutes ago"
  kKeywords,  // "russia, united states, kremlin, ..."
};

struct Line {
  std::string text;
  LineKind kind = LineKind::kShort;
  size_t words = 0;
};

bool EndsWithAny(std::string_view s, std::initializer_list<std::string_view> tails) {
  for (std::string_view t : tails) {
    if (s.size() >= t.size() && s.substr(s.size() - t.size()) == t) return true;
  }
  return false;
}

bool EndsSentence(std::string_view s) {
  return EndsWithAny(s, {".", "!", "?", "\"", "'", ")", "…", "”", "’", "»", ".)", "。", "！",
                         "？", "」", "』", "।"});
}

// Running text has lowercase letters; outside ASCII (Cyrillic, Greek, CJK, ...) any letter
// counts, since many scripts have no case.
bool HasLowercaseAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
  });
}

// Words, counting scripts written without spaces (CJK) by characters: about two per word.
size_t EffectiveWords(std::string_view s) {
  size_t cjk = 0;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xE3 && b <= 0xED) ++cjk;  // lead bytes of U+3000..U+DFFF: kana, CJK, Hangul
  }
  return std::max(text::CountWords(s), cjk / 2);
}

// First byte is an ASCII lowercase letter: tags and slugs, not titles or headings.
bool StartsLowercase(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

bool IsImageUrl(std::string_view s) {
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string path = lower.substr(0, lower.find('?'));
  return EndsWithAny(path, {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"});
}

// "feedback@example.com +7495..." : contact and imprint lines.
bool IsContactLine(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  const size_t dot = s.find('.', at);
  return dot != std::string_view::npos && !EndsSentence(s);
}

// "a, b c, d" : three or more short, comma-separated items without sentence punctuation.
bool IsKeywordList(std::string_view s) {
  if (EndsSentence(s)) return false;
  size_t items = 1, longest = 0, words = 0;
  for (char c : s) {
    if (c == ',') {
      ++items;
      longest = std::max(longest, words);
      words = 0;
    } else if (c == ' ') {
      ++words;
    }
  }
  return items >= 4 && longest <= 4;
}

// "07:52", "6:34 am": a clock time.
bool HasClockTime(std::string_view s) {
  for (size_t i = 1; i + 2 < s.size(); ++i) {
    if (s[i] == ':' && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '5' &&
        s[i + 2] >= '0' && s[i + 2] <= '9') {
      return true;
    }
  }
  return false;
}

// Thirty words without a comma or a full stop are a tag cloud or a keyword dump, not prose.
bool HasPunctuation(std::string_view s) {
  if (s.find_first_of(".,;:!?") != std::string_view::npos) return true;
  for (std::string_view mark : {"\u3002", "\uFF0C", "\u3001", "\u060C", "\u0964"}) {
    if (s.find(mark) != std::string_view::npos) return true;  // 。 ， 、 ، ।
  }
  return false;
}

// "The Doobie Brothers: Lighting Up With the Stars of 'This Is the End'": a headline in title
// case (three quarters of its longer words capitalized), not a sentence, though it ends in a
// quote mark.
bool IsTitleCase(std::string_view s) {
  size_t long_words = 0, capitalized = 0;
  for (size_t pos = 0; pos < s.size();) {
    const size_t end = std::min(s.find(' ', pos), s.size());
    std::string_view word = s.substr(pos, end - pos);
    pos = end + 1;
    while (!word.empty() &&
           std::string_view("'\"(\u2018\u201c").find(word.front()) != std::string_view::npos) {
      word.remove_prefix(1);
    }
    if (word.size() < 4) continue;
    ++long_words;
    if (word.front() >= 'A' && word.front() <= 'Z') ++capitalized;
  }
  return long_words >= 3 && 4 * capitalized >= 3 * long_words;
}

LineKind Classify(const std::string& text, size_t words) {
  if (IsHttpUrl(text)) return IsImageUrl(text) ? LineKind::kImage : LineKind::kUrl;
  if (IsRelatedMarker(text)) return LineKind::kMarker;
  // A line that is a date is no phone number or counter ("12.12.2025").
  const bool date = words <= 8 && ParseDate(text).has_value();
  if (!date && (IsChrome(text) || IsContactLine(text))) return LineKind::kChrome;
  if (IsRelativeAge(text)) return LineKind::kAge;
  if (date) return LineKind::kDate;
  // A dated line with commas is a byline ("ByKathy Owen January 21, 2025January 12, 2026"),
  // not a tag dump.
  if (IsKeywordList(text) && !FindDate(text).has_value()) return LineKind::kKeywords;
  const bool headline = words < 20 && !text.empty() && text.back() != '.' && IsTitleCase(text);
  if (words >= 8 && !headline && (EndsSentence(text) || (words >= 30 && HasPunctuation(text))) &&
      HasLowercaseAscii(text)) {
    return LineKind::kProse;
  }
  return LineKind::kShort;
}

// A paragraph hard-wrapped at a fixed width ("...a convenient\nway to improve..."): the next
// line goes on in lower case from a line of words that does not end a sentence.
bool ContinuesWrappedLine(const Line& previous, const std::string& next) {
  constexpr size_t kMinWrappedWords = 9;
  // "by Jane Doe" under a long headline is a byline.
  return previous.words >= kMinWrappedWords && StartsLowercase(next) && next.rfind("by ", 0) != 0 &&
         previous.kind != LineKind::kChrome &&
         !EndsWithAny(previous.text, {".", "!", "?", ":", ";"}) && HasLowercaseAscii(previous.text);
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  bool after_blank = true;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    Line line;
    line.text = text::CollapseWhitespace(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.text.empty()) {
      after_blank = true;
      continue;
    }
    if (!after_blank && !lines.empty() && ContinuesWrappedLine(lines.back(), line.text)) {
      Line& previous = lines.back();
      previous.text += ' ';
      previous.text += line.text;
      previous.words = EffectiveWords(previous.text);
      previous.kind = Classify(previous.text, previous.words);
      continue;
    }
    after_blank = false;
    line.words = EffectiveWords(line.text);
    line.kind = Classify(line.text, line.words);
    lines.push_back(std::move(line));
  }
  // A sentence ending in a colon is prose when it leads into prose ("He said:" before a
  // quotation), and a call to action otherwise ("Explore what our app can do for you:").
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    Line& line = lines[i];
    if (line.kind == LineKind::kShort && line.words >= 8 && line.text.back() == ':' &&
        lines[i + 1].kind == LineKind::kProse) {
      line.kind = LineKind::kProse;
    }
  }
  return lines;
}

// A heading or title: starts with a capital, a digit or a quote, and is not a sentence.
// "9 min read", "3 minute read", "5 mins read".
bool IsReadingTime(std::string_view s) {
  const std::string lower = text::AsciiLower(s);
  return s.size() <= 24 && !lower.empty() && lower[0] >= '0' && lower[0] <= '9' &&
         (lower.ends_with(" read") || lower.ends_with(" read time"));
}

bool IsTitleLike(const Line& line) {
  return line.kind == LineKind::kShort && line.words >= 1 && line.words <= 25 &&
         !StartsLowercase(line.text) && !EndsWithAny(line.text, {"."}) &&
         HasLowercaseAscii(line.text) && !IsReadingTime(line.text);
}

// A proper name as outlets write theirs: capitalized words ("Sputnik International", "The
// Times of India"), ending in a letter or digit; not a label ("Get a summary", "No time to
// read?").
bool IsNameLike(std::string_view s) {
  static constexpr std::string_view kJoiners[] = {"of", "the", "and", "for", "de", "du", "la",
                                                  "le", "el", "on", "in", "&", "-"};
  const auto last = static_cast<unsigned char>(s.back());
  if (!(std::isalnum(last) || last >= 0x80)) return false;
  size_t pos = 0;
  bool first = true;
  while (pos < s.size()) {
    size_t end = s.find(' ', pos);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view word = s.substr(pos, end - pos);
    pos = end + 1;
    const auto c = static_cast<unsigned char>(word[0]);
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
      first = false;
      continue;
    }
    if (first || std::find(std::begin(kJoiners), std::end(kJoiners), word) == std::end(kJoiners)) {
      return false;
    }
  }
  return true;
}

// Splits "...its timing.Pause in Negotiation..." where a scraper glued two blocks together:
// a sentence end directly followed by a capital letter, after a lowercase letter (so "U.S."
// and "5.5" stay whole).
std::vector<std::string> SplitGluedBlocks(const std::string& para) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 1; i + 1 < para.size(); ++i) {
    const char c = para[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (!(para[i - 1] >= 'a' && para[i - 1] <= 'z')) continue;
    size_t next = i + 1;
    if (para[next] == '"') ++next;  // sentence-final quote
    if (next < para.size() && para[next] >= 'A' && para[next] <= 'Z') {
      parts.push_back(para.substr(start, next - start));
      start = next;
    }
  }
  parts.push_back(para.substr(start));
  // A heading glued to the sentence under it: "Pause in Negotiation Process Caused by
  // UkraineThe pause in ...". The seam is a lowercase letter directly followed by a word that
  // opens sentences; what comes before it is a short line with no sentence punctuation.
  static constexpr std::array<std::string_view, 16> kOpeners = {
      "The ", "This ", "These ", "That ", "He ", "She ", "It ", "They ", "We ",
      "In ",  "On ",   "At ",    "But ",  "According ", "After ", "When "};
  std::vector<std::string> out;
  for (std::string& part : parts) {
    size_t seam = std::string::npos;
    for (size_t i = 1; i < part.size() && i < 160 && seam == std::string::npos; ++i) {
      if (!(part[i - 1] >= 'a' && part[i - 1] <= 'z') || !(part[i] >= 'A' && part[i] <= 'Z')) {
        continue;
      }
      for (std::string_view opener : kOpeners) {
        if (std::string_view(part).substr(i).starts_with(opener)) seam = i;
      }
    }
    if (seam != std::string::npos) {
      const std::string_view head = std::string_view(part).substr(0, seam);
      const bool heading = head.find_first_of(".!?,;:\"") == std::string_view::npos &&
                           text::CountWords(head) >= 3 && text::CountWords(head) <= 15;
      if (heading) {
        out.emplace_back(head);
        out.push_back(part.substr(seam));
        continue;
      }
    }
    out.push_back(std::move(part));
  }
  return out;
}

// Authors from a byline: "By Jane Doe and John Roe", "Author: Jane Doe".
std::string_view TrimTrailing(std::string_view w, std::string_view chars) {
  while (!w.empty() && chars.find(w.back()) != std::string_view::npos) w.remove_suffix(1);
  return w;
}

// A title without a list mark a page put before it ("» Headline").
std::string WithoutLeadIn(std::string title) {
  for (std::string_view mark : {"\u00BB ", "\u203A ", "> ", "\u2022 "}) {
    if (title.starts_with(mark) && title.size() > mark.size()) title.erase(0, mark.size());
  }
  return title;
}

// `w` without any of `chars` at either end.
std::string_view Trim(std::string_view w, std::string_view chars) {
  while (!w.empty() && chars.find(w.front()) != std::string_view::npos) w.remove_prefix(1);
  return TrimTrailing(w, chars);
}

// The pieces of `s` between single spaces (views into `s`).
std::vector<std::string_view> SpaceSeparated(std::string_view s) {
  std::vector<std::string_view> words;
  for (size_t start = 0; start < s.size();) {
    const size_t space = std::min(s.find(' ', start), s.size());
    words.push_back(s.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

// Where the names of a byline start, or npos. A label opens the line ("By Jane Doe", "Written
// by: Jane Doe", "Posted by Jane Doe on ...", "Author: Jane Doe", a forum's "Thread starter
// jdoe"), or a "by" follows the date or a "Posted"/"Published"/"started" label ("October 11,
// 2023 by Jane Doe", "Last Updated on April 8, 2024 by Jane Doe", "0 · by Jane Doe",
// "Discussion in 'Hosting' started by pelex, May 26, 2025."). Scrapers glue the label to the name
// ("ByJane Doe", "Posted byJane Doe").
size_t BylineNamesStart(std::string_view s) {
  // After "by" (any case): ": ", " ", or a capital glued to it.
  // `handles`: a lowercase user name may follow ("by jsteinhardt"); else the names are
  // capitalized ("All of our content is written by humans" is no byline).
  auto names_after = [&](size_t at, bool handles) -> size_t {
    size_t p = at;
    if (p < s.size() && s[p] == ':') ++p;
    const bool glued = p < s.size() && s[p] >= 'A' && s[p] <= 'Z';                // "ByJane Doe"
    if (!glued && (p >= s.size() || s[p] != ' ')) return std::string_view::npos;  // "Bypass"
    while (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size()) return std::string_view::npos;
    const auto c = static_cast<unsigned char>(s[p]);
    const bool capital = (c >= 'A' && c <= 'Z') || c >= 0x80;
    return capital || (handles && c >= 'a' && c <= 'z') ? p : std::string_view::npos;
  };
  for (std::string_view label : {"written by", "posted by", "words by", "story by", "article by",
                                 "authored by", "thread starter", "by"}) {
    if (text::StartsWithIgnoreAsciiCase(s, label)) return names_after(label.size(), true);
  }
  for (std::string_view label : {"authors:", "author:", "contributors:", "contributor:"}) {
    if (text::StartsWithIgnoreAsciiCase(s, label)) return names_after(label.size(), true);
  }
  // The last " by" whose left side is a date or a posting label.
  for (size_t at = s.size(); at-- > 1;) {
    if (s[at - 1] != ' ' || !text::StartsWithIgnoreAsciiCase(s.substr(at), "by")) continue;
    std::string_view before = s.substr(0, at - 1);
    while (!before.empty() && (before.back() == ' ' || before.back() == ','))
      before.remove_suffix(1);
    const std::string lower =
        text::AsciiLower(before.substr(before.size() > 12 ? before.size() - 12 : 0));
    const bool separator =
        lower.ends_with("\u00B7") || lower.ends_with("|") || lower.ends_with("\u2022");
    const bool label = lower.ends_with("posted") || lower.ends_with("written") ||
                       lower.ends_with("published") || lower.ends_with("started");
    const bool dated = extract::FindDate(before).has_value();
    if (!separator && !label && !dated) continue;
    // A forum's thread was started by a user name ("started by pelex").
    const size_t names = names_after(at + 2, dated || separator || lower.ends_with("started"));
    if (names != std::string_view::npos) return names;
  }
  return std::string_view::npos;
}

// What a byline or profile line prints right after the name: a profile link ("View"), a
// date's label ("Last Updated"), an ad's mark, a follow button.
constexpr std::string_view kAfterNameWords[] = {"View", "Last", "Sponsored", "Follow"};

std::vector<std::string> BylineAuthors(const std::string& s) {
  // A forum's "jdoe Discussion starter": the label after the user name.
  constexpr std::string_view kStarter = " discussion starter";
  if (s.size() > kStarter.size() &&
      text::EqualsIgnoreAsciiCase(std::string_view(s).substr(s.size() - kStarter.size()),
                                  kStarter)) {
    const std::string name = s.substr(0, s.size() - kStarter.size());
    if (text::CountWords(name) <= 2 && !IsChrome(name)) return {name};
    return {};
  }
  std::string rest;
  if (const size_t start = BylineNamesStart(s); start != std::string_view::npos) {
    rest = s.substr(start);
  }
  if (IsMenuFacet(rest)) return {};  // a menu's "By Industry", a filter's "Sort by Price"
  // "By Korin MillerPublished: Jan 29, 2025": a scraper glued the date's label to the name.
  for (size_t k = 1; k < rest.size(); ++k) {
    if (rest[k - 1] >= 'a' && rest[k - 1] <= 'z' && rest[k] >= 'A' && rest[k] <= 'Z') {
      const std::string_view tail = std::string_view(rest).substr(k);
      for (std::string_view label : {"Published", "Updated", "Posted", "Reviewed", "Last "}) {
        if (tail.rfind(label, 0) == 0) {
          rest.resize(k);
          break;
        }
      }
      // "By Kathryn GiuffridaMar 5, 2025": the date glued to the name.
      const std::string_view word = tail.substr(0, tail.find(' '));
      if (k < rest.size() && MonthFromWord(TrimTrailing(word, ".,")) != 0 &&
          tail.find_first_of("0123456789") == word.size() + 1) {
        rest.resize(k);
      }
    }
  }
  // "By Jason Rostar | SEO | 8 min read", "By Scott Levine – Updated Sep 9": the names end at
  // the first separator.
  for (std::string_view sep :
       {" | ", " \u2013 ", " \u2014 ", " - ", " \u00B7 ", " \u2022 ", " \u22C5 ", " \u00BB "}) {
    if (const size_t at = rest.find(sep); at != std::string::npos) rest.resize(at);
  }
  // A name printed twice ("Colin Gray Colin Gray": the avatar's alt text, then the link).
  if (const size_t half = rest.size() / 2;
      rest.size() % 2 == 1 && rest[half] == ' ' && rest.compare(0, half, rest, half + 1) == 0) {
    rest.resize(half);
  }
  // "Sofia Gonzalez December 2, 2025", "Alyssa Maio on January 21, 2023", "Jane Doe · Oct
  // 10": the date after the name is not part of it.
  for (std::string_view sep : {" on ", " Updated", " Published", " Last ", " Posted", "\u00B7",
                               " In ", " in ", ". Reviewed by", ", Reviewed by"}) {
    if (const size_t at = rest.find(sep); at != std::string::npos) rest.resize(at);
  }
  // "Sara Harberson In" (the section glued to the next line's "Admissions"), "Jane Doe in".
  for (std::string_view tail : {" In", " in"}) {
    if (rest.ends_with(tail)) rest.resize(rest.size() - tail.size());
  }
  {
    const std::vector<std::string_view> words = SpaceSeparated(rest);
    size_t keep = words.size();
    // The names end at the first word that is a number ("21,", "2025", "10:01"); a user name
    // may hold digits after its letters ("paulb203").
    for (size_t w = 0; w < words.size(); ++w) {
      if (!words[w].empty() && words[w][0] >= '0' && words[w][0] <= '9') {
        keep = w;
        break;
      }
    }
    if (keep > 0 && keep < words.size() && MonthFromWord(TrimTrailing(words[keep - 1], ".,")) != 0)
      --keep;
    if (keep < words.size()) {
      rest = keep == 0 ? std::string()
                       : std::string(rest.substr(
                             0, words[keep - 1].data() + words[keep - 1].size() - rest.data()));
    }
  }
  // What a profile line prints after the name: "A. J. Neal View In Digital Edition" (a
  // profile link), "Bhaval Patel Last Updated:" (a date's label).
  for (std::string_view word : kAfterNameWords) {
    const size_t at = rest.find(word);
    const size_t end = at + word.size();
    if (at != std::string::npos && at > 0 && rest[at - 1] == ' ' &&
        (end == rest.size() || rest[end] == ' ' ||
         static_cast<unsigned char>(rest[end]) == 0xC2)) {  // or a no-break space
      rest.resize(at - 1);
    }
  }
  if (rest.empty() || text::CountWords(rest) > 10) return {};
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < rest.size()) {
    size_t cut = rest.size();
    size_t len = 0;
    for (std::string_view sep : {", ", " and ", " & "}) {
      const size_t f = rest.find(sep, pos);
      if (f != std::string::npos && f < cut) cut = f, len = sep.size();
    }
    std::string name = text::CollapseWhitespace(rest.substr(pos, cut - pos));
    name = std::string(TrimTrailing(name, ",;:*"));
    // A bullet after the name, where the page's next item (a date, a reading time) stood.
    for (std::string_view mark : {"\u2022", "\u25CF", "\u2219"}) {
      if (name.ends_with(mark)) {
        name = std::string(TrimTrailing(name.substr(0, name.size() - mark.size()), " "));
      }
    }
    // "By Jeff Cobb. Last Updated on ...": a period after a whole word ends the sentence, not
    // an initial ("John F."), an abbreviation ("Jr.", "Inc.") or a degree ("Ph.D.").
    if (name.size() > 4 && name.back() == '.') {
      const size_t space = name.rfind(' ');
      const std::string_view last =
          std::string_view(name).substr(space == std::string::npos ? 0 : space + 1);
      if (last.size() > 4 && last.find('.') == last.size() - 1 && last != "Corp." &&
          last != "Bros.") {
        name.pop_back();
      }
    }
    // "Sean Peek, Senior Analyst": the job title is not a second author.
    if (!name.empty() && name.find('@') == std::string::npos &&
        FindAuthorRole(name) == std::string_view::npos) {
      out.push_back(std::move(name));
    }
    pos = cut + len;
    if (len == 0) break;
  }
  return out;
}

class TextPage {
 public:
  TextPage(std::vector<Line> lines, const ExtractOptions& options)
      : lines_(std::move(lines)), options_(options) {
    now_ = options.now_unix ? options.now_unix : static_cast<int64_t>(std::time(nullptr));
  }

  Extraction Run() {
    FindRegions();
    Extraction out;
    if (first_prose_ == kNone) {
      out.kind = PageKind::kEmpty;
      return out;
    }
    Article& a = out.article;
    // The title as the page prints it, which the byline and the body are found beside.
    const std::string printed =
        text::CollapseWhitespace(WithoutPermalinkMark(FindTitle(&headline_)));
    a.title = WithoutLeadIn(headline_ == kNone ? printed : WithoutTitleTail(printed));
    a.url = FindUrl(out.lead_image);
    a.published = FindDate();
    a.outlet = FindOutlet(printed);
    a.tags = FindTags();
    a.authors = FindAuthors(printed);
    // The headline is no writer's name ("Vibe Coding" over a name-shaped standfirst).
    std::erase_if(a.authors, [&](const std::string& name) {
      return text::EqualsIgnoreAsciiCase(name, printed) ||
             text::EqualsIgnoreAsciiCase(name, a.title);
    });
    out.byline = BylineOf(a.authors);
    a.paragraphs = Body(printed);
    out.related = Related();
    return out;
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // header: [0, first_prose_); body: [first_prose_, last_prose_]; after-body: up to tail_.
  // How much a line speaks for being inside the article: prose counts by its words, page
  // metadata (dates, URLs, images, tags) costs little, chrome and labels cost more.
  static double Weight(const Line& line) {
    switch (line.kind) {
      case LineKind::kProse:
        return static_cast<double>(line.words);
      case LineKind::kDate:
      case LineKind::kUrl:
      case LineKind::kImage:
      case LineKind::kKeywords:
        return -1;
      case LineKind::kShort:
        return StartsLowercase(line.text) && line.words <= 4 ? -1 : -3;  // tags are cheap
      default:
        return -4;
    }
  }

  // The article is the densest run of prose (the maximum-sum span of line weights, as in
  // body-text extraction). A "related" marker ends a run. When a marker follows a full
  // article's worth of prose, what comes after it is appended to the page (however long the
  // appended articles are); a marker after only a lede ("Read more" inside an article) does
  // not cut the page.
  void FindRegions() {
    constexpr double kFullArticle = 120;  // weight of prose that makes an article
    constexpr int kMaxMarkersTried = 16;  // bounds the work on hostile input
    MarkInlineBoxes();
    auto find_body = [&] {
      size_t prose_words = 0;
      int markers_tried = 0;
      for (size_t i = 0; i < end_; ++i) {
        if (lines_[i].kind == LineKind::kProse) prose_words += lines_[i].words;
        if (lines_[i].kind == LineKind::kMarker && prose_words >= 40 &&
            markers_tried++ < kMaxMarkersTried && FindDensestSpan(0, i) >= kFullArticle) {
          break;
        }
        if (i + 1 == end_) FindDensestSpan(0, end_);
      }
    };
    end_ = lines_.size();
    find_body();
    // A comment thread that the body runs into ends it, unless the body is itself the first
    // post of a thread (a forum: a post head over it, within kPostHeadReach lines), whose
    // replies are the page.
    constexpr size_t kPostHeadReach = 15;
    bool first_is_post = false;
    for (size_t j = first_prose_ >= kPostHeadReach ? first_prose_ - kPostHeadReach : 0;
         first_prose_ != kNone && j < first_prose_; ++j) {
      // "By Jane Doe" over the time is the article's byline, not a post's head.
      const std::string_view name = lines_[j].text;
      first_is_post |= IsPostHead(j) && !(name.size() > 3 && (name[0] == 'B' || name[0] == 'b') &&
                                          name[1] == 'y' && name[2] == ' ');
    }
    if (first_prose_ != kNone && !first_is_post) {
      const size_t thread = CommentThreadStart(first_prose_, last_prose_ + 1);
      if (thread < end_) {
        end_ = thread;
        find_body();
      }
    }
    if (first_prose_ != kNone) StoryUnderItsHeadline();
    tail_ = end_;
    if (first_prose_ == kNone) return;
    for (size_t i = last_prose_; i < end_; ++i) {
      if (lines_[i].kind == LineKind::kMarker) {
        tail_ = i;
        break;
      }
    }
  }

  // A date line, or a short line that holds a date ("PUBLISHED: 00:01, Tue, Nov 19, 2019").
  static bool IsDateline(const Line& line, size_t max_words) {
    return line.kind == LineKind::kDate ||
           (line.words <= max_words && extract::FindDate(line.text).has_value());
  }

  // The story stands under its headline. A rail of teasers, each title glued to its blurb,
  // reads like prose and can outweigh a short story: when the body holds the headline the
  // page's <title> names, under its date or byline, the story starts under it.
  void StoryUnderItsHeadline() {
    constexpr size_t kHeaderLines = 4;  // date, byline, "Filed Under" between them
    constexpr size_t kStoryWords = 40;  // prose under the headline that makes a story
    for (size_t t = 1; t < end_; ++t) {
      if (lines_[t].kind == LineKind::kProse || !NamesThePage(lines_[t].text)) continue;
      // The current body stands under it (however far: a standfirst, a gallery between).
      if (t <= first_prose_) return;
      size_t i = t + 1;
      while (i < end_ && i <= t + kHeaderLines && lines_[i].kind != LineKind::kProse &&
             lines_[i].kind != LineKind::kMarker) {
        ++i;
      }
      if (i >= end_ || lines_[i].kind != LineKind::kProse) continue;
      if (t > last_prose_) return;  // under the body: a footer or a list repeats the headline
      // An article's header: the headline, then its date or byline, then the text. A list of
      // titles or a footer that repeats the headline has none.
      bool dated = false;
      for (size_t k = t + 1; k < i; ++k) {
        dated |= IsDateline(lines_[k], 8) || !BylineAuthors(lines_[k].text).empty();
      }
      if (!dated) continue;
      // Inside the body: what the body held over its headline is not the story.
      size_t words = 0;
      for (size_t k = i; k <= last_prose_; ++k) {
        if (lines_[k].kind == LineKind::kProse) words += lines_[k].words;
      }
      if (words < kStoryWords) continue;
      first_prose_ = i;
      return;
    }
  }

  // Where a comment thread starts in the body [begin, end), or lines_.size(): after an
  // article's worth of the body's prose, three
  // or more records of a short name line ("jane says:", "Woyzeck") directly over the time it
  // was posted (a date, "2 days ago at 07:52 am"). A live blog's entries start with their
  // time, not with a name; a feed widget's or teaser list's records repeat one name.
  size_t CommentThreadStart(size_t begin, size_t end) const {
    constexpr size_t kArticleWords = 120;
    constexpr size_t kRecords = 3;
    constexpr size_t kMaxPostLines = 30;
    size_t prose_words = 0;
    for (size_t i = begin; i < end && i + 1 < lines_.size(); ++i) {
      if (lines_[i].kind == LineKind::kProse) prose_words += lines_[i].words;
      if (prose_words < kArticleWords || !IsPostHead(i)) continue;
      // Commenters differ; a feed widget or a teaser list repeats one account or outlet.
      std::vector<std::string_view> names;
      size_t last = i;
      for (size_t j = i; j + 1 < lines_.size() && names.size() < kRecords; ++j) {
        if (j > last + kMaxPostLines) break;  // a thread's records follow one another
        if (IsPostHead(j)) {
          names.push_back(lines_[j].text);
          last = j;
        }
      }
      std::sort(names.begin(), names.end());
      const size_t distinct =
          static_cast<size_t>(std::unique(names.begin(), names.end()) - names.begin());
      if (names.size() >= kRecords && distinct >= 2) return i;
      // Only the first post head after the article is tried: a thread starts at its first
      // comment.
      return lines_.size();
    }
    return lines_.size();
  }

  bool IsPostHead(size_t i) const {
    const Line& name = lines_[i];
    const Line& when = lines_[i + 1];
    if (name.words == 0 || name.words > 6 || name.kind == LineKind::kProse ||
        name.kind == LineKind::kDate || name.kind == LineKind::kAge || EndsSentence(name.text)) {
      return false;
    }
    return when.kind == LineKind::kDate || when.kind == LineKind::kAge ||
           (when.words <= 10 && HasClockTime(when.text));
  }

  // A related box inside the article ("Related" over two or three teaser titles, then the
  // story goes on; a "Read More" button right over the rest of it) is chrome, not the end of
  // the article: between the marker and the next run of prose there are no short lines or two
  // to eight (titles, more markers), and none of the outlet, age, date or link lines appended
  // articles carry; the prose that follows runs for three lines and kInlineBoxProseAfter
  // words or more, with no such lines in it, and for three quarters of the article before the
  // marker or more.
  static constexpr size_t kInlineBoxProseAfter = 80;    // words of the story going on
  static constexpr size_t kSubheadingProseLines = 10;   // paragraphs under a subheading
  static constexpr size_t kInlineBoxProseBefore = 120;  // words of the story before the box
  static constexpr size_t kLedeWords = 30;              // ... or of its lede right over it
  static constexpr size_t kDatelineReach = 4;           // lines the dateline stands over it

  // What teasers of other articles carry and a story's own text does not: an age, a date, a
  // link, a "- Outlet" credit, or a short line naming the source's domain ("1 digg
  // citylab.com Cities Law").
  static bool IsTeaserCredit(const Line& line) {
    const LineKind k = line.kind;
    if (k == LineKind::kAge || k == LineKind::kDate || k == LineKind::kUrl ||
        line.text.rfind("- ", 0) == 0) {
      return true;
    }
    // A labelled credit inside a story ("Source: statista.com") is the story's own.
    if (k == LineKind::kProse || line.words > 8 || EndsSentence(line.text) ||
        line.text.find(':') != std::string::npos) {
      return false;
    }
    for (size_t pos = 0; pos < line.text.size();) {
      const size_t end = std::min(line.text.find(' ', pos), line.text.size());
      const std::string_view word = std::string_view(line.text).substr(pos, end - pos);
      pos = end + 1;
      const size_t dot = word.rfind('.');
      // A bare domain: not an address, not a link with its path ("https://example.org").
      if (dot == std::string_view::npos || dot == 0 ||
          word.find_first_of("@/") != std::string_view::npos) {
        continue;
      }
      const std::string_view tld = word.substr(dot + 1);
      if (tld.size() >= 2 && tld.size() <= 6 &&
          std::all_of(tld.begin(), tld.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
          std::isalnum(static_cast<unsigned char>(word[dot - 1]))) {
        return true;
      }
    }
    return false;
  }

  void MarkInlineBoxes() {
    for (size_t m = 0; m < lines_.size(); ++m) {
      if (lines_[m].kind != LineKind::kMarker) continue;
      size_t i = m + 1;
      size_t short_lines = 0;
      bool appended = false;
      for (; i < lines_.size() && lines_[i].kind != LineKind::kProse; ++i) {
        if (IsTeaserCredit(lines_[i]) || ++short_lines > 8) {
          appended = true;
          break;
        }
      }
      // One short line then prose is an appended article's title over its text, unless the
      // prose goes on far longer than the story before the marker (below): a "Read more"
      // button closes a box inside the story, and the story goes on under a subheading.
      if (appended || i == lines_.size()) continue;
      const bool subheading = short_lines == 1;
      // A box inside the story stands near its middle or before; after the end of an article,
      // what follows (teasers' blurbs, a privacy notice) is much shorter than the article.
      size_t words_before = 0;
      for (size_t j = 0; j < m; ++j) {
        if (lines_[j].kind == LineKind::kProse) words_before += lines_[j].words;
      }
      // Before an article's worth of prose a marker cuts nothing anyway (FindRegions), and a
      // menu's markers ("More resources") are no box inside a story.
      // A box right under the lede (the story's prose just over it, under its dateline)
      // interrupts the story even before an article's worth of it.
      bool under_lede =
          m > 0 && lines_[m - 1].kind == LineKind::kProse && words_before >= kLedeWords;
      if (under_lede) {
        size_t lede = m - 1;
        while (lede > 0 && lines_[lede - 1].kind == LineKind::kProse) --lede;
        bool dated = false;
        for (size_t k = lede; k-- > 0 && k + kDatelineReach >= lede;) {
          dated |= IsDateline(lines_[k], 16);
        }
        under_lede = dated;
      }
      if (words_before < kInlineBoxProseBefore && !under_lede) continue;
      size_t prose_lines = 0, prose_words = 0;
      bool goes_on = false;
      for (size_t j = i; j < lines_.size() && lines_[j].kind != LineKind::kMarker; ++j) {
        if (IsTeaserCredit(lines_[j]) && lines_[j].text.rfind("- ", 0) != 0) {
          break;  // teasers with their times or sources: the list goes on
        }
        if (lines_[j].kind == LineKind::kProse) {
          ++prose_lines;
          prose_words += lines_[j].words;
        }
        if (subheading ? prose_lines >= kSubheadingProseLines && prose_words > 2 * words_before
                       : prose_lines >= 3 && prose_words >= kInlineBoxProseAfter &&
                             4 * prose_words > 3 * words_before) {
          goes_on = true;  // what comes after this run (a dateline, a footer) does not matter
          break;
        }
      }
      if (!goes_on) continue;
      for (size_t j = m; j < i; ++j) lines_[j].kind = LineKind::kChrome;
      // The box's own title over its button ("Plan your budget with our tools", "Read more").
      for (size_t j = m; j-- > 0 && m - j <= 2 && lines_[j].kind == LineKind::kShort;) {
        lines_[j].kind = LineKind::kChrome;
      }
      m = i;
    }
  }

  // Sets first_prose_ and last_prose_ to the densest span of lines in [begin, end) and
  // returns its weight (0 when it holds no prose).
  double FindDensestSpan(size_t begin, size_t end) {
    double best = 0, run = 0;
    size_t run_start = begin, best_start = kNone, best_end = kNone;
    for (size_t i = begin; i < end; ++i) {
      if (lines_[i].kind == LineKind::kMarker) {
        run = 0;
        run_start = i + 1;
        continue;
      }
      if (run <= 0) {
        run = 0;
        run_start = i;
      }
      run += Weight(lines_[i]);
      if (run > best) best = run, best_start = run_start, best_end = i;
    }
    first_prose_ = last_prose_ = kNone;
    if (best_start == kNone) return 0;
    for (size_t i = best_start; i <= best_end; ++i) {
      if (lines_[i].kind != LineKind::kProse) continue;
      if (first_prose_ == kNone) first_prose_ = i;
      last_prose_ = i;
    }
    return first_prose_ == kNone ? 0 : best;
  }

  size_t CountExact(const std::string& text, size_t begin, size_t end) const {
    size_t n = 0;
    for (size_t i = begin; i < end; ++i) n += lines_[i].text == text;
    return n;
  }

  // The title is the header line the page repeats most (sites print it as <title>, as the
  // headline and again in a share box); ties go to the earlier line. A line the page also
  // repeats after the article is site chrome (an outlet name), not a title.
  // Whether `text` is what the page's first line (often its <title>: the headline with the
  // site's name glued on, "Headline | Site", "Site - Headline", or cut short) calls the page.
  // The separators a page's <title> glues the site's name on with.
  static constexpr std::array<std::string_view, 11> kTitleSeparators = {
      " | ",      " \u2013 ", " \u2014 ", " - ", " \u00B7 ", " :: ",
      " \u2022 ", " \u00BB ", " : ",      " / ", " @ "};

  // "Headline | Site" → "Headline"; "Headline / Forum / Site" → "Headline" (a headline of at
  // least two words before a repeated separator).
  static std::string WithoutSiteName(const std::string& title) {
    for (std::string_view sep : kTitleSeparators) {
      if (const size_t first = title.find(sep); first != std::string::npos && first > 0) {
        const size_t last = title.rfind(sep);
        const bool headline_first =
            last > first && text::CountWords(std::string_view(title).substr(0, first)) >= 2;
        return title.substr(0, headline_first ? first : last);
      }
    }
    return title;
  }

  bool NamesThePage(const std::string& text) const {
    if (lines_.empty()) return false;
    const std::string& first = lines_.front().text;
    if (text == first) return true;
    for (std::string_view sep : {" | ", " - ", " \u2013 ", " \u2014 ", " \u00B7 ", " :: "}) {
      if (const size_t last = first.rfind(sep);
          last != std::string::npos && last > 0 && text == first.substr(0, last)) {
        return true;
      }
      if (const size_t at = first.find(sep); at != std::string::npos) {
        if (text == first.substr(at + sep.size())) return true;
        if (at > 0 && text == first.substr(0, at)) return true;  // "Headline | Section | Site"
      }
    }
    return first.size() >= 20 && text.size() > first.size() && text.rfind(first, 0) == 0;
  }

  // What the first line holds after its last separator ("Site" in "Headline - Site"), or "".
  std::string_view TitleLineTail() const {
    const std::string& first = lines_.front().text;
    for (std::string_view sep : kTitleSeparators) {
      if (const size_t last = first.rfind(sep); last != std::string::npos && last > 0) {
        return std::string_view(first).substr(last + sep.size());
      }
    }
    return "";
  }
  bool IsTitleTail(std::string_view text) const {
    const std::string_view tail = TitleLineTail();
    return !tail.empty() && tail == text;
  }

  // A breadcrumb trail: "You are here: Home / Blog / Headline", "Services /Quality
  // Assurance", "Home > News > Headline".
  static bool IsTrail(std::string_view text) {
    if (text::StartsWithIgnoreAsciiCase(text, "you are here")) return true;
    for (std::string_view step : {" /", " > ", " \u203A ", " \u00BB "}) {
      if (text.find(step) != std::string_view::npos) return true;
    }
    return false;
  }

  // Whether the first line reads as a page's <title>: a few words, not a sentence.
  bool TopReadsAsTitle() const {
    if (lines_.empty()) return false;
    const Line& top = lines_.front();
    return (top.kind == LineKind::kShort || top.kind == LineKind::kProse) && top.words >= 2 &&
           top.words <= 40 && !StartsLowercase(top.text) && !EndsWithAny(top.text, {"."}) &&
           HasLowercaseAscii(top.text);
  }

  // The first line's headline when the line reads as a page's <title>, else "".
  std::string TitleLineHeadline() const {
    return TopReadsAsTitle() ? WithoutSiteName(lines_.front().text) : "";
  }

  // The title, and in `at` the line it was read from (kNone: the <title> line's headline).
  std::string FindTitle(size_t* at) const {
    *at = kNone;
    // A name of a few words that the <title> ends with is the site's, printed in the masthead
    // or a footer ("Headline - Site", then "Site" over or under the story): not the headline.
    auto names_the_page = [&](const std::string& text) {
      return NamesThePage(text) && !(text::CountWords(text) <= 4 && IsTitleTail(text));
    };
    // The headline printed again in the page (over the story, or inside a body whose start
    // the extractor put higher) is the title.
    // The one closest over the story: the site's name, which the <title> also holds, is
    // printed higher, in the masthead.
    {
      size_t found = kNone;
      for (size_t i = 1; i < lines_.size() && i <= last_prose_; ++i) {
        const Line& line = lines_[i];
        if (line.words < 2 || line.words > 40 || !names_the_page(line.text)) continue;
        if (found == kNone || i <= first_prose_) found = i;
        if (i >= first_prose_) break;
      }
      if (found != kNone) {
        *at = found;
        return lines_[found].text;
      }
    }
    // The headline over the story that says what the <title> says in other words ("Best Tax
    // Preparation Software | Accounting.com" over "The Best Tax Prep Software of 2025"): the
    // page's <title> is often rewritten for search engines, the headline is what readers see.
    if (const std::string h = TitleLineHeadline(); text::CountWords(h) >= 3) {
      for (size_t i = std::max(first_prose_, kHeadlineReach + 1) - kHeadlineReach; i < first_prose_;
           ++i) {
        const Line& line = lines_[i];
        if (!IsTitleLike(line) || line.words < 2 || line.words > 40 || IsTrail(line.text) ||
            !BylineAuthors(line.text).empty() || SharedWordShare(line.text, h) < 0.5 ||
            SharedWordShare(h, line.text) < 0.5) {
          continue;
        }
        *at = i;
        return line.text;
      }
    }
    std::string best;
    size_t best_line = kNone;
    int best_score = 0;
    for (size_t i = 0; i < first_prose_; ++i) {
      const Line& line = lines_[i];
      if (!IsTitleLike(line) || line.words < 2 || !BylineAuthors(line.text).empty()) continue;
      // A menu repeats its items more often than a page repeats its headline: past three
      // copies, repetition says nothing more. The headline stands just over the story.
      const int copies = static_cast<int>(
          std::min<size_t>(CountExact(line.text, 0, first_prose_), kMaxTitleCopies));
      int score = 2 * copies + (line.words >= 4 ? 1 : 0) -
                  2 * static_cast<int>(CountExact(line.text, last_prose_ + 1, lines_.size())) +
                  (i > 0 && names_the_page(line.text) ? kTitleOfThePage : 0) +
                  (i + kNearStory >= first_prose_ ? 3 : 0);
      if (score > best_score) best_score = score, best = line.text, best_line = i;
    }
    // No line below names the page, and the best header line is a label or a menu item:
    // the first line, when it reads as a title, is the page's <title>, the headline with the
    // site's name cut off ("Headline | Site").
    if (TopReadsAsTitle() && (!names_the_page(best) || best == lines_.front().text)) {
      return WithoutSiteName(lines_.front().text);
    }
    *at = best_line;
    return best;
  }

  // The authors as the first line that names them all writes them together ("Moses Kim and
  // Kate Shokurova"), or "" (then readers join the names).
  std::string BylineOf(const std::vector<std::string>& authors) const {
    if (authors.size() < 2) return "";
    for (const Line& line : lines_) {
      if (line.text.find(authors.front()) == std::string::npos) continue;
      if (std::string byline = BylineAsWritten(line.text, authors); !byline.empty()) return byline;
    }
    return "";
  }

  // The headline line `text` without what the first line ends with after its last separator,
  // when `text` ends with it too: the <title> printed again in the page ("Headline | WRAL"
  // twice) still has the site's name on. Also without a separator left dangling at its end
  // ("Headline |") and without a date printed beside it (WithoutDateBeside).
  std::string WithoutTitleTail(const std::string& text) const {
    std::string_view view = text;
    // A site's name is a few words, not a date or a number ("Headline - March 2026",
    // "Conferences 2026 / 2027"), nor a subtitle ("Headline - How Small Languages Die ...").
    std::string_view tail = TitleLineTail();
    if (text::CountWords(tail) > kMaxSiteNameWords ||
        std::any_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      tail = {};
    }
    for (std::string_view sep : kTitleSeparators) {
      if (tail.empty() || view.size() <= sep.size() + tail.size()) continue;
      const std::string_view head = view.substr(0, view.size() - sep.size() - tail.size());
      if (view.ends_with(tail) && view.substr(head.size()).starts_with(sep) &&
          text::CountWords(head) >= 1) {
        view = head;
        break;
      }
    }
    for (std::string_view sep : kTitleSeparators) {
      const std::string_view bare = sep.substr(0, sep.size() - 1);  // " |"
      if (view.ends_with(bare) && view.size() > bare.size()) {
        view.remove_suffix(bare.size());
        break;
      }
    }
    return WithoutDateBeside(std::string(view));
  }

  // The headline printed with its date on the same line ("Dec 18 2025 Preparing a transition
  // in Debusine", "Advent of Code 2025 week 2 20 December 2025", "Headline / Dec 2025"), when
  // the first line (the <title>) holds the headline without it; else `text`.
  std::string WithoutDateBeside(const std::string& text) const {
    if (lines_.empty()) return text;
    const std::string& first = lines_.front().text;
    if (first.find(text) != std::string::npos) return text;  // the <title> has the date too
    const std::vector<std::string_view> words = SpaceSeparated(text);
    constexpr std::string_view kBetween = " /|-,";  // what stands between a date and a headline
    const std::string_view all = text;
    for (size_t k = 1; k <= kMaxDateWords && k + 2 <= words.size(); ++k) {
      // The date first: its words end where word k - 1 ends.
      const size_t date_end =
          static_cast<size_t>(words[k - 1].data() + words[k - 1].size() - all.data());
      const std::string_view head_date = Trim(all.substr(0, date_end), kBetween);
      const std::string_view after = Trim(all.substr(date_end), kBetween);
      if (!head_date.empty() && text::CountWords(after) >= 2 &&
          first.find(after) != std::string::npos && ParseDate(head_date)) {
        return std::string(after);
      }
      // The date last: it starts where word size - k starts.
      const size_t date_begin = static_cast<size_t>(words[words.size() - k].data() - all.data());
      const std::string_view tail_date = Trim(all.substr(date_begin), kBetween);
      const std::string_view before = Trim(all.substr(0, date_begin), kBetween);
      if (!tail_date.empty() && text::CountWords(before) >= 2 &&
          first.find(before) != std::string::npos && ParseDate(tail_date)) {
        return std::string(before);
      }
    }
    return text;
  }

  static constexpr size_t kMaxSiteNameWords = 6;  // words a <title>'s site name has at most
  static constexpr size_t kMaxDateWords = 5;      // words of a date printed beside a headline
  static constexpr int kTitleOfThePage = 6;  // a line that the page's first line names
  static constexpr size_t kMaxTitleCopies = 3;
  static constexpr size_t kNearStory = 8;  // lines over the story's first paragraph
  static constexpr size_t kHeadlineReach = 12;  // the same, for a headline the <title> rewords
  static constexpr size_t kBylineReach = 6;  // story lines a byline may stand under
  static constexpr size_t kLabelledBylineReach = 30;  // the same, for a "By Jane Doe" line
  static constexpr size_t kAuthorBoxReach = 40;       // lines past the story an author box may be
  static constexpr size_t kPostedOverUpdated = 4;     // lines a posting date stands over an update
  static constexpr size_t kHeadlineDateReach = 4;     // lines a dateline stands under the headline
  static constexpr size_t kDatelineStart = 40;        // bytes of a long line its date starts in
  static constexpr size_t kFooterDateReach = 10;      // lines a post's footer stands under it

  std::string FindUrl(std::string& lead_image) const {
    std::string url = options_.url;
    for (size_t i = 0; i < first_prose_; ++i) {
      if (lines_[i].kind == LineKind::kUrl && url.empty()) url = lines_[i].text;
    }
    for (size_t i = 0; i <= last_prose_; ++i) {
      if (lines_[i].kind == LineKind::kImage && lead_image.empty()) lead_image = lines_[i].text;
    }
    return url;
  }

  // Whether the date line `i` says when the page was updated: "Updated Dec 10, 2025", or a
  // date under an "Updated at" / "Last modified" label.
  bool IsUpdateDate(size_t i) const {
    auto is_update = [](std::string_view s) {
      for (std::string_view label : {"updated", "last updated", "modified", "last modified"}) {
        if (text::StartsWithIgnoreAsciiCase(s, label)) return true;
      }
      return false;
    };
    if (is_update(lines_[i].text)) return true;
    return i > 0 && lines_[i - 1].words <= 3 && is_update(lines_[i - 1].text);
  }

  // Whether the dated line `i` dates something other than the story: a member's join date
  // ("Joined" / "Feb 8, 2023", "Member since 2019"), a thread's last post ("6.5K views 5
  // replies 5 participants last post by nwberm Jun 5, 2024").
  bool IsOtherDate(size_t i) const {
    static constexpr std::string_view kLabels[] = {"joined",    "registered", "member since",
                                                   "last post", "last reply", "last activity"};
    const std::string lower = text::AsciiLower(lines_[i].text);
    for (std::string_view label : kLabels) {
      if (lower.find(label) != std::string::npos) return true;
    }
    if (i == 0 || lines_[i - 1].words > 3) return false;
    const std::string above = text::AsciiLower(lines_[i - 1].text);
    return std::any_of(std::begin(kLabels), std::end(kLabels),
                       [&](std::string_view label) { return above.starts_with(label); });
  }

  // Whether the post's own lines end at `line`: past a list of other articles ("Further
  // reading", "Next: ...") or the head of its comments ("6 thoughts on “...”", "Pingback:
  // ..."), the dates are theirs.
  static bool EndsThePost(const Line& line) {
    const std::string lower = text::AsciiLower(line.text);
    return line.kind == LineKind::kMarker || lower.starts_with("next") ||
           lower.starts_with("previous") || lower.starts_with("pingback") ||
           lower.find(" thoughts on ") != std::string::npos ||
           lower.find(" responses to ") != std::string::npos ||
           lower.find(" comments on ") != std::string::npos;
  }

  // The line that dates a Q&A page's question ("asked Feb 11, 2011 at 23:49"; an "edited"
  // line may stand over it), the first before the story's end; kNone without one.
  size_t QuestionDateLine() const {
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (text::StartsWithIgnoreAsciiCase(lines_[i].text, "asked ") && lines_[i].words <= 8 &&
          extract::FindDate(lines_[i].text).has_value()) {
        return i;
      }
    }
    return kNone;
  }

  std::optional<Timestamp> FindDate() const {
    auto plausible = [&](std::optional<Timestamp> t) {
      return t && IsPlausibleNewsDate(*t, now_) ? t : std::nullopt;
    };
    if (const size_t i = QuestionDateLine(); i != kNone) {
      if (auto t = plausible(extract::FindDate(lines_[i].text))) return t;
    }
    // A date line in the header, the one closest over the story first (a menu or a teaser
    // rail higher up carries other dates), then one in the story, then a date inside a short
    // header line ("Published 7 NOV 2025 by ..."), again the closest first. A page that prints
    // when the story was posted and when it was updated is dated by the first: an update's
    // date line is passed over when a posting date is printed just above. A member's join
    // date and a thread's last post are never the story's.
    // The dateline under the headline: the date a short line there holds, or the byline's
    // ("Budget Traveler's Guide", then "On January 12, 2025January 22, 2025 By Gabby
    // BoucherIn Budget Travel, ...").
    if (headline_ != kNone) {
      for (size_t i = headline_ + 1;
           i < std::min(lines_.size(), headline_ + 1 + kHeadlineDateReach); ++i) {
        const Line& line = lines_[i];
        if (IsOtherDate(i) || IsUpdateDate(i)) continue;
        if (line.kind == LineKind::kProse && EndsSentence(line.text)) continue;
        // A long line is a dateline when the date is at its start or it is a byline.
        const std::string_view text = line.words > 16 && BylineAuthors(line.text).empty()
                                          ? std::string_view(line.text).substr(0, kDatelineStart)
                                          : std::string_view(line.text);
        if (auto t = plausible(extract::FindDate(text))) return t;
      }
      // A date line just over it, as a kicker ("December 17, 2025 • 8 minutes").
      if (headline_ > 0) {
        const size_t i = headline_ - 1;
        if (lines_[i].kind != LineKind::kProse && lines_[i].words <= 8 && !IsOtherDate(i) &&
            !IsUpdateDate(i)) {
          if (auto t = plausible(extract::FindDate(lines_[i].text))) return t;
        }
      }
    }
    for (size_t i = first_prose_; i-- > 0;) {
      if (lines_[i].kind == LineKind::kDate && !IsOtherDate(i)) {
        auto t = plausible(ParseDate(lines_[i].text));
        if (!t) continue;
        if (IsUpdateDate(i)) {
          for (size_t j = i; j-- > 0 && j + kPostedOverUpdated >= i;) {
            if (lines_[j].words > 8 || IsUpdateDate(j) || IsOtherDate(j)) continue;
            if (auto posted = plausible(extract::FindDate(lines_[j].text))) return posted;
          }
        }
        return t;
      }
    }
    // The byline's date ("By Scott Levine – Updated Sep 9, 2025 at 1:00 PM EST | Fact-checked
    // by ..."), however long the line: dated lines inside the story are about something else
    // ("Data as of Dec 20, 2025.").
    for (size_t i = first_prose_; i-- > 0 && i + kDateReach >= first_prose_;) {
      if (lines_[i].kind == LineKind::kProse || BylineAuthors(lines_[i].text).empty()) continue;
      if (auto t = plausible(extract::FindDate(lines_[i].text))) return t;
    }
    for (size_t i = first_prose_; i < tail_; ++i) {
      if (lines_[i].kind == LineKind::kDate && !IsOtherDate(i)) {
        if (auto t = plausible(ParseDate(lines_[i].text))) return t;
      }
    }
    for (size_t i = first_prose_; i-- > 0;) {
      if (lines_[i].words <= 16 && !IsOtherDate(i)) {
        if (auto t = plausible(extract::FindDate(lines_[i].text))) return t;
      }
    }
    // A byline under the standfirst, which the story's start took in ("By Jane Doe Published:
    // Jun 25, 2025", "Dec 18, 2025 2 min read"): a short line that is not a sentence among
    // the story's first lines; further in, a dateline of its own, a line that is mostly its
    // date ("asked Feb 11, 2011 at 23:49" under a question, "June 9, 2020 · 6 Comments").
    for (size_t i = first_prose_; i < std::min(tail_, first_prose_ + kLabelledBylineReach); ++i) {
      const Line& line = lines_[i];
      if (EndsThePost(line)) break;
      const size_t max_words = i < first_prose_ + kBylineReach ? 16 : 8;
      const bool byline = i < first_prose_ + kBylineReach && !BylineAuthors(line.text).empty();
      if (((line.kind != LineKind::kProse && line.words <= max_words && !EndsSentence(line.text)) ||
           byline) &&
          !IsOtherDate(i)) {
        if (auto t = plausible(extract::FindDate(line.text))) return t;
      }
    }
    // A theme's post footer right under the story: category, author, date, tags on one line
    // ("Training" / "August 12, 2025 By The Diggs Team", "Stef KeeganAugust 5, 2024",
    // "June 9, 2020 · 6 Comments").
    if (last_prose_ != kNone) {
      const size_t stop = std::min({tail_, end_, last_prose_ + 1 + kFooterDateReach});
      for (size_t i = last_prose_ + 1; i < stop; ++i) {
        const Line& line = lines_[i];
        if (EndsThePost(line)) break;
        if (line.kind == LineKind::kProse || line.words > 16 || IsOtherDate(i) || IsUpdateDate(i)) {
          continue;
        }
        if (auto t = plausible(extract::FindDate(line.text))) return t;
      }
    }
    return std::nullopt;  // the URL's date is the caller's last resort, after feed hints
  }

  // The site's name that the page's <title> line ends with ("Headline | Flatworld
  // Solutions"), when the page prints it again: on a line of its own (a masthead, a footer) or
  // in its copyright line ("© 2025 Flatworld Solutions"); else "".
  std::string SiteNameOfTheTitleLine(const std::string& title) const {
    if (!TopReadsAsTitle()) return "";
    const std::string_view tail = TitleLineTail();
    if (tail.empty() || text::CountWords(tail) > 5 || tail == title || !IsNameLike(tail) ||
        tail.find_first_of("0123456789") != std::string_view::npos) {
      return "";
    }
    for (size_t i = 1; i < lines_.size(); ++i) {
      const std::string_view line = lines_[i].text;
      const bool copyright =
          line.starts_with("\u00A9") || text::StartsWithIgnoreAsciiCase(line, "copyright");
      if (text::EqualsIgnoreAsciiCase(line, tail) ||
          (copyright && line.find(tail) != std::string_view::npos)) {
        return std::string(tail);
      }
    }
    return "";
  }

  // A name-like line printed in the header and again elsewhere on the page.
  std::string FindOutlet(const std::string& title) const {
    if (std::string site = SiteNameOfTheTitleLine(title); !site.empty()) return site;
    for (size_t i = 0; i < first_prose_; ++i) {
      const Line& line = lines_[i];
      if (!IsTitleLike(line) || line.words > 4 || line.text == title || !IsNameLike(line.text)) {
        continue;
      }
      // A menu repeats its items; a site's name also opens its imprint or contact lines
      // ("Sputnik International feedback@sputniknews.com +7 495 ...").
      size_t uses = 0, imprints = 0;
      for (size_t j = 0; j < tail_; ++j) {
        const bool imprint =
            lines_[j].kind == LineKind::kChrome && lines_[j].text.rfind(line.text + " ", 0) == 0;
        uses += lines_[j].text == line.text || imprint;
        imprints += imprint;
      }
      // One word is a menu's "Contact" or "About" over "Contact us at ..." more often than
      // a site's name, unless it is a host name ("linustechtips.com").
      const bool one_word = line.words < 2 && line.text.find('.') == std::string::npos;
      if (uses >= 2 && imprints >= 1 && !one_word) return line.text;
    }
    return "";
  }

  // A run of three or more one-to-four-word lowercase lines is a tag list; a comma list
  // ("russia, united states, ...") is the keywords line, used when there are no tags.
  std::vector<std::string> FindTags() const {
    std::vector<std::string> tags;
    auto is_tag = [](const Line& l) {
      return l.kind == LineKind::kShort && l.words <= 4 && StartsLowercase(l.text) &&
             !EndsSentence(l.text);
    };
    for (size_t i = 0; i < tail_ && tags.empty(); ++i) {
      size_t j = i;
      while (j < tail_ && is_tag(lines_[j])) ++j;
      if (j - i >= 3) {
        for (size_t k = i; k < j; ++k) tags.push_back(lines_[k].text);
      }
      if (j > i) i = j - 1;
    }
    if (tags.empty()) {
      for (size_t i = 0; i < lines_.size(); ++i) {
        if (lines_[i].kind != LineKind::kKeywords || (i >= first_prose_ && i <= last_prose_))
          continue;
        size_t pos = 0;
        const std::string& s = lines_[i].text;
        while (pos < s.size()) {
          size_t comma = s.find(',', pos);
          if (comma == std::string::npos) comma = s.size();
          std::string tag = text::CollapseWhitespace(s.substr(pos, comma - pos));
          if (!tag.empty()) tags.push_back(std::move(tag));
          pos = comma + 1;
        }
        break;
      }
    }
    std::vector<std::string> unique;
    for (auto& t : tags) {
      if (std::find(unique.begin(), unique.end(), t) == unique.end() && unique.size() < 30) {
        unique.push_back(std::move(t));
      }
    }
    return unique;
  }

  // A byline sits over the story or right after its lede: the closest to the story first
  // ("By use case" in a menu higher up is no byline).
  std::vector<std::string> FindAuthors(const std::string& title) const {
    auto byline = [&](size_t i) {
      // A dated byline may read as a sentence ("Discussion in 'Hosting Advice' started by
      // pelex, May 26, 2025.").
      if (lines_[i].kind == LineKind::kProse && lines_[i].words <= 16 &&
          extract::FindDate(lines_[i].text).has_value()) {
        return BylineAuthors(lines_[i].text);
      }
      if (lines_[i].kind != LineKind::kShort) return std::vector<std::string>{};
      // The label on a line of its own, the name under it ("By" / "Jane Doe", "Written By" /
      // "Jane Doe" / "AI Writer, Embarque").
      if (IsBylineLabel(lines_[i].text) && i + 1 < lines_.size() &&
          lines_[i + 1].kind == LineKind::kShort) {
        std::vector<std::string> names = BylineAuthors("By " + lines_[i + 1].text);
        // A form's or a filter's label has a field under it ("Date within", "Last updated
        // on"): the line under a byline label must read as names.
        for (const std::string& name : names) {
          const bool handle = name.find(' ') == std::string::npos;  // "aawoods", "Krystyna"
          if (!handle && !IsNameLike(name)) return std::vector<std::string>{};
        }
        return names;
      }
      return BylineAuthors(lines_[i].text);
    };
    for (size_t i = first_prose_; i-- > 0;) {
      if (auto authors = byline(i); !authors.empty()) return authors;
    }
    for (size_t i = first_prose_; i < tail_ && i < first_prose_ + kBylineReach; ++i) {
      if (auto authors = byline(i); !authors.empty()) return authors;
    }
    // A line that opens with the label, further into the page (the story's start was put
    // higher up, over a standfirst or a glued teaser).
    for (size_t i = first_prose_ + kBylineReach;
         i < tail_ && i < first_prose_ + kLabelledBylineReach; ++i) {
      if (!text::StartsWithIgnoreAsciiCase(lines_[i].text, "by ") &&
          !text::StartsWithIgnoreAsciiCase(lines_[i].text, "written by ") &&
          !IsBylineLabel(lines_[i].text)) {  // the label alone, the name under it
        continue;
      }
      if (auto authors = byline(i); !authors.empty()) return authors;
    }
    // A question's asker, under the line that dates the question ("asked Feb 11, 2011 at
    // 23:49" / "KumikoGoingCrAzY", as Q&A sites print it).
    if (const size_t i = QuestionDateLine(); i != kNone && i + 1 < lines_.size()) {
      const Line& asker = lines_[i + 1];
      if (asker.words >= 1 && asker.words <= 3 && asker.kind == LineKind::kShort &&
          !IsChrome(asker.text) && !extract::FindDate(asker.text).has_value()) {
        return {asker.text};
      }
    }
    // No "By": a name, then the date, on one line ("Jane Doe October 14, 2025", "Jane Doe •
    // Updated on Jul 4, 2024"), over the story or under its standfirst.
    for (size_t i = first_prose_; i-- > 0 && i + kDateReach >= first_prose_;) {
      if (auto name = NameBeforeDate(lines_[i]); !name.empty()) return {name};
    }
    for (size_t i = first_prose_ + 1; i < tail_ && i < first_prose_ + kBylineReach; ++i) {
      if (auto name = NameBeforeDate(lines_[i]); !name.empty()) return {name};
    }
    // No "By": a name on a line of its own next to the story's date line ("Jane Doe" over
    // "March 7, 2025"), just over the story.
    for (size_t i = first_prose_; i-- > 0 && i + kDateReach >= first_prose_;) {
      const Line& line = lines_[i];
      if (!IsDateline(line, 8)) continue;
      for (size_t j : {i - 1, i + 1}) {
        if (j >= first_prose_ || (i == 0 && j == i - 1)) continue;
        // Not a category or a heading whose words the story writes in lower case ("UX
        // Analytics", "Recruiting Top Talent"), nor a control ("No Comments").
        if (IsPersonLine(lines_[j]) && !HasWordWrittenInLowerCase(lines_[j].text) &&
            !HasChromeWord(lines_[j].text)) {
          return {lines_[j].text};
        }
      }
    }
    // No "By": a name on a line of its own right under the headline as the page prints it,
    // with its date or the writer's job title beside it ("Headline" / "Jane Doe" / "Tech
    // Writer", "Headline" / "Jane Doe" / "April 10, 2025"). The printed headline may word the
    // title otherwise (most words shared both ways); a breadcrumb that ends with it is tried
    // first.
    size_t headlines_tried = 0;
    for (size_t h = 1; h < tail_ && !title.empty() && headlines_tried < 3; ++h) {
      const std::string& text = lines_[h].text;
      if (text != title &&
          (lines_[h].words < 3 || lines_[h].words > 40 || SharedWordShare(text, title) < 0.5 ||
           SharedWordShare(title, text) < 0.5)) {
        continue;
      }
      ++headlines_tried;
      for (size_t j = h + 1; j < h + 3 && j + 1 < lines_.size(); ++j) {
        const Line& line = lines_[j];
        if (line.kind == LineKind::kShort) {  // "By Jane Doe", "Written By" / "Jane Doe"
          if (std::vector<std::string> names = byline(j); !names.empty()) return names;
          if (IsBylineLabel(line.text)) break;
        }
        // The writer's name comes back in an author box and under related posts.
        if (!IsPersonLine(line, 4) || !IsNameShaped(line.text) ||
            FindAuthorRole(line.text) != std::string_view::npos) {
          continue;
        }
        const Line& next = lines_[j + 1];
        const bool dated = next.words <= 12 && extract::FindDate(next.text).has_value();
        const bool role = next.words <= 8 && next.kind == LineKind::kShort && IsJobTitle(next.text);
        const bool dated_before = j > h + 1 && IsDateline(lines_[j - 1], 8);
        if (dated || role || dated_before) return {line.text};
      }
    }
    // No "By": a name on a line of its own in the header under the title's line, with the
    // story's date, the writer's job title or a reading time next to it ("Headline" / "Trevor
    // Jackins" / "9 min read" / "Updated October 8, 2025", "Headline" / "Standfirst." /
    // "Jordanna Campbell" / "January 21, 2025").
    if (headline_ != kNone) {
      auto beside = [&](size_t k) {
        const Line& l = lines_[k];
        return (l.words <= 12 && extract::FindDate(l.text).has_value()) ||
               (l.words <= 8 && l.kind == LineKind::kShort && IsJobTitle(l.text)) ||
               IsReadingTime(l.text);
      };
      for (size_t j = headline_ + 1; j < headline_ + kHeaderNameReach && j + 1 < lines_.size();
           ++j) {
        const Line& line = lines_[j];
        if (!IsPersonLine(line, 4) || !IsNameShaped(line.text) ||
            FindAuthorRole(line.text) != std::string_view::npos ||
            line.text.find(',') != std::string::npos || HasWordWrittenInLowerCase(line.text) ||
            HasChromeWord(line.text)) {
          continue;
        }
        if (beside(j + 1) || (j + 2 < lines_.size() && beside(j + 2)) ||
            (j > headline_ + 1 && beside(j - 1))) {
          return {line.text};
        }
      }
    }
    // An author box under the story that labels the name ("Written by John Crenshaw", "Written
    // by Moses Kim and Kate Shokurova"). Only this label: a bare "By ..." under the story
    // is as often a teaser's byline.
    for (size_t i = last_prose_ > 2 ? last_prose_ - 2 : 0;
         i < lines_.size() && i < tail_ + kAuthorBoxReach; ++i) {
      if (lines_[i].kind == LineKind::kShort &&
          text::StartsWithIgnoreAsciiCase(lines_[i].text, "written by ")) {
        if (auto authors = byline(i); !authors.empty()) return authors;
      }
    }
    // An author box under the story: the name, then a bio that calls the writer by it ("Maria
    // Mathioudaki" / "Maria is a growth analyst ...", "Autumn Adams" / "Owner, Founder" /
    // "Autumn founded Ambuja Yoga in 2014 ...").
    for (size_t i = last_prose_ > 2 ? last_prose_ - 2 : 0;
         i < lines_.size() && i < tail_ + kAuthorBoxReach; ++i) {
      const Line& line = lines_[i];
      if (!IsPersonLine(line) || !IsNameShaped(line.text) || line.text[0] < 'A' ||
          line.text[0] > 'Z' || FindAuthorRole(line.text) != std::string_view::npos) {
        continue;
      }
      const std::string_view name = line.text;
      const size_t space = name.find(' ');
      const std::string_view first = name.substr(0, space);
      const std::string_view second = name.substr(space + 1, name.find(' ', space + 1) - space - 1);
      if (first.size() < 3) continue;
      for (size_t j = i + 1; j < i + 3 && j < lines_.size(); ++j) {
        const std::string_view bio = lines_[j].text;
        if (lines_[j].kind != LineKind::kProse || !bio.starts_with(first) ||
            bio.size() <= first.size() + 1 || bio[first.size()] != ' ') {
          continue;
        }
        // The first name alone and a verb: "Maria is", "Autumn founded"; a subheading's
        // words repeated are the section under it ("Red Wines" / "Red wines are ...").
        const std::string_view next =
            bio.substr(first.size() + 1, bio.find(' ', first.size() + 1) - first.size() - 1);
        if (!text::EqualsIgnoreAsciiCase(TrimTrailing(next, ".,;:'s\u2019"), second) &&
            !text::StartsWithIgnoreAsciiCase(next, second)) {
          return {line.text};
        }
      }
    }
    return {};
  }

  // A writer's job title under their name: "Tech Writer", "VP - Technology", "Founder & CEO",
  // "Co-founder of Intelivita", "Marketing Operations Analyst".
  static bool IsJobTitle(std::string_view s) {
    if (FindAuthorRole(s) != std::string_view::npos) return true;
    static constexpr std::string_view kTitles[] = {
        "founder",   "ceo",        "cto",        "coo",        "cmo",      "vp",         "director",
        "manager",   "head",       "consultant", "attorney",   "expert",   "specialist", "lead",
        "officer",   "president",  "partner",    "strategist", "marketer", "engineer",   "designer",
        "scientist", "researcher", "professor",  "author",     "blogger",  "owner",      "chef"};
    const std::string lower = text::AsciiLower(s);
    size_t pos = 0;
    while (pos < lower.size()) {
      size_t end = lower.find_first_of(" -&,/", pos);
      if (end == std::string::npos) end = lower.size();
      const std::string_view word = std::string_view(lower).substr(pos, end - pos);
      if (std::find(std::begin(kTitles), std::end(kTitles), word) != std::end(kTitles)) {
        return true;
      }
      pos = end + 1;
    }
    return false;
  }

  static constexpr size_t kDateReach = 12;  // header lines over the story a byline may be on
  static constexpr size_t kHeaderNameReach = 7;  // lines under the headline a writer's name is on

  // Whether a word of `name` is written in lower case in the story ("Key Highlights",
  // "Cleaning Industry Trends": a heading's words; a person's name is not written so).
  bool HasWordWrittenInLowerCase(std::string_view name) const {
    std::vector<std::string> words;
    for (size_t pos = 0; pos < name.size();) {
      size_t end = name.find(' ', pos);
      if (end == std::string_view::npos) end = name.size();
      if (end - pos >= 3) words.push_back(text::AsciiLower(name.substr(pos, end - pos)));
      pos = end + 1;
    }
    if (first_prose_ == kNone) return false;
    for (size_t i = first_prose_; i <= last_prose_ && i < lines_.size(); ++i) {
      const std::string_view t = lines_[i].text;
      for (const std::string& w : words) {
        for (size_t at = t.find(w); at != std::string_view::npos; at = t.find(w, at + 1)) {
          const size_t end = at + w.size();
          const bool starts = at == 0 || !text::IsAsciiLetter(t[at - 1]);
          const bool ends = end == t.size() || !text::IsAsciiLetter(t[end]);
          if (starts && ends) return true;
        }
      }
    }
    return false;
  }
  // Whether a word of `s` is a control's label on its own ("Submit Search").
  static bool HasChromeWord(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      size_t end = s.find(' ', pos);
      if (end == std::string_view::npos) end = s.size();
      if (IsChrome(s.substr(pos, end - pos))) return true;
      pos = end + 1;
    }
    return false;
  }

  // "Jane Doe October 14, 2025", "Jane Doe | May 22, 2025", "Jane Doe•Updated on Jul 4, 2024",
  // "Jane Doe Published 10:19am 19 December 2025" → "Jane Doe"; else "".
  std::string NameBeforeDate(const Line& line) const {
    if (line.kind != LineKind::kShort || line.words > 16 || !extract::FindDate(line.text))
      return "";
    // Where the date starts: the first word with a digit or a month's name.
    std::string_view text = line.text;
    size_t date = std::string_view::npos;
    for (size_t pos = 0; pos < text.size();) {
      const size_t end = std::min(text.find(' ', pos), text.size());
      const std::string_view word = text.substr(pos, end - pos);
      if (word.find_first_of("0123456789") != std::string_view::npos ||
          MonthFromWord(TrimTrailing(word, ".,")) != 0) {
        date = pos;
        break;
      }
      pos = end + 1;
    }
    if (date == std::string_view::npos || date == 0) return "";
    std::string_view name = text.substr(0, date);
    for (std::string_view mark : {"\u2022", "\u00B7", "|"}) {  // "Jane Doe•Updated on"
      name = name.substr(0, name.find(mark));
    }
    // The separator and the date's label between them.
    for (bool cut = true; cut;) {
      cut = false;
      name = TrimTrailing(name, " :,|-");
      for (std::string_view mark : {"\u2022", "\u00B7", "\u2014", "\u2013"}) {
        if (name.ends_with(mark)) name.remove_suffix(mark.size()), cut = true;
      }
      static const std::vector<std::string_view> labels = [] {
        std::vector<std::string_view> v = {"Published", "Updated", "Posted", "on", "Date"};
        v.insert(v.end(), std::begin(kAfterNameWords), std::end(kAfterNameWords));
        return v;
      }();
      for (std::string_view label : labels) {
        // A whole word ("Jane Doe on"), not the end of one ("Jon").
        if (name.size() > label.size() && name.ends_with(label) &&
            name[name.size() - label.size() - 1] == ' ') {
          name.remove_suffix(label.size());
          cut = true;
        }
      }
    }
    Line candidate{std::string(name), LineKind::kShort, text::CountWords(name)};
    return IsPersonLine(candidate) ? candidate.text : "";
  }

  // "Jane Doe": two to four capitalized words, no digits, printed once or twice on the page
  // (or up to `max_copies` times).
  // `max_copies`: how often the page may print the line (a menu repeats its items).
  bool IsPersonLine(const Line& line, size_t max_copies = 2) const {
    if (line.kind != LineKind::kShort || line.words < 2 || line.words > 4 ||
        !IsNameLike(line.text) || IsChrome(line.text)) {
      return false;
    }
    for (const char c : line.text) {
      if ((c >= '0' && c <= '9') || c == ':' || c == '|' || c == '&') return false;
    }
    return CountExact(line.text, 0, lines_.size()) <= max_copies;
  }

  // Prose from the first to the last prose line; short title-like lines between two prose
  // lines are the article's own subheadings and are kept.
  // A repeated paragraph is a copy when it is long, or a sentence of some length; a list
  // repeats its items (a meal plan's "Asparagus and Eggs [1 cup asparagus, ...]" each day).
  static constexpr size_t kRepeatedParagraphWords = 100;
  static constexpr size_t kRepeatedSentenceWords = 25;

  std::vector<std::string> Body(const std::string& title) const {
    std::vector<std::string> paras;
    std::unordered_set<std::string> seen;  // a page that prints its text twice
    for (size_t i = first_prose_; i <= last_prose_; ++i) {
      const Line& line = lines_[i];
      // Site widgets print their labels more than once ("No time to read?" above and below
      // the article); an article's own subheading appears once.
      const bool heading = IsTitleLike(line) && line.words <= 15 && line.text != title &&
                           BylineAuthors(line.text).empty() && i > first_prose_ &&
                           CountExact(line.text, 0, lines_.size()) == 1;
      if (line.kind != LineKind::kProse && !heading) continue;
      for (auto& part : SplitGluedBlocks(line.text)) {
        // A page that prints its text twice (a teaser of the story, then the story) repeats
        // its paragraphs.
        const size_t words = EffectiveWords(part);
        const bool copyable = words >= kRepeatedParagraphWords ||
                              (words >= kRepeatedSentenceWords && EndsSentence(part));
        if (copyable && !seen.insert(part).second) continue;
        paras.push_back(std::move(part));
      }
    }
    return paras;
  }

  // Teasers after the marker: optional outlet/age lines, a title, optional text; bare URLs
  // printed after the article link to other articles too.
  std::vector<RelatedItem> Related() const {
    std::vector<RelatedItem> items;
    for (size_t i = last_prose_ + 1; i < tail_; ++i) {
      if (lines_[i].kind != LineKind::kUrl) continue;
      RelatedItem item;
      item.url = lines_[i].text;
      item.published = DateFromUrl(item.url);
      items.push_back(std::move(item));
    }
    std::string pending_outlet;
    for (size_t i = tail_; i < end_; ++i) {
      const Line& line = lines_[i];
      const Line* next = i + 1 < lines_.size() ? &lines_[i + 1] : nullptr;
      switch (line.kind) {
        case LineKind::kMarker:
        case LineKind::kChrome:
        case LineKind::kAge:
        case LineKind::kDate:
        case LineKind::kImage:
        case LineKind::kKeywords:
          continue;
        case LineKind::kUrl:
          if (!items.empty() && items.back().url.empty() && i > tail_) items.back().url = line.text;
          continue;
        default:
          break;
      }
      if (line.text.rfind("- ", 0) == 0 && line.words <= 5) {
        pending_outlet = line.text.substr(2);
        continue;
      }
      if (line.words <= 4 && next &&
          (next->kind == LineKind::kAge || next->text.rfind("- ", 0) == 0)) {
        pending_outlet = line.text;
        continue;
      }
      if (line.words >= 20 && !items.empty() && items.back().text.empty()) {
        items.back().text = line.text;
        continue;
      }
      RelatedItem item;
      item.title = line.text;
      item.outlet = pending_outlet;
      pending_outlet.clear();
      items.push_back(std::move(item));
    }
    return items;
  }

  std::vector<Line> lines_;
  const ExtractOptions& options_;
  int64_t now_ = 0;
  size_t first_prose_ = kNone;
  size_t last_prose_ = kNone;
  size_t tail_ = 0;
  size_t end_ = 0;  // where a comment thread starts (CommentThreadStart)
  size_t headline_ = kNone;  // the title's line (FindTitle), kNone when it is the <title>'s
};

}  // namespace

Result<Extraction> ExtractText(std::string_view text, const ExtractOptions& options) {
  TextPage page(SplitLines(text), options);
  return page.Run();
}

}  // namespace storyline::extract

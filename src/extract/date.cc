#include "extract/date.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "text/ascii.h"

namespace storyline::extract {
namespace {

// ---------------------------------------------------------------------------------------------
// Character helpers. Digits and separators are ASCII; only month names may be UTF-8.

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Spaces as pages write them, including the UTF-8 no-break space (C2 A0).
size_t SpaceLength(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  const char c = s[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == '\xC2' && pos + 1 < s.size() && s[pos + 1] == '\xA0') return 2;
  return 0;
}

size_t SkipSpaces(std::string_view s, size_t pos) {
  while (size_t n = SpaceLength(s, pos)) pos += n;
  return pos;
}

std::string_view Trim(std::string_view s) {
  size_t b = SkipSpaces(s, 0);
  size_t e = s.size();
  while (e > b) {
    const char c = s[e - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      --e;
    } else if (c == '\xA0' && e >= b + 2 && s[e - 2] == '\xC2') {
      e -= 2;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

// The run of ASCII letters at `pos`.
std::string_view WordAt(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e < s.size() && IsAlpha(s[e])) ++e;
  return s.substr(pos, e - pos);
}

// Reads 1..max_digits digits at `pos` that are not followed by another digit.
bool ReadNumber(std::string_view s, size_t& pos, size_t min_digits, size_t max_digits, int& out) {
  size_t e = pos;
  while (e < s.size() && IsDigit(s[e])) ++e;
  const size_t n = e - pos;
  if (n < min_digits || n > max_digits) return false;
  int v = 0;
  for (size_t i = pos; i < e; ++i) v = v * 10 + (s[i] - '0');
  pos = e;
  out = v;
  return true;
}

// Whether `s` at `pos` holds what page text flattened from markup glues after a date's year:
// a reading time or an age, one or two digits then a unit of time ("Mar 27, 2025" + "5 mins",
// "January 14, 2026" + "20 Mins Read", "June 14, 2024" + "1 yr").
bool IsGluedDuration(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e < s.size() && IsDigit(s[e])) ++e;
  if (e == pos || e - pos > 2) return false;
  while (e < s.size() && s[e] == ' ') ++e;
  static constexpr std::string_view kUnits[] = {"min",  "mins",  "minute", "minutes", "yr",
                                                "yrs",  "year",  "years",  "hr",      "hrs",
                                                "hour", "hours", "sec",    "secs",    "seconds"};
  const std::string unit = text::AsciiLower(WordAt(s, e));
  return std::find(std::begin(kUnits), std::end(kUnits), unit) != std::end(kUnits);
}

// The four-digit year of a written-out date, also with a duration glued on.
bool ReadYear(std::string_view s, size_t& pos, int& out) {
  size_t p = pos;
  if (ReadNumber(s, p, 4, 4, out)) {
    pos = p;
    return true;
  }
  p = pos;
  if (!IsGluedDuration(s, pos + 4) || !ReadNumber(s.substr(0, pos + 4), p, 4, 4, out)) {
    return false;
  }
  pos = p;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[static_cast<size_t>(m - 1)];
}

bool ValidDate(int y, int m, int d) {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// Stores a validated date in `t` and moves `pos` past it (to `end`); false if impossible.
bool SetDate(int y, int m, int d, size_t end, size_t& pos, Timestamp& t) {
  if (!ValidDate(y, m, d)) return false;
  t.year = y;
  t.month = m;
  t.day = d;
  pos = end;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Words: months, weekdays, zones, labels.

// The run of letters at `pos`: ASCII letters and any UTF-8 multi-byte character, so that
// "janvier", "März" and "января" are single words.
std::string_view LetterRunAt(std::string_view s, size_t pos) {
  size_t e = pos;
  while (e < s.size() && (IsAlpha(s[e]) || static_cast<unsigned char>(s[e]) >= 0x80)) ++e;
  return s.substr(pos, e - pos);
}

// `w` lowercased: ASCII, Latin-1 letters (À-Þ) and Cyrillic (А-Я, Ѐ-Џ); other bytes as they are.
std::string FoldCase(std::string_view w) {
  std::string out(w);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c < 0x80) {
      out[i] = Lower(out[i]);
      continue;
    }
    if (i + 1 >= out.size()) break;
    const auto next = static_cast<unsigned char>(out[i + 1]);
    if (c == 0xC3 && next >= 0x80 && next <= 0x9E && next != 0x97) {  // À..Þ → à..þ
      out[i + 1] = static_cast<char>(next + 0x20);
    } else if (c == 0xD0 && next >= 0x90 && next <= 0x9F) {  // А..П → а..п
      out[i + 1] = static_cast<char>(next + 0x20);
    } else if (c == 0xD0 && next >= 0xA0 && next <= 0xAF) {  // Р..Я → р..я
      out[i] = static_cast<char>(0xD1);
      out[i + 1] = static_cast<char>(next - 0x20);
    } else if (c == 0xD0 && next >= 0x80 && next <= 0x8F) {  // Ѐ..Џ → ѐ..џ
      out[i] = static_cast<char>(0xD1);
      out[i + 1] = static_cast<char>(next + 0x10);
    }
    ++i;
  }
  return out;
}

struct MonthName {
  std::string_view name;  // lowercase
  int month;
};

// Month names in the other languages of European news, as dates print them (Russian and Polish
// in the genitive, "22 января", and the nominative). Three-letter English abbreviations are
// handled apart; only unambiguous abbreviations of other languages are listed.
constexpr std::array<MonthName, 134> kForeignMonths = {{
    // German
    {"januar", 1},
    {"jänner", 1},
    {"februar", 2},
    {"märz", 3},
    {"maerz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"okt", 10},
    {"dezember", 12},
    {"dez", 12},
    // French
    {"janvier", 1},
    {"janv", 1},
    {"février", 2},
    {"fevrier", 2},
    {"févr", 2},
    {"mars", 3},
    {"avril", 4},
    {"avr", 4},
    {"juin", 6},
    {"juillet", 7},
    {"juil", 7},
    {"août", 8},
    {"aout", 8},
    {"septembre", 9},
    {"octobre", 10},
    {"novembre", 11},
    {"décembre", 12},
    {"decembre", 12},
    {"déc", 12},
    // Spanish
    {"enero", 1},
    {"febrero", 2},
    {"marzo", 3},
    {"abril", 4},
    {"mayo", 5},
    {"junio", 6},
    {"julio", 7},
    {"agosto", 8},
    {"septiembre", 9},
    {"setiembre", 9},
    {"octubre", 10},
    {"noviembre", 11},
    {"diciembre", 12},
    {"ene", 1},
    {"abr", 4},
    {"ago", 8},
    {"dic", 12},
    // Portuguese
    {"janeiro", 1},
    {"fevereiro", 2},
    {"março", 3},
    {"marco", 3},
    {"maio", 5},
    {"junho", 6},
    {"julho", 7},
    {"setembro", 9},
    {"outubro", 10},
    {"novembro", 11},
    {"dezembro", 12},
    // Italian
    {"gennaio", 1},
    {"febbraio", 2},
    {"aprile", 4},
    {"maggio", 5},
    {"giugno", 6},
    {"luglio", 7},
    {"settembre", 9},
    {"ottobre", 10},
    {"dicembre", 12},
    // Dutch, Swedish, Danish, Norwegian
    {"januari", 1},
    {"februari", 2},
    {"maart", 3},
    {"mei", 5},
    {"augustus", 8},
    {"augusti", 8},
    // Polish (genitive)
    {"stycznia", 1},
    {"lutego", 2},
    {"marca", 3},
    {"kwietnia", 4},
    {"maja", 5},
    {"czerwca", 6},
    {"lipca", 7},
    {"sierpnia", 8},
    {"września", 9},
    {"października", 10},
    {"listopada", 11},
    {"grudnia", 12},
    // Turkish
    {"ocak", 1},
    {"şubat", 2},
    {"mart", 3},
    {"nisan", 4},
    {"mayıs", 5},
    {"haziran", 6},
    {"temmuz", 7},
    {"ağustos", 8},
    {"eylül", 9},
    {"ekim", 10},
    {"kasım", 11},
    {"aralık", 12},
    // Russian (genitive, then nominative)
    {"января", 1},
    {"февраля", 2},
    {"марта", 3},
    {"апреля", 4},
    {"мая", 5},
    {"июня", 6},
    {"июля", 7},
    {"августа", 8},
    {"сентября", 9},
    {"октября", 10},
    {"ноября", 11},
    {"декабря", 12},
    {"январь", 1},
    {"февраль", 2},
    {"март", 3},
    {"апрель", 4},
    {"май", 5},
    {"июнь", 6},
    {"июль", 7},
    {"август", 8},
    {"сентябрь", 9},
    {"октябрь", 10},
    {"ноябрь", 11},
    {"декабрь", 12},
    // Czech (genitive)
    {"ledna", 1},
    {"února", 2},
    {"března", 3},
    {"dubna", 4},
    {"května", 5},
    {"června", 6},
    {"července", 7},
    {"srpna", 8},
    {"září", 9},
    {"října", 10},
    {"listopadu", 11},
    {"prosince", 12},
}};

// 1..12 for a month name or abbreviation ("Nov", "NOV", "november", "Sept", "janvier",
// "März", "января"), else 0.
bool IsWeekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (w.size() < 3) return false;
  for (std::string_view d : kDays) {
    if (EqualsIgnoreCase(w, d) || EqualsIgnoreCase(w, d.substr(0, 3))) return true;
  }
  return EqualsIgnoreCase(w, "tues") || EqualsIgnoreCase(w, "thur") || EqualsIgnoreCase(w, "thurs");
}

struct ZoneName {
  std::string_view name;
  std::optional<int> offset_minutes;  // nullopt: a zone word with no fixed offset ("ET")
};

// Abbreviations news pages print. Where an abbreviation is ambiguous the reading most common
// in English-language news wins (IST = India, CST = US Central).
constexpr std::array<ZoneName, 31> kZones = {{
    {"UTC", 0},
    {"GMT", 0},
    {"UT", 0},
    {"Z", 0},
    {"EST", -5 * 60},
    {"EDT", -4 * 60},
    {"CST", -6 * 60},
    {"CDT", -5 * 60},
    {"MST", -7 * 60},
    {"MDT", -6 * 60},
    {"PST", -8 * 60},
    {"PDT", -7 * 60},
    {"BST", 60},
    {"CET", 60},
    {"CEST", 120},
    {"EET", 120},
    {"EEST", 180},
    {"WET", 0},
    {"WEST", 60},
    {"MSK", 180},
    {"IST", 330},
    {"JST", 540},
    {"KST", 540},
    {"HKT", 480},
    {"SGT", 480},
    {"AEST", 600},
    {"AEDT", 660},
    {"ET", std::nullopt},
    {"PT", std::nullopt},
    {"CT", std::nullopt},
    {"MT", std::nullopt},
}};

const ZoneName* ZoneFromWord(std::string_view w) {
  for (const ZoneName& z : kZones) {
    // Zone words are matched as written, in capitals, so "est" or "pt" in running text is
    // not read as a zone; only UTC and GMT are common enough in lower case to allow it.
    const bool any_case = z.name == "UTC" || z.name == "GMT";
    if (w == z.name || (any_case && EqualsIgnoreCase(w, z.name))) return &z;
  }
  return nullptr;
}

// Words that may precede a date as a label: "Published:", "Updated on", "Last modified",
// "Posted at". Returns the position after the label (and any ':' or space), or `pos`.
size_t SkipLabel(std::string_view s, size_t pos) {
  static constexpr std::array<std::string_view, 13> kLabelWords = {
      "published", "updated", "posted", "last",   "modified", "first",  "date",
      "created",   "on",      "at",     "issued", "dated",    "pubdate"};
  for (;;) {
    const size_t start = SkipSpaces(s, pos);
    const std::string_view w = WordAt(s, start);
    bool is_label = false;
    for (std::string_view l : kLabelWords) is_label = is_label || EqualsIgnoreCase(w, l);
    if (!is_label) return start;
    pos = start + w.size();
    pos = SkipSpaces(s, pos);
    if (pos < s.size() && s[pos] == ':') ++pos;
  }
}

// ---------------------------------------------------------------------------------------------
// The parser. Each Read* reads one piece at `pos`, advances `pos` past it on success and leaves
// it untouched on failure.

struct Parsed {
  Timestamp t;
  size_t end = 0;  // one past the last character that belongs to the date
};

// "2025-11-07", "2025/11/07", "2025.11.07": year first.
bool ReadYearFirst(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int y = 0, m = 0, d = 0;
  if (!ReadNumber(s, p, 4, 4, y)) return false;
  if (p >= s.size()) return false;
  const char sep = s[p];
  if (sep != '-' && sep != '/' && sep != '.') return false;
  ++p;
  if (!ReadNumber(s, p, 1, 2, m)) return false;
  if (p >= s.size() || s[p] != sep) return false;
  ++p;
  if (!ReadNumber(s, p, 1, 2, d)) return false;
  return SetDate(y, m, d, p, pos, t);
}

// "07.11.2025" or "07-11-2025": day first, as Europe writes it, unless the second number is
// over 12 ("11-29-2024", "06.18.2025": US order). With slashes ("07/11/2025") only when
// unambiguous: a first number over 12 is a day, a second over 12 makes it US order.
bool ReadDayFirst(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int a = 0, b = 0, y = 0;
  if (!ReadNumber(s, p, 1, 2, a)) return false;
  if (p >= s.size()) return false;
  const char sep = s[p];
  if (sep != '.' && sep != '/' && sep != '-') return false;
  ++p;
  if (!ReadNumber(s, p, 1, 2, b)) return false;
  if (p >= s.size() || s[p] != sep) return false;
  ++p;
  if (!ReadNumber(s, p, 4, 4, y)) return false;
  int d = a, m = b;
  if ((sep == '-' || sep == '.') && b > 12 && a <= 12) {
    d = b;
    m = a;
  } else if (sep == '/') {
    if (a > 12 && b <= 12) {
      d = a;
      m = b;
    } else if (b > 12 && a <= 12) {
      d = b;
      m = a;
    } else if (a != b) {
      return false;  // 07/11/2025: July or November? Do not guess.
    }
  }
  return SetDate(y, m, d, p, pos, t);
}

// A month word with an optional trailing '.'.
bool ReadMonthWord(std::string_view s, size_t& pos, int& month) {
  const std::string_view w = LetterRunAt(s, pos);
  const int m = MonthFromWord(w);
  if (m == 0) return false;
  size_t p = pos + w.size();
  if (p < s.size() && s[p] == '.') ++p;
  month = m;
  pos = p;
  return true;
}

// A day of month with an optional ordinal suffix: "7", "07", "7th", "1st".
bool ReadDayOfMonth(std::string_view s, size_t& pos, int& day) {
  size_t p = pos;
  int d = 0;
  if (!ReadNumber(s, p, 1, 2, d)) return false;
  const std::string_view suffix = WordAt(s, p);
  if (EqualsIgnoreCase(suffix, "st") || EqualsIgnoreCase(suffix, "nd") ||
      EqualsIgnoreCase(suffix, "rd") || EqualsIgnoreCase(suffix, "th")) {
    p += suffix.size();
  } else if (!suffix.empty()) {
    return false;
  }
  day = d;
  pos = p;
  return true;
}

// Skips spaces and at most one comma between date parts.
size_t SkipDatePartSeparator(std::string_view s, size_t pos) {
  pos = SkipSpaces(s, pos);
  if (pos < s.size() && s[pos] == ',') pos = SkipSpaces(s, pos + 1);
  return pos;
}

// A word that joins date parts ("of", "de") and the spaces after it; `pos` if there is none.
size_t SkipConnector(std::string_view s, size_t pos,
                     std::initializer_list<std::string_view> words) {
  const std::string_view w = WordAt(s, pos);
  for (std::string_view c : words) {
    if (EqualsIgnoreCase(w, c) && SpaceLength(s, pos + w.size()) > 0) {
      return SkipSpaces(s, pos + w.size());
    }
  }
  return pos;
}

// "7 Nov 2025", "07 NOV. 2025", "7th November, 2025", "7-Nov-2025", "22. Januar 2018",
// "22 de enero de 2018", "22 января 2018".
bool ReadDayMonthYear(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int d = 0, m = 0, y = 0;
  if (!ReadDayOfMonth(s, p, d)) return false;
  const bool dashed = p < s.size() && s[p] == '-';
  // "22. Januar 2018": German, Nordic and Czech write the day as an ordinal.
  if (!dashed && p + 1 < s.size() && s[p] == '.' && SpaceLength(s, p + 1) > 0) ++p;
  p = dashed ? p + 1 : SkipSpaces(s, p);
  if (!dashed) p = SkipConnector(s, p, {"of", "de"});  // "7th of November", "22 de enero"
  if (!ReadMonthWord(s, p, m)) return false;
  if (dashed) {
    if (p >= s.size() || s[p] != '-') return false;
    ++p;
  } else {
    p = SkipDatePartSeparator(s, p);
    p = SkipConnector(s, p, {"de", "del"});  // "22 de enero de 2018"
  }
  if (!ReadYear(s, p, y)) return false;
  return SetDate(y, m, d, p, pos, t);
}

// "November 7, 2025", "Nov. 7 2025", "NOV 07, 2025", "December 19. 2025".
bool ReadMonthDayYear(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int d = 0, m = 0, y = 0;
  if (!ReadMonthWord(s, p, m)) return false;
  p = SkipSpaces(s, p);
  if (!ReadDayOfMonth(s, p, d)) return false;
  if (p + 1 < s.size() && s[p] == '.' && SpaceLength(s, p + 1) > 0) ++p;
  p = SkipDatePartSeparator(s, p);
  if (!ReadYear(s, p, y)) return false;
  return SetDate(y, m, d, p, pos, t);
}

// An optional weekday before a textual date: "Fri, ", "Friday ".
size_t SkipWeekday(std::string_view s, size_t pos) {
  const std::string_view w = WordAt(s, pos);
  if (!IsWeekday(w)) return pos;
  size_t p = pos + w.size();
  if (p < s.size() && s[p] == '.') ++p;
  return SkipDatePartSeparator(s, p);
}

// Any of the date forms at `pos`.
// "2023 Jan 7": the year, the month's name, the day, as scholarly metadata and citations write
// them (citation_publication_date, "Cureus. 2023 Jan 7;15(1)").
bool ReadYearMonthWordDay(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int y = 0, m = 0, d = 0;
  if (!ReadNumber(s, p, 4, 4, y)) return false;
  const size_t space = SpaceLength(s, p);
  if (space == 0) return false;
  p += space;
  if (!ReadMonthWord(s, p, m)) return false;
  p = SkipSpaces(s, p);
  if (!ReadNumber(s, p, 1, 2, d)) return false;
  return SetDate(y, m, d, p, pos, t);
}

bool ReadCalendarDate(std::string_view s, size_t& pos, Timestamp& t) {
  if (ReadYearFirst(s, pos, t) || ReadDayFirst(s, pos, t)) return true;
  if (ReadYearMonthWordDay(s, pos, t)) return true;
  size_t p = SkipWeekday(s, pos);
  if (ReadDayMonthYear(s, p, t) || ReadMonthDayYear(s, p, t)) {
    pos = p;
    return true;
  }
  return false;
}

// "am", "AM", "a.m.", "pm", "P.M." → 0 for am, 12 for pm; -1 if none.
int ReadMeridiem(std::string_view s, size_t& pos) {
  size_t p = SkipSpaces(s, pos);
  if (p >= s.size()) return -1;
  const char c = Lower(s[p]);
  if (c != 'a' && c != 'p') return -1;
  size_t q = p + 1;
  if (q < s.size() && s[q] == '.') ++q;
  if (q >= s.size() || Lower(s[q]) != 'm') return -1;
  ++q;
  if (q < s.size() && s[q] == '.') ++q;
  if (q < s.size() && IsAlnum(s[q])) return -1;
  pos = q;
  return c == 'a' ? 0 : 12;
}

// "+0300", "+03:00", "-05", "+3" (after GMT/UTC).
bool ReadNumericOffset(std::string_view s, size_t& pos, bool allow_short, int& minutes) {
  if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-' && s[pos] != '\xE2')) return false;
  size_t p = pos;
  int sign = 1;
  if (s[p] == '\xE2') {  // U+2212 MINUS SIGN, as typeset pages write it
    if (s.substr(p, 3) != "\xE2\x88\x92") return false;
    sign = -1;
    p += 3;
  } else {
    sign = s[p] == '-' ? -1 : 1;
    ++p;
  }
  size_t digits_end = p;
  while (digits_end < s.size() && IsDigit(s[digits_end])) ++digits_end;
  const size_t n = digits_end - p;
  int h = 0, m = 0;
  if (n == 4) {
    h = (s[p] - '0') * 10 + (s[p + 1] - '0');
    m = (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
    p = digits_end;
  } else if (n == 2 || (allow_short && n == 1)) {
    if (!ReadNumber(s, p, 1, 2, h)) return false;
    if (p + 1 < s.size() && s[p] == ':' && IsDigit(s[p + 1])) {
      ++p;
      if (!ReadNumber(s, p, 2, 2, m)) return false;
    }
  } else {
    return false;
  }
  if (h > 14 || m > 59) return false;
  minutes = sign * (h * 60 + m);
  pos = p;
  return true;
}

// A zone after a time: "Z", "+0000", "+00:00", "GMT", "EST", "UTC+3", "GMT+03:00", "(UTC)".
// Sets `offset` (possibly to nullopt for zone words without a fixed offset) and advances.
bool ReadZone(std::string_view s, size_t& pos, std::optional<int>& offset) {
  size_t p = SkipSpaces(s, pos);
  const bool paren = p < s.size() && s[p] == '(';
  if (paren) p = SkipSpaces(s, p + 1);
  int minutes = 0;
  if (ReadNumericOffset(s, p, /*allow_short=*/false, minutes)) {
    offset = minutes;
  } else {
    const std::string_view w = WordAt(s, p);
    const ZoneName* z = ZoneFromWord(w);
    if (z == nullptr) return false;
    p += w.size();
    offset = z->offset_minutes;
    if (z->offset_minutes == 0 && ReadNumericOffset(s, p, /*allow_short=*/true, minutes)) {
      offset = minutes;  // "GMT+3", "UTC-05:00"
    }
  }
  if (paren) {
    p = SkipSpaces(s, p);
    if (p >= s.size() || s[p] != ')') return false;
    ++p;
  }
  pos = p;
  return true;
}

// "12:28", "12:28:05", "12:28:05.123", "3:04 PM", "3 p.m.", "15h30"; then an optional zone.
bool ReadTime(std::string_view s, size_t& pos, Timestamp& t) {
  size_t p = pos;
  int h = 0, m = 0, sec = 0;
  if (!ReadNumber(s, p, 1, 2, h)) return false;
  bool has_minutes = false;
  if (p + 1 < s.size() && (s[p] == ':' || s[p] == '.' || s[p] == 'h') && IsDigit(s[p + 1])) {
    ++p;
    if (!ReadNumber(s, p, 2, 2, m)) return false;
    has_minutes = true;
    if (p + 1 < s.size() && s[p] == ':' && IsDigit(s[p + 1])) {
      ++p;
      if (!ReadNumber(s, p, 2, 2, sec)) return false;
      if (p + 1 < s.size() && (s[p] == '.' || s[p] == ',') && IsDigit(s[p + 1])) {
        ++p;  // fractional seconds: dropped
        while (p < s.size() && IsDigit(s[p])) ++p;
      }
    }
  }
  const int meridiem = ReadMeridiem(s, p);
  if (meridiem >= 0) {
    if (h < 1 || h > 12) return false;
    h = h % 12 + meridiem;
  } else if (!has_minutes) {
    return false;  // a bare number is not a time
  }
  if (h > 23 || m > 59 || sec > 60) return false;
  t.hour = h;
  t.minute = m;
  t.second = sec;
  t.has_time = true;
  std::optional<int> offset;
  if (ReadZone(s, p, offset)) t.utc_offset_minutes = offset;
  pos = p;
  return true;
}

// Between a date and its time: "T", spaces, ",", "at", "@", "-", "|", "•", "/".
size_t SkipDateTimeSeparator(std::string_view s, size_t pos) {
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't') && pos + 1 < s.size() &&
      IsDigit(s[pos + 1])) {
    return pos + 1;
  }
  size_t p = SkipSpaces(s, pos);
  if (p < s.size() && (s[p] == ',' || s[p] == '@' || s[p] == '-' || s[p] == '|' || s[p] == '/')) {
    p = SkipSpaces(s, p + 1);
  } else if (s.substr(p, 3) == "\xE2\x80\xA2" || s.substr(p, 3) == "\xE2\x80\x94" ||
             s.substr(p, 3) == "\xE2\x80\x93") {  // bullet, em dash, en dash
    p = SkipSpaces(s, p + 3);
  } else if (EqualsIgnoreCase(WordAt(s, p), "at")) {
    p = SkipSpaces(s, p + 2);
  }
  return p;
}

// A date (with optional time and zone) starting exactly at `pos`; also "12:28 07.11.2025"
// with the time first.
std::optional<Parsed> ParseAt(std::string_view s, size_t pos) {
  Parsed out;
  size_t p = pos;
  if (ReadCalendarDate(s, p, out.t)) {
    out.end = p;
    size_t q = SkipDateTimeSeparator(s, p);
    Timestamp with_time = out.t;
    if (ReadTime(s, q, with_time)) {  // a date alone is fine: the time is optional
      out.t = with_time;
      out.end = q;
    }
    return out;
  }
  Timestamp time_first;
  p = pos;
  if (ReadTime(s, p, time_first)) {
    size_t q = SkipDateTimeSeparator(s, p);
    if (ReadCalendarDate(s, q, out.t)) {
      out.t.hour = time_first.hour;
      out.t.minute = time_first.minute;
      out.t.second = time_first.second;
      out.t.has_time = true;
      out.t.utc_offset_minutes = time_first.utc_offset_minutes;
      out.end = q;
      return out;
    }
  }
  return std::nullopt;
}

// Trailing punctuation a page may leave after a whole-field date ("7 Nov 2025.").
std::string_view TrimTrailingPunctuation(std::string_view s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == '|' ||
                        s.back() == ')')) {
    s.remove_suffix(1);
    s = Trim(s);
  }
  return s;
}

constexpr int64_t kEarliestNewsUnix = 631152000;  // 1990-01-01T00:00:00Z

}  // namespace

int MonthFromWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  if (EqualsIgnoreCase(w, "sept")) return 9;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    const std::string_view full = kMonths[i];
    if (EqualsIgnoreCase(w, full) || EqualsIgnoreCase(w, full.substr(0, 3))) {
      return static_cast<int>(i) + 1;
    }
  }
  const std::string folded = FoldCase(w);
  for (const MonthName& m : kForeignMonths) {
    if (folded == m.name) return m.month;
  }
  return 0;
}

std::optional<Timestamp> ParseDate(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 200) return std::nullopt;
  // The strict form first: it is what structured data uses.
  if (auto iso = Timestamp::FromIso8601(text)) {
    if (ValidDate(iso->year, iso->month, iso->day)) return iso;
  }
  const size_t start = SkipLabel(text, 0);
  std::string_view rest = text.substr(start);
  auto parsed = ParseAt(rest, 0);
  if (!parsed) return std::nullopt;
  const std::string_view tail = TrimTrailingPunctuation(Trim(rest.substr(parsed->end)));
  if (!tail.empty()) return std::nullopt;
  return parsed->t;
}

std::optional<Timestamp> FindDate(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsAlnum(text[i])) continue;
    // Only at word starts, and at a seam where a scraper glued two blocks: a capital after a
    // lower-case letter or a digit ("By Kathryn GiuffridaMar 5, 2025", "June 29, 2020January
    // 3, 2021").
    if (i > 0 && IsAlnum(text[i - 1])) {
      const bool seam = text[i] >= 'A' && text[i] <= 'Z' &&
                        ((text[i - 1] >= 'a' && text[i - 1] <= 'z') || IsDigit(text[i - 1]));
      if (!seam) continue;
    }
    if (auto parsed = ParseAt(text, i)) {
      // The date must end at a word boundary: "2025-11-07abc" is an identifier, not a date.
      // A capital after the year is a seam where a scraper glued two blocks ("Posted on June
      // 29, 2020Updated ..."), not an identifier.
      const size_t e = parsed->end;
      const bool glued = text[e - 1] >= '0' && text[e - 1] <= '9' && e < text.size() &&
                         ((text[e] >= 'A' && text[e] <= 'Z') || IsGluedDuration(text, e));
      if (e < text.size() && IsAlnum(text[e]) && IsAlnum(text[e - 1]) && !glued) continue;
      return parsed->t;
    }
  }
  return std::nullopt;
}

std::optional<Timestamp> DateFromUrl(std::string_view url) {
  // Only the path: the host may hold digits ("web2025.example").
  const size_t scheme = url.find("://");
  size_t path_start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (path_start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));

  auto accept = [](int y, int m, int d) -> std::optional<Timestamp> {
    if (y < 1990 || y > 2100 || !ValidDate(y, m, d)) return std::nullopt;
    Timestamp t;
    t.year = y;
    t.month = m;
    t.day = d;
    return t;
  };
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '/') continue;
    size_t p = i + 1;
    int y = 0, m = 0, d = 0;
    // /2025/11/07/ and /2025-11-07: four digits, separator, two, separator, two.
    if (ReadNumber(path, p, 4, 4, y) && p < path.size() && (path[p] == '/' || path[p] == '-')) {
      const char sep = path[p++];
      if (ReadNumber(path, p, 1, 2, m) && p < path.size() && path[p] == sep) {
        ++p;
        if (ReadNumber(path, p, 1, 2, d)) {
          if (auto t = accept(y, m, d)) return t;
        }
      }
      continue;
    }
    // /20251107/ or /20251107-slug: eight digits at the start of a segment.
    p = i + 1;
    size_t e = p;
    while (e < path.size() && IsDigit(path[e])) ++e;
    if (e - p == 8) {
      auto num = [&](size_t from, size_t n) {
        int v = 0;
        for (size_t k = from; k < from + n; ++k) v = v * 10 + (path[k] - '0');
        return v;
      };
      if (auto t = accept(num(p, 4), num(p + 4, 2), num(p + 6, 2))) return t;
    }
  }
  return std::nullopt;
}

bool IsPlausibleNewsDate(const Timestamp& t, int64_t now_unix) {
  if (now_unix <= 0) {
    // 0 means "now" (as ExtractOptions::now_unix does): a zero clock would reject every date.
    now_unix = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  }
  if (!ValidDate(t.year, t.month, t.day)) return false;
  const int64_t secs = t.ToUnixSeconds();
  return secs >= kEarliestNewsUnix && secs <= now_unix + 86400;
}

}  // namespace storyline::extract

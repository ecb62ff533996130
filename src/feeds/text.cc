#include "feeds/text.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "text/utf8.h"

namespace storyline::feeds::detail {
namespace {

// HTML 4 Latin-1 entities, U+00A0 to U+00FF in order.
constexpr std::array<std::string_view, 96> kLatin1Names = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
    "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
    "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
    "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
    "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
    "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

// The other HTML 4 entities (special characters, symbols, Greek) and a few HTML5 ones.
constexpr std::pair<std::string_view, uint32_t> kOtherEntities[] = {
    {"quot", 34},     {"amp", 38},      {"apos", 39},      {"lt", 60},       {"gt", 62},
    {"OElig", 338},   {"oelig", 339},   {"Scaron", 352},   {"scaron", 353},  {"Yuml", 376},
    {"fnof", 402},    {"circ", 710},    {"tilde", 732},    {"Alpha", 913},   {"Beta", 914},
    {"Gamma", 915},   {"Delta", 916},   {"Epsilon", 917},  {"Zeta", 918},    {"Eta", 919},
    {"Theta", 920},   {"Iota", 921},    {"Kappa", 922},    {"Lambda", 923},  {"Mu", 924},
    {"Nu", 925},      {"Xi", 926},      {"Omicron", 927},  {"Pi", 928},      {"Rho", 929},
    {"Sigma", 931},   {"Tau", 932},     {"Upsilon", 933},  {"Phi", 934},     {"Chi", 935},
    {"Psi", 936},     {"Omega", 937},   {"alpha", 945},    {"beta", 946},    {"gamma", 947},
    {"delta", 948},   {"epsilon", 949}, {"zeta", 950},     {"eta", 951},     {"theta", 952},
    {"iota", 953},    {"kappa", 954},   {"lambda", 955},   {"mu", 956},      {"nu", 957},
    {"xi", 958},      {"omicron", 959}, {"pi", 960},       {"rho", 961},     {"sigmaf", 962},
    {"sigma", 963},   {"tau", 964},     {"upsilon", 965},  {"phi", 966},     {"chi", 967},
    {"psi", 968},     {"omega", 969},   {"thetasym", 977}, {"upsih", 978},   {"piv", 982},
    {"ensp", 8194},   {"emsp", 8195},   {"thinsp", 8201},  {"zwnj", 8204},   {"zwj", 8205},
    {"lrm", 8206},    {"rlm", 8207},    {"hyphen", 8208},  {"dash", 8208},   {"ndash", 8211},
    {"mdash", 8212},  {"horbar", 8213}, {"lsquo", 8216},   {"rsquo", 8217},  {"sbquo", 8218},
    {"ldquo", 8220},  {"rdquo", 8221},  {"bdquo", 8222},   {"dagger", 8224}, {"Dagger", 8225},
    {"bull", 8226},   {"hellip", 8230}, {"permil", 8240},  {"prime", 8242},  {"Prime", 8243},
    {"lsaquo", 8249}, {"rsaquo", 8250}, {"oline", 8254},   {"frasl", 8260},  {"euro", 8364},
    {"image", 8465},  {"weierp", 8472}, {"real", 8476},    {"trade", 8482},  {"alefsym", 8501},
    {"larr", 8592},   {"uarr", 8593},   {"rarr", 8594},    {"darr", 8595},   {"harr", 8596},
    {"crarr", 8629},  {"lArr", 8656},   {"uArr", 8657},    {"rArr", 8658},   {"dArr", 8659},
    {"hArr", 8660},   {"forall", 8704}, {"part", 8706},    {"exist", 8707},  {"empty", 8709},
    {"nabla", 8711},  {"isin", 8712},   {"notin", 8713},   {"ni", 8715},     {"prod", 8719},
    {"sum", 8721},    {"minus", 8722},  {"lowast", 8727},  {"radic", 8730},  {"prop", 8733},
    {"infin", 8734},  {"ang", 8736},    {"and", 8743},     {"or", 8744},     {"cap", 8745},
    {"cup", 8746},    {"int", 8747},    {"there4", 8756},  {"sim", 8764},    {"cong", 8773},
    {"asymp", 8776},  {"ne", 8800},     {"equiv", 8801},   {"le", 8804},     {"ge", 8805},
    {"sub", 8834},    {"sup", 8835},    {"nsub", 8836},    {"sube", 8838},   {"supe", 8839},
    {"oplus", 8853},  {"otimes", 8855}, {"perp", 8869},    {"sdot", 8901},   {"lceil", 8968},
    {"rceil", 8969},  {"lfloor", 8970}, {"rfloor", 8971},  {"lang", 9001},   {"rang", 9002},
    {"loz", 9674},    {"spades", 9824}, {"clubs", 9827},   {"hearts", 9829}, {"diams", 9830},
};

using EntityTable = std::vector<std::pair<std::string_view, uint32_t>>;

const EntityTable& SortedEntities() {
  static const EntityTable table = [] {
    EntityTable t(std::begin(kOtherEntities), std::end(kOtherEntities));
    for (size_t i = 0; i < kLatin1Names.size(); ++i) {
      t.emplace_back(kLatin1Names[i], static_cast<uint32_t>(0xA0 + i));
    }
    std::sort(t.begin(), t.end());
    return t;
  }();
  return table;
}

// windows-1252 bytes 0x80..0x9F; the five undefined ones map to themselves (C1 controls).
constexpr std::array<uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

uint32_t Windows1252(unsigned char b) {
  return b >= 0x80 && b <= 0x9F ? kWindows1252High[b - 0x80] : b;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// Finds `needle` (lowercase ASCII) in `s` from `from`, ignoring ASCII case; npos if none.
size_t FindIgnoreCase(std::string_view s, std::string_view needle, size_t from) {
  if (needle.empty() || s.size() < needle.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (AsciiLower(s[i]) == needle[0] && EqualsIgnoreCase(s.substr(i, needle.size()), needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Tags whose boundaries separate words.
bool IsBlockTag(std::string_view name) {
  static constexpr std::array<std::string_view, 28> kBlock = {
      "address", "article", "aside",      "blockquote", "br",     "dd", "div",
      "dl",      "dt",      "figcaption", "figure",     "footer", "h1", "h2",
      "h3",      "h4",      "h5",         "h6",         "header", "hr", "img",
      "li",      "ol",      "p",          "section",    "table",  "td", "tr"};
  for (std::string_view b : kBlock) {
    if (EqualsIgnoreCase(name, b)) return true;
  }
  return EqualsIgnoreCase(name, "ul") || EqualsIgnoreCase(name, "th") ||
         EqualsIgnoreCase(name, "pre");
}

// Caches "where is the next `needle` at or after i" so that many unclosed '<' stay linear:
// once a search fails, every later one fails without scanning.
class NextFinder {
 public:
  NextFinder(std::string_view s, std::string_view needle, bool ignore_case)
      : s_(s), needle_(needle), ignore_case_(ignore_case) {}
  size_t From(size_t i) {
    if (pos_ == std::string_view::npos) return pos_;
    if (!searched_ || pos_ < i) {
      searched_ = true;
      pos_ = ignore_case_ ? FindIgnoreCase(s_, needle_, i) : s_.find(needle_, i);
    }
    return pos_;
  }

 private:
  std::string_view s_;
  std::string_view needle_;
  bool ignore_case_;
  bool searched_ = false;
  size_t pos_ = 0;
};

// Drops tags from an HTML fragment; block tags become a space. Entities are left alone.
std::string StripTags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  NextFinder gt(s, ">", false);
  NextFinder comment_end(s, "-->", false);
  NextFinder script_end(s, "</script", true);
  NextFinder style_end(s, "</style", true);
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (c != '<' || !(IsAsciiAlpha(next) || next == '/' || next == '!' || next == '?')) {
      out.push_back(c);
      ++i;
      continue;
    }
    if (s.substr(i, 4) == "<!--") {
      const size_t end = comment_end.From(i + 4);
      if (end == std::string_view::npos) break;  // an unclosed comment hides the rest
      i = end + 3;
      continue;
    }
    const size_t close = gt.From(i + 1);
    if (close == std::string_view::npos) {
      out.push_back(c);  // a '<' that opens no tag is text
      ++i;
      continue;
    }
    size_t name_begin = i + 1 + (next == '/' ? 1 : 0);
    size_t name_end = name_begin;
    while (name_end < close && IsAsciiAlnum(s[name_end])) ++name_end;
    const std::string_view name = s.substr(name_begin, name_end - name_begin);
    i = close + 1;
    if (next != '/' && (EqualsIgnoreCase(name, "script") || EqualsIgnoreCase(name, "style"))) {
      NextFinder& end_finder = EqualsIgnoreCase(name, "script") ? script_end : style_end;
      const size_t end = end_finder.From(i);
      if (end == std::string_view::npos) break;
      const size_t end_close = gt.From(end);
      if (end_close == std::string_view::npos) break;
      i = end_close + 1;
      out.push_back(' ');
      continue;
    }
    if (IsBlockTag(name)) out.push_back(' ');
  }
  return out;
}

}  // namespace

std::optional<uint32_t> NamedEntity(std::string_view name) {
  const EntityTable& table = SortedEntities();
  const auto it = std::lower_bound(table.begin(), table.end(), name,
                                   [](const std::pair<std::string_view, uint32_t>& e,
                                      std::string_view n) { return e.first < n; });
  if (it == table.end() || it->first != name) return std::nullopt;
  return it->second;
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    // The longest entity name is 8 characters; a numeric reference has at most 7 digits.
    size_t p = i + 1;
    if (p < s.size() && s[p] == '#') {
      if (const auto ref = text::ParseNumericReference(s.substr(p))) {
        // Browsers read &#150; as the windows-1252 character, and so do we.
        const char32_t cp = ref->code_point;
        text::AppendUtf8(cp < 0x100 ? Windows1252(static_cast<unsigned char>(cp)) : cp, out);
        i = p + ref->length - 1;
        continue;
      }
    } else {
      while (p < s.size() && p - i <= 9 && IsAsciiAlnum(s[p])) ++p;
      if (p < s.size() && s[p] == ';' && p > i + 1) {
        if (const auto cp = NamedEntity(s.substr(i + 1, p - i - 1))) {
          text::AppendUtf8(*cp, out);
          i = p;
          continue;
        }
      }
    }
    out.push_back('&');
  }
  return out;
}

std::string PlainText(std::string_view html) {
  const bool has_tags = html.find('<') != std::string_view::npos;
  const std::string stripped = has_tags ? StripTags(html) : std::string(html);
  if (stripped.find('&') == std::string::npos) return text::CollapseWhitespace(stripped);
  return text::CollapseWhitespace(DecodeEntities(stripped));
}

std::string ShortPlainText(std::string_view html, size_t max_bytes) {
  std::string text = PlainText(html);
  if (text.size() <= max_bytes) return text;
  std::string_view cut = text::TruncateUtf8(text, max_bytes);
  const size_t space = cut.rfind(' ');
  if (space != std::string_view::npos && space > cut.size() / 2) cut = cut.substr(0, space);
  return std::string(cut);
}

std::string AuthorName(std::string_view raw) {
  std::string s = text::CollapseWhitespace(raw);
  // "jo@x.com (Jo Doe)" or "Jo Doe (jo@x.com)".
  if (!s.empty() && s.back() == ')') {
    const size_t open = s.rfind('(');
    if (open != std::string::npos) {
      const std::string inner = s.substr(open + 1, s.size() - open - 2);
      const std::string outer = s.substr(0, open);
      if (outer.find('@') != std::string::npos) {
        s = inner;
      } else if (inner.find('@') != std::string::npos) {
        s = outer;
      }
    }
  }
  // "Jo Doe <jo@x.com>".
  if (const size_t lt = s.find('<'); lt != std::string::npos) {
    const size_t gt = s.find('>', lt);
    if (gt != std::string::npos && s.substr(lt, gt - lt).find('@') != std::string::npos) {
      s.erase(lt, gt - lt + 1);
    }
  }
  s = PlainText(s);
  if (s.size() > 3 && EqualsIgnoreCase(std::string_view(s).substr(0, 3), "by ")) s.erase(0, 3);
  // Whatever is still an e-mail address is not a name.
  if (s.find('@') != std::string::npos && s.find(' ') == std::string::npos) return "";
  if (s.rfind("mailto:", 0) == 0) return "";
  return s;
}

size_t RepairUtf8AsWindows1252(std::string& s) {
  size_t bad = text::FindInvalidUtf8(s);
  if (bad == std::string::npos) return 0;
  std::string out = s.substr(0, bad);
  out.reserve(s.size() + s.size() / 4);
  size_t replaced = 0;
  size_t i = bad;
  while (i < s.size()) {
    const std::string_view rest = std::string_view(s).substr(i);
    const size_t next_bad = text::FindInvalidUtf8(rest);
    if (next_bad == 0) {
      text::AppendUtf8(Windows1252(static_cast<unsigned char>(s[i])), out);
      ++replaced;
      ++i;
      continue;
    }
    const size_t good = next_bad == std::string_view::npos ? rest.size() : next_bad;
    out.append(rest.substr(0, good));
    i += good;
  }
  s = std::move(out);
  return replaced;
}

}  // namespace storyline::feeds::detail

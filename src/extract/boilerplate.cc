#include "extract/boilerplate.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "text/ascii.h"

namespace storyline::extract {
namespace {

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Lowercases the two-byte UTF-8 capitals of Latin-1 (À-Þ) and Cyrillic (Ѐ-Я) in place, so
// that "À lire aussi" and "Читайте также" match their lexicon entries. The lowercase forms
// have the same lead byte (Latin-1, Cyrillic А-П) or the next one (Cyrillic Р-Я, Ѐ-Џ).
void FoldTwoByteCapitals(std::string& s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const auto next = static_cast<unsigned char>(s[i + 1]);
    if ((next & 0xC0) != 0x80) continue;
    const unsigned cp = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
    unsigned lower = cp;
    if (lead >= 0xC2 && lead <= 0xDF) {
      if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) lower = cp + 0x20;
      if (cp >= 0x410 && cp <= 0x42F) lower = cp + 0x20;
      if (cp >= 0x400 && cp <= 0x40F) lower = cp + 0x50;
    }
    if (lower != cp) {
      s[i] = static_cast<char>(0xC0 | (lower >> 6));
      s[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
    }
    ++i;
  }
}

// Lowercases ASCII, folds runs of space, drops surrounding space and the punctuation that
// chrome labels end with ("Related Reads:", "No time to read?", "Comments (12)").
std::string Normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u == ' ' || u == '\t' || u == '\n' || u == '\r' || u == '\f' || u == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(LowerAscii(c));
  }
  FoldTwoByteCapitals(out);
  while (!out.empty() &&
         std::string_view(":?!.…»>|-–—()0123456789 ").find(out.back()) != std::string_view::npos) {
    out.pop_back();
  }
  // UTF-8 ellipsis / arrows at the end ("Read more…", "More →").
  for (std::string_view tail : {"…", "→", "»", "›"}) {
    if (out.size() >= tail.size() &&
        out.compare(out.size() - tail.size(), tail.size(), tail) == 0) {
      out.resize(out.size() - tail.size());
      while (!out.empty() && out.back() == ' ') out.pop_back();
    }
  }
  return out;
}

size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = c == ' ';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

template <size_t N>
bool Contains(const std::string_view (&set)[N], std::string_view s) {
  return std::find(std::begin(set), std::end(set), s) != std::end(set);
}

// Whole-block chrome labels (normalized form).
constexpr std::string_view kChrome[] = {
    "sign up", "sign in", "log in", "login", "register", "subscribe", "subscribe now", "share",
    "share this", "share this article", "share on facebook", "share on twitter", "tweet", "email",
    "print", "copy link", "link copied", "advertisement", "advertising", "sponsored",
    "sponsored content", "comments", "comment", "no comments yet", "leave a comment",
    "post a comment", "hashtags", "tags", "topics", "listen to this article", "listen",
    "read in app", "open in app", "follow us", "skip to content", "skip to main content", "menu",
    "search", "close", "home", "back to top", "accept", "accept all", "accept cookies",
    "reject all", "cookie settings", "manage cookies", "cookies", "newsletter",
    "sign up for our newsletter", "subscribe to our newsletter", "all rights reserved",
    "privacy policy", "terms of use", "terms of service", "contact us", "about us", "loading",
    "show more",
    // A table of contents' heading.
    "table of contents", "contents", "in this article", "on this page", "jump to",
    // Image furniture: captions' toggles,
    // gallery controls, ad labels.
    "advert", "ad", "caption", "hide caption", "toggle caption", "enlarge this image", "image",
    "photo", "less", "more", "expand", "back to gallery", "view gallery", "open gallery",
    "this slideshow requires javascript"};

// Labels that chrome starts with; only counted on short blocks so that article prose that
// happens to begin with these words is kept.
constexpr std::string_view kChromePrefixes[] = {
    "sign in or ", "sign up for ", "sign up to ", "subscribe to ", "log in to ", "login to ",
    "follow us on ", "follow us ", "share this ", "share on ", "click here to ", "click to ",
    "download the ", "download our ", "we use cookies", "this site uses cookies",
    "this website uses cookies", "by continuing to ", "©", "copyright ", "all rights reserved",
    "join our ", "get the latest ", "read the full ", "you must be logged in",
    // Credits standing alone.
    "photo: ", "photo by ", "photos: ", "photograph: ", "image: ", "image credit", "(image credit",
    "image source", "picture: ", "credit: ", "photo credit", "foto: "};

constexpr std::string_view kRelatedMarkers[] = {
    "related", "related reads", "related articles", "related stories", "related news",
    "related content", "related posts", "related coverage", "you may also like",
    "you might also like", "you may like", "you might like", "we recommend", "recommended",
    "recommended for you", "recommended stories", "read more", "read also", "also read", "see also",
    "more stories", "more news", "latest news", "latest stories", "latest", "trending", "most read",
    "most popular", "previous article", "next article", "recent articles", "recent posts",
    "recent stories", "popular posts", "popular stories", "popular articles", "popular this week",
    "popular now", "more articles", "editor's picks", "editors' picks", "top stories",
    "most viewed", "read next", "post navigation", "previous post", "next post", "more like this",
    "more stories like this", "want more stories like this", "further reading", "latest posts",
    "latest articles", "latest blogs", "latest blog posts",
    // Other languages.
    "você pode gostar", "leia também", "veja também", "leia mais", "notícias relacionadas",
    "mais lidas", "lea también", "te puede interesar", "también te puede interesar",
    "noticias relacionadas", "artículos relacionados", "lo más leído", "lire aussi", "à lire aussi",
    "sur le même sujet", "articles similaires", "lesen sie auch", "mehr zum thema",
    "das könnte sie auch interessieren", "meistgelesen", "leggi anche", "potrebbe interessarti",
    "ti potrebbe interessare", "articoli correlati", "lees ook", "czytaj także", "читайте также",
    "похожие статьи", "по теме", "関連記事", "相关文章", "相关阅读", "推荐阅读"};

constexpr std::string_view kRelatedPrefixes[] = {
    "more from ", "more on ",      "more in ",    "more stories from ", "read more about ",
    "also on ",   "other stories", "popular on ", "most popular ",      "самые популярные "};

// A link to the neighbouring post, with its title: "Previous Post: <title>", "Next article:".
constexpr std::string_view kNeighbourPrefixes[] = {
    "previous post:", "next post:", "previous article:", "next article:"};

// Tokens of class/id values that name chrome containers.
constexpr std::string_view kBoilerplateTokens[] = {
    "nav",       "navbar",       "navigation", "menu",        "breadcrumb",    "breadcrumbs",
    "footer",    "header",       "masthead",   "sidebar",     "aside",         "cta",
    "share",     "sharing",      "social",     "share-bar",   "sharebar",      "comment",
    "comments",  "disqus",       "related",    "recommended", "recirc",        "newsletter",
    "subscribe", "subscription", "signup",     "cookie",      "cookies",       "consent",
    "gdpr",      "banner",       "promo",      "advert",      "advertisement", "ads",
    "ad",        "sponsor",      "sponsored",  "popup",       "modal",         "paywall",
    "outbrain",  "taboola",      "teaser",     "tags",        "tag-list",      "skip",
    "caption",   "credit",       "credits",    "slideshow",
    // A forum post's author card and signature (phpBB, vBulletin, XenForo).
    "signature", "postprofile",  "userinfo",   "userdetails", "userextras",    "usertitle",
    "userbanner"};

// Tokens of class/id values that name an overlay: a cookie or consent dialog, a modal.
constexpr std::string_view kOverlayTokens[] = {"cookie", "cookies", "consent",
                                               "gdpr",   "modal",   "popup"};

// Whether `value` has a space-separated token ("share-bar"), or a part of one split on '-'
// and '_', that is in `tokens`, compared ASCII case-insensitively in place (this runs on every
// element of every page).
template <size_t N>
bool HasClassToken(std::string_view value, const std::string_view (&tokens)[N]) {
  auto is_token = [&](std::string_view t) {
    if (t.empty()) return false;
    return std::any_of(std::begin(tokens), std::end(tokens), [&](std::string_view k) {
      if (k.size() != t.size()) return false;
      for (size_t i = 0; i < k.size(); ++i) {
        if (LowerAscii(t[i]) != k[i]) return false;
      }
      return true;
    });
  };
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && value[i] == ' ') ++i;
    size_t j = i;
    while (j < value.size() && value[j] != ' ') ++j;
    if (is_token(value.substr(i, j - i))) return true;
    for (size_t k = i; k < j;) {
      size_t e = k;
      while (e < j && value[e] != '-' && value[e] != '_') ++e;
      if (e < j || k > i) {  // a part, not the whole token again
        if (is_token(value.substr(k, e - k))) return true;
      }
      k = e + 1;
    }
    i = j;
  }
  return false;
}

// "Image 1 of 5", "Photo 3 of 12": a gallery's counter (Normalize dropped the last number).
bool IsGalleryCounter(std::string_view n) {
  for (std::string_view word : {"image ", "photo ", "slide ", "picture "}) {
    if (!StartsWith(n, word)) continue;
    const std::string_view rest = n.substr(word.size());
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    return digits > 0 && rest.substr(digits) == " of";
  }
  return false;
}

// A caption that ends in its credit: "Protesters wore masks (Image: GETTY )".
bool EndsWithImageCredit(std::string_view n) {
  if (n.empty() || WordCount(n) > 60) return false;
  const size_t open = n.rfind('(');
  if (open == std::string_view::npos) return false;
  const std::string_view tail = n.substr(open + 1);
  if (tail.find(')') != std::string_view::npos) return false;  // the credit must end the block
  for (std::string_view label :
       {"image:", "photo:", "picture:", "pic:", "credit:", "ap photo", "photo by ", "image by "}) {
    if (StartsWith(tail, label)) return true;
  }
  return false;
}

// Words separated by ASCII space: never fewer than Normalize() leaves, so a block with more
// words than any rule looks at can be rejected before it is normalized.
// Counting stops past `limit`.
bool MoreWordsThan(std::string_view s, size_t limit) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    const bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (!sp && !in && ++n > limit) return true;
    in = !sp;
  }
  return false;
}

// Words of a forum member's stats as printed beside each post ("Posts: 1,234",
// "Joined: Feb 2015", "Likes received: 80", "Trophy points: 3", "12 likes", "Reply 4"). A
// block of only these words, numbers and month names, with one of the first list, is chrome.
constexpr std::string_view kMemberStatWords[] = {
    "posts", "messages",   "threads",    "topics",   "replies", "reply", "joined",
    "join",  "registered", "reputation", "reaction", "likes",   "karma", "trophy"};
constexpr std::string_view kMemberStatCompanions[] = {
    "post",   "date", "score",  "received",  "points",  "member",   "since",    "like",  "given",
    "thanks", "jan",  "feb",    "mar",       "apr",     "may",      "jun",      "jul",   "aug",
    "sep",    "sept", "oct",    "nov",       "dec",     "january",  "february", "march", "april",
    "june",   "july", "august", "september", "october", "november", "december"};

bool IsMemberStat(std::string_view n) {
  if (WordCount(n) > 12) return false;
  bool stat = false;
  size_t i = 0;
  while (i < n.size()) {
    size_t j = n.find(' ', i);
    if (j == std::string_view::npos) j = n.size();
    std::string_view w = n.substr(i, j - i);
    i = j + 1;
    while (!w.empty() && std::string_view(":,.#()").find(w.back()) != std::string_view::npos) {
      w.remove_suffix(1);
    }
    if (w.empty() || std::all_of(w.begin(), w.end(), [](char c) {
          return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == 'k';
        })) {
      continue;  // a count ("1,234", "1.2k")
    }
    if (Contains(kMemberStatWords, w)) {
      stat = true;
    } else if (!Contains(kMemberStatCompanions, w)) {
      return false;
    }
  }
  return stat;
}

// A cookie or tracking consent banner, however long its text: it opens by saying that the
// site uses cookies ("We use cookies to improve ...", "This website uses cookies so that
// ...", "In order to give you the best experience, we use cookies ...") and speaks of the
// reader's experience, consent or settings.
bool IsConsentBanner(const std::string& n) {
  bool opens = false;
  for (std::string_view opener :
       {"we use cookies", "this website uses cookies", "this site uses cookies",
        "our website uses cookies", "we and selected third parties use cookies",
        "we and our partners use cookies", "placement of cookies"}) {
    const size_t at = n.find(opener);
    opens |= at != std::string::npos && at <= 60;
  }
  if (!opens) return false;
  for (std::string_view word :
       {"experience", "agree", "consent", "accept", "preferences", "settings", "cookie policy"}) {
    if (n.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool IsChrome(std::string_view block) {
  if (MoreWordsThan(block, 120)) return false;  // longer than any banner, label or credit
  const std::string n = Normalize(block);
  if (n.empty()) return true;
  if (IsConsentBanner(n)) return true;
  if (MoreWordsThan(block, 60)) return false;  // longer than any label, credit or caption rule
  if (Contains(kChrome, n) || IsGalleryCounter(n) || EndsWithImageCredit(n)) return true;
  if (IsMemberStat(n)) return true;
  if (WordCount(n) <= 16) {
    for (std::string_view p : kChromePrefixes) {
      if (StartsWith(n, p)) return true;
    }
  }
  return false;
}

bool IsRelatedMarker(std::string_view block) {
  if (MoreWordsThan(block, 24)) return false;  // a neighbour's title is a headline's length
  const std::string n = Normalize(block);
  for (std::string_view p : kNeighbourPrefixes) {
    if (StartsWith(n, p)) return true;
  }
  if (MoreWordsThan(block, 8)) return false;  // the longest marker has six words
  if (Contains(kRelatedMarkers, n)) return true;
  if (WordCount(n) <= 6) {
    for (std::string_view p : kRelatedPrefixes) {
      if (StartsWith(n, p)) return true;
    }
  }
  return false;
}

bool IsBoilerplateClassOrId(std::string_view value) {
  return HasClassToken(value, kBoilerplateTokens);
}

bool IsOverlayClassOrId(std::string_view value) { return HasClassToken(value, kOverlayTokens); }

size_t FindAuthorRole(std::string_view name) {
  static constexpr std::string_view kRoles[] = {"correspondent", "editor",      "reporter",
                                                "writer",        "contributor", "columnist",
                                                "analyst",       "producer",    "journalist"};
  const std::string lower = text::AsciiLower(name);
  auto is_letter = [&](size_t i) { return text::IsAsciiLetter(lower[i]); };
  size_t first = std::string_view::npos;
  for (std::string_view role : kRoles) {
    // A whole word: "Editorial" in "Great Day Editorial Team" is no editor.
    for (size_t at = lower.find(role); at != std::string::npos; at = lower.find(role, at + 1)) {
      const size_t end = at + role.size();
      if ((at == 0 || !is_letter(at - 1)) && (end == lower.size() || !is_letter(end))) {
        first = std::min(first, at);
        break;
      }
    }
  }
  return first;
}

// Whether the words of `name` are written as a name is: each capitalised ("Jane Doe",
// "Ellen van der Berg"), or one word, as handles are ("paulb203"). Lowercase words in a longer
// phrase are prose ("blogger specializing", "a bartender", "Personal finance").
bool IsNameShaped(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kParticles = {
      "van", "der", "den", "de", "da", "di", "del", "von", "la", "le", "du", "bin", "al", "y"};
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < name.size()) {
    const size_t space = std::min(name.find(' ', start), name.size());
    if (space > start) words.push_back(name.substr(start, space - start));
    start = space + 1;
  }
  if (words.size() <= 1) return true;
  return std::all_of(words.begin(), words.end(), [](std::string_view w) {
    const bool lower = w[0] >= 'a' && w[0] <= 'z';
    return !lower || std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
  });
}

bool IsBylineLabel(std::string_view text) {
  static constexpr std::array<std::string_view, 13> kLabels = {
      "by",          "written by",   "author",      "authors",    "author(s)",
      "authored by", "words by",     "posted by",   "article by", "story by",
      "contributor", "contributors", "reporting by"};
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const std::string lower = text::AsciiLower(text);
  return std::find(kLabels.begin(), kLabels.end(), lower) != kLabels.end();
}

bool IsRelativeAge(std::string_view block) {
  if (MoreWordsThan(block, 16)) return false;  // 32 characters at most
  const std::string n = Normalize(block);
  if (n == "yesterday" || n == "today" || n == "just now") return true;
  if (n.size() < 5 || n.size() > 32) return false;
  if (n.compare(n.size() - 4, 4, " ago") != 0) return false;
  for (std::string_view unit :
       {"second", "minute", "min", "hour", "hr", "day", "week", "month", "year"}) {
    if (n.find(unit) != std::string::npos) return true;
  }
  return false;
}

bool IsBareAddress(std::string_view block) {
  if (MoreWordsThan(block, 3)) return false;  // one address, maybe trailing punctuation
  const std::string n = Normalize(block);
  if (n.empty() || n.find(' ') != std::string::npos) return false;
  const bool email = n.find('@') != std::string::npos && n.find('.') != std::string::npos;
  const bool handle = n.size() > 1 && n[0] == '@';
  // "twitter.com/jane": a host (letters, a dot) before the first slash.
  const std::string_view host = std::string_view(n).substr(0, n.find('/'));
  const bool has_host =
      host.size() < n.size() && host.find('.') != std::string_view::npos &&
      std::any_of(host.begin(), host.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  const bool url =
      StartsWith(n, "http://") || StartsWith(n, "https://") || StartsWith(n, "www.") || has_host;
  return email || handle || url;
}

// The share of `a`'s words (letters and digits, case-folded) that also occur in `b`.
double SharedWordShare(std::string_view a, std::string_view b) {
  auto words = [](std::string_view s) {
    std::vector<std::string> out;
    std::string w;
    for (size_t i = 0; i <= s.size(); ++i) {
      const char c = i < s.size() ? s[i] : ' ';
      const auto u = static_cast<unsigned char>(c);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || u >= 0x80) {
        w.push_back(text::AsciiLower(c));
      } else if (!w.empty()) {
        out.push_back(std::move(w));
        w.clear();
      }
    }
    return out;
  };
  const std::vector<std::string> wa = words(a);
  const std::vector<std::string> wb = words(b);
  if (wa.empty()) return 0;
  const auto shared = std::count_if(wa.begin(), wa.end(), [&](const std::string& w) {
    return std::find(wb.begin(), wb.end(), w) != wb.end();
  });
  return static_cast<double>(shared) / static_cast<double>(wa.size());
}

std::string_view WithoutPermalinkMark(std::string_view heading) {
  static constexpr std::string_view kPilcrow = "\xC2\xB6";
  while (heading.ends_with(kPilcrow)) heading.remove_suffix(kPilcrow.size());
  return heading;
}

bool IsMenuFacet(std::string_view text) {
  static constexpr std::string_view kFacets[] = {
      "industry",     "use case",    "use cases", "role",         "need",          "challenge",
      "user",         "type",        "category",  "collection",   "topic",         "subject",
      "service",      "solution",    "product",   "platform",     "feature",       "function",
      "department",   "team",        "team size", "company size", "business size", "size",
      "stage",        "goal",        "sector",    "region",       "location",      "occasion",
      "wine region",  "grape",       "weight",    "price",        "brand",         "manufacturer",
      "color",        "style",       "specialty", "modality",     "event type",    "audience",
      "persona",      "level",       "format",    "date",         "popularity",    "relevance",
      "rating",       "review",      "name",      "interest",     "channel",       "integration",
      "job function", "company type"};
  while (!text.empty() && (text.back() == ' ' || text.back() == ':')) text.remove_suffix(1);
  const std::string lower = text::AsciiLower(text);
  return std::find(std::begin(kFacets), std::end(kFacets), lower) != std::end(kFacets);
}

std::string BylineAsWritten(std::string_view text, const std::vector<std::string>& names) {
  if (names.empty()) return "";
  size_t pos = text.find(names[0]);
  if (pos == std::string::npos) return "";
  const size_t start = pos;
  pos += names[0].size();
  for (size_t i = 1; i < names.size(); ++i) {
    const size_t next = text.find(names[i], pos);
    if (next == std::string::npos) return "";
    std::string gap(text.substr(pos, next - pos));
    for (char& c : gap) {
      if (c == ',' || c == ';') c = ' ';
    }
    size_t w = 0;
    while (w < gap.size()) {
      const size_t end = std::min(gap.find(' ', w), gap.size());
      const std::string_view word = std::string_view(gap).substr(w, end - w);
      if (!word.empty() && word != "and" && word != "&" && word != "And" && word != "with") {
        return "";
      }
      w = end + 1;
    }
    pos = next + names[i].size();
  }
  // Elements laid out apart leave a space before a comma ("Ann Lee , Bo Chen").
  std::string out;
  for (char c : text.substr(start, pos - start)) {
    if ((c == ',' || c == ';') && !out.empty() && out.back() == ' ') out.pop_back();
    out.push_back(c);
  }
  return out;
}

}  // namespace storyline::extract

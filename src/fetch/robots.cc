#include "fetch/robots.h"
#include "text/ascii.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace storyline::fetch {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One form for paths and patterns (RFC 9309 §2.2.2): "%xx" of an unreserved character
// decoded, other escapes with uppercase hex, non-ASCII, controls and space encoded.
// '*' and '$' pass through, so a pattern and a URL path normalise alike.
std::string NormalizePath(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      const int h = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      const int l = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (h >= 0 && l >= 0) {
        c = static_cast<unsigned char>(h * 16 + l);
        i += 2;
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
          out += static_cast<char>(c);
          continue;
        }
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
        continue;
      }
    }
    if (c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// Whether `pattern` ('*' = any run) matches a prefix of `path` (all of it if `anchored`).
// Greedy with backtracking to the last '*': O(|pattern| * |path|) at worst.
bool Matches(std::string_view pattern, bool anchored, std::string_view path) {
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // anchored and text left: let the last '*' swallow more
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

// The product token of a user-agent value: its leading [A-Za-z_-] characters, lowercased.
std::string ProductToken(std::string_view value) {
  size_t n = 0;
  while (n < value.size() && (std::isalpha(static_cast<unsigned char>(value[n])) ||
                              value[n] == '_' || value[n] == '-')) {
    ++n;
  }
  return text::AsciiLower(value.substr(0, n));
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kOther };

Key KeyOf(std::string_view raw) {
  const std::string k = text::AsciiLower(text::TrimAscii(raw));
  if (k == "user-agent" || k == "useragent" || k == "user agent") return Key::kUserAgent;
  if (k == "allow") return Key::kAllow;
  if (k == "disallow" || k == "dissallow" || k == "disalow") return Key::kDisallow;
  if (k == "crawl-delay" || k == "crawldelay") return Key::kCrawlDelay;
  if (k == "sitemap" || k == "site-map") return Key::kSitemap;
  return Key::kOther;
}

std::optional<double> ParseSeconds(std::string_view v) {
  double d = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || end == v.data() || !std::isfinite(d) || d < 0) return std::nullopt;
  return d;
}

}  // namespace

Robots Robots::AllowAll() { return Robots(); }

Robots Robots::DisallowAll() {
  Robots r;
  r.rules_.push_back({"/", false, false, 1});
  return r;
}

Robots Robots::ForResponse(int http_status, std::string_view body, std::string_view product_token) {
  if (http_status >= 200 && http_status < 300) return Parse(body, product_token);
  if (http_status >= 400 && http_status < 500 && http_status != 429) return AllowAll();
  return DisallowAll();
}

Robots Robots::Parse(std::string_view body, std::string_view product_token) {
  if (body.size() > kMaxBytes) body = body.substr(0, kMaxBytes);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  const std::string token = ProductToken(product_token);

  struct Group {
    bool ours = false, star = false;
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };
  std::vector<Group> groups;
  bool in_agents = false;  // the previous record was a user-agent line
  Robots out;

  size_t i = 0;
  while (i < body.size()) {
    size_t end = body.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(i, end - i);
    i = end + 1;
    if (end + 1 < body.size() && body[end] == '\r' && body[end + 1] == '\n') ++i;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const Key key = KeyOf(line.substr(0, colon));
    const std::string_view value = text::TrimAscii(line.substr(colon + 1));
    switch (key) {
      case Key::kUserAgent: {
        if (!in_agents) groups.emplace_back();
        in_agents = true;
        if (value.substr(0, 1) == "*") {
          groups.back().star = true;
        } else if (!token.empty() && ProductToken(value) == token) {
          groups.back().ours = true;
        }
        break;
      }
      case Key::kAllow:
      case Key::kDisallow: {
        in_agents = false;
        if (groups.empty() || value.empty()) break;  // rules before any group; empty = none
        Rule rule;
        rule.allow = key == Key::kAllow;
        rule.specificity = value.size();
        std::string_view pattern = value;
        if (pattern.back() == '$') {
          rule.anchored = true;
          pattern.remove_suffix(1);
        }
        rule.pattern = NormalizePath(pattern);
        groups.back().rules.push_back(std::move(rule));
        break;
      }
      case Key::kCrawlDelay:
        in_agents = false;
        if (!groups.empty()) {
          if (auto d = ParseSeconds(value)) groups.back().crawl_delay = d;
        }
        break;
      case Key::kSitemap:
        if (!value.empty()) out.sitemaps_.emplace_back(value);
        break;
      case Key::kOther:
        break;
    }
  }

  const bool have_ours =
      std::any_of(groups.begin(), groups.end(), [](const Group& g) { return g.ours; });
  for (Group& g : groups) {
    if (!(have_ours ? g.ours : g.star)) continue;
    for (Rule& r : g.rules) out.rules_.push_back(std::move(r));
    if (g.crawl_delay) {
      out.crawl_delay_ = std::max(out.crawl_delay_.value_or(0.0), *g.crawl_delay);
    }
  }
  return out;
}

bool Robots::Allowed(std::string_view path_and_query) const {
  if (rules_.empty()) return true;
  std::string path = NormalizePath(path_and_query);
  if (path.empty() || path[0] != '/') path = "/" + path;
  if (path == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (best != nullptr && (rule.specificity < best->specificity ||
                            (rule.specificity == best->specificity && !rule.allow))) {
      continue;
    }
    if (Matches(rule.pattern, rule.anchored, path)) best = &rule;
  }
  return best == nullptr || best->allow;
}

}  // namespace storyline::fetch

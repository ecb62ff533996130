// robots.txt (RFC 9309): which paths a crawler may fetch from one host, and how slowly.
#ifndef STORYLINE_FETCH_ROBOTS_H_
#define STORYLINE_FETCH_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storyline::fetch {

// The rules of one robots.txt for one crawler (product token). A plain value: cheap to
// copy, safe to read from any thread.
//
// Parsing follows RFC 9309: records are grouped by user-agent lines (consecutive
// user-agent lines share a group; every group naming our product token, compared without
// case on the token's leading [A-Za-z_-] characters, is merged; if none does, the "*"
// groups are used; if there is none either, everything is allowed). Allow and Disallow
// paths match as prefixes with '*' (any run of characters) and a final '$' (end of URL);
// the longest pattern wins and Allow wins a tie. Paths and patterns are compared with
// percent-encoding normalised. "/robots.txt" itself is always allowed. Crawl-delay is read
// per group (seconds, fractions allowed); Sitemap lines are collected wherever they are.
class Robots {
 public:
  // Bytes of robots.txt read; the rest is ignored (RFC 9309 §2.5 asks for at least 500 KiB).
  static constexpr size_t kMaxBytes = 500 * 1024;

  Robots() = default;  // allows everything

  static Robots Parse(std::string_view body, std::string_view product_token);
  static Robots AllowAll();
  static Robots DisallowAll();
  // The rules for the outcome of fetching /robots.txt (RFC 9309 §2.3.1): a 2xx body is
  // parsed; 4xx ("unavailable") allows everything; 429, 5xx and no response (`http_status`
  // 0: unreachable) disallow everything. 429 counts as a server error, as Google's crawler
  // treats it: the site asked us to slow down, not told us it has no rules.
  static Robots ForResponse(int http_status, std::string_view body, std::string_view product_token);

  // Whether `path_and_query` ("/a/b?c", "" counts as "/") may be fetched.
  bool Allowed(std::string_view path_and_query) const;
  // The group's Crawl-delay in seconds, if it gave one.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  // Sitemap URLs in file order.
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  struct Rule {
    std::string pattern;  // normalised; without the trailing '$'
    bool anchored = false;
    bool allow = false;
    size_t specificity = 0;  // octets of the pattern as written, '$' included
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

}  // namespace storyline::fetch

#endif  // STORYLINE_FETCH_ROBOTS_H_

#include "extract/url.h"

#include <algorithm>
#include <array>
#include <vector>

namespace storyline::extract {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct Parts {
  std::string scheme;     // "http" / "https"
  std::string authority;  // host[:port], lowercased
  std::string path;       // from the first '/', without query and fragment
  std::string query;      // without '?'
};

bool Split(std::string_view url, Parts& p) {
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos) return false;
  p.scheme = Lower(url.substr(0, colon));
  if (p.scheme != "http" && p.scheme != "https") return false;
  std::string_view rest = url.substr(colon + 3);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  const size_t slash = rest.find_first_of("/?");
  p.authority = Lower(rest.substr(0, slash));
  if (p.authority.empty()) return false;
  if (const size_t at = p.authority.rfind('@'); at != std::string::npos) {
    p.authority = p.authority.substr(at + 1);  // drop credentials
  }
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const size_t q = rest.find('?');
  p.path = std::string(rest.substr(0, q));
  p.query = q == std::string_view::npos ? "" : std::string(rest.substr(q + 1));
  if (p.path.empty()) p.path = "/";
  return true;
}

bool IsTrackingParameter(std::string_view key) {
  static constexpr std::array<std::string_view, 14> kKeys = {
      "fbclid", "gclid", "dclid",   "msclkid", "mc_cid", "mc_eid", "yclid",
      "igshid", "_ga",   "ref_src", "cmpid",   "ocid",   "utm",    "at_medium"};
  const std::string k = Lower(key);
  if (k.rfind("utm_", 0) == 0) return true;
  return std::find(kKeys.begin(), kKeys.end(), k) != kKeys.end();
}

}  // namespace

bool IsHttpUrl(std::string_view s) {
  if (s.empty() || s.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  Parts p;
  return Split(s, p) && p.authority.find('.') != std::string::npos;
}

std::string CanonicalUrl(std::string_view url) {
  Parts p;
  if (!Split(url, p)) return "";
  if ((p.scheme == "http" && p.authority.size() > 3 &&
       p.authority.compare(p.authority.size() - 3, 3, ":80") == 0) ||
      (p.scheme == "https" && p.authority.size() > 4 &&
       p.authority.compare(p.authority.size() - 4, 4, ":443") == 0)) {
    p.authority.resize(p.authority.rfind(':'));
  }
  std::string query;
  size_t i = 0;
  while (i <= p.query.size() && !p.query.empty()) {
    size_t amp = p.query.find('&', i);
    if (amp == std::string::npos) amp = p.query.size();
    const std::string_view param(p.query.data() + i, amp - i);
    const std::string_view key = param.substr(0, param.find('='));
    if (!param.empty() && !IsTrackingParameter(key)) {
      if (!query.empty()) query += '&';
      query += param;
    }
    i = amp + 1;
  }
  std::string out = p.scheme + "://" + p.authority + p.path;
  if (!query.empty()) out += "?" + query;
  return out;
}

std::string HostOf(std::string_view url) {
  Parts p;
  if (!Split(url, p)) return "";
  std::string host = p.authority.substr(0, p.authority.find(':'));
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  if (ref.empty() || IsHttpUrl(ref)) return std::string(ref);
  Parts b;
  if (!Split(base, b)) return std::string(ref);
  if (ref.substr(0, 2) == "//") return b.scheme + ":" + std::string(ref);
  if (ref[0] == '/') return b.scheme + "://" + b.authority + std::string(ref);
  if (ref[0] == '#' || ref.substr(0, 7) == "mailto:" || ref.substr(0, 11) == "javascript:") {
    return std::string(ref);
  }
  const std::string dir = b.path.substr(0, b.path.rfind('/') + 1);
  return b.scheme + "://" + b.authority + dir + std::string(ref);
}

}  // namespace storyline::extract

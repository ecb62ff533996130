#include "fetch/url.h"

#include <libpsl.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "extract/url.h"

namespace storyline::fetch {
namespace {

struct UrlParts {
  std::string_view scheme;     // "http" / "https"
  std::string_view authority;  // host[:port]
  std::string_view path;       // from the first '/' (may be empty)
  std::string_view query;      // after '?', without it
  bool has_query = false;
};

// Splits an already canonical URL (extract::CanonicalUrl's output).
UrlParts SplitCanonical(std::string_view url) {
  UrlParts p;
  const size_t colon = url.find("://");
  p.scheme = url.substr(0, colon);
  std::string_view rest = url.substr(colon + 3);
  const size_t slash = rest.find_first_of("/?");
  p.authority = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const size_t q = rest.find('?');
  p.path = rest.substr(0, q);
  if (q != std::string_view::npos) {
    p.query = rest.substr(q + 1);
    p.has_query = true;
  }
  return p;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void AppendEncoded(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

// Percent-encoding normalised (RFC 3986 §6.2.2): "%7e" -> "~", "%2f" -> "%2F", a '%' not
// followed by two hex digits -> "%25", controls, space, DEL and non-ASCII bytes encoded.
std::string NormalizePercentEncoding(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '%') {
      const int h = i + 1 < s.size() ? HexValue(s[i + 1]) : -1;
      const int l = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (h < 0 || l < 0) {
        out += "%25";
        continue;
      }
      const auto decoded = static_cast<unsigned char>(h * 16 + l);
      if (IsUnreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        AppendEncoded(out, decoded);
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      AppendEncoded(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// RFC 3986 §5.2.4 remove_dot_segments, on a path starting with '/'.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t i = 1;  // after the leading '/'
  bool trailing_slash = false;
  while (i <= path.size()) {
    size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(i, end - i);
    const bool last = end == path.size();
    if (seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = last;
    } else {
      segments.push_back(seg);
      trailing_slash = false;
    }
    i = end + 1;
  }
  std::string out;
  for (std::string_view seg : segments) {
    out += '/';
    out += seg;
  }
  if (trailing_slash || out.empty()) out += '/';
  return out;
}

bool IsIpLiteral(std::string_view host) {
  if (host.find(':') != std::string_view::npos || host.find('[') != std::string_view::npos) {
    return true;  // IPv6
  }
  return !host.empty() && std::all_of(host.begin(), host.end(),
                                      [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// The public suffix list: the system's copy when newer than the built-in one. Loaded once,
// read-only afterwards (libpsl contexts are safe to share for lookups).
class PublicSuffixList {
 public:
  PublicSuffixList() : owned_(psl_latest(nullptr)) {
    ctx_ = owned_ != nullptr ? owned_ : psl_builtin();
  }
  ~PublicSuffixList() {
    if (owned_ != nullptr) psl_free(owned_);
  }
  PublicSuffixList(const PublicSuffixList&) = delete;
  PublicSuffixList& operator=(const PublicSuffixList&) = delete;
  const psl_ctx_t* get() const { return ctx_; }

 private:
  psl_ctx_t* owned_;
  const psl_ctx_t* ctx_ = nullptr;
};

}  // namespace

std::string NormalizeUrl(std::string_view url) {
  const std::string canonical = extract::CanonicalUrl(url);
  if (canonical.empty()) return "";
  const UrlParts p = SplitCanonical(canonical);
  if (p.authority.empty() || p.authority.find_first_of(" \t\r\n") != std::string_view::npos) {
    return "";
  }
  std::string out;
  out.reserve(canonical.size() + 8);
  out.append(p.scheme).append("://").append(p.authority);
  std::string path = NormalizePercentEncoding(p.path);
  if (path.empty() || path[0] != '/') path = "/" + path;
  out += RemoveDotSegments(path);
  if (p.has_query && !p.query.empty()) out.append("?").append(NormalizePercentEncoding(p.query));
  return out;
}

std::string RegistrableDomain(std::string_view host) {
  std::string h(host);
  std::transform(h.begin(), h.end(), h.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!h.empty() && h.back() == '.') h.pop_back();
  if (h.empty() || IsIpLiteral(h) || h.find('.') == std::string::npos) return h;
  static const PublicSuffixList list;
  const char* domain = psl_registrable_domain(list.get(), h.c_str());
  return domain == nullptr ? h : std::string(domain);
}

std::string HostKey(std::string_view url) {
  const std::string normalized = NormalizeUrl(url);
  if (normalized.empty()) return "";
  const UrlParts p = SplitCanonical(normalized);
  std::string key(p.scheme);
  key += "://";
  key += p.authority;
  const size_t bracket = p.authority.rfind(']');
  const size_t colon = p.authority.rfind(':');
  const bool has_port =
      colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket);
  if (!has_port) key += p.scheme == "https" ? ":443" : ":80";
  return key;
}

std::string PathAndQuery(std::string_view url) {
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos) return "/";
  const std::string_view rest = url.substr(colon + 3);
  const size_t slash = rest.find_first_of("/?");
  if (slash == std::string_view::npos) return "/";
  std::string out(rest.substr(slash));
  if (out[0] == '?') out = "/" + out;
  return out;
}

std::string ResolveAndNormalize(std::string_view base, std::string_view ref) {
  const std::string_view trimmed = [&] {
    std::string_view r = ref;
    while (!r.empty() && std::isspace(static_cast<unsigned char>(r.front()))) r.remove_prefix(1);
    while (!r.empty() && std::isspace(static_cast<unsigned char>(r.back()))) r.remove_suffix(1);
    return r;
  }();
  if (trimmed.empty()) return "";
  if (trimmed[0] == '?') {
    const std::string b = NormalizeUrl(base);
    if (b.empty()) return "";
    return NormalizeUrl(b.substr(0, b.find('?')) + std::string(trimmed));
  }
  // extract::ResolveUrl takes an absolute URL as is only when its host has a dot.
  const size_t colon = trimmed.find("://");
  if (colon != std::string_view::npos && trimmed.find_first_of("/?#") > colon) {
    return NormalizeUrl(trimmed);
  }
  return NormalizeUrl(extract::ResolveUrl(base, trimmed));
}

}  // namespace storyline::fetch

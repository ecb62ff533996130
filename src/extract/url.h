// URL identity: one page, one canonical URL.
#ifndef STORYLINE_EXTRACT_URL_H_
#define STORYLINE_EXTRACT_URL_H_

#include <string>
#include <string_view>

namespace storyline::extract {

// True for an absolute http(s) URL with a host and no white space.
bool IsHttpUrl(std::string_view s);

// The URL normalized for identity: scheme and host lowercased, default port, fragment,
// tracking parameters (utm_*, fbclid, gclid, ...) and a trailing "?" or "#" removed.
// Returns "" when `url` is not an http(s) URL.
std::string CanonicalUrl(std::string_view url);

// The host without "www." ("sputnikglobe.com"), "" if none.
std::string HostOf(std::string_view url);

// `ref` resolved against `base` (absolute, root-relative "/x", scheme-relative "//h/x" or
// path-relative "x"). Returns `ref` unchanged when it cannot be resolved.
std::string ResolveUrl(std::string_view base, std::string_view ref);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_URL_H_

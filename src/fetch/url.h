// URL identity for fetching: the URL a page is fetched and remembered under, its
// registrable domain and its politeness unit (scheme, host and port).
#ifndef STORYLINE_FETCH_URL_H_
#define STORYLINE_FETCH_URL_H_

#include <string>
#include <string_view>

namespace storyline::fetch {

// The URL a page is fetched and remembered under: extract::CanonicalUrl (scheme and host
// lowercased, default port, fragment and tracking parameters removed) plus: an empty path
// becomes "/", dot segments are removed, percent-encoding is normalised (hex digits
// uppercased, unreserved characters decoded, stray '%' encoded) and bytes a URL cannot
// carry (controls, space, non-ASCII) are percent-encoded. "" if `url` is not http(s).
std::string NormalizeUrl(std::string_view url);

// The registrable domain ("bbc.co.uk" for "news.bbc.co.uk"), from libpsl's built-in list
// or the system's newer copy (never downloaded). The host itself (lowercased) for IP
// addresses, "localhost", single labels and public suffixes.
std::string RegistrableDomain(std::string_view host);

// "scheme://host:port" with the port always written ("https://example.com:443"): the unit
// the fetcher is polite to. "" if `url` is not http(s).
std::string HostKey(std::string_view url);

// The path and query of `url` ("/a/b?c=d"), "/" if it has none. `url` should be normalised.
std::string PathAndQuery(std::string_view url);

// `ref` (a Location header, a link) resolved against `base` and normalised; also handles
// query-only ("?p=2") and dot-segment references. "" if the result is not http(s).
std::string ResolveAndNormalize(std::string_view base, std::string_view ref);

}  // namespace storyline::fetch

#endif  // STORYLINE_FETCH_URL_H_

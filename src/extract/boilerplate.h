// Site chrome, in words: the lexicon both extractors use to recognise what is not the
// article. Matching is on whole blocks (a line, a heading, an element's text), case- and
// space-insensitive, so an article sentence that merely contains "share" is never chrome.
#ifndef STORYLINE_EXTRACT_BOILERPLATE_H_
#define STORYLINE_EXTRACT_BOILERPLATE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace storyline::extract {

// A block that is site chrome on its own: "Sign Up", "Share this article", "Advertisement",
// "No time to read?", "Get a summary", "Comments", "Hashtags", "Subscribe to our newsletter",
// and image furniture: "Caption", "Back to Gallery", "Image 1 of 5", "Photo: Jane Doe, AP",
// a caption ending in its credit ("… (Image: GETTY)"), a forum member's stats beside a post
// ("Posts: 1,234", "Joined: Feb 2015", "12 likes").
bool IsChrome(std::string_view block);

// A block that starts an appended list of other articles: "Related Reads",
// "You may also like", "Related Articles", "Read more", "More from Sputnik",
// "Recommended", "Latest news", "Previous Article", "Next Article".
bool IsRelatedMarker(std::string_view block);

// A class or id attribute value whose tokens name a chrome container ("share-bar",
// "related-posts", "comments", "newsletter", "cookie-banner", "sidebar", "nav").
bool IsBoilerplateClassOrId(std::string_view attribute_value);

// A class or id attribute value whose tokens name an overlay, whose text is never the page's:
// "cookie-banner", "onetrust-consent-sdk", "newsletter-modal", "exit_popup".
bool IsOverlayClassOrId(std::string_view attribute_value);

// A block that is only an address: an email, a URL, a social handle ("jane@paper.com",
// "twitter.com/jane", "@jane"), as signatures under articles print them.
bool IsBareAddress(std::string_view block);

// A relative age as teaser lists print it: "18 minutes ago", "an hour ago", "yesterday".
bool IsRelativeAge(std::string_view block);

// Where `name` holds a job title that bylines print beside a name ("Senior Analyst",
// "Executive Digital Editor", "Moscow correspondent"), case-insensitively: the byte offset
// of the first such word, or npos.
size_t FindAuthorRole(std::string_view name);

// Whether the words of `name` are written as a name is: each capitalised ("Jane Doe", "Ellen
// van der Berg"), or one word, as handles are ("paulb203").
bool IsNameShaped(std::string_view name);

// The authors as `text` (a byline, its spaces collapsed) writes them together: the stretch
// from the first of `names` to the last, when they appear in it in order with nothing but
// commas, semicolons, "and", "&", "with" and spaces between them ("Ann Lee, Bo Chen and Cy
// Diaz"); "" otherwise.
std::string BylineAsWritten(std::string_view text, const std::vector<std::string>& names);

// Whether `text` only says that names follow, a byline's label on its own: "By", "Written
// by:", "Author", "Contributors:" (case-insensitive; a trailing colon and spaces allowed).
bool IsBylineLabel(std::string_view text);

// The share of `a`'s words (letters and digits, case-folded) that also occur in `b`: how
// much of a heading a page's <title> or og:title repeats.
double SharedWordShare(std::string_view a, std::string_view b);

// `heading` without the permalink marks documentation sites end headings with
// ("Advanced Usage¶").
std::string_view WithoutPermalinkMark(std::string_view heading);

// Whether `text` is what a site's menu or a shop's filter sorts by, which a "By ..." line
// names instead of a writer: "Industry", "Use Case", "Company Size", "Wine Region"
// (case-insensitive).
bool IsMenuFacet(std::string_view text);

}  // namespace storyline::extract

#endif  // STORYLINE_EXTRACT_BOILERPLATE_H_

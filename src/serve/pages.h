// The web pages, server-rendered. Every string that comes from an article, a person or a
// query goes through HtmlWriter::Text/Attr/Link (see html.h); pages load /static/app.js and
// /static/style.css only (the CSP forbids inline script and style) and work without script.
#ifndef STORYLINE_SERVE_PAGES_H_
#define STORYLINE_SERVE_PAGES_H_

#include <string>
#include <utility>
#include <vector>

#include "serve/views.h"

namespace storyline::serve {

std::string HomePage(const StoryPage& page, const std::string& outlet,
                     const std::vector<std::pair<std::string, int64_t>>& outlets);
std::string StoryHtml(const StoryView& view);
std::string PersonHtml(const PersonView& view);
std::string ArticleHtml(const ArticleView& view, const std::vector<search::Hit>& related);
std::string SearchHtml(const SearchView& view);
std::string PeopleHtml(const std::vector<PersonRecord>& people);
// A search snippet (escaped text with <mark>) as is, or escaped again if it holds other markup.
std::string SafeSnippet(std::string_view snippet);
std::string ErrorHtml(int status, const std::string& message);

// "2025-11-07 12:28" (or the date alone; "" when unknown).
std::string ShortDate(const std::optional<Timestamp>& t);

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_PAGES_H_

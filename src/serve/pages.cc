#include "serve/pages.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "extract/url.h"
#include "serve/html.h"

namespace storyline::serve {
namespace {

// "1 article", "2 articles".
std::string Count(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Id(int64_t id) { return std::to_string(id); }

void Header(HtmlWriter& h, std::string_view title) {
  h.Raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>")
      .Text(title)
      .Raw(" · storyline</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
           "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
           "<script src=\"/static/app.js\" defer></script></head><body>"
           "<header class=\"top\"><a class=\"brand\" href=\"/\">storyline</a>"
           "<nav><a href=\"/\">Stories</a><a href=\"/people\">People</a>"
           "<a href=\"/api/openapi.json\">API</a></nav>"
           "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
           "<input type=\"search\" name=\"q\" placeholder=\"Search articles\" "
           "aria-label=\"Search articles\"></form></header><main>");
}

std::string Footer(HtmlWriter& h) {
  h.Raw("</main><footer>storyline · news intelligence on the embedded store</footer>"
        "</body></html>\n");
  return h.Take();
}

void Outlets(HtmlWriter& h, const std::vector<std::string>& outlets) {
  h.Raw("<ul class=\"outlets\">");
  for (const std::string& o : outlets) {
    h.Raw("<li>").Link("/?outlet=" + UrlEncode(o), o, "outlet").Raw("</li>");
  }
  h.Raw("</ul>");
}

std::string Title(const std::string& title) { return title.empty() ? "(no title)" : title; }

// The outlet an article is shown under: its outlet, else the host of its URL, else "(unknown)".
std::string OutletLabel(const Article& a) {
  if (!a.outlet.empty()) return a.outlet;
  for (const std::string* url : {&a.url, &a.canonical_url}) {
    std::string host = extract::HostOf(*url);
    if (!host.empty()) return host;
  }
  return "(unknown)";
}

void QuoteBlock(HtmlWriter& h, const StoredQuote& q, bool show_source) {
  h.Raw("<figure class=\"quote\"><blockquote>").Text(q.content).Raw("</blockquote><figcaption>");
  bool said_who = true;
  if (!q.speaker.empty()) {
    h.Link("/people/" + UrlEncode(q.speaker), q.speaker_name.empty() ? q.speaker : q.speaker_name);
  } else if (!q.speaker_name.empty() || !q.source.empty()) {
    h.Text(q.speaker_name.empty() ? q.source : q.speaker_name);
  } else {
    said_who = false;
  }
  if (show_source) {
    if (said_who) h.Raw(" · ");
    h.Link("/articles/" + Id(q.article_id), q.outlet.empty() ? "article" : q.outlet);
    const std::string date = ShortDate(q.published);
    if (!date.empty()) h.Raw(" · <time>").Text(date).Raw("</time>");
  }
  h.Raw("</figcaption></figure>");
}

// One row per outlet, a dot per dated article, linked to its entry below.
void Timeline(HtmlWriter& h, const StoryView& view) {
  std::vector<std::string> outlets;
  int64_t lo = std::numeric_limits<int64_t>::max();
  int64_t hi = std::numeric_limits<int64_t>::min();
  for (const Article& a : view.articles) {
    if (!a.published) continue;
    const std::string outlet = OutletLabel(a);
    if (std::find(outlets.begin(), outlets.end(), outlet) == outlets.end()) {
      outlets.push_back(outlet);
    }
    lo = std::min(lo, a.published->ToUnixSeconds());
    hi = std::max(hi, a.published->ToUnixSeconds());
  }
  if (outlets.empty()) {
    h.Raw("<section><h2>Coverage over time</h2><p class=\"empty\">No article of this story "
          "states when it was published.</p></section>");
    return;
  }
  const int left = 170;
  const int width = 800;
  const int row = 28;
  const int height = static_cast<int>(outlets.size()) * row + 30;
  const double span = hi > lo ? static_cast<double>(hi - lo) : 1.0;
  h.Raw("<section><h2>Coverage over time</h2><svg class=\"timeline\" role=\"img\" "
        "aria-label=\"Articles by outlet over time\" viewBox=\"0 0 ")
      .Raw(std::to_string(width))
      .Raw(" ")
      .Raw(std::to_string(height))
      .Raw("\" xmlns=\"http://www.w3.org/2000/svg\">");
  for (size_t i = 0; i < outlets.size(); ++i) {
    const int y = static_cast<int>(i) * row + 18;
    h.Raw("<text x=\"4\" y=\"").Raw(std::to_string(y + 4)).Raw("\" class=\"tl-label\">");
    h.Text(outlets[i].size() > 24 ? outlets[i].substr(0, 22) + "…" : outlets[i]);
    h.Raw("</text><line x1=\"").Raw(std::to_string(left)).Raw("\" x2=\"")
        .Raw(std::to_string(width - 10)).Raw("\" y1=\"").Raw(std::to_string(y))
        .Raw("\" y2=\"").Raw(std::to_string(y)).Raw("\" class=\"tl-axis\"/>");
  }
  for (const Article& a : view.articles) {
    if (!a.published) continue;
    const std::string outlet = OutletLabel(a);
    const size_t i = static_cast<size_t>(
        std::find(outlets.begin(), outlets.end(), outlet) - outlets.begin());
    const double x = left + 10 + (width - left - 30) *
                                     static_cast<double>(a.published->ToUnixSeconds() - lo) / span;
    const int y = static_cast<int>(i) * row + 18;
    char cx[32];
    std::snprintf(cx, sizeof cx, "%.1f", x);
    h.Raw("<a href=\"#a-").Raw(Id(a.id)).Raw("\"><circle cx=\"").Raw(cx).Raw("\" cy=\"")
        .Raw(std::to_string(y)).Raw("\" r=\"6\" class=\"")
        .Raw(a.duplicate_of ? "tl-dot tl-copy" : "tl-dot").Raw("\"><title>");
    h.Text(outlet + " · " + ShortDate(a.published) + " · " + Title(a.title));
    h.Raw("</title></circle></a>");
  }
  h.Raw("<text x=\"").Raw(std::to_string(left)).Raw("\" y=\"").Raw(std::to_string(height - 4))
      .Raw("\" class=\"tl-tick\">");
  h.Text(ShortDate(view.story.first_published));
  h.Raw("</text><text x=\"").Raw(std::to_string(width - 10)).Raw("\" y=\"")
      .Raw(std::to_string(height - 4)).Raw("\" class=\"tl-tick\" text-anchor=\"end\">");
  h.Text(ShortDate(view.story.last_published));
  h.Raw("</text></svg></section>");
}

void ArticleEntry(HtmlWriter& h, const Article& a) {
  h.Raw("<span class=\"when\">").Text(ShortDate(a.published)).Raw("</span> ");
  h.Link("/articles/" + Id(a.id), Title(a.title));
  if (!a.relation.empty()) {
    h.Raw(" <span class=\"badge\">").Text(a.relation).Raw("</span>");
  }
}

}  // namespace

std::string ShortDate(const std::optional<Timestamp>& t) {
  if (!t) return "";
  char buf[32];
  if (t->has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t->year, t->month, t->day, t->hour,
                  t->minute);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t->year, t->month, t->day);
  }
  return buf;
}

std::string HomePage(const StoryPage& page, const std::string& outlet,
                     const std::vector<std::pair<std::string, int64_t>>& outlets) {
  HtmlWriter h;
  Header(h, outlet.empty() ? "Latest stories" : "Stories from " + outlet);
  h.Raw("<h1>").Text(outlet.empty() ? "Latest stories" : "Stories covered by " + outlet)
      .Raw("</h1>");
  h.Raw("<form class=\"filter\" action=\"/\" method=\"get\"><label for=\"outlet\">Outlet</label> "
        "<select id=\"outlet\" name=\"outlet\" data-autosubmit><option value=\"\">All outlets"
        "</option>");
  for (const auto& [name, n] : outlets) {
    h.Raw("<option").Attr("value", name);
    if (name == outlet) h.Raw(" selected");
    h.Raw(">").Text(name + " (" + std::to_string(n) + ")").Raw("</option>");
  }
  h.Raw("</select> <button type=\"submit\">Filter</button></form>");
  if (page.stories.empty()) h.Raw("<p class=\"empty\">No stories yet.</p>");
  h.Raw("<ol class=\"stories\">");
  for (const Story& s : page.stories) {
    h.Raw("<li class=\"story\"><h2>").Link("/stories/" + Id(s.id), Title(s.title)).Raw("</h2>");
    h.Raw("<p class=\"meta\">").Text(Count(s.article_ids.size(), "article", "articles"));
    const std::string date = ShortDate(s.first_published);
    if (!date.empty()) h.Raw(" · <time>").Text(date).Raw("</time>");
    h.Raw("</p>");
    Outlets(h, s.outlets);
    if (!s.summary.empty()) {
      h.Raw("<p class=\"summary\">");
      for (const SummaryLine& line : s.summary) h.Text(line.text).Raw(" ");
      h.Raw("</p>");
    }
    h.Raw("</li>");
  }
  h.Raw("</ol>");
  if (page.next_before) {
    std::string href = "/?before=" + Id(*page.next_before);
    if (!outlet.empty()) href += "&outlet=" + UrlEncode(outlet);
    h.Raw("<p class=\"pager\">").Link(href, "Older stories →").Raw("</p>");
  }
  return Footer(h);
}

std::string StoryHtml(const StoryView& view) {
  const Story& s = view.story;
  HtmlWriter h;
  Header(h, Title(s.title));
  h.Raw("<article class=\"story-page\"><h1>").Text(Title(s.title)).Raw("</h1><p class=\"meta\">");
  h.Text(Count(s.article_ids.size(), "article", "articles") + " · " + ShortDate(s.first_published) +
         " – " + ShortDate(s.last_published));
  h.Raw("</p>");
  Outlets(h, s.outlets);
  if (!s.summary.empty()) {
    h.Raw("<section class=\"summary\"><h2>Summary</h2><p>");
    for (const SummaryLine& line : s.summary) {
      h.Text(line.text).Raw("<sup class=\"cite\">");
      h.Link("#a-" + Id(line.article_id), line.outlet.empty() ? "source" : line.outlet);
      h.Raw("</sup> ");
    }
    h.Raw("</p></section>");
  }
  Timeline(h, view);
  const auto& cov = view.coverage.coverage;
  if (cov.outlets.size() > 1) {
    std::map<int64_t, const Article*> by_id;
    for (const Article& a : view.articles) by_id.emplace(a.id, &a);
    h.Raw("<section class=\"coverage\"><h2>What each outlet adds</h2>");
    for (const summarize::OutletCoverage& o : cov.outlets) {
      const int64_t aid =
          o.article < view.coverage.article_ids.size() ? view.coverage.article_ids[o.article] : 0;
      const auto found = by_id.find(aid);
      const Article* article = found == by_id.end() ? nullptr : found->second;
      const std::string outlet =
          !o.outlet.empty() ? o.outlet : article ? OutletLabel(*article) : "(unknown)";
      h.Raw("<details class=\"cov\" open><summary>").Text(outlet);
      h.Raw(" <span class=\"muted\">").Text(std::to_string(o.only_here.size()) + " only here")
          .Raw("</span></summary>");
      if (aid != 0) {
        const bool titled = article && !article->title.empty();
        h.Raw("<p class=\"cov-article\">")
            .Link("/articles/" + Id(aid), titled ? article->title : "article " + Id(aid));
        const std::string date = article ? ShortDate(article->published) : "";
        if (!date.empty()) h.Raw(" <time class=\"muted\">").Text(date).Raw("</time>");
        h.Raw("</p>");
      }
      if (!o.only_here.empty()) {
        h.Raw("<ul>");
        for (const auto& sentence : o.only_here) h.Raw("<li>").Text(sentence.text).Raw("</li>");
        h.Raw("</ul>");
      }
      for (const summarize::OutletQuote& q : o.quotes) {
        if (!q.only_here || !IsStatement(q.quote.content.text)) continue;
        std::string who = q.quote.speaker_name;
        if (who.empty() && q.quote.source) who = q.quote.source->text;
        h.Raw("<p class=\"only-quote\">Only here: “").Text(q.quote.content.text).Raw("”");
        if (!who.empty()) h.Raw(" — ").Text(who);
        h.Raw("</p>");
      }
      h.Raw("</details>");
    }
    if (!cov.wording.empty()) {
      h.Raw("<h3>Different wording</h3><table class=\"wording\"><thead><tr><th>One says</th>"
            "<th>Another says</th><th>Pairs</th></tr></thead><tbody>");
      for (const summarize::WordingDifference& w : cov.wording) {
        h.Raw("<tr><td>").Text(w.a).Raw("</td><td>").Text(w.b).Raw("</td><td>")
            .Text(std::to_string(w.count)).Raw("</td></tr>");
      }
      h.Raw("</tbody></table>");
    }
    h.Raw("</section>");
  }
  if (!view.key_quotes.empty()) {
    h.Raw("<section><h2>Key quotes</h2>");
    for (const StoredQuote& q : view.key_quotes) QuoteBlock(h, q, true);
    h.Raw("</section>");
  }
  if (!view.people.empty()) {
    h.Raw("<section><h2>People</h2><ul class=\"people\">");
    for (const PersonRecord& p : view.people) {
      h.Raw("<li>").Link("/people/" + UrlEncode(p.id), p.name.empty() ? p.id : p.name);
      if (!p.roles.empty()) h.Raw(" <span class=\"muted\">").Text(p.roles.front()).Raw("</span>");
      h.Raw("</li>");
    }
    h.Raw("</ul></section>");
  }
  // Articles by outlet; copies (exact, near) folded under the original they copy.
  std::map<int64_t, std::vector<const Article*>> copies;
  std::set<int64_t> here;
  for (const Article& a : view.articles) here.insert(a.id);
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Article*>> by_outlet;
  for (const Article& a : view.articles) {
    if (a.duplicate_of && a.relation != "rewrite" && here.count(*a.duplicate_of)) {
      copies[*a.duplicate_of].push_back(&a);
      continue;
    }
    const std::string outlet = OutletLabel(a);
    if (!by_outlet.count(outlet)) order.push_back(outlet);
    by_outlet[outlet].push_back(&a);
  }
  h.Raw("<section class=\"articles\"><h2>Articles</h2>");
  for (const std::string& outlet : order) {
    h.Raw("<h3>").Text(outlet).Raw("</h3><ul>");
    for (const Article* a : by_outlet[outlet]) {
      h.Raw("<li").Attr("id", "a-" + Id(a->id)).Raw(">");
      ArticleEntry(h, *a);
      auto it = copies.find(a->id);
      if (it != copies.end()) {
        h.Raw("<details class=\"copies\"><summary>")
            .Text(std::to_string(it->second.size()) +
                  (it->second.size() == 1 ? " copy" : " copies"))
            .Raw("</summary><ul>");
        for (const Article* c : it->second) {
          h.Raw("<li").Attr("id", "a-" + Id(c->id)).Raw(">");
          h.Text(OutletLabel(*c)).Raw(": ");
          ArticleEntry(h, *c);
          h.Raw("</li>");
        }
        h.Raw("</ul></details>");
      }
      h.Raw("</li>");
    }
    h.Raw("</ul>");
  }
  h.Raw("</section></article>");
  return Footer(h);
}

std::string PersonHtml(const PersonView& view) {
  const PersonRecord& p = view.person;
  HtmlWriter h;
  Header(h, p.name.empty() ? p.id : p.name);
  h.Raw("<article class=\"person-page\"><h1>").Text(p.name.empty() ? p.id : p.name).Raw("</h1>");
  if (!p.roles.empty()) {
    h.Raw("<ul class=\"roles\">");
    for (const std::string& r : p.roles) h.Raw("<li>").Text(r).Raw("</li>");
    h.Raw("</ul>");
  }
  h.Raw("<p class=\"meta\">")
      .Text(Count(static_cast<size_t>(p.mentions), "mention", "mentions") + " · " +
            Count(view.quotes.size(), "statement", "statements"))
      .Raw("</p>");
  if (!view.stories.empty()) {
    h.Raw("<section><h2>Stories</h2><ul>");
    for (const StoryRecord& s : view.stories) {
      h.Raw("<li>").Link("/stories/" + Id(s.id), Title(s.title)).Raw("</li>");
    }
    h.Raw("</ul></section>");
  }
  h.Raw("<section><h2>Statements over time</h2>");
  if (view.quotes.empty()) h.Raw("<p class=\"empty\">No statements found.</p>");
  h.Raw("<ol class=\"statements\">");
  std::string day;
  for (const StoredQuote& q : view.quotes) {
    const std::string d = q.published ? ShortDate(q.published).substr(0, 10) : "undated";
    if (d != day) {
      h.Raw("<li class=\"day\"><h3><time>").Text(d).Raw("</time></h3></li>");
      day = d;
    }
    h.Raw("<li>");
    QuoteBlock(h, q, true);
    h.Raw("</li>");
  }
  h.Raw("</ol></section></article>");
  return Footer(h);
}

std::string ArticleHtml(const ArticleView& view, const std::vector<search::Hit>& related) {
  const Article& a = view.article;
  HtmlWriter h;
  Header(h, Title(a.title));
  h.Raw("<article class=\"article-page\"><h1>").Text(Title(a.title)).Raw("</h1>");
  h.Raw("<dl class=\"facts\">");
  if (!a.outlet.empty()) {
    h.Raw("<dt>Outlet</dt><dd>").Link("/?outlet=" + UrlEncode(a.outlet), a.outlet).Raw("</dd>");
  }
  if (a.published) h.Raw("<dt>Published</dt><dd><time>").Text(ShortDate(a.published)).Raw("</time></dd>");
  if (!a.authors.empty()) {
    h.Raw("<dt>By</dt><dd>");
    for (size_t i = 0; i < a.authors.size(); ++i) h.Text(i ? ", " : "").Text(a.authors[i]);
    h.Raw("</dd>");
  }
  const std::string original_url = SafeHref(a.url.empty() ? a.canonical_url : a.url);
  if (!original_url.empty()) {
    h.Raw("<dt>Original</dt><dd>").Link(original_url, original_url, "original").Raw("</dd>");
  }
  if (view.story) {
    h.Raw("<dt>Story</dt><dd>").Link("/stories/" + Id(view.story->id), Title(view.story->title))
        .Raw("</dd>");
  }
  if (view.original) {
    h.Raw("<dt>").Text(a.relation.empty() ? "Copy" : a.relation).Raw(" of</dt><dd>")
        .Link("/articles/" + Id(view.original->id), Title(view.original->title)).Raw("</dd>");
  }
  if (!a.language.empty()) h.Raw("<dt>Language</dt><dd>").Text(a.language).Raw("</dd>");
  h.Raw("</dl>");
  if (!a.tags.empty()) {
    h.Raw("<ul class=\"tags\">");
    for (const std::string& t : a.tags) h.Raw("<li>").Text(t).Raw("</li>");
    h.Raw("</ul>");
  }
  if (!view.summary.empty()) {
    h.Raw("<section class=\"summary\"><h2>Summary</h2><ul>");
    for (const TextSpan& s : view.summary) h.Raw("<li>").Text(s.text).Raw("</li>");
    h.Raw("</ul></section>");
  }
  h.Raw("<section class=\"text\">");
  if (a.paragraphs.empty()) {
    h.Raw("<p>").Text(a.text).Raw("</p>");
  } else {
    for (const std::string& p : a.paragraphs) h.Raw("<p>").Text(p).Raw("</p>");
  }
  h.Raw("</section>");
  if (!view.people.empty()) {
    h.Raw("<section><h2>People</h2><ul class=\"people\">");
    for (const PersonRecord& p : view.people) {
      h.Raw("<li>").Link("/people/" + UrlEncode(p.id), p.name.empty() ? p.id : p.name).Raw("</li>");
    }
    h.Raw("</ul></section>");
  }
  if (!view.quotes.empty()) {
    h.Raw("<section><h2>Quotes</h2>");
    for (const StoredQuote& q : view.quotes) QuoteBlock(h, q, false);
    h.Raw("</section>");
  }
  if (!related.empty()) {
    h.Raw("<section class=\"related\"><h2>Related articles</h2><ul>");
    for (const search::Hit& hit : related) {
      h.Raw("<li>").Link("/articles/" + Id(hit.article_id), Title(hit.title));
      h.Raw(" <span class=\"muted\">").Text(hit.outlet + " " + ShortDate(hit.published))
          .Raw("</span></li>");
    }
    h.Raw("</ul></section>");
  }
  h.Raw("</article>");
  return Footer(h);
}

std::string SafeSnippet(std::string_view snippet) {
  // The index escapes its snippets and adds <mark> only; a snippet with any other tag is
  // escaped whole (quotes and ampersands in element text cannot start markup).
  std::string rest(snippet);
  for (const char* tag : {"<mark>", "</mark>"}) {
    for (size_t at = rest.find(tag); at != std::string::npos; at = rest.find(tag)) {
      rest.erase(at, std::string_view(tag).size());
    }
  }
  if (rest.find_first_of("<>") != std::string::npos) return EscapeHtml(snippet);
  return std::string(snippet);
}

std::string SearchHtml(const SearchView& view) {
  const SearchParams& p = view.params;
  HtmlWriter h;
  Header(h, p.q.empty() ? "Search" : "Search: " + p.q);
  h.Raw("<h1>Search</h1><form class=\"filter\" action=\"/search\" method=\"get\">"
        "<input type=\"search\" name=\"q\" aria-label=\"Search words\"");
  h.Attr("value", p.q);
  h.Raw("> <select name=\"sort\" aria-label=\"Order\"><option value=\"\">Most relevant</option>"
        "<option value=\"date\"");
  if (p.by_date) h.Raw(" selected");
  h.Raw(">Newest first</option></select>");
  auto hidden = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    h.Raw("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Raw(">");
  };
  hidden("outlet", p.outlet);
  hidden("person", p.person);
  hidden("speaker", p.speaker);
  hidden("month", p.month);
  h.Raw(" <button type=\"submit\">Search</button></form>");
  if (!view.available) {
    h.Raw("<p class=\"empty\">Search is not available on this server.</p>");
    return Footer(h);
  }
  auto person_name = [&](const std::string& id) -> const std::string& {
    const auto it = view.person_names.find(id);
    return it == view.person_names.end() ? id : it->second;
  };
  if (!p.outlet.empty() || !p.person.empty() || !p.speaker.empty() || !p.month.empty()) {
    h.Raw("<p class=\"active-filters\">Filters: ");
    auto chip = [&](std::string_view label, const std::string& value, SearchParams without) {
      if (value.empty()) return;
      without.offset = 0;
      const bool person = label == "person" || label == "speaker";
      h.Raw("<span class=\"badge\">")
          .Text(std::string(label) + ": " + (person ? person_name(value) : value))
          .Raw(" ")
          .Link(SearchHref(without), "✕").Raw("</span> ");
    };
    SearchParams w = p;
    w.outlet.clear();
    chip("outlet", p.outlet, w);
    w = p;
    w.person.clear();
    chip("person", p.person, w);
    w = p;
    w.speaker.clear();
    chip("speaker", p.speaker, w);
    w = p;
    w.month.clear();
    chip("month", p.month, w);
    h.Raw("</p>");
  }
  if (!view.error.empty()) {
    h.Raw("<p class=\"error\">").Text(view.error).Raw("</p>");
    return Footer(h);
  }
  if (!view.results) return Footer(h);
  const search::SearchResults& r = *view.results;
  if (!r.suggestion.empty()) {
    SearchParams s = p;
    s.q = r.suggestion;
    s.offset = 0;
    h.Raw("<p class=\"suggestion\">Did you mean ").Link(SearchHref(s), r.suggestion).Raw("?</p>");
  }
  h.Raw("<p class=\"meta\">")
      .Text(Count(static_cast<size_t>(r.matches_estimated), "match", "matches"))
      .Raw("</p>");
  h.Raw("<div class=\"search-layout\"><aside class=\"facets\">");
  auto as_is = [](const std::string& v) -> const std::string& { return v; };
  auto facet = [&](std::string_view title, const std::vector<search::FacetValue>& values,
                   auto set, auto label) {
    if (values.empty()) return;
    h.Raw("<section><h2>").Text(title).Raw("</h2><ul>");
    for (const search::FacetValue& v : values) {
      SearchParams next = p;
      next.offset = 0;
      set(next, v.value);
      h.Raw("<li>").Link(SearchHref(next), label(v.value), "facet").Raw(" <span class=\"muted\">")
          .Text(std::to_string(v.count)).Raw("</span></li>");
    }
    h.Raw("</ul></section>");
  };
  facet("Outlets", r.outlets, [](SearchParams& s, const std::string& v) { s.outlet = v; }, as_is);
  facet("People", r.people, [](SearchParams& s, const std::string& v) { s.person = v; },
        person_name);
  facet("Months", r.months, [](SearchParams& s, const std::string& v) { s.month = v; }, as_is);
  h.Raw("</aside><ol class=\"hits\">");
  if (r.hits.empty()) h.Raw("<li class=\"empty\">Nothing found.</li>");
  for (const search::Hit& hit : r.hits) {
    h.Raw("<li class=\"hit\"><h3>").Link("/articles/" + Id(hit.article_id), Title(hit.title))
        .Raw("</h3><p class=\"meta\">");
    Article shown;  // the outlet, or the host of the URL, as everywhere else
    shown.outlet = hit.outlet;
    shown.url = hit.url;
    h.Text(OutletLabel(shown));
    const std::string date = ShortDate(hit.published);
    if (!date.empty()) h.Raw(" · <time>").Text(date).Raw("</time>");
    if (hit.story_id) h.Raw(" · ").Link("/stories/" + Id(*hit.story_id), "story");
    h.Raw("</p><p class=\"snippet\">").Raw(SafeSnippet(hit.snippet_html)).Raw("</p></li>");
  }
  h.Raw("</ol></div><p class=\"pager\">");
  if (p.offset > 0) {
    SearchParams prev = p;
    prev.offset = p.offset > p.limit ? p.offset - p.limit : 0;
    h.Link(SearchHref(prev), "← Previous", "prev");
  }
  if (static_cast<int64_t>(p.offset + r.hits.size()) < r.matches_estimated &&
      r.hits.size() == p.limit) {
    SearchParams next = p;
    next.offset = p.offset + p.limit;
    h.Link(SearchHref(next), "Next →", "next");
  }
  h.Raw("</p>");
  return Footer(h);
}

std::string PeopleHtml(const std::vector<PersonRecord>& people) {
  HtmlWriter h;
  Header(h, "People");
  h.Raw("<h1>People</h1><table class=\"people-table\"><thead><tr><th>Name</th><th>Roles</th>"
        "<th>Mentions</th></tr></thead><tbody>");
  for (const PersonRecord& p : people) {
    h.Raw("<tr><td>").Link("/people/" + UrlEncode(p.id), p.name.empty() ? p.id : p.name)
        .Raw("</td><td>");
    for (size_t i = 0; i < p.roles.size() && i < 3; ++i) h.Text(i ? "; " : "").Text(p.roles[i]);
    h.Raw("</td><td>").Text(std::to_string(p.mentions)).Raw("</td></tr>");
  }
  h.Raw("</tbody></table>");
  return Footer(h);
}

std::string ErrorHtml(int status, const std::string& message) {
  HtmlWriter h;
  Header(h, "Error " + std::to_string(status));
  h.Raw("<h1>").Text("Error " + std::to_string(status)).Raw("</h1><p>").Text(message)
      .Raw("</p><p><a href=\"/\">Back to the stories</a></p>");
  return Footer(h);
}

}  // namespace storyline::serve

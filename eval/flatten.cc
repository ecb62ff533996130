#include "eval/flatten.h"

#include <libxml/HTMLparser.h>

#include <cstring>
#include <memory>

#include "text/utf8.h"

namespace storyline::eval {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

bool Is(const xmlNode* n, const char* name) {
  return n->name && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

bool Skipped(const xmlNode* n) {
  for (const char* name : {"script", "style", "noscript", "template", "svg", "head", "iframe"}) {
    if (Is(n, name)) return true;
  }
  return false;
}

bool IsBlock(const xmlNode* n) {
  for (const char* name :
       {"p",      "div",     "li",     "ul",   "ol",      "h1",   "h2",    "h3",     "h4",
        "h5",     "h6",      "section", "article", "header", "footer", "nav", "aside", "main",
        "table",  "tr",      "td",     "th",   "blockquote", "pre", "figure", "figcaption",
        "form",   "dd",      "dt",     "dl",   "br",      "hr",   "address", "details",
        "summary", "button", "label",  "option"}) {
    if (Is(n, name)) return true;
  }
  return false;
}

class Flattener {
 public:
  void Walk(const xmlNode* node, int depth) {
    for (const xmlNode* n = node; n; n = n->next) {
      if (n->type == XML_TEXT_NODE && n->content) {
        line_ += reinterpret_cast<const char*>(n->content);
      } else if (n->type == XML_ELEMENT_NODE && !Skipped(n) && depth < 256) {
        const bool block = IsBlock(n);
        if (block) EndLine();
        Walk(n->children, depth + 1);
        if (block) EndLine();
      }
    }
  }
  void EndLine() {
    std::string line = text::CollapseWhitespace(line_);
    line_.clear();
    if (!line.empty()) out_ += line + "\n";
  }
  std::string& out() { return out_; }

 private:
  std::string line_;
  std::string out_;
};

const xmlNode* Find(const xmlNode* node, const char* name) {
  for (const xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (Is(n, name)) return n;
    if (const xmlNode* found = Find(n->children, name)) return found;
  }
  return nullptr;
}

}  // namespace

std::string FlattenHtml(std::string_view html) {
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
      html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  if (!doc) return "";
  Flattener f;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (const xmlNode* title = Find(root, "title"); title && title->children) {
    f.Walk(title->children, 0);
    f.EndLine();
  }
  if (const xmlNode* body = Find(root, "body")) f.Walk(body->children, 0);
  f.EndLine();
  return std::move(f.out());
}

}  // namespace storyline::eval

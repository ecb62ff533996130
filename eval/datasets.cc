#include "eval/datasets.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace storyline::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Result<json> ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path.string() + ": cannot open");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  json doc = json::parse(bytes.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::BadInput(path.string() + ": not valid JSON");
  return doc;
}

Status RequireDirectory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir.string() + ": no such directory");
  return Status::Ok();
}

// The string at `key` of an object; "" when absent, null or not a string.
std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Like StringAt, but nullopt instead of "" so that "no expectation" stays distinct.
std::optional<std::string> OptionalStringAt(const json& object, const char* key) {
  std::string s = StringAt(object, key);
  if (s.empty()) return std::nullopt;
  return s;
}

Result<PeerOutput> LoadPeer(const fs::path& path) {
  Result<json> doc = ReadJson(path);
  if (!doc.ok()) return doc.status();
  const json& outputs = doc->contains("output") ? (*doc)["output"] : *doc;
  if (!outputs.is_object()) return Status::BadInput(path.string() + ": not an id → output map");
  PeerOutput peer;
  peer.system = path.stem().string();
  for (const auto& [id, output] : outputs.items()) peer.body[id] = StringAt(output, "articleBody");
  return peer;
}

Result<std::vector<PeerOutput>> LoadPeers(const fs::path& dir) {
  std::vector<PeerOutput> peers;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return peers;  // peers are optional
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    Result<PeerOutput> peer = LoadPeer(entry.path());
    if (!peer.ok()) return peer.status();
    peers.push_back(std::move(peer).value());
  }
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  std::sort(peers.begin(), peers.end(),
            [](const PeerOutput& a, const PeerOutput& b) { return a.system < b.system; });
  return peers;
}

// html/ID.html.gz, or html/ID.html when the page is stored uncompressed.
fs::path PagePath(const fs::path& html_dir, const std::string& id) {
  fs::path gz = html_dir / (id + ".html.gz");
  std::error_code ec;
  return fs::exists(gz, ec) ? gz : html_dir / (id + ".html");
}

Result<WcxbPage> LoadWcxbPage(const fs::path& dir, const fs::path& truth_file) {
  Result<json> doc = ReadJson(truth_file);
  if (!doc.ok()) return doc.status();
  if (!doc->is_object() || !doc->contains("ground_truth")) {
    return Status::BadInput(truth_file.string() + ": no ground_truth object");
  }
  const json& truth = (*doc)["ground_truth"];
  WcxbPage page;
  page.id = truth_file.stem().string();
  page.html = PagePath(dir / "html", page.id);
  page.url = StringAt(*doc, "url");
  if (doc->contains("_internal") && (*doc)["_internal"].contains("page_type")) {
    page.page_type = StringAt((*doc)["_internal"]["page_type"], "primary");
  }
  if (page.page_type.empty()) page.page_type = "unknown";
  page.main_content = StringAt(truth, "main_content");
  page.title = OptionalStringAt(truth, "title");
  page.author = OptionalStringAt(truth, "author");
  page.publish_date = OptionalStringAt(truth, "publish_date");
  return page;
}

// The sorted regular files of `dir` whose name ends with `suffix`.
Result<std::vector<fs::path>> ListFiles(const fs::path& dir, std::string_view suffix) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > suffix.size() && name.ends_with(suffix)) {
      files.push_back(entry.path());
    }
  }
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Result<ZyteDataset> LoadZyte(const fs::path& dir) {
  STORYLINE_RETURN_IF_ERROR(RequireDirectory(dir));
  Result<json> truth = ReadJson(dir / "ground-truth.json");
  if (!truth.ok()) return truth.status();
  if (!truth->is_object()) return Status::BadInput("ground-truth.json: not an id → page map");
  ZyteDataset data;
  for (const auto& [id, page] : truth->items()) {
    data.pages.push_back(
        {id, PagePath(dir / "html", id), StringAt(page, "url"), StringAt(page, "articleBody")});
  }
  std::sort(data.pages.begin(), data.pages.end(),
            [](const ZytePage& a, const ZytePage& b) { return a.id < b.id; });
  Result<std::vector<PeerOutput>> peers = LoadPeers(dir / "peer-output");
  if (!peers.ok()) return peers.status();
  data.peers = std::move(peers).value();
  return data;
}

Result<std::vector<WcxbPage>> LoadWcxb(const fs::path& dir) {
  STORYLINE_RETURN_IF_ERROR(RequireDirectory(dir / "ground-truth"));
  Result<std::vector<fs::path>> files = ListFiles(dir / "ground-truth", ".json");
  if (!files.ok()) return files.status();
  std::vector<WcxbPage> pages;
  for (const fs::path& file : *files) {
    Result<WcxbPage> page = LoadWcxbPage(dir, file);
    if (!page.ok()) return page.status();
    pages.push_back(std::move(page).value());
  }
  return pages;
}

Result<std::vector<ReadabilityPage>> LoadReadability(const fs::path& dir) {
  STORYLINE_RETURN_IF_ERROR(RequireDirectory(dir));
  std::vector<ReadabilityPage> pages;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path expected = entry.path() / "expected-metadata.json";
    if (!entry.is_directory() || !fs::exists(expected)) continue;
    Result<json> doc = ReadJson(expected);
    if (!doc.ok()) return doc.status();
    pages.push_back({entry.path().filename().string(), entry.path() / "source.html",
                     OptionalStringAt(*doc, "title"), OptionalStringAt(*doc, "byline"),
                     OptionalStringAt(*doc, "siteName"), OptionalStringAt(*doc, "publishedTime")});
  }
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  std::sort(pages.begin(), pages.end(),
            [](const ReadabilityPage& a, const ReadabilityPage& b) { return a.id < b.id; });
  return pages;
}

}  // namespace storyline::eval

// Writing WARC files: one gzip member per record, digests, rotation, ".open" until finished.
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <utility>

#include "archive/warc.h"

namespace storyline::archive {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kOpenSuffix = ".open";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

std::string FormatUtc(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::time_t Now() { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); }

// "sha1:" and the RFC 4648 base32 of the SHA-1 of `data`, the form WARC tools use.
Result<std::string> Sha1Base32(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr) != 1) {
    return Status::Internal("SHA-1 digest failed (OpenSSL)");
  }
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out = "sha1:";
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned int i = 0; i < size; ++i) {
    buffer = (buffer << 8) | digest[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

// "<urn:uuid:...>" with a random (version 4) UUID.
Result<std::string> NewRecordId() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) return Status::Internal("no random bytes (OpenSSL)");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char buf[64];
  std::snprintf(buf, sizeof buf,
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]);
  return std::string(buf);
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool EndsWithBlankLine(std::string_view head) {
  return head.ends_with("\r\n\r\n") || head.ends_with("\n\n");
}

// One gzip member holding `data`.
Result<std::string> GzipMember(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Status::Internal("zlib deflate init failed");
  }
  std::string out;
  char buf[64 * 1024];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  size_t left = data.size();
  int rc = Z_OK;
  do {
    if (zs.avail_in == 0 && left > 0) {
      const size_t take = std::min<size_t>(left, 1u << 30);
      zs.avail_in = static_cast<uInt>(take);
      left -= take;
    }
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = deflate(&zs, left == 0 ? Z_FINISH : Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK || rc == Z_BUF_ERROR);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::Internal("zlib deflate failed");
  return out;
}

struct Field {
  std::string_view name;
  std::string value;
};

std::string_view MsgType(std::string_view type) {
  return type == "request" ? "application/http;msgtype=request"
                           : "application/http;msgtype=response";
}

}  // namespace

struct WarcWriter::Impl {
  WarcWriterOptions options;
  File file;
  std::string open_path;   // "<dir>/<name>.open" while writing
  std::string final_path;  // "<dir>/<name>"
  uint64_t size = 0;       // bytes in the current file
  uint32_t serial = 0;     // the next file's serial number
  std::string warcinfo_id;
  Status deferred;  // a rotation that failed after its exchange was written

  // The WARC record with `fields` and `block`, compressed as one gzip member.
  Result<std::string> Record(std::string_view type, const std::string& id, const std::string& date,
                             const std::vector<Field>& fields, std::string_view content_type,
                             std::string_view block) const {
    std::string head = "WARC/" + options.warc_version + "\r\n";
    auto add = [&head](std::string_view name, std::string_view value) {
      head.append(name).append(": ").append(value).append("\r\n");
    };
    add("WARC-Type", type);
    add("WARC-Record-ID", id);
    add("WARC-Date", date);
    for (const Field& f : fields) add(f.name, f.value);
    if (!warcinfo_id.empty() && type != "warcinfo") add("WARC-Warcinfo-ID", warcinfo_id);
    Result<std::string> digest = Sha1Base32(block);
    if (!digest.ok()) return digest.status();
    add("WARC-Block-Digest", *digest);
    add("Content-Type", content_type);
    add("Content-Length", std::to_string(block.size()));
    head += "\r\n";
    std::string record;
    record.reserve(head.size() + block.size() + 4);
    record.append(head).append(block).append("\r\n\r\n");
    return GzipMember(record);
  }

  // Appends members to the file and flushes; on failure cuts the file back to where it was.
  Status Append(const std::vector<std::string>& members) {
    const uint64_t start = size;
    for (const std::string& m : members) {
      if (std::fwrite(m.data(), 1, m.size(), file.get()) != m.size()) {
        return Undo(start, std::strerror(errno));
      }
      size += m.size();
    }
    if (std::fflush(file.get()) != 0) return Undo(start, std::strerror(errno));
    return Status();
  }

  Status Undo(uint64_t start, const std::string& why) {
    std::clearerr(file.get());
    const bool cut = std::fflush(file.get()) == 0 &&
                     ftruncate(fileno(file.get()), static_cast<off_t>(start)) == 0 &&
                     fseeko(file.get(), static_cast<off_t>(start), SEEK_SET) == 0;
    size = start;
    if (!cut) (void)FinishFile();  // it may end in a torn record; the next write starts a file
    return Status::IoError(open_path + ": write failed (" + why + ")" +
                           (cut ? "" : "; the last record may be incomplete"));
  }

  // Creates the next file and writes its warcinfo record.
  Status StartFile() {
    const std::string stamp = FormatUtc(Now(), "%Y%m%d%H%M%S");
    for (int attempt = 0; attempt < 100000; ++attempt, ++serial) {
      char name[32];
      std::snprintf(name, sizeof name, "-%05u.warc.gz", static_cast<unsigned>(serial % 100000));
      final_path = (fs::path(options.directory) / (options.prefix + "-" + stamp + name)).string();
      open_path = final_path + std::string(kOpenSuffix);
      std::error_code ec;
      if (fs::exists(final_path, ec)) continue;
      // "x": never take over a file another writer (thread, process) has open.
      file.reset(std::fopen(open_path.c_str(), "wbx"));
      if (file) break;
      if (errno != EEXIST) {
        return Status::IoError(open_path + ": cannot create (" + std::strerror(errno) + ")");
      }
    }
    if (!file) return Status::IoError(options.directory + ": no free WARC file name");
    ++serial;
    size = 0;
    Result<std::string> id = NewRecordId();
    if (!id.ok()) return id.status();
    std::string info = "software: " + options.software + "\r\n";
    info += "format: WARC File Format " + options.warc_version + "\r\n";
    info +=
        options.warc_version == "1.0"
            ? "conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            : "conformsTo: https://iipc.github.io/warc-specifications/specifications/"
              "warc-format/warc-1.1/\r\n";
    if (!options.operator_contact.empty()) info += "operator: " + options.operator_contact + "\r\n";
    warcinfo_id.clear();
    Result<std::string> record =
        Record("warcinfo", *id, FormatUtc(Now(), "%Y-%m-%dT%H:%M:%SZ"),
               {{"WARC-Filename", fs::path(final_path).filename().string()}},
               "application/warc-fields", info);
    if (!record.ok()) return record.status();
    warcinfo_id = *id;
    return Append({*record});
  }

  Status FinishFile() {
    if (!file) return Status();
    const bool flushed = std::fflush(file.get()) == 0;
    const bool closed = std::fclose(file.release()) == 0;
    if (!flushed || !closed) {
      return Status::IoError(open_path + ": cannot finish (" + std::strerror(errno) + ")");
    }
    std::error_code ec;
    fs::rename(open_path, final_path, ec);
    if (ec) return Status::IoError(open_path + ": cannot rename (" + ec.message() + ")");
    return Status();
  }

  Result<WrittenExchange> Write(const Exchange& x) {
    if (x.target_uri.empty() || x.target_uri.find_first_of(" \t\r\n") != std::string::npos) {
      return Status::InvalidArgument("exchange target URI \"" + x.target_uri.substr(0, 200) +
                                     "\" is empty or has whitespace");
    }
    if (HasLineBreak(x.date) || HasLineBreak(x.ip_address)) {
      return Status::InvalidArgument(x.target_uri + ": line break in the date or IP address");
    }
    if (x.response_head.substr(0, 5) != "HTTP/" || !EndsWithBlankLine(x.response_head)) {
      return Status::InvalidArgument(
          x.target_uri + ": response head must start with \"HTTP/\" and end with a blank line");
    }
    if (!x.request_head.empty() && !EndsWithBlankLine(x.request_head)) {
      return Status::InvalidArgument(x.target_uri + ": request head must end with a blank line");
    }
    if (!file) STORYLINE_RETURN_IF_ERROR(StartFile());

    const std::string date = x.date.empty() ? FormatUtc(Now(), "%Y-%m-%dT%H:%M:%SZ") : x.date;
    Result<std::string> request_id = NewRecordId();
    Result<std::string> response_id = NewRecordId();
    Result<std::string> metadata_id = NewRecordId();
    if (!request_id.ok()) return request_id.status();
    if (!response_id.ok()) return response_id.status();
    if (!metadata_id.ok()) return metadata_id.status();

    std::vector<std::string> members;
    std::vector<Field> common = {{"WARC-Target-URI", x.target_uri}};
    if (!x.ip_address.empty()) common.push_back({"WARC-IP-Address", x.ip_address});
    if (!x.request_head.empty()) {
      std::vector<Field> fields = common;
      fields.push_back({"WARC-Concurrent-To", *response_id});
      Result<std::string> r =
          Record("request", *request_id, date, fields, MsgType("request"), x.request_head);
      if (!r.ok()) return r.status();
      members.push_back(std::move(r).value());
    }
    size_t response_index = members.size();
    {
      std::vector<Field> fields = common;
      if (!x.request_head.empty()) fields.push_back({"WARC-Concurrent-To", *request_id});
      Result<std::string> payload_digest = Sha1Base32(x.response_body);
      if (!payload_digest.ok()) return payload_digest.status();
      fields.push_back({"WARC-Payload-Digest", *payload_digest});
      std::string block;
      block.reserve(x.response_head.size() + x.response_body.size());
      block.append(x.response_head).append(x.response_body);
      Result<std::string> r =
          Record("response", *response_id, date, fields, MsgType("response"), block);
      if (!r.ok()) return r.status();
      members.push_back(std::move(r).value());
    }
    if (!x.metadata.empty()) {
      std::string block;
      for (const auto& [name, value] : x.metadata) {
        std::string n = name, v = value;
        std::replace_if(
            n.begin(), n.end(), [](char c) { return c == '\r' || c == '\n' || c == ':'; }, '_');
        std::replace_if(
            v.begin(), v.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
        block += n + ": " + v + "\r\n";
      }
      Result<std::string> r =
          Record("metadata", *metadata_id, date,
                 {{"WARC-Target-URI", x.target_uri}, {"WARC-Concurrent-To", *response_id}},
                 "application/warc-fields", block);
      if (!r.ok()) return r.status();
      members.push_back(std::move(r).value());
    }
    uint64_t offset = size;
    for (size_t i = 0; i < response_index; ++i) offset += members[i].size();
    STORYLINE_RETURN_IF_ERROR(Append(members));
    WrittenExchange written{*response_id, final_path, offset};
    // The exchange is stored either way: a failure to finish the file is Close()'s to report.
    if (size > options.max_file_bytes) {
      Status finished = FinishFile();
      if (!finished.ok() && deferred.ok()) deferred = std::move(finished);
    }
    return written;
  }
};

WarcWriter::WarcWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcWriter::WarcWriter(WarcWriter&&) noexcept = default;
WarcWriter& WarcWriter::operator=(WarcWriter&& other) noexcept {
  if (this != &other) {
    if (impl_) (void)impl_->FinishFile();
    impl_ = std::move(other.impl_);
  }
  return *this;
}
WarcWriter::~WarcWriter() {
  if (impl_) (void)impl_->FinishFile();
}

Result<WarcWriter> WarcWriter::Open(WarcWriterOptions options) {
  if (options.directory.empty()) return Status::InvalidArgument("WARC writer: no directory");
  if (options.warc_version != "1.1" && options.warc_version != "1.0") {
    return Status::InvalidArgument("WARC writer: version \"" + options.warc_version +
                                   "\" (expected 1.1 or 1.0)");
  }
  if (options.prefix.empty() || options.prefix.find('/') != std::string::npos ||
      HasLineBreak(options.software) || HasLineBreak(options.operator_contact)) {
    return Status::InvalidArgument("WARC writer: bad prefix, software or operator");
  }
  std::error_code ec;
  fs::create_directories(options.directory, ec);
  if (ec) return Status::IoError(options.directory + ": cannot create (" + ec.message() + ")");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  STORYLINE_RETURN_IF_ERROR(impl->StartFile());
  return WarcWriter(std::move(impl));
}

Result<WrittenExchange> WarcWriter::Write(const Exchange& exchange) {
  return impl_->Write(exchange);
}

Status WarcWriter::Close() {
  Status finished = impl_->FinishFile();
  if (!impl_->deferred.ok()) return std::exchange(impl_->deferred, Status());
  return finished;
}

std::vector<std::string> ListWarcFiles(const std::string& directory, bool include_open) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_regular_file(ec)) continue;
    std::string_view base = name;
    if (base.ends_with(kOpenSuffix)) {
      if (!include_open) continue;
      base.remove_suffix(kOpenSuffix.size());
    }
    if (base.ends_with(".warc.gz") || base.ends_with(".warc")) out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace storyline::archive

// HTTP/1.x responses inside WARC blocks: status line, headers, de-chunking, decompression.
#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "archive/warc.h"
#include "text/ascii.h"

namespace storyline::archive {
namespace {

// The next line of `s` from `pos` without its CR LF / LF; npos pos when no line ending is left.
std::string_view NextLine(std::string_view s, size_t& pos) {
  const size_t end = s.find('\n', pos);
  if (end == std::string_view::npos) {
    pos = std::string_view::npos;
    return {};
  }
  std::string_view line = s.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = end + 1;
  return line;
}

// Bytes that a text payload would never start with: control characters other than
// whitespace among the first 512 bytes.
bool LooksBinary(std::string_view s) {
  for (unsigned char c : s.substr(0, 512)) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return true;
  }
  return false;
}

Status TooBig(size_t limit) {
  return Status::TooLarge("HTTP body is over the " + std::to_string(limit) + " byte limit");
}

// Inflates zlib (window_bits 15), raw deflate (-15) or gzip (31, all members).
Result<std::string> Inflate(std::string_view in, int window_bits, size_t limit) {
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Status::Internal("zlib init failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[64 * 1024];
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > limit) return TooBig(limit);
    if (rc == Z_STREAM_END) {
      if (window_bits > 15 && zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      return out;
    }
    // Cut short: keep what inflated (crawlers truncate long bodies).
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) return out;
    if (rc != Z_OK) {
      return Status::BadInput(std::string("corrupt compressed body (") +
                              (zs.msg ? zs.msg : "zlib error") + ")");
    }
  }
}

Result<std::string> Unbrotli(std::string_view in, size_t limit) {
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) return Status::Internal("brotli init failed");
  size_t avail_in = in.size();
  const auto* next_in = reinterpret_cast<const uint8_t*>(in.data());
  std::string out;
  uint8_t buf[64 * 1024];
  while (true) {
    size_t avail_out = sizeof buf;
    uint8_t* next_out = buf;
    const BrotliDecoderResult rc = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                                 &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(buf), sizeof buf - avail_out);
    if (out.size() > limit) return TooBig(limit);
    if (rc == BROTLI_DECODER_RESULT_SUCCESS) return out;
    if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return out;  // truncated: keep it
    if (rc == BROTLI_DECODER_RESULT_ERROR) {
      return Status::BadInput(std::string("corrupt brotli body (") +
                              BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())) +
                              ")");
    }
  }
}

// Decodes one content coding when the body still carries it.
Result<std::string> Decode(std::string_view coding, std::string body, size_t limit) {
  if (coding.empty() || text::EqualsIgnoreAsciiCase(coding, "identity")) return body;
  if (text::EqualsIgnoreAsciiCase(coding, "gzip") || text::EqualsIgnoreAsciiCase(coding, "x-gzip")) {
    const bool gzip = body.size() >= 2 && body[0] == '\x1f' && body[1] == '\x8b';
    if (!gzip) return body;  // already decoded by the client
    return Inflate(body, 16 + MAX_WBITS, limit);
  }
  if (text::EqualsIgnoreAsciiCase(coding, "deflate")) {
    const auto b0 = static_cast<unsigned char>(body.size() > 0 ? body[0] : 0);
    const auto b1 = static_cast<unsigned char>(body.size() > 1 ? body[1] : 0);
    if (body.size() >= 2 && (b0 & 0x0f) == 8 && (b0 * 256 + b1) % 31 == 0) {
      return Inflate(body, MAX_WBITS, limit);
    }
    Result<std::string> raw = Inflate(body, -MAX_WBITS, limit);  // servers that send raw deflate
    if (raw.ok() || raw.status().code() == StatusCode::kTooLarge || LooksBinary(body)) return raw;
    return body;
  }
  if (text::EqualsIgnoreAsciiCase(coding, "br")) {
    Result<std::string> out = Unbrotli(body, limit);
    if (out.ok() || out.status().code() == StatusCode::kTooLarge || LooksBinary(body)) return out;
    return body;
  }
  return Status::BadInput("unsupported Content-Encoding \"" + std::string(coding) + "\"");
}

// RFC 9112 §7.1. A body that does not start with a chunk-size line was de-chunked already.
Result<std::string> Dechunk(std::string_view body, size_t limit) {
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < body.size()) {
    size_t line_pos = pos;
    std::string_view line = NextLine(body, line_pos);
    if (line_pos == std::string_view::npos) line = body.substr(pos);  // no line end left
    const std::string_view size_text = text::TrimAscii(line.substr(0, line.find(';')));
    uint64_t size = 0;
    bool valid = !size_text.empty() && size_text.size() <= 15;
    for (char c : size_text) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) {
        valid = false;
        break;
      }
      size = size * 16 + static_cast<uint64_t>(std::isdigit(static_cast<unsigned char>(c))
                                                   ? c - '0'
                                                   : std::tolower(c) - 'a' + 10);
    }
    if (!valid) {
      if (first) return std::string(body);
      return Status::BadInput("malformed chunked body (bad chunk size at byte " +
                              std::to_string(pos) + ")");
    }
    first = false;
    if (line_pos == std::string_view::npos) break;  // cut inside a size line: keep what we have
    if (size == 0) break;                           // last chunk; trailers ignored
    pos = line_pos;
    const size_t take = static_cast<size_t>(std::min<uint64_t>(size, body.size() - pos));
    if (out.size() + take > limit) return TooBig(limit);
    out.append(body.substr(pos, take));
    pos += take;
    if (take < size) break;  // truncated inside a chunk
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    } else if (pos < body.size()) {
      return Status::BadInput("malformed chunked body (no line end after the chunk at byte " +
                              std::to_string(pos) + ")");
    }
  }
  return out;
}

// Splits a comma-separated header value into its trimmed, non-empty items.
std::vector<std::string_view> Items(std::string_view value) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view item = text::TrimAscii(value.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

// The head of `block`; `body_start` is set to where the body begins.
Result<HttpResponse> ParseHead(std::string_view block, size_t& body_start) {
  size_t pos = 0;
  const std::string_view status_line = NextLine(block, pos);
  if (pos == std::string_view::npos || status_line.substr(0, 5) != "HTTP/") {
    return Status::BadInput("not an HTTP response (no \"HTTP/\" status line)");
  }
  HttpResponse response;
  const size_t sp = status_line.find(' ');
  const std::string_view rest = sp == std::string_view::npos ? "" : status_line.substr(sp + 1);
  if (rest.size() < 3 || !std::isdigit(static_cast<unsigned char>(rest[0])) ||
      !std::isdigit(static_cast<unsigned char>(rest[1])) ||
      !std::isdigit(static_cast<unsigned char>(rest[2])) || (rest.size() > 3 && rest[3] != ' ')) {
    return Status::BadInput("malformed HTTP status line \"" +
                            std::string(status_line.substr(0, 80)) + "\"");
  }
  response.status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  response.reason = std::string(text::TrimAscii(rest.size() > 3 ? rest.substr(4) : ""));
  while (true) {
    if (pos >= block.size()) break;  // headers end with the block (no body)
    const std::string_view line = NextLine(block, pos);
    if (pos == std::string_view::npos) {
      return Status::BadInput("HTTP headers cut short (no blank line after them)");
    }
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !response.headers.empty()) {
      std::string& value = response.headers.back().second;  // obsolete line folding
      value += ' ';
      value += text::TrimAscii(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // tolerate junk lines
    response.headers.emplace_back(std::string(text::TrimAscii(line.substr(0, colon))),
                                  std::string(text::TrimAscii(line.substr(colon + 1))));
  }
  body_start = std::min(pos, block.size());
  return response;
}

}  // namespace

std::string_view HttpHeader(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (text::EqualsIgnoreAsciiCase(key, name)) return value;
  }
  return {};
}

Result<HttpResponse> ParseHttpResponseHead(std::string_view block) {
  size_t body_start = 0;
  return ParseHead(block, body_start);
}

Result<HttpResponse> ParseHttpResponse(std::string_view block, size_t max_body_bytes) {
  size_t body_start = 0;
  Result<HttpResponse> parsed = ParseHead(block, body_start);
  if (!parsed.ok()) return parsed;
  HttpResponse response = std::move(parsed).value();
  const std::string_view raw = block.substr(body_start);
  bool chunked = false;
  for (std::string_view te : Items(HttpHeader(response, "Transfer-Encoding"))) {
    if (text::EqualsIgnoreAsciiCase(te, "chunked")) chunked = true;
  }
  std::string body;
  if (chunked) {
    Result<std::string> dechunked = Dechunk(raw, max_body_bytes);
    if (!dechunked.ok()) return dechunked.status();
    body = std::move(dechunked).value();
  } else {
    if (raw.size() > max_body_bytes) return TooBig(max_body_bytes);
    body = std::string(raw);
  }
  // Codings are listed in the order they were applied: undo them from the last.
  const std::vector<std::string_view> codings = Items(HttpHeader(response, "Content-Encoding"));
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Result<std::string> decoded = Decode(*it, std::move(body), max_body_bytes);
    if (!decoded.ok()) return decoded.status();
    body = std::move(decoded).value();
  }
  if (body.size() > max_body_bytes) return TooBig(max_body_bytes);
  response.body = std::move(body);
  return response;
}

}  // namespace storyline::archive

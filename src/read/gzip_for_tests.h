// Test support: gzip-compresses bytes in memory (zlib), for tests that feed .gz inputs.
#ifndef STORYLINE_READ_GZIP_FOR_TESTS_H_
#define STORYLINE_READ_GZIP_FOR_TESTS_H_

#include <zlib.h>

#include <string>
#include <string_view>

namespace storyline::read::testing {

inline std::string Gzip(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace storyline::read::testing

#endif  // STORYLINE_READ_GZIP_FOR_TESTS_H_

// Whole-pipeline throughput on a corpus: read → extract for every input, one core.
// Prints pages/s, MB/s, rejected inputs and peak resident memory.
//
//   storyline_corpus_bench [--repeat N] PATH...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else {
      inputs.emplace_back(argv[i]);
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: storyline_corpus_bench [--repeat N] PATH...\n");
    return 1;
  }
  storyline::pipeline::PipelineOptions options;
  size_t pages = 0, rejected = 0, bytes = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    storyline::pipeline::ExtractInputs(inputs, options, [&](storyline::pipeline::PageResult page) {
      if (!page.extraction.ok()) {
        ++rejected;
        return;
      }
      ++pages;
      bytes += page.extraction->article.text.size();
    });
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "pages %zu  rejected %zu  seconds %.3f  pages/s %.1f  text MB/s %.2f  peak RSS %.1f MiB\n",
      pages, rejected, secs, static_cast<double>(pages + rejected) / secs,
      static_cast<double>(bytes) / (1 << 20) / secs, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

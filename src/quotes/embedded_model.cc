// The model file's bytes are included by the assembler (.incbin), so a
// multi-megabyte binary file costs no compile time. STORYLINE_QUOTES_MODEL (set by
// CMakeLists.txt) is its absolute path, or empty when there is no model file.
#include "quotes/embedded_model.h"

#ifdef STORYLINE_QUOTES_MODEL
asm(".section .rodata\n"
    ".balign 16\n"
    "storyline_quotes_model_begin:\n"
    ".incbin \"" STORYLINE_QUOTES_MODEL
    "\"\n"
    "storyline_quotes_model_end:\n"
    ".previous\n");
extern "C" {
extern const char storyline_quotes_model_begin[];
extern const char storyline_quotes_model_end[];
}
#endif

namespace storyline::quotes::detail {

std::string_view EmbeddedQuoteModel() {
#ifdef STORYLINE_QUOTES_MODEL
  return std::string_view(
      storyline_quotes_model_begin,
      static_cast<size_t>(storyline_quotes_model_end - storyline_quotes_model_begin));
#else
  return {};
#endif
}

}  // namespace storyline::quotes::detail

// The model file models/quotes/quotes.model, compiled into the library (embedded_model.cc).
#ifndef STORYLINE_QUOTES_EMBEDDED_MODEL_H_
#define STORYLINE_QUOTES_EMBEDDED_MODEL_H_

#include <string_view>

namespace storyline::quotes::detail {

// Its bytes; empty when the library was built without a model file.
std::string_view EmbeddedQuoteModel();

}  // namespace storyline::quotes::detail

#endif  // STORYLINE_QUOTES_EMBEDDED_MODEL_H_

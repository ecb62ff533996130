// The OpenAPI 3 document of the JSON API (/api/openapi.json).
#ifndef STORYLINE_SERVE_OPENAPI_H_
#define STORYLINE_SERVE_OPENAPI_H_

#include <string>

namespace storyline::serve {

// The document as JSON text; the same on every call.
const std::string& OpenApiDocument();

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_OPENAPI_H_

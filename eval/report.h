// The evaluation reports as text tables (for people) and JSON (for scripts and CI).
#ifndef STORYLINE_EVAL_REPORT_H_
#define STORYLINE_EVAL_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "eval/evaluate.h"

namespace storyline::eval {

std::string FormatZyte(const ZyteReport& report);
std::string FormatWcxb(const WcxbReport& report);
std::string FormatReadability(const ReadabilityReport& report);

nlohmann::json ToJson(const ZyteReport& report);
nlohmann::json ToJson(const WcxbReport& report);
nlohmann::json ToJson(const ReadabilityReport& report);

}  // namespace storyline::eval

#endif  // STORYLINE_EVAL_REPORT_H_

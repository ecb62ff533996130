#include "pipeline/linker.h"

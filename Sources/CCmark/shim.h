#ifndef GUIDEGEN_CCMARK_SHIM_H
#define GUIDEGEN_CCMARK_SHIM_H
#include <cmark.h>
#endif

#ifndef SCHOOLJOURNAL_CPANGOCAIRO_SHIM_H
#define SCHOOLJOURNAL_CPANGOCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/// PANGO_SCALE is a macro; Swift sees this constant instead.
static const int sj_pango_scale = PANGO_SCALE;

#endif

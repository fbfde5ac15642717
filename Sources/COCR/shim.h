#ifndef COCR_SHIM_H
#define COCR_SHIM_H

#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#include <libstemmer.h>
#include <qpdf/qpdf-c.h>
#include <zbar.h>

#endif

#ifndef COCR_SHIM_H
#define COCR_SHIM_H

#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
#include <libstemmer.h>
#include <qpdf/qpdf-c.h>
#include <zbar.h>
#include <tiffio.h>

/// A TIFF's ASCII tag (Make, Model, Software) or NULL: TIFFGetField is variadic, which Swift
/// cannot call.
static inline const char *cocr_tiff_string_tag(TIFF *tiff, uint32_t tag) {
    char *value = NULL;
    return TIFFGetField(tiff, tag, &value) == 1 ? value : NULL;
}

#endif

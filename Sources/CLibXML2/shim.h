// The only C that Swift sees of libxml2: the SAX push parsers for XML and HTML, entities, and errors.
#ifndef TIDINGS_CLIBXML2_SHIM_H
#define TIDINGS_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU, so its encoding header pulls in the system's ICU headers; Foundation
// brings a module of its own ICU, and the two clash in any Swift module that imports both. Nothing here
// touches the ICU parts of libxml2 (only pointers to its encoding handlers sit in the structures used).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>

#endif

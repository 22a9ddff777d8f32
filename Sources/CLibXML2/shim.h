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
#include <libxml/globals.h>

// libxml2 prints some messages itself ("xmlParseChunk: encoder error") through its generic error function,
// a C variadic function, which Swift cannot write: this one says nothing. A static function, not state, so
// a header-only module can hold it.
static void tidings_xml_say_nothing(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// Makes every thread that parses later, and this one, print nothing of its own.
static inline void tidings_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, tidings_xml_say_nothing);
    xmlThrDefSetGenericErrorFunc(NULL, tidings_xml_say_nothing);
}

#endif

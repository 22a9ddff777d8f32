// The only C that Swift sees of libxml2: the SAX parsers for XML and HTML, entities, and errors. libxml2 is
// loaded when the first feed, OPML file or item HTML is read, not when Tidings starts: linked in, it and
// the libraries it brings (ICU, zlib, liblzma) cost every start about a millisecond, and a library of text
// exports never needs it. The headers are libxml2's own (`libxml` here is a link to Debian's
// /usr/include/libxml2/libxml), for its types; every function is reached through tidings_xml_load.
#ifndef TIDINGS_CLIBXML2_H
#define TIDINGS_CLIBXML2_H

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
#include <libxml/SAX2.h>

/// Loads libxml2 and initialises it, once; NULL when that worked, else why not (dlerror's words).
const char *tidings_xml_load(void);

/// Makes every thread that parses later, and this one, print nothing through libxml2's generic error
/// function (a C variadic function, which Swift cannot write).
void tidings_xml_silence_generic_errors(void);

xmlParserCtxtPtr tidings_xmlCreateIOParserCtxt(xmlSAXHandlerPtr sax, void *user_data, xmlInputReadCallback read,
                                               xmlInputCloseCallback close, void *context, xmlCharEncoding encoding);
int tidings_xmlCtxtUseOptions(xmlParserCtxtPtr context, int options);
int tidings_xmlParseDocument(xmlParserCtxtPtr context);
void tidings_xmlStopParser(xmlParserCtxtPtr context);
void tidings_xmlFreeParserCtxt(xmlParserCtxtPtr context);
void tidings_xmlFreeDoc(xmlDocPtr document);
int tidings_xmlSAX2GetLineNumber(void *context);
htmlParserCtxtPtr tidings_htmlCreatePushParserCtxt(htmlSAXHandlerPtr sax, void *user_data, const char *chunk, int size,
                                                   const char *filename, xmlCharEncoding encoding);
int tidings_htmlCtxtUseOptions(htmlParserCtxtPtr context, int options);
int tidings_htmlParseChunk(htmlParserCtxtPtr context, const char *chunk, int size, int terminate);
void tidings_xmlSetExternalEntityLoader(xmlExternalEntityLoader loader);
void tidings_xmlSetStructuredErrorFunc(void *context, xmlStructuredErrorFunc handler);
void tidings_xmlThrDefSetStructuredErrorFunc(void *context, xmlStructuredErrorFunc handler);
xmlDocPtr tidings_xmlNewDoc(const xmlChar *version);
xmlDtdPtr tidings_xmlCreateIntSubset(xmlDocPtr document, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id);
xmlEntityPtr tidings_xmlGetPredefinedEntity(const xmlChar *name);
xmlEntityPtr tidings_xmlGetDocEntity(const xmlDoc *document, const xmlChar *name);
xmlEntityPtr tidings_xmlAddDocEntity(xmlDocPtr document, const xmlChar *name, int type, const xmlChar *external_id,
                                     const xmlChar *system_id, const xmlChar *content);
const htmlEntityDesc *tidings_htmlEntityLookup(const xmlChar *name);
int tidings_xmlCopyCharMultiByte(xmlChar *out, int value);

#endif

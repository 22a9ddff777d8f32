#include "CLibXML2.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// libxml2's functions, found in the library once it is loaded; each field has the type of the function
// it stands for, as libxml2's header declares it. The originals are never defined here.
static struct {
    __typeof__(&xmlInitParser) initParser;
    __typeof__(&xmlSetGenericErrorFunc) setGenericErrorFunc;
    __typeof__(&xmlThrDefSetGenericErrorFunc) thrDefSetGenericErrorFunc;
    __typeof__(&xmlCreateIOParserCtxt) createIOParserCtxt;
    __typeof__(&xmlCtxtUseOptions) ctxtUseOptions;
    __typeof__(&xmlParseDocument) parseDocument;
    __typeof__(&xmlStopParser) stopParser;
    __typeof__(&xmlFreeParserCtxt) freeParserCtxt;
    __typeof__(&xmlFreeDoc) freeDoc;
    __typeof__(&xmlSAX2GetLineNumber) sax2GetLineNumber;
    __typeof__(&htmlCreatePushParserCtxt) htmlCreatePushParserCtxt;
    __typeof__(&htmlCtxtUseOptions) htmlCtxtUseOptions;
    __typeof__(&htmlParseChunk) htmlParseChunk;
    __typeof__(&xmlSetExternalEntityLoader) setExternalEntityLoader;
    __typeof__(&xmlSetStructuredErrorFunc) setStructuredErrorFunc;
    __typeof__(&xmlThrDefSetStructuredErrorFunc) thrDefSetStructuredErrorFunc;
    __typeof__(&xmlNewDoc) newDoc;
    __typeof__(&xmlCreateIntSubset) createIntSubset;
    __typeof__(&xmlGetPredefinedEntity) getPredefinedEntity;
    __typeof__(&xmlGetDocEntity) getDocEntity;
    __typeof__(&xmlAddDocEntity) addDocEntity;
    __typeof__(&htmlEntityLookup) htmlEntityLookup;
    __typeof__(&xmlCopyCharMultiByte) copyCharMultiByte;
} xml;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure = NULL;

#define FIND(field, name)                                  \
    do {                                                   \
        *(void **)(&xml.field) = dlsym(library, #name);    \
        if (xml.field == NULL) {                           \
            failure = "libxml2.so.2 lacks " #name;         \
            return;                                        \
        }                                                  \
    } while (0)

static void load(void) {
    void *library = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        failure = why != NULL ? why : "libxml2.so.2 could not be loaded";
        return;
    }
    FIND(initParser, xmlInitParser);
    FIND(setGenericErrorFunc, xmlSetGenericErrorFunc);
    FIND(thrDefSetGenericErrorFunc, xmlThrDefSetGenericErrorFunc);
    FIND(createIOParserCtxt, xmlCreateIOParserCtxt);
    FIND(ctxtUseOptions, xmlCtxtUseOptions);
    FIND(parseDocument, xmlParseDocument);
    FIND(stopParser, xmlStopParser);
    FIND(freeParserCtxt, xmlFreeParserCtxt);
    FIND(freeDoc, xmlFreeDoc);
    FIND(sax2GetLineNumber, xmlSAX2GetLineNumber);
    FIND(htmlCreatePushParserCtxt, htmlCreatePushParserCtxt);
    FIND(htmlCtxtUseOptions, htmlCtxtUseOptions);
    FIND(htmlParseChunk, htmlParseChunk);
    FIND(setExternalEntityLoader, xmlSetExternalEntityLoader);
    FIND(setStructuredErrorFunc, xmlSetStructuredErrorFunc);
    FIND(thrDefSetStructuredErrorFunc, xmlThrDefSetStructuredErrorFunc);
    FIND(newDoc, xmlNewDoc);
    FIND(createIntSubset, xmlCreateIntSubset);
    FIND(getPredefinedEntity, xmlGetPredefinedEntity);
    FIND(getDocEntity, xmlGetDocEntity);
    FIND(addDocEntity, xmlAddDocEntity);
    FIND(htmlEntityLookup, htmlEntityLookup);
    FIND(copyCharMultiByte, xmlCopyCharMultiByte);
    xml.initParser();
}

const char *tidings_xml_load(void) {
    pthread_once(&once, load);
    return failure;
}

// libxml2 prints some messages itself ("xmlParseChunk: encoder error") through its generic error function,
// which would write them over the reader's screen: this one says nothing.
static void say_nothing(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

void tidings_xml_silence_generic_errors(void) {
    xml.setGenericErrorFunc(NULL, say_nothing);
    xml.thrDefSetGenericErrorFunc(NULL, say_nothing);
}

// Each of these is called only after tidings_xml_load said yes.
xmlParserCtxtPtr tidings_xmlCreateIOParserCtxt(xmlSAXHandlerPtr sax, void *user_data, xmlInputReadCallback read,
                                               xmlInputCloseCallback close, void *context, xmlCharEncoding encoding) {
    return xml.createIOParserCtxt(sax, user_data, read, close, context, encoding);
}
int tidings_xmlCtxtUseOptions(xmlParserCtxtPtr context, int options) { return xml.ctxtUseOptions(context, options); }
int tidings_xmlParseDocument(xmlParserCtxtPtr context) { return xml.parseDocument(context); }
void tidings_xmlStopParser(xmlParserCtxtPtr context) { xml.stopParser(context); }
void tidings_xmlFreeParserCtxt(xmlParserCtxtPtr context) { xml.freeParserCtxt(context); }
void tidings_xmlFreeDoc(xmlDocPtr document) { xml.freeDoc(document); }
int tidings_xmlSAX2GetLineNumber(void *context) { return xml.sax2GetLineNumber(context); }
htmlParserCtxtPtr tidings_htmlCreatePushParserCtxt(htmlSAXHandlerPtr sax, void *user_data, const char *chunk, int size,
                                                   const char *filename, xmlCharEncoding encoding) {
    return xml.htmlCreatePushParserCtxt(sax, user_data, chunk, size, filename, encoding);
}
int tidings_htmlCtxtUseOptions(htmlParserCtxtPtr context, int options) { return xml.htmlCtxtUseOptions(context, options); }
int tidings_htmlParseChunk(htmlParserCtxtPtr context, const char *chunk, int size, int terminate) {
    return xml.htmlParseChunk(context, chunk, size, terminate);
}
void tidings_xmlSetExternalEntityLoader(xmlExternalEntityLoader loader) { xml.setExternalEntityLoader(loader); }
void tidings_xmlSetStructuredErrorFunc(void *context, xmlStructuredErrorFunc handler) { xml.setStructuredErrorFunc(context, handler); }
void tidings_xmlThrDefSetStructuredErrorFunc(void *context, xmlStructuredErrorFunc handler) {
    xml.thrDefSetStructuredErrorFunc(context, handler);
}
xmlDocPtr tidings_xmlNewDoc(const xmlChar *version) { return xml.newDoc(version); }
xmlDtdPtr tidings_xmlCreateIntSubset(xmlDocPtr document, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
    return xml.createIntSubset(document, name, external_id, system_id);
}
xmlEntityPtr tidings_xmlGetPredefinedEntity(const xmlChar *name) { return xml.getPredefinedEntity(name); }
xmlEntityPtr tidings_xmlGetDocEntity(const xmlDoc *document, const xmlChar *name) { return xml.getDocEntity(document, name); }
xmlEntityPtr tidings_xmlAddDocEntity(xmlDocPtr document, const xmlChar *name, int type, const xmlChar *external_id,
                                     const xmlChar *system_id, const xmlChar *content) {
    return xml.addDocEntity(document, name, type, external_id, system_id, content);
}
const htmlEntityDesc *tidings_htmlEntityLookup(const xmlChar *name) { return xml.htmlEntityLookup(name); }
int tidings_xmlCopyCharMultiByte(xmlChar *out, int value) { return xml.copyCharMultiByte(out, value); }

#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// libcurl's functions, found in the library once it is loaded. The names of the originals are not
// defined here: a program that defined curl_easy_init itself would be asked for it by libcurl.
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *);
    CURLMcode (*multi_add_handle)(CURLM *, CURL *);
    CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
    CURLMcode (*multi_perform)(CURLM *, int *);
    CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned, int, int *);
    CURLMsg *(*multi_info_read)(CURLM *, int *);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure = NULL;

#define FIND(field, name)                                  \
    do {                                                   \
        *(void **)(&curl.field) = dlsym(library, name);    \
        if (curl.field == NULL) {                          \
            failure = "libcurl.so.4 lacks " name;          \
            return;                                        \
        }                                                  \
    } while (0)

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        failure = why != NULL ? why : "libcurl.so.4 could not be loaded";
        return;
    }
    FIND(global_init, "curl_global_init");
    FIND(easy_init, "curl_easy_init");
    FIND(easy_cleanup, "curl_easy_cleanup");
    FIND(easy_strerror, "curl_easy_strerror");
    FIND(easy_setopt, "curl_easy_setopt");
    FIND(easy_getinfo, "curl_easy_getinfo");
    FIND(slist_append, "curl_slist_append");
    FIND(slist_free_all, "curl_slist_free_all");
    FIND(multi_init, "curl_multi_init");
    FIND(multi_cleanup, "curl_multi_cleanup");
    FIND(multi_add_handle, "curl_multi_add_handle");
    FIND(multi_remove_handle, "curl_multi_remove_handle");
    FIND(multi_perform, "curl_multi_perform");
    FIND(multi_poll, "curl_multi_poll");
    FIND(multi_info_read, "curl_multi_info_read");
    FIND(multi_setopt, "curl_multi_setopt");
    if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) failure = "libcurl could not be initialised";
}

const char *tidings_curl_load(void) {
    pthread_once(&once, load);
    return failure;
}

// Each of these is called only after tidings_curl_load said yes.
CURL *tidings_curl_easy_init(void) { return curl.easy_init(); }
void tidings_curl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
const char *tidings_curl_easy_strerror(CURLcode code) { return curl.easy_strerror(code); }
struct curl_slist *tidings_curl_slist_append(struct curl_slist *list, const char *text) { return curl.slist_append(list, text); }
void tidings_curl_slist_free_all(struct curl_slist *list) { curl.slist_free_all(list); }
CURLM *tidings_curl_multi_init(void) { return curl.multi_init(); }
CURLMcode tidings_curl_multi_cleanup(CURLM *multi) { return curl.multi_cleanup(multi); }
CURLMcode tidings_curl_multi_add_handle(CURLM *multi, CURL *handle) { return curl.multi_add_handle(multi, handle); }
CURLMcode tidings_curl_multi_remove_handle(CURLM *multi, CURL *handle) { return curl.multi_remove_handle(multi, handle); }
CURLMcode tidings_curl_multi_perform(CURLM *multi, int *running) { return curl.multi_perform(multi, running); }
CURLMcode tidings_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned count, int milliseconds, int *ready) {
    return curl.multi_poll(multi, extra, count, milliseconds, ready);
}
CURLMsg *tidings_curl_multi_info_read(CURLM *multi, int *left) { return curl.multi_info_read(multi, left); }

CURLcode tidings_curl_set_long(CURL *handle, CURLoption option, long value) { return curl.easy_setopt(handle, option, value); }
CURLcode tidings_curl_set_string(CURL *handle, CURLoption option, const char *value) { return curl.easy_setopt(handle, option, value); }
CURLcode tidings_curl_set_pointer(CURL *handle, CURLoption option, void *value) { return curl.easy_setopt(handle, option, value); }
CURLcode tidings_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) { return curl.easy_setopt(handle, option, value); }
CURLcode tidings_curl_set_function(CURL *handle, CURLoption option, tidings_curl_data_fn function) {
    return curl.easy_setopt(handle, option, function);
}
CURLcode tidings_curl_get_long(CURL *handle, CURLINFO info, long *value) { return curl.easy_getinfo(handle, info, value); }
CURLcode tidings_curl_get_pointer(CURL *handle, CURLINFO info, void **value) { return curl.easy_getinfo(handle, info, value); }
CURLMcode tidings_curl_multi_set_long(CURLM *multi, CURLMoption option, long value) { return curl.multi_setopt(multi, option, value); }

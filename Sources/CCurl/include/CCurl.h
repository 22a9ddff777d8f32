// The only C that Swift sees of libcurl. libcurl is loaded when the first transfer needs it, not when
// Tidings starts: linked in, it and the two dozen libraries it brings (TLS, Kerberos, LDAP, SSH...) cost
// every start a few milliseconds, and the reader alone never fetches. The header is libcurl's own; every
// function is reached through tidings_curl_load. curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt
// take a variable argument list, which Swift cannot call: each kind of argument gets a typed function.
#ifndef TIDINGS_CCURL_H
#define TIDINGS_CCURL_H

#include <curl/curl.h>

typedef size_t (*tidings_curl_data_fn)(char *data, size_t size, size_t count, void *context);

/// Loads libcurl and initialises it, once; NULL when that worked, else why not (dlerror's words).
const char *tidings_curl_load(void);

CURL *tidings_curl_easy_init(void);
void tidings_curl_easy_cleanup(CURL *handle);
const char *tidings_curl_easy_strerror(CURLcode code);
struct curl_slist *tidings_curl_slist_append(struct curl_slist *list, const char *text);
void tidings_curl_slist_free_all(struct curl_slist *list);
CURLM *tidings_curl_multi_init(void);
CURLMcode tidings_curl_multi_cleanup(CURLM *multi);
CURLMcode tidings_curl_multi_add_handle(CURLM *multi, CURL *handle);
CURLMcode tidings_curl_multi_remove_handle(CURLM *multi, CURL *handle);
CURLMcode tidings_curl_multi_perform(CURLM *multi, int *running);
CURLMcode tidings_curl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned count, int milliseconds, int *ready);
CURLMsg *tidings_curl_multi_info_read(CURLM *multi, int *left);

CURLcode tidings_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode tidings_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode tidings_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode tidings_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode tidings_curl_set_function(CURL *handle, CURLoption option, tidings_curl_data_fn function);
CURLcode tidings_curl_get_long(CURL *handle, CURLINFO info, long *value);
CURLcode tidings_curl_get_pointer(CURL *handle, CURLINFO info, void **value);
CURLMcode tidings_curl_multi_set_long(CURLM *multi, CURLMoption option, long value);

#endif

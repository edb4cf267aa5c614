#ifndef SCHOOLJOURNAL_CCURL_SHIM_H
#define SCHOOLJOURNAL_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// function per kind of argument, so nothing in Swift needs to know the C calling convention.

/// curl_global_init with the default flags (a macro Swift cannot see).
static inline CURLcode sj_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline CURLcode sj_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sj_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sj_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sj_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode sj_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/// The upload's source: fills `buffer` with at most `size * count` bytes, 0 at the end.
typedef size_t (*sj_curl_read_function)(char *buffer, size_t size, size_t count, void *userdata);

static inline CURLcode sj_curl_setopt_read_function(CURL *handle, sj_curl_read_function function) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, function);
}

/// The conversation as curl sees it; the server's replies arrive as CURLINFO_HEADER_IN.
typedef int (*sj_curl_debug_function)(CURL *handle, curl_infotype type, char *data, size_t size, void *userdata);

static inline CURLcode sj_curl_setopt_debug_function(CURL *handle, sj_curl_debug_function function) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, function);
}

static inline CURLcode sj_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif

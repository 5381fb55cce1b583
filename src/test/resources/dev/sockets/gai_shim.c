/*
 * A stand-in for the C library's getaddrinfo, preloaded into a test's child JVM: every name is
 * answered here, so no DNS query can leave the machine. code<N>.gai-test fails with -N
 * (code3.gai-test is EAI_AGAIN), any other name with EAI_NONAME; a literal goes to the C library,
 * which parses it without a look-up.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res) {
    static int (*real)(const char *, const char *, const struct addrinfo *, struct addrinfo **);
    if (!real) {
        real = (int (*)(const char *, const char *, const struct addrinfo *, struct addrinfo **)) dlsym(RTLD_NEXT, "getaddrinfo");
    }
    if (node) {
        unsigned char buf[16];
        if (inet_pton(AF_INET, node, buf) == 1 || inet_pton(AF_INET6, node, buf) == 1) {
            return real(node, service, hints, res);
        }
        if (strncmp(node, "code", 4) == 0) {
            return -atoi(node + 4);
        }
        return EAI_NONAME;
    }
    return real(node, service, hints, res);
}

/*
 * C echo servers on 127.0.0.1, for the setup-rate analysis in BENCHMARKS.md (bench/lab/run): what
 * the machine allows per connection without a JVM; bench/run adds `serial 4` and `epollx 2` to its
 * setup scenario when gcc is there. Prints PORT and its port, serves until stdin closes.
 *   cserver serial K   K threads, each: blocking accept, echo until the end of stream, close
 *   cserver epoll K    K threads, non-blocking sockets, each its own epoll waiting on the listener
 *   cserver epollx K   the same, the listener with EPOLLEXCLUSIVE (one loop woken per client), and
 *                      each accepted socket read at once (its first bytes are often there)
 *   cserver epollr K   as epollx, but each loop with a listener of its own on the port (SO_REUSEPORT)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <errno.h>
static int lfd, port, exclusive, reuseport;
static int listener(int p) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1; setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (reuseport) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(p)}; inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 4096) != 0) { perror("bind"); exit(1); }
  socklen_t len = sizeof a; getsockname(fd, (struct sockaddr *)&a, &len);
  port = ntohs(a.sin_port);
  return fd;
}
static void *serial(void *arg) {
  char buf[65536];
  for (;;) {
    int c = accept4(lfd, NULL, NULL, 0);
    if (c < 0) continue;
    int one = 1; setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ssize_t n;
    while ((n = read(c, buf, sizeof buf)) > 0) write(c, buf, n);
    close(c);
  }
  return NULL;
}
static void *eloop(void *arg) {
  int l = (int)(long)arg;
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN | (exclusive ? EPOLLEXCLUSIVE : 0), .data.fd = l};
  epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
  struct epoll_event evs[64]; char buf[65536];
  for (;;) {
    int k = epoll_wait(ep, evs, 64, -1);
    for (int i = 0; i < k; i++) {
      int fd = evs[i].data.fd;
      if (fd == l) {
        for (;;) {
          int c = accept4(l, NULL, NULL, SOCK_NONBLOCK);
          if (c < 0) break;
          int one = 1; setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          if (exclusive) {
            ssize_t n = read(c, buf, sizeof buf);
            if (n > 0) write(c, buf, n);
            else if (n == 0) { close(c); continue; }
          }
          struct epoll_event e2 = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &e2);
        }
      } else {
        for (;;) {
          ssize_t n = read(fd, buf, sizeof buf);
          if (n > 0) { write(fd, buf, n); continue; }
          if (n == 0 || errno != EAGAIN) close(fd);
          break;
        }
      }
    }
  }
  return NULL;
}
int main(int argc, char **argv) {
  exclusive = strcmp(argv[1], "epollx") == 0 || strcmp(argv[1], "epollr") == 0;
  reuseport = strcmp(argv[1], "epollr") == 0;
  int ev = exclusive || strcmp(argv[1], "epoll") == 0;
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  lfd = listener(0);
  if (ev) fcntl(lfd, F_SETFL, O_NONBLOCK);
  for (int t = 0; t < threads; t++) {
    int l = lfd;
    if (reuseport && t > 0) { l = listener(port); fcntl(l, F_SETFL, O_NONBLOCK); }
    pthread_t th; pthread_create(&th, NULL, ev ? eloop : serial, (void *)(long)l);
  }
  printf("PORT %d\n", port); fflush(stdout);
  char line[16]; while (fgets(line, sizeof line, stdin)) {}
  return 0;
}

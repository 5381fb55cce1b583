/*
 * C echo servers on 127.0.0.1, for the setup-rate analysis in BENCHMARKS.md (bench/lab/run): what
 * the machine allows per connection without a JVM; bench/run adds `serial 4` to its setup scenario
 * when gcc is there. Prints PORT and its port, serves until stdin closes.
 *   cserver serial K   K threads, each: blocking accept, echo until the end of stream, close
 *   cserver epoll 1    one thread, non-blocking sockets on epoll
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
static int lfd;
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
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
  struct epoll_event evs[64]; char buf[65536];
  for (;;) {
    int k = epoll_wait(ep, evs, 64, -1);
    for (int i = 0; i < k; i++) {
      int fd = evs[i].data.fd;
      if (fd == lfd) {
        for (;;) {
          int c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
          if (c < 0) break;
          int one = 1; setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
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
  lfd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1; setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0}; inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  bind(lfd, (struct sockaddr *)&a, sizeof a); listen(lfd, 4096);
  socklen_t len = sizeof a; getsockname(lfd, (struct sockaddr *)&a, &len);
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  if (strcmp(argv[1], "epoll") == 0) fcntl(lfd, F_SETFL, O_NONBLOCK);
  for (int t = 0; t < threads; t++) { pthread_t th; pthread_create(&th, NULL, strcmp(argv[1], "epoll") == 0 ? eloop : serial, NULL); }
  printf("PORT %d\n", ntohs(a.sin_port)); fflush(stdout);
  char line[16]; while (fgets(line, sizeof line, stdin)) {}
  return 0;
}

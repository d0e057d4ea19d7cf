/*
 * A pod's sandbox process. The kubelet starts it first in every pod so that the pod's network and
 * IPC namespaces outlive the restarts of its containers; it must do nothing else, cost nothing,
 * reap the zombies it inherits as PID 1 and stop at once when containerd asks it to.
 * Our own, because no image can be pulled here and containerd needs one.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int signal) {
  _exit(128 + signal);
}

static void reap(int signal) {
  (void) signal;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = stop;
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  action.sa_handler = reap;
  action.sa_flags = SA_NOCLDSTOP | SA_RESTART;
  sigaction(SIGCHLD, &action, NULL);
  for (;;) {
    pause();
  }
}

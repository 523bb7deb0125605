/*
 * A power loss, simulated at the level where durability is decided: fsync. Preloaded into the hub
 * (LD_PRELOAD=fsync_snapshot.so, DURABLE_DIR=/abs/data), it lets every fsync and fdatasync through and, when the
 * call succeeded on a file directly in DURABLE_DIR, copies the file as it is now to DURABLE_DIR/durable/NAME: what a
 * power loss right after that call leaves on the disk. A write that no fsync covered is not in the copy; a file
 * unlinked there (a rollback journal once the database is in WAL mode) loses its copy too. PowerLossIT
 * kills the hub, puts the copies in place of the files, and checks what the hub promised against what is left.
 * Built by the test with gcc; used by nothing else.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_mutex_t copying = PTHREAD_MUTEX_INITIALIZER;

/* DURABLE_DIR/durable/NAME for a file directly in DURABLE_DIR; 0 for any other file. */
static int durable_name(const char *path, char *target, size_t size) {
    const char *dir = getenv("DURABLE_DIR");
    if (dir == NULL) {
        return 0;
    }
    size_t dl = strlen(dir);
    if (strncmp(path, dir, dl) != 0 || path[dl] != '/' || strchr(path + dl + 1, '/') != NULL) {
        return 0;
    }
    snprintf(target, size, "%s/durable/%s", dir, path + dl + 1);
    return 1;
}

static void keep_durable_copy(int fd) {
    char link[64];
    char path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) {
        return;
    }
    path[n] = '\0';
    char target[PATH_MAX];
    char partial[PATH_MAX];
    if (!durable_name(path, target, sizeof target)) {
        return;
    }
    snprintf(partial, sizeof partial, "%s.partial", target);
    pthread_mutex_lock(&copying);
    int in = open(path, O_RDONLY);
    int out = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in >= 0 && out >= 0) {
        char buf[1 << 16];
        ssize_t r;
        while ((r = read(in, buf, sizeof buf)) > 0) {
            if (write(out, buf, (size_t) r) != r) {
                break;
            }
        }
    }
    if (in >= 0) {
        close(in);
    }
    if (out >= 0) {
        close(out);
        rename(partial, target);
    }
    pthread_mutex_unlock(&copying);
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
    }
    int r = real(fd);
    if (r == 0) {
        keep_durable_copy(fd);
    }
    return r;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) {
        real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
    }
    int r = real(fd);
    if (r == 0) {
        keep_durable_copy(fd);
    }
    return r;
}

int unlink(const char *path) {
    static int (*real)(const char *);
    if (real == NULL) {
        real = (int (*)(const char *)) dlsym(RTLD_NEXT, "unlink");
    }
    int r = real(path);
    char target[PATH_MAX];
    if (r == 0 && path[0] == '/' && durable_name(path, target, sizeof target)) {
        pthread_mutex_lock(&copying);
        real(target);
        pthread_mutex_unlock(&copying);
    }
    return r;
}

#include "CTerminalGuard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Signal handlers may only touch this state with async-signal-safe calls, so it lives in C.
static struct termios saved_settings;
static int saved_fd = -1;
static volatile sig_atomic_t quit_signal = 0;
static const int crash_signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE };
#define CRASH_SIGNAL_COUNT (sizeof crash_signals / sizeof crash_signals[0])
// The handlers that were there before ours (the Swift runtime's backtracer among them), put back
// before the signal is raised again so the backtrace is still printed.
static struct sigaction previous[CRASH_SIGNAL_COUNT];

void tidings_guard_save(int fd) {
    if (tcgetattr(fd, &saved_settings) == 0) saved_fd = fd;
}

static void restore_after_crash(int sig) {
    if (saved_fd >= 0) {
        tcsetattr(saved_fd, TCSANOW, &saved_settings);
        // Leave the alternate screen, show the cursor, stop mouse reporting: the backtrace that
        // follows must land on the user's normal screen.
        static const char reset[] = "\033[?1006l\033[?1000l\033[?1049l\033[?25h\r\n";
        ssize_t ignored = write(saved_fd, reset, sizeof reset - 1);
        (void)ignored;
    }
    for (unsigned i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == sig) sigaction(sig, &previous[i], NULL);
    }
    raise(sig);
    // The previous handler (Swift's backtracer) printed its backtrace and returned, as it does for a signal
    // sent from outside rather than a fault: end by the signal itself, so the shell sees 128+N and a core
    // can be written where that is enabled.
    signal(sig, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, sig);
    sigprocmask(SIG_UNBLOCK, &only, NULL);
    raise(sig);
}

void tidings_guard_install_crash_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = restore_after_crash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (unsigned i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        sigaction(crash_signals[i], &action, &previous[i]);
    }
}

static void record_quit(int sig) { quit_signal = sig; }

void tidings_guard_install_quit_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = record_quit;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a blocking read returns EINTR so the loop sees the request
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);

    // A parent may have left these blocked (the mask survives exec); the reader depends on each one.
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGINT);
    sigaddset(&needed, SIGTERM);
    sigaddset(&needed, SIGHUP);
    sigaddset(&needed, SIGWINCH);
    sigaddset(&needed, SIGTSTP);
    sigaddset(&needed, SIGCONT);
    sigprocmask(SIG_UNBLOCK, &needed, NULL);
}

void tidings_guard_reset_quit_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

int tidings_guard_quit_signal(void) { return quit_signal; }

static struct sigaction ncurses_stop;
static int sgr_mouse_fd = -1;

// Ctrl-Z: SGR mouse reports off while the shell and its programs have the terminal, on again after `fg`.
static void stop_without_sgr_mouse(int sig) {
    static const char off[] = "\033[?1006l", on[] = "\033[?1006h";
    ssize_t ignored = write(sgr_mouse_fd, off, sizeof off - 1);
    if (ncurses_stop.sa_handler != SIG_DFL && ncurses_stop.sa_handler != SIG_IGN) {
        ncurses_stop.sa_handler(sig); // ncurses leaves the screen, stops the process, and takes it back
    } else {
        raise(SIGSTOP);
    }
    ignored = write(sgr_mouse_fd, on, sizeof on - 1);
    (void)ignored;
}

void tidings_guard_sgr_mouse_around_stops(int fd) {
    sgr_mouse_fd = fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = stop_without_sgr_mouse;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTSTP, &action, &ncurses_stop);
}

static struct sigaction saved_interrupt, saved_quit;

void tidings_guard_ignore_interrupts(int ignore) {
    if (ignore) {
        struct sigaction ignored;
        memset(&ignored, 0, sizeof ignored);
        ignored.sa_handler = SIG_IGN;
        sigemptyset(&ignored.sa_mask);
        sigaction(SIGINT, &ignored, &saved_interrupt);
        sigaction(SIGQUIT, &ignored, &saved_quit);
    } else {
        sigaction(SIGINT, &saved_interrupt, NULL);
        sigaction(SIGQUIT, &saved_quit, NULL);
    }
}

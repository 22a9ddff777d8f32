#ifndef TIDINGS_TERMINAL_GUARD_H
#define TIDINGS_TERMINAL_GUARD_H

/// Saves the terminal settings of `fd` so that a crash can put them back.
void tidings_guard_save(int fd);
/// Installs handlers for SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS and SIGFPE that restore the saved
/// settings, leave the alternate screen, show the cursor, then let the signal's default action run.
void tidings_guard_install_crash_handlers(void);
/// Installs handlers for SIGINT, SIGTERM and SIGHUP that only record the request to quit.
void tidings_guard_install_quit_handlers(void);
/// Gives SIGINT, SIGTERM and SIGHUP their default action again (when no screen was started after all).
void tidings_guard_reset_quit_handlers(void);
/// The quit signal received so far, or 0.
int tidings_guard_quit_signal(void);
/// Wraps the SIGTSTP handler ncurses installed so that SGR mouse reports (asked for on `fd`) are switched
/// off while the process is stopped and on again when it continues.
void tidings_guard_sgr_mouse_around_stops(int fd);
/// While another program has the terminal (a browser), Ctrl-C and Ctrl-\ are its own: 1 ignores SIGINT
/// and SIGQUIT here, 0 puts back what was there, as system(3) does.
void tidings_guard_ignore_interrupts(int ignore);

#endif

// The only C that Swift sees of ncurses. SwiftPM drops pkg-config's -D flags, so the wide-character
// API has to be switched on here, before the header is read.
#ifndef TIDINGS_CNCURSES_SHIM_H
#define TIDINGS_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Macros do not import into Swift, and globals like stdscr/LINES/COLS are rejected by strict
// concurrency: each is read through a function instead, never hard-coded as a number in Swift.
static inline attr_t tidings_attr_bold(void) { return A_BOLD; }
static inline attr_t tidings_attr_reverse(void) { return A_REVERSE; }
static inline attr_t tidings_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t tidings_attr_dim(void) { return A_DIM; }
static inline attr_t tidings_attr_normal(void) { return A_NORMAL; }
static inline WINDOW *tidings_stdscr(void) { return stdscr; }
static inline int tidings_lines(void) { return LINES; }
static inline int tidings_cols(void) { return COLS; }
static inline int tidings_colors(void) { return COLORS; }
static inline int tidings_key_resize(void) { return KEY_RESIZE; }
static inline int tidings_key_mouse(void) { return KEY_MOUSE; }
static inline int tidings_key_code_yes(void) { return KEY_CODE_YES; }
static inline int tidings_ok(void) { return OK; }
static inline int tidings_err(void) { return ERR; }
static inline mmask_t tidings_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
// ncurses decodes SGR (1006) mouse reports only when terminfo's kmous says the terminal sends them, which
// tmux-256color and screen-256color do not: there the reader asks for SGR itself and reads the reports
// behind this key code, one past ncurses' own.
static inline int tidings_key_sgr_mouse(void) { return KEY_MAX + 1; }
static inline int tidings_terminfo_has_sgr_mouse(void) {
    const char *report = tigetstr("kmous");
    return report != NULL && report != (char *)-1 && report[0] == '\033' && report[1] == '[' && report[2] == '<';
}
static inline int tidings_button1(mmask_t state) { return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0; }
static inline int tidings_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int tidings_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

#endif

// The C side of ptscope's ncurses backend: the wide-character curses API, plus accessors and
// small helpers for what Swift cannot import (function-like macros, C globals that are
// concurrency errors in Swift 6, signal handlers).
//
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, so the feature macros are set here, before any
// system header, or cchar_t / setcchar / wget_wch would be missing.

#ifndef PTSCOPE_CNCURSESW_SHIM_H
#define PTSCOPE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <stdio.h>

// wcwidth is hidden from Swift by the Glibc module's feature macros; declare it here.
extern int wcwidth(wchar_t c);

// MARK: - Globals (reading them from Swift 6 is a concurrency error)

static inline WINDOW *ptscope_stdscr(void) { return stdscr; }
static inline FILE *ptscope_stdout(void) { return stdout; }
static inline FILE *ptscope_stdin(void) { return stdin; }
static inline int ptscope_colors(void) { return COLORS; }
static inline int ptscope_color_pairs(void) { return COLOR_PAIRS; }

// MARK: - Attributes (built by the NCURSES_BITS function-like macro)

static inline attr_t ptscope_a_normal(void) { return A_NORMAL; }
static inline attr_t ptscope_a_bold(void) { return A_BOLD; }
static inline attr_t ptscope_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ptscope_a_reverse(void) { return A_REVERSE; }
static inline attr_t ptscope_a_dim(void) { return A_DIM; }

// MARK: - Mouse masks

static inline mmask_t ptscope_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ptscope_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t ptscope_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t ptscope_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t ptscope_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t ptscope_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

// MARK: - Text

/// The number of wchar_t a cchar_t holds (the first spacing, the rest combining).
static inline int ptscope_ccharw_max(void) { return CCHARW_MAX; }

/// Display width of one wide character in the current locale (-1: not printable).
static inline int ptscope_wcwidth(wchar_t c) { return wcwidth(c); }

/// True when the current LC_CTYPE uses UTF-8.
static inline int ptscope_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// Writes one cell at (y, x): `count` wide characters (at most CCHARW_MAX: the first spacing, the
/// rest combining) with `attrs` and the extended colour pair `pair`. Returns the result of
/// mvwadd_wch (ERR at the bottom-right corner even though the cell was written).
static inline int ptscope_put_cell(WINDOW *win, int y, int x, const wchar_t *chars, int count,
                                   attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    if (n < 1) {
        text[0] = L' ';
        n = 1;
    } else {
        memcpy(text, chars, (size_t)n * sizeof(wchar_t));
    }
    text[n] = L'\0';
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    // The short pair argument is ignored when opts points at an int: the extended pair number.
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) {
        return ERR;
    }
    return mvwadd_wch(win, y, x, &cell);
}

/// Reads the cell at (y, x): its wide characters into `chars` (room for CCHARW_MAX + 1, NUL
/// terminated), its attributes and its extended colour pair. Returns OK or ERR.
static inline int ptscope_get_cell(WINDOW *win, int y, int x, wchar_t *chars, attr_t *attrs, int *pair) {
    cchar_t cell;
    memset(&cell, 0, sizeof cell);
    if (mvwin_wch(win, y, x, &cell) == ERR) {
        return ERR;
    }
    short short_pair = 0;
    *pair = 0;
    return getcchar(&cell, chars, attrs, &short_pair, pair);
}

// MARK: - Signals
//
// A systemLibrary target compiles no .c files, so the handlers live here as static functions with
// function-local static state. Each Swift object file that calls them gets its own copy of that
// state: call them from ONE Swift source file only (NcursesTerminal.swift).

#define PTSCOPE_FATAL_SIGNAL_COUNT 6

static inline const int *ptscope_fatal_signals(void) {
    static const int sigs[PTSCOPE_FATAL_SIGNAL_COUNT] = {SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGFPE};
    return sigs;
}

static inline const int *ptscope_interrupt_signals(void) {
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    return sigs;
}

/// The shared state: the received interrupt signal and the actions installed before ours.
struct ptscope_signal_state {
    volatile sig_atomic_t interrupt;
    int installed;
    struct sigaction previous_interrupt[3];
    struct sigaction previous_fatal[PTSCOPE_FATAL_SIGNAL_COUNT];
};

static inline struct ptscope_signal_state *ptscope_signals(void) {
    static struct ptscope_signal_state state;
    return &state;
}

static void ptscope_on_interrupt(int sig) {
    ptscope_signals()->interrupt = sig;
}

static void ptscope_on_fatal(int sig) {
    // Not async-signal-safe in theory, but the process is dying and a raw-mode terminal is worse.
    endwin();
    struct ptscope_signal_state *s = ptscope_signals();
    const int *fatal = ptscope_fatal_signals();
    int restored = 0;
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        if (fatal[i] == sig) {
            sigaction(sig, &s->previous_fatal[i], NULL);
            restored = 1;
        }
    }
    if (!restored) {
        signal(sig, SIG_DFL);
    }
    // Blocked while this handler runs; delivered with the previous action as soon as it returns.
    raise(sig);
}

/// Installs handlers: SIGINT, SIGTERM and SIGHUP set a flag (without SA_RESTART, so a blocking
/// wget_wch returns); SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP and SIGFPE call endwin() and then
/// re-raise with the action that was installed before (the default action, or the Swift runtime's
/// backtracer, which then prints on a restored terminal). SIGTSTP and SIGWINCH are left to
/// ncurses. Calling it again while installed does nothing.
static inline void ptscope_install_signal_handlers(void) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->installed) {
        return;
    }
    s->installed = 1;
    s->interrupt = 0;

    // An alternate stack so the fatal handler also runs on a stack overflow.
    static char alt_stack[64 * 1024];
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        stack_t ss;
        memset(&ss, 0, sizeof ss);
        ss.ss_sp = alt_stack;
        ss.ss_size = sizeof alt_stack;
        sigaltstack(&ss, NULL);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = ptscope_on_interrupt;
    sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns with EINTR
    const int *interrupts = ptscope_interrupt_signals();
    for (int i = 0; i < 3; i++) {
        sigaction(interrupts[i], &sa, &s->previous_interrupt[i]);
    }

    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    sigemptyset(&fa.sa_mask);
    fa.sa_handler = ptscope_on_fatal;
    fa.sa_flags = SA_ONSTACK;
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal[i], &fa, &s->previous_fatal[i]);
    }
}

/// Puts back the actions that were installed before ptscope_install_signal_handlers. The
/// received interrupt signal is kept.
static inline void ptscope_restore_signal_handlers(void) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (!s->installed) {
        return;
    }
    const int *interrupts = ptscope_interrupt_signals();
    for (int i = 0; i < 3; i++) {
        sigaction(interrupts[i], &s->previous_interrupt[i], NULL);
    }
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal[i], &s->previous_fatal[i], NULL);
    }
    s->installed = 0;
}

/// The last of SIGINT/SIGTERM/SIGHUP received while the handlers were installed (0: none).
static inline int ptscope_interrupt_signal(void) { return (int)ptscope_signals()->interrupt; }

/// Forgets a received interrupt signal.
static inline void ptscope_clear_interrupt(void) { ptscope_signals()->interrupt = 0; }

#endif

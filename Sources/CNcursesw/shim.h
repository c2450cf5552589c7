// The C side of ptscope's ncurses backend: the wide-character curses API, plus accessors and
// small helpers for what Swift cannot import (function-like macros, C globals that are
// concurrency errors in Swift 6, signal handlers).
//
// The feature macros are set here, before any system header (Package.swift does not ask
// pkg-config, whose -D_XOPEN_SOURCE=600 SwiftPM would drop anyway), or cchar_t / setcchar /
// wget_wch would be missing.

#ifndef PTSCOPE_CNCURSESW_SHIM_H
#define PTSCOPE_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#error "ptscope needs ncursesw's headers (ncursesw/curses.h): apt-get install libncurses-dev"
#endif
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
//
// The handlers call only async-signal-safe functions (write, tcgetattr, tcsetattr, sigaction,
// sigprocmask, raise, alarm, open, dup2, getpid, gettid, nanosleep, _exit): never endwin. What
// endwin would send to the terminal is worked out once, when the handlers are installed, as two byte strings: `leave`
// (attributes off, mouse off, keypad off, cursor visible, alternate screen off) and `enter` (the
// reverse, for a resume); with the shell's termios saved before curses started, the handlers can
// restore the terminal with write(2) and tcsetattr.

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

/// Signals that end the process at once: the terminal is restored, a line goes to stderr, and
/// the signal is raised again with its default action (the shell reports 128 + n).
#define PTSCOPE_FATAL_SIGNAL_COUNT 8
/// Signals that ask the explorer to stop: a flag its input loop polls (then 128 + n as well).
#define PTSCOPE_INTERRUPT_SIGNAL_COUNT 3
#define PTSCOPE_SEQUENCE_MAX 256

static inline const int *ptscope_fatal_signals(void) {
    static const int sigs[PTSCOPE_FATAL_SIGNAL_COUNT] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL,
                                                         SIGABRT, SIGTRAP, SIGSYS, SIGQUIT};
    return sigs;
}

static inline const int *ptscope_interrupt_signals(void) {
    static const int sigs[PTSCOPE_INTERRUPT_SIGNAL_COUNT] = {SIGINT, SIGTERM, SIGHUP};
    return sigs;
}

/// The shared state: flags for the input loop, what restores the terminal, the actions installed
/// before ours.
struct ptscope_signal_state {
    volatile sig_atomic_t interrupt;
    volatile sig_atomic_t resumed;
    /// Set first thing by the fatal handler: the process is ending; the interrupt, watchdog, stop
    /// and continue handlers then do nothing (a Ctrl-C during a crash's backtrace must not turn
    /// it into an exit by SIGINT).
    volatile sig_atomic_t dying;
    /// The thread that set `dying` (its kernel thread id), written with an atomic exchange.
    long dying_thread;
    int installed;
    /// The dispositions were saved by ptscope_save_shell_mode, before curses installed its own.
    int have_shell_actions;
    int fd;
    /// curses' own output: a duplicate of `fd` (ptscope_curses_output), or -1.
    int curses_fd;
    int have_shell_mode;
    struct termios shell_mode;
    char leave[PTSCOPE_SEQUENCE_MAX];
    size_t leave_length;
    char enter[PTSCOPE_SEQUENCE_MAX];
    size_t enter_length;
    struct sigaction previous_interrupt[PTSCOPE_INTERRUPT_SIGNAL_COUNT];
    struct sigaction previous_fatal[PTSCOPE_FATAL_SIGNAL_COUNT];
    struct sigaction previous_stop;
    struct sigaction previous_continue;
    struct sigaction previous_alarm;
};

static inline struct ptscope_signal_state *ptscope_signals(void) {
    static struct ptscope_signal_state state = {.fd = -1, .curses_fd = -1};
    return &state;
}

/// Writes all of `length` bytes to `fd` (async-signal-safe; gives up on an error but EINTR).
static inline void ptscope_write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

static inline void ptscope_write_text(int fd, const char *text) { ptscope_write_all(fd, text, strlen(text)); }

/// The name of a signal the handlers know, for the line on stderr.
static inline const char *ptscope_signal_name(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGABRT: return "SIGABRT";
    case SIGTRAP: return "SIGTRAP";
    case SIGSYS: return "SIGSYS";
    case SIGQUIT: return "SIGQUIT";
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "a signal";
    }
}

/// A stream for curses' output on a duplicate of `fd` (close-on-exec), remembered so the handlers
/// that end the process can silence it; NULL when it can't be had (then use `stdout`).
static inline FILE *ptscope_curses_output(int fd) {
    int copy = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (copy < 0) return NULL;
    FILE *file = fdopen(copy, "w");
    if (file == NULL) {
        close(copy);
        return NULL;
    }
    ptscope_signals()->curses_fd = copy;
    return file;
}

/// Puts the terminal back as the shell had it: the `leave` bytes, then the saved termios.
/// Async-signal-safe; errno is kept.
///
/// `ending` (the process ends next): before that, curses' own output is pointed at /dev/null: the process is ending, and another
/// thread may be drawing a frame (the input loop, while a worker thread crashes); what it writes
/// from now on must not land on the restored screen, above or inside the backtrace. A write
/// already under way finishes first: the terminal serialises whole writes.
static inline void ptscope_leave_terminal(int ending) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->fd < 0) return;
    int saved = errno;
    if (ending && s->curses_fd >= 0) {
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (null >= 0) {
            dup2(null, s->curses_fd);
            close(null);
        }
    }
    ptscope_write_all(s->fd, s->leave, s->leave_length);
    if (s->have_shell_mode) tcsetattr(s->fd, TCSADRAIN, &s->shell_mode);
    errno = saved;
}

/// Ends the process with `sig` and its default action (a core dump where that is the default),
/// so the parent sees the signal; _exit(128 + sig) if the signal does not end it.
static inline void ptscope_die_by(int sig) {
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    raise(sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    _exit(128 + sig);
}

/// 1 when the current terminal can move the cursor to any cell (terminfo `cup`), which drawing
/// needs: without it (`TERM=dumb`) curses starts but nothing it draws lands where it should.
static inline int ptscope_can_address_cursor(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

/// Appends the terminfo string `name` (when the terminal has one) to `buffer`.
static inline void ptscope_append_capability(char *buffer, size_t *length, const char *name) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (const char *)-1) return;
    size_t n = strlen(value);
    if (*length + n >= PTSCOPE_SEQUENCE_MAX) return;
    memcpy(buffer + *length, value, n);
    *length += n;
}

static inline void ptscope_append_text(char *buffer, size_t *length, const char *text) {
    size_t n = strlen(text);
    if (*length + n >= PTSCOPE_SEQUENCE_MAX) return;
    memcpy(buffer + *length, text, n);
    *length += n;
}

/// The calling thread's id (async-signal-safe).
static inline long ptscope_thread_id(void) {
#ifdef __linux__
    return (long)syscall(SYS_gettid);
#else
    return (long)(uintptr_t)pthread_self();
#endif
}

// MARK: Handlers

static void ptscope_on_fatal(int sig, siginfo_t *info, void *context) {
    struct ptscope_signal_state *s = ptscope_signals();
    // First: the process is ending. Every other signal is blocked on this thread while the handler
    // runs (sa_mask is full); on other threads the interrupt, watchdog and stop handlers see
    // `dying` and return. A fault on another thread while this one reports waits here for the
    // end; the same thread faulting again (inside the backtracer) ends at once.
    s->dying = 1;
    long self = ptscope_thread_id();
    long expected = 0;
    if (!__atomic_compare_exchange_n(&s->dying_thread, &expected, self, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        if (expected == self) ptscope_die_by(sig);
        for (;;) {
            struct timespec second = {1, 0};
            nanosleep(&second, NULL);
        }
    }
    alarm(0);
    ptscope_leave_terminal(1);
    int index = -1;
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        if (fatal[i] == sig) index = i;
    }
    struct sigaction previous;
    memset(&previous, 0, sizeof previous);
    previous.sa_handler = SIG_DFL;
    if (index >= 0) previous = s->previous_fatal[index];

    // A crash of this process (a fault, a trap, abort()) goes on to the handler installed before
    // ours: the Swift runtime's backtracer, which prints the backtrace on the restored terminal.
    // Its interactive mode would wait 30 s for a key: with stdin on /dev/null it cannot. A signal
    // sent by another process (kill) or by the keyboard (SIGQUIT) ends the process at once.
    int own = info != NULL && sig != SIGQUIT && (info->si_code > 0 || info->si_pid == getpid());
    int chain = own && (previous.sa_flags & SA_SIGINFO ? previous.sa_sigaction != NULL
                                                       : previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN);
    ptscope_write_text(2, "ptscope: ");
    ptscope_write_text(2, ptscope_signal_name(sig));
    ptscope_write_text(2, own ? ": crashed; the terminal was restored\n"
                              : " received: exiting; the terminal was restored\n");
    if (chain) {
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0) {
            dup2(null, 0);
            if (null != 0) close(null);
        }
        // From here on the default action: whatever the backtracer does, the process ends.
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        sigemptyset(&dfl.sa_mask);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        if (previous.sa_flags & SA_SIGINFO) {
            previous.sa_sigaction(sig, info, context);
        } else {
            previous.sa_handler(sig);
        }
    }
    ptscope_die_by(sig);
}

static void ptscope_on_interrupt(int sig) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->dying) return;
    if (s->interrupt != 0) {
        // A second one (Ctrl-C again): the input loop did not get to the first; end now.
        ptscope_leave_terminal(1);
        ptscope_die_by(sig);
    }
    s->interrupt = sig;
    // The input loop polls the flag every few ms; should it be stuck, the watchdog ends it.
    alarm(1);
}

static void ptscope_on_watchdog(int sig) {
    (void)sig;
    struct ptscope_signal_state *s = ptscope_signals();
    int pending = s->interrupt;
    if (pending == 0 || s->dying) return;
    ptscope_leave_terminal(1);
    ptscope_write_text(2, "ptscope: ");
    ptscope_write_text(2, ptscope_signal_name(pending));
    ptscope_write_text(2, " received and the explorer did not stop within 1 s: exiting\n");
    ptscope_die_by(pending);
}

static void ptscope_on_continue(int sig) {
    (void)sig;
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->dying) return;
    s->resumed = 1;
}

static void ptscope_on_stop(int sig) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->dying) return;  // no stop (nor a resume into curses' modes) while a crash is reported
    int saved = errno;
    struct termios program;
    int have_program = s->fd >= 0 && tcgetattr(s->fd, &program) == 0;
    ptscope_leave_terminal(0);

    // Stop for real: the default action, unblocked just long enough to be delivered.
    struct sigaction dfl, ours;
    memset(&dfl, 0, sizeof dfl);
    sigemptyset(&dfl.sa_mask);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, &ours);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, sig);
    raise(sig);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    // ... stopped here until SIGCONT ...
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(sig, &ours, NULL);

    if (have_program) tcsetattr(s->fd, TCSADRAIN, &program);
    ptscope_write_all(s->fd, s->enter, s->enter_length);
    s->resumed = 1;
    errno = saved;
}

// MARK: Installing

/// Saves the terminal's current (shell) modes of `fd` and the signal dispositions: call before
/// curses starts. `newterm` installs ncurses' own SIGINT, SIGTERM and SIGTSTP handlers where they
/// were at their defaults; ptscope_restore_signal_handlers puts back these, the shell's.
static inline void ptscope_save_shell_mode(int fd) {
    struct ptscope_signal_state *s = ptscope_signals();
    s->fd = fd;
    s->have_shell_mode = tcgetattr(fd, &s->shell_mode) == 0;
    if (s->installed) return;
    const int *interrupts = ptscope_interrupt_signals();
    for (int i = 0; i < PTSCOPE_INTERRUPT_SIGNAL_COUNT; i++) {
        sigaction(interrupts[i], NULL, &s->previous_interrupt[i]);
    }
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal[i], NULL, &s->previous_fatal[i]);
    }
    sigaction(SIGALRM, NULL, &s->previous_alarm);
    sigaction(SIGCONT, NULL, &s->previous_continue);
    sigaction(SIGTSTP, NULL, &s->previous_stop);
    s->have_shell_actions = 1;
}

/// Installs the handlers, for the current curses terminal (its terminfo strings), which writes
/// to the fd given to ptscope_save_shell_mode. `mouse`: mouse reporting is on.
///
/// - SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS, SIGQUIT: restore the terminal,
///   write a line to stderr, let the Swift runtime's backtracer print a crash of this process
///   (non-interactively), then die by the signal with its default action.
/// - SIGINT, SIGTERM, SIGHUP: set a flag the input loop polls (no SA_RESTART, so a blocking read
///   returns); a second one, or no exit within 1 s (SIGALRM), restores and dies at once.
/// - SIGTSTP: restore the terminal, stop; on SIGCONT put curses' modes back and flag a redraw.
/// - SIGCONT (after SIGSTOP too): flag a redraw.
/// SIGWINCH is left to ncurses. Calling it again while installed does nothing.
static inline void ptscope_install_signal_handlers(int mouse) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (s->installed) {
        return;
    }
    s->installed = 1;
    s->interrupt = 0;
    s->resumed = 0;
    // The actions to put back: the shell's, saved before newterm, else the current ones.
    int keep = s->have_shell_actions;

    s->leave_length = 0;
    s->enter_length = 0;
    ptscope_append_capability(s->leave, &s->leave_length, "sgr0");
    if (mouse) ptscope_append_text(s->leave, &s->leave_length, "\033[?1006l\033[?1000l");
    ptscope_append_capability(s->leave, &s->leave_length, "rmkx");
    ptscope_append_capability(s->leave, &s->leave_length, "cnorm");
    ptscope_append_capability(s->leave, &s->leave_length, "rmcup");
    ptscope_append_capability(s->enter, &s->enter_length, "smcup");
    ptscope_append_capability(s->enter, &s->enter_length, "smkx");
    ptscope_append_capability(s->enter, &s->enter_length, "civis");

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
    for (int i = 0; i < PTSCOPE_INTERRUPT_SIGNAL_COUNT; i++) {
        sigaction(interrupts[i], &sa, keep ? NULL : &s->previous_interrupt[i]);
    }
    sa.sa_handler = ptscope_on_watchdog;
    sigaction(SIGALRM, &sa, keep ? NULL : &s->previous_alarm);
    sa.sa_handler = ptscope_on_continue;
    sigaction(SIGCONT, &sa, keep ? NULL : &s->previous_continue);
    sa.sa_handler = ptscope_on_stop;
    sigaction(SIGTSTP, &sa, keep ? NULL : &s->previous_stop);

    // Every signal is blocked while a fatal handler runs (a Ctrl-C, the watchdog, a stop).
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    sigfillset(&fa.sa_mask);
    fa.sa_sigaction = ptscope_on_fatal;
    fa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal[i], &fa, keep ? NULL : &s->previous_fatal[i]);
    }
}

/// Puts back the actions that were installed before ptscope_install_signal_handlers and cancels
/// the watchdog. The received interrupt signal is kept.
static inline void ptscope_restore_signal_handlers(void) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (!s->installed) {
        return;
    }
    alarm(0);
    const int *interrupts = ptscope_interrupt_signals();
    for (int i = 0; i < PTSCOPE_INTERRUPT_SIGNAL_COUNT; i++) {
        sigaction(interrupts[i], &s->previous_interrupt[i], NULL);
    }
    const int *fatal = ptscope_fatal_signals();
    for (int i = 0; i < PTSCOPE_FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal[i], &s->previous_fatal[i], NULL);
    }
    sigaction(SIGALRM, &s->previous_alarm, NULL);
    sigaction(SIGCONT, &s->previous_continue, NULL);
    sigaction(SIGTSTP, &s->previous_stop, NULL);
    s->installed = 0;
    s->have_shell_actions = 0;
}

/// The last of SIGINT/SIGTERM/SIGHUP received while the handlers were installed (0: none).
static inline int ptscope_interrupt_signal(void) { return (int)ptscope_signals()->interrupt; }

/// Forgets a received interrupt signal.
static inline void ptscope_clear_interrupt(void) { ptscope_signals()->interrupt = 0; }

/// 1 once after a stop and continue (SIGTSTP / SIGCONT): the screen needs a full redraw.
static inline int ptscope_take_resumed(void) {
    struct ptscope_signal_state *s = ptscope_signals();
    if (!s->resumed) return 0;
    s->resumed = 0;
    return 1;
}

/// While a child (pager, editor) has the terminal (`on` 1) and after (`on` 0): the keyboard's
/// SIGINT, SIGQUIT and SIGTSTP are ignored here (the child gets them, as system(3) does); when
/// Ctrl-Z has stopped the child, the waiting code stops this process too (SIGSTOP), after the child
/// gave the terminal back, so the shell's "Stopped" lands on the normal screen. SIGTERM and SIGHUP keep setting the interrupt flag. `on` 0 puts the handlers back.
static inline void ptscope_hand_over_signals(int on) {
    static struct sigaction saved[3];
    static const int sigs[3] = {SIGINT, SIGQUIT, SIGTSTP};
    static int active = 0;
    if (on && !active) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sigemptyset(&sa.sa_mask);
        for (int i = 0; i < 3; i++) {
            sa.sa_handler = SIG_IGN;
            sigaction(sigs[i], &sa, &saved[i]);
        }
        active = 1;
    } else if (!on && active) {
        for (int i = 0; i < 3; i++) sigaction(sigs[i], &saved[i], NULL);
        active = 0;
    }
}

/// Ends the process by `sig` with its default action, after the caller restored everything.
static inline void ptscope_exit_by_signal(int sig) { ptscope_die_by(sig); }

#endif

// Bounded Lua 5.4 pattern matching: string.find, string.match, string.gmatch and
// string.gsub with the exact contracts of Lua 5.4's string library.
//
// Lua's own implementation runs a whole match inside one C call, where the instruction
// hook never fires, so a pattern such as ".-.-b" can run for seconds. Here every elementary
// step (a pattern item, a single-character test, a quantifier iteration, a scanned set
// member, a copied byte) is counted in the match state and charged to the sandbox budget
// with sj_charge in batches. sj_charge may raise a Lua error (a longjmp), so nothing here
// owns heap memory: match state lives on the C stack or in a userdata, and gsub output in a
// luaL_Buffer. Replacement functions run through lua_call, so the hook counts them.
//
// Character classes use the ASCII ("C" locale) definitions, whatever the process locale.

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>

#include "CLuaBridge.h"

#define PAT_ESC '%'
#define PAT_SPECIALS "^$*+?.([%-"
#define PAT_MAX_DEPTH 200    /* nested matcher calls, like Lua's MAXCCALLS */
#define PAT_MAX_CAPTURES 32  /* like Lua's LUA_MAXCAPTURES */
#define CHARGE_BATCH 256     /* steps accumulated before calling sj_charge */

/* Special capture lengths. */
#define CAP_OPEN (-1)      /* started, not closed yet */
#define CAP_POSITION (-2)  /* a position capture "()" */

typedef struct Capture {
    const char *start;
    ptrdiff_t len;  /* byte length, CAP_OPEN or CAP_POSITION */
} Capture;

typedef struct Matcher {
    lua_State *L;
    const char *src;      /* subject */
    const char *src_end;
    const char *pat_end;  /* end of the pattern (a NUL byte always follows it) */
    int depth;            /* nested calls still allowed */
    int ncap;             /* captures started so far */
    int64_t steps;        /* steps not yet charged */
    Capture cap[PAT_MAX_CAPTURES];
} Matcher;

static inline int uc(char c) {
    return (unsigned char)c;
}

/* ---- Budget ---------------------------------------------------------------------------- */

/* Charges everything accumulated so far. */
static void charge_flush(Matcher *m) {
    if (m->steps > 0) {
        int64_t cost = m->steps;
        m->steps = 0;  /* before the call: sj_charge may not return */
        sj_charge(m->L, cost);
    }
}

/* Counts `n` steps, charging them once a batch is full. */
static inline void charge(Matcher *m, int64_t n) {
    m->steps += n;
    if (m->steps >= CHARGE_BATCH)
        charge_flush(m);
}

static void matcher_init(Matcher *m, lua_State *L, const char *s, size_t ls,
                         const char *p, size_t lp) {
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->depth = PAT_MAX_DEPTH;
    m->ncap = 0;
    m->steps = 0;
}

/* Prepares for a match attempt at a new start position. */
static void matcher_reset(Matcher *m) {
    m->ncap = 0;
    m->depth = PAT_MAX_DEPTH;
}

/* ---- Single characters ------------------------------------------------------------------ */

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return is_lower(c) || is_upper(c); }
static int is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static int is_graph(int c) { return c > ' ' && c < 127; }

/* Does byte `c` belong to class `cl` (the letter after '%')? Uppercase letters complement
   their class; any other character stands for itself. */
static int class_matches(int c, int cl) {
    int res;
    switch (is_upper(cl) ? cl - 'A' + 'a' : cl) {
    case 'a': res = is_alpha(c); break;
    case 'c': res = c < ' ' || c == 127; break;
    case 'd': res = is_digit(c); break;
    case 'g': res = is_graph(c); break;
    case 'l': res = is_lower(c); break;
    case 'p': res = is_graph(c) && !is_alnum(c); break;
    case 's': res = c == ' ' || (c >= '\t' && c <= '\r'); break;
    case 'u': res = is_upper(c); break;
    case 'w': res = is_alnum(c); break;
    case 'x': res = is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); break;
    case 'z': res = c == 0; break;  /* deprecated, still accepted by Lua 5.4 */
    default: return cl == c;
    }
    return is_upper(cl) ? !res : res;
}

/* Does byte `c` belong to the set that starts with '[' at `p` and ends with the ']' at
   `close`? */
static int set_matches(Matcher *m, int c, const char *p, const char *close) {
    int inside = 1;  /* the answer when c is listed */
    if (p[1] == '^') {
        inside = 0;
        p++;
    }
    const char *first = p;
    int listed = 0;
    for (p++; p < close && !listed; p++) {
        if (*p == PAT_ESC) {
            p++;
            listed = class_matches(c, uc(*p));
        } else if (p[1] == '-' && p + 2 < close) {
            listed = uc(p[0]) <= c && c <= uc(p[2]);
            p += 2;
        } else {
            listed = uc(*p) == c;
        }
    }
    charge(m, p - first);
    return listed ? inside : !inside;
}

/* Returns the end of the single-character item at `p`: a literal, '.', "%x" or a set. */
static const char *item_end(Matcher *m, const char *p) {
    if (*p == PAT_ESC) {
        if (p + 1 >= m->pat_end)
            luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 2;
    }
    if (*p == '[') {
        const char *q = p + 1;
        if (*q == '^')
            q++;
        /* The first member is never the closing ']', so "[]]" is the set of ']'. */
        do {
            if (q >= m->pat_end)
                luaL_error(m->L, "malformed pattern (missing ']')");
            if (*q++ == PAT_ESC && q < m->pat_end)
                q++;  /* an escaped member such as "%]" */
        } while (*q != ']');
        charge(m, q - p);
        return q + 1;
    }
    return p + 1;
}

/* Does the item p..ep match the byte at `s`? */
static int single_matches(Matcher *m, const char *s, const char *p, const char *ep) {
    charge(m, 1);
    if (s >= m->src_end)
        return 0;
    int c = uc(*s);
    switch (*p) {
    case '.': return 1;
    case PAT_ESC: return class_matches(c, uc(p[1]));
    case '[': return set_matches(m, c, p, ep - 1);
    default: return uc(*p) == c;
    }
}

/* ---- The matcher ------------------------------------------------------------------------ */

static const char *do_match(Matcher *m, const char *s, const char *p);

/* Item p..ep repeated greedily: `s` is the least end already known to match; scan forward
   from `from` as far as possible, then back off until the rest of the pattern matches. */
static const char *expand_greedy(Matcher *m, const char *s, const char *from,
                                 const char *p, const char *ep) {
    const char *e = from;
    while (single_matches(m, e, p, ep))
        e++;
    for (;; e--) {
        const char *res = do_match(m, e, ep + 1);
        if (res != NULL)
            return res;
        if (e == s)
            return NULL;
    }
}

/* Item p..ep repeated lazily: as few repetitions as the rest of the pattern allows. */
static const char *expand_lazy(Matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *res = do_match(m, s, ep + 1);
        if (res != NULL)
            return res;
        if (!single_matches(m, s, p, ep))
            return NULL;
        s++;
    }
}

static const char *open_capture(Matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    int i = m->ncap;
    if (i >= PAT_MAX_CAPTURES)
        luaL_error(m->L, "too many captures");
    m->cap[i].start = s;
    m->cap[i].len = kind;
    m->ncap = i + 1;
    const char *res = do_match(m, s, p);
    if (res == NULL)
        m->ncap--;  /* undo */
    return res;
}

static const char *close_capture(Matcher *m, const char *s, const char *p) {
    int i = m->ncap - 1;
    while (i >= 0 && m->cap[i].len != CAP_OPEN)
        i--;  /* the innermost open capture */
    if (i < 0)
        luaL_error(m->L, "invalid pattern capture");
    m->cap[i].len = s - m->cap[i].start;
    const char *res = do_match(m, s, p);
    if (res == NULL)
        m->cap[i].len = CAP_OPEN;  /* undo */
    return res;
}

/* "%1".."%9" inside a pattern: the text of an earlier closed capture. */
static const char *match_backref(Matcher *m, const char *s, int digit) {
    int i = digit - '1';
    if (i < 0 || i >= m->ncap || m->cap[i].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", i + 1);
    ptrdiff_t len = m->cap[i].len;
    if (len == CAP_POSITION || m->src_end - s < len)
        return NULL;  /* a position never matches */
    charge(m, len);
    return memcmp(m->cap[i].start, s, (size_t)len) == 0 ? s + len : NULL;
}

/* "%bxy" with p at "xy": a balanced string from x to the matching y. */
static const char *match_balance(Matcher *m, const char *s, const char *p) {
    if (p + 1 >= m->pat_end)
        luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != p[0])
        return NULL;
    char open = p[0], close = p[1];
    int level = 1;
    while (++s < m->src_end) {
        charge(m, 1);
        if (*s == close) {
            if (--level == 0)
                return s + 1;
        } else if (*s == open) {
            level++;
        }
    }
    return NULL;  /* unbalanced */
}

/* Matches pattern `p` (to its end) at `s`; returns the end of the match or NULL. Items that
   end in a tail call loop here instead of recursing, so only captures, '?' and
   quantifiers use up depth. */
static const char *do_match(Matcher *m, const char *s, const char *p) {
    if (m->depth-- == 0)
        luaL_error(m->L, "pattern too complex");
    for (;;) {
        charge(m, 1);
        if (p == m->pat_end)
            break;  /* whole pattern matched */
        switch (*p) {
        case '(':
            if (p[1] == ')')
                s = open_capture(m, s, p + 2, CAP_POSITION);
            else
                s = open_capture(m, s, p + 1, CAP_OPEN);
            goto done;
        case ')':
            s = close_capture(m, s, p + 1);
            goto done;
        case '$':
            if (p + 1 == m->pat_end) {  /* anchor only as the last character */
                if (s != m->src_end)
                    s = NULL;
                goto done;
            }
            break;
        case PAT_ESC:
            switch (p[1]) {
            case 'b':
                s = match_balance(m, s, p + 2);
                if (s == NULL)
                    goto done;
                p += 4;
                continue;
            case 'f': {
                p += 2;
                if (*p != '[')
                    luaL_error(m->L, "missing '[' after '%%f' in pattern");
                const char *ep = item_end(m, p);
                int prev = s == m->src ? 0 : uc(s[-1]);
                int cur = s < m->src_end ? uc(*s) : 0;  /* the end reads as '\0' */
                if (!set_matches(m, prev, p, ep - 1) && set_matches(m, cur, p, ep - 1)) {
                    p = ep;
                    continue;
                }
                s = NULL;
                goto done;
            }
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
                s = match_backref(m, s, uc(p[1]));
                if (s == NULL)
                    goto done;
                p += 2;
                continue;
            default:
                break;  /* a class like "%a", handled below */
            }
            break;
        default:
            break;
        }

        /* A single-character item with an optional quantifier. */
        const char *ep = item_end(m, p);
        if (!single_matches(m, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') {
                p = ep + 1;  /* zero repetitions are fine */
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (*ep) {
        case '?': {
            const char *res = do_match(m, s + 1, ep + 1);
            if (res != NULL) {
                s = res;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+':
            s = expand_greedy(m, s + 1, s + 1, p, ep);
            goto done;
        case '*':
            s = expand_greedy(m, s, s + 1, p, ep);
            goto done;
        case '-':
            s = expand_lazy(m, s, p, ep);
            goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    m->depth++;
    return s;
}

/* ---- Captures as Lua values -------------------------------------------------------------- */

/* Capture `i` as pushed by the library: NULL with its position pushed for a position
   capture, else its text (the whole match s..e when the pattern has no captures). */
static const char *get_capture(Matcher *m, int i, const char *s, const char *e, size_t *len) {
    if (i >= m->ncap) {
        if (i != 0)
            luaL_error(m->L, "invalid capture index %%%d", i + 1);
        *len = (size_t)(e - s);
        return s;
    }
    ptrdiff_t l = m->cap[i].len;
    if (l == CAP_OPEN)
        luaL_error(m->L, "unfinished capture");
    if (l == CAP_POSITION) {
        lua_pushinteger(m->L, (m->cap[i].start - m->src) + 1);
        return NULL;
    }
    *len = (size_t)l;
    return m->cap[i].start;
}

static void push_capture(Matcher *m, int i, const char *s, const char *e) {
    size_t len;
    const char *text = get_capture(m, i, s, e, &len);
    if (text != NULL) {
        charge(m, (int64_t)len);
        lua_pushlstring(m->L, text, len);
    }
}

/* Pushes all captures, or the whole match when there are none and `s` is not NULL. */
static int push_captures(Matcher *m, const char *s, const char *e) {
    int n = (m->ncap == 0 && s != NULL) ? 1 : m->ncap;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

/* ---- find and match ------------------------------------------------------------------------ */

/* 0-based start offset from a 1-based, possibly negative, init argument. May exceed len. */
static size_t start_offset(lua_Integer pos, size_t len) {
    if (pos > 0)
        return (size_t)pos - 1;
    if (pos == 0 || pos < -(lua_Integer)len)
        return 0;
    return len - (size_t)(-pos);
}

static int has_specials(Matcher *m, const char *p, size_t lp) {
    charge(m, (int64_t)lp);
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(PAT_SPECIALS, p[i]) != NULL)
            return 1;
    return 0;
}

/* Plain substring search. */
static const char *plain_find(Matcher *m, const char *h, size_t hl, const char *n, size_t nl) {
    if (nl == 0)
        return h;
    if (nl > hl)
        return NULL;
    const char *q = h;
    const char *last = h + (hl - nl);  /* last possible start */
    while (q <= last) {
        const char *hit = memchr(q, n[0], (size_t)(last - q) + 1);
        if (hit == NULL) {
            charge(m, last - q + 1);
            return NULL;
        }
        size_t k = 1;
        while (k < nl && hit[k] == n[k])
            k++;
        charge(m, (hit - q) + (int64_t)k);  /* skipped starts plus compared bytes */
        if (k == nl)
            return hit;
        q = hit + 1;
    }
    return NULL;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_offset(luaL_optinteger(L, 3, 1), ls);
    if (init > ls) {  /* starts after the end: nothing can match */
        luaL_pushfail(L);
        return 1;
    }
    Matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    if (find && (lua_toboolean(L, 4) || !has_specials(&m, p, lp))) {
        const char *hit = plain_find(&m, s + init, ls - init, p, lp);
        charge_flush(&m);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (hit - s) + (lua_Integer)lp);
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchored = (*p == '^');
    if (anchored)
        p++;  /* the pattern's end stays the same */
    for (const char *start = s + init;; start++) {
        matcher_reset(&m);
        const char *e = do_match(&m, start, p);
        if (e != NULL) {
            int n;
            if (find) {
                lua_pushinteger(L, (start - s) + 1);
                lua_pushinteger(L, e - s);
                n = push_captures(&m, NULL, NULL) + 2;
            } else {
                n = push_captures(&m, start, e);
            }
            charge_flush(&m);
            return n;
        }
        if (anchored || start >= m.src_end)
            break;
    }
    charge_flush(&m);
    luaL_pushfail(L);
    return 1;
}

int sj_str_find(lua_State *L) {
    return find_or_match(L, 1);
}

int sj_str_match(lua_State *L) {
    return find_or_match(L, 0);
}

/* ---- gmatch ------------------------------------------------------------------------------ */

/* State of a gmatch iterator, in a userdata; the subject and pattern it points into are
   upvalues of the iterator, so they stay alive. */
typedef struct GMatch {
    const char *pos;        /* next start position */
    const char *pat;
    const char *lastmatch;  /* end of the last match, which may not match empty again */
    Matcher m;
} GMatch;

static int gmatch_next(lua_State *L) {
    GMatch *g = (GMatch *)lua_touserdata(L, lua_upvalueindex(3));
    Matcher *m = &g->m;
    m->L = L;  /* may run in another coroutine than gmatch did */
    m->steps = 0;
    for (const char *start = g->pos; start <= m->src_end; start++) {
        matcher_reset(m);
        const char *e = do_match(m, start, g->pat);
        if (e != NULL && e != g->lastmatch) {
            g->pos = g->lastmatch = e;
            int n = push_captures(m, start, e);
            charge_flush(m);
            return n;
        }
    }
    g->pos = m->src_end + 1;  /* exhausted: later calls return at once, as Lua's would */
    charge_flush(m);
    return 0;
}

int sj_str_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_offset(luaL_optinteger(L, 3, 1), ls);
    if (init > ls)
        init = ls + 1;  /* past the end: the iterator yields nothing */
    lua_settop(L, 2);  /* subject and pattern become upvalues */
    GMatch *g = (GMatch *)lua_newuserdatauv(L, sizeof(GMatch), 0);
    matcher_init(&g->m, L, s, ls, p, lp);
    g->pos = s + init;
    g->pat = p;
    g->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* ---- gsub -------------------------------------------------------------------------------- */

static void add_bytes(Matcher *m, luaL_Buffer *b, const char *text, size_t len) {
    charge(m, (int64_t)len);
    luaL_addlstring(b, text, len);
}

/* Appends the replacement string (argument 3) for the match s..e, expanding %0-%9 and %%. */
static void add_template(Matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    size_t len;
    const char *r = lua_tolstring(m->L, 3, &len);
    const char *end = r + len;
    for (;;) {
        const char *esc = memchr(r, PAT_ESC, (size_t)(end - r));
        if (esc == NULL)
            break;
        add_bytes(m, b, r, (size_t)(esc - r));
        int c = esc + 1 < end ? uc(esc[1]) : 0;
        if (c == PAT_ESC) {
            add_bytes(m, b, esc, 1);
        } else if (c == '0') {
            add_bytes(m, b, s, (size_t)(e - s));
        } else if (is_digit(c)) {
            size_t clen;
            const char *text = get_capture(m, c - '1', s, e, &clen);
            if (text != NULL) {
                add_bytes(m, b, text, clen);
            } else {
                charge(m, 1);
                luaL_addvalue(b);  /* a position capture, already pushed */
            }
        } else {
            luaL_error(m->L, "invalid use of '%c' in replacement string", PAT_ESC);
        }
        r = esc + 2;
    }
    add_bytes(m, b, r, (size_t)(end - r));
}

/* Appends the replacement of the match s..e according to the type `tr` of argument 3.
   Returns whether the text changed. */
static int add_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int tr) {
    lua_State *L = m->L;
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        charge_flush(m);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_template(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {  /* nil or false keeps the original text */
        lua_pop(L, 1);
        add_bytes(m, b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    size_t len;
    lua_tolstring(L, -1, &len);
    charge(m, (int64_t)len);
    luaL_addvalue(b);
    return 1;
}

int sj_str_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int tr = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
                     tr == LUA_TTABLE, 3, "string/function/table");
    int anchored = (*p == '^');
    if (anchored) {
        p++;
        lp--;
    }
    Matcher m;
    matcher_init(&m, L, src, ls, p, lp);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    const char *lastmatch = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        matcher_reset(&m);
        const char *e = do_match(&m, src, p);
        if (e != NULL && e != lastmatch) {  /* a match, not an empty one right after another */
            n++;
            changed |= add_replacement(&m, &b, src, e, tr);
            src = lastmatch = e;
        } else if (src < m.src_end) {  /* no match here: keep one byte */
            charge(&m, 1);
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchored)
            break;
    }
    if (changed) {
        add_bytes(&m, &b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    } else {
        lua_pushvalue(L, 1);  /* nothing changed: the original string */
    }
    charge_flush(&m);
    lua_pushinteger(L, n);
    return 2;
}

// The state's life: capped allocator, instruction and clock hook, protected calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sj_internal.h"

enum { SJ_HOOK_PERIOD = 1000 };

sj_context *sj_ctx(lua_State *L) { return *(sj_context **)lua_getextraspace(L); }

int sj_rawgetfield(lua_State *L, int index, const char *key) {
    index = lua_absindex(L, index);
    lua_pushstring(L, key);
    return lua_rawget(L, index);
}

// The coarse clock (a few milliseconds of resolution) is ample for deadlines of a second
// and several times cheaper to read on the hot path.
static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// The CPU time of the calling thread: unlike the wall clock it does not run while the thread
// waits for a core, so charging by it is fair on a busy machine. A system call, so read only
// where the hook already reads the clock.
static int64_t thread_cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

// Charges the CPU time the evaluation used beyond what its counted instructions explain, at
// SJ_NS_PER_INSTRUCTION per instruction. An instruction costs a few nanoseconds; comparing two
// 1 MiB strings is one instruction that takes tens of microseconds, and is charged as such.
// The CPU clock starts at the first check, not at the call: short evaluations (most rule
// calls) never pay for reading it.
static void charge_cpu(sj_context *c) {
    int64_t now = thread_cpu_ns();
    if (c->cpu_start_ns == 0) {
        c->cpu_start_ns = now;
        c->cpu_base = c->counted;
        return;
    }
    int64_t used = c->cpu_base + (now - c->cpu_start_ns) / SJ_NS_PER_INSTRUCTION;
    if (used > c->counted) {
        c->remaining -= used - c->counted;
        c->counted = used;
    }
}

// MARK: - Allocator

// Memory errors unwind without calling the message handler, so the allocator notes where
// the script was when it refused. Reading the call stack only reads; it never allocates.
static void record_innermost(lua_State *L) {
    lua_Debug frame;
    if (L == NULL || sj_ctx(L)->failure.line > 0) return;
    for (int level = 0; level < 64 && lua_getstack(L, level, &frame); level++) {
        if (lua_getinfo(L, "Sl", &frame) && frame.currentline > 0) {
            sj_record_position(L, &frame);
            return;
        }
    }
}

// A new block of 2^k nodes, k large: the hash part of a table being resized.
static int is_large_hash_part(size_t size) {
    if (size % SJ_NODE_SIZE != 0) return 0;
    size_t nodes = size / SJ_NODE_SIZE;
    return nodes >= SJ_MAX_HASH_NODES && (nodes & (nodes - 1)) == 0;
}

// In Lua 5.4, when ptr is NULL, osize is a type tag rather than a size. While a script
// runs, growth is capped, charged to the instruction budget (so that copying big strings
// in one VM instruction is paid for) and checked against the clock; once the evaluation is
// stopped every further allocation fails, so even an emergency collection cannot revive it.
static void *sj_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    sj_context *c = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        c->used -= old;
        return NULL;
    }
    if (nsize > old && c->enforce) {
        size_t growth = nsize - old;
        if (c->failure.fatal != SJ_FATAL_NONE || c->memory_exceeded) return NULL;
        if (c->used > c->limit || growth > c->limit - c->used ||
            (ptr == NULL && osize == LUA_TSTRING && nsize > SJ_MAX_STRING + 64) ||
            (ptr == NULL && osize == 0 && is_large_hash_part(nsize))) {
            c->memory_exceeded = 1;
            record_innermost(c->main);
            return NULL;
        }
        c->remaining -= (int64_t)(growth / SJ_BYTES_PER_INSTRUCTION);
        c->counted += (int64_t)(growth / SJ_BYTES_PER_INSTRUCTION);
        if (c->remaining <= 0) {
            c->failure.fatal = SJ_FATAL_BUDGET;
            return NULL;
        }
        if (growth >= 4096 && now_ns() > c->deadline_ns) {
            c->failure.fatal = SJ_FATAL_TIME;
            return NULL;
        }
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) {
        if (nsize <= old) return ptr;  // a shrink never fails: keep the larger block
        return NULL;
    }
    c->used = c->used - old + nsize;
    return block;
}

size_t sj_memory_used(lua_State *L) { return sj_ctx(L)->used; }

static int sj_panic(lua_State *L) {
    const char *message = lua_tostring(L, -1);
    fprintf(stderr, "CLuaBridge: unprotected Lua error: %s\n", message ? message : "(not a string)");
    abort();
}

// MARK: - Failures

void sj_record_position(lua_State *L, lua_Debug *frame) {
    sj_context *c = sj_ctx(L);
    if (lua_getinfo(L, "Sl", frame) && frame->currentline > 0) {
        c->failure.line = frame->currentline;
        snprintf(c->failure.source, sizeof c->failure.source, "%s", frame->short_src);
    }
}

const sj_failure *sj_last_failure(lua_State *L) { return &sj_ctx(L)->failure; }

static const char *fatal_message(sj_context *c, char *buffer, size_t size) {
    switch (c->failure.fatal) {
        case SJ_FATAL_BUDGET:
            snprintf(buffer, size, "instruction budget exceeded (%lld instructions)",
                     (long long)c->limits.instructions);
            break;
        case SJ_FATAL_TIME:
            snprintf(buffer, size, "time limit exceeded (%lld ms)",
                     (long long)(c->limits.timeout_ns / 1000000));
            break;
        case SJ_FATAL_MEMORY:
            if (c->limits.memory_bytes % (1 << 20) == 0) {
                snprintf(buffer, size, "memory limit exceeded (%zu MiB in all; at most %d MiB per string and %d keys per table)",
                         c->limits.memory_bytes >> 20, SJ_MAX_STRING >> 20, SJ_MAX_HASH_NODES);
            } else {
                snprintf(buffer, size, "memory limit exceeded (%zu KiB in all; at most %d MiB per string and %d keys per table)",
                         c->limits.memory_bytes >> 10, SJ_MAX_STRING >> 20, SJ_MAX_HASH_NODES);
            }
            break;
        default:
            snprintf(buffer, size, "stopped by the sandbox");
    }
    return buffer;
}

// Once a limit is hit the hook fires on every instruction and raises again, so no amount
// of pcall nesting lets the script go on.
static void raise_fatal(lua_State *L, lua_Debug *frame) {
    sj_context *c = sj_ctx(L);
    lua_sethook(L, lua_gethook(L), LUA_MASKCOUNT, 1);
    if (frame != NULL) sj_record_position(L, frame);
    char buffer[128];
    c->enforce = 0;  // room for the message; the state is thrown away afterwards
    lua_pushstring(L, fatal_message(c, buffer, sizeof buffer));
    lua_error(L);
}

static void sj_hook(lua_State *L, lua_Debug *frame) {
    sj_context *c = sj_ctx(L);
    if (c->failure.fatal == SJ_FATAL_NONE) {
        c->remaining -= c->hook_period;
        c->counted += c->hook_period;
        charge_cpu(c);
        if (c->memory_exceeded) {
            c->failure.fatal = SJ_FATAL_MEMORY;
        } else if (c->remaining <= 0) {
            c->failure.fatal = SJ_FATAL_BUDGET;
        } else if (now_ns() > c->deadline_ns) {
            c->failure.fatal = SJ_FATAL_TIME;
        } else {
            sj_record_position(L, frame);  // where a later memory failure most likely is
            if (c->remaining < c->hook_period) {
                c->hook_period = (int)c->remaining;
                lua_sethook(L, sj_hook, LUA_MASKCOUNT, c->hook_period);
            }
            return;
        }
    }
    raise_fatal(L, frame);
}

void sj_charge(lua_State *L, int64_t cost) {
    sj_context *c = sj_ctx(L);
    if (cost <= 0) return;
    c->remaining -= cost;
    c->counted += cost;
    c->charged_since_clock += cost;
    if (c->failure.fatal == SJ_FATAL_NONE) {
        if (c->remaining <= 0) {
            c->failure.fatal = SJ_FATAL_BUDGET;
        } else if (c->memory_exceeded) {
            c->failure.fatal = SJ_FATAL_MEMORY;
        } else if (c->charged_since_clock >= SJ_HOOK_PERIOD) {
            // Charged work takes time the hook does not see: read the clock here too.
            c->charged_since_clock = 0;
            charge_cpu(c);
            if (c->remaining <= 0) {
                c->failure.fatal = SJ_FATAL_BUDGET;
            } else if (now_ns() > c->deadline_ns) {
                c->failure.fatal = SJ_FATAL_TIME;
            }
        }
        if (c->failure.fatal == SJ_FATAL_NONE) return;
        lua_Debug frame;
        if (lua_getstack(L, 1, &frame)) sj_record_position(L, &frame);
    }
    raise_fatal(L, NULL);
}

void sj_add_charge(lua_State *L, int64_t cost) {
    if (cost > 0) sj_ctx(L)->pending_charge += cost;
}

int sj_forbidden(lua_State *L, const char *message) {
    sj_ctx(L)->failure.forbidden = 1;
    return luaL_error(L, "%s", message);
}

// MARK: - Life cycle

lua_State *sj_newstate(void) {
    sj_context *c = calloc(1, sizeof *c);
    if (c == NULL) return NULL;
    c->limit = (size_t)-1;
    lua_State *L = lua_newstate(sj_alloc, c);
    if (L == NULL) {
        free(c);
        return NULL;
    }
    *(sj_context **)lua_getextraspace(L) = c;
    c->main = L;
    lua_atpanic(L, sj_panic);
    sj_open_sandbox(L);
    return L;
}

void sj_set_owner(lua_State *L, void *owner) { sj_ctx(L)->owner = owner; }

void sj_close(lua_State *L) {
    if (L == NULL) return;
    sj_context *c = sj_ctx(L);
    lua_close(L);
    free(c);
}

// MARK: - Loading and calling

int sj_load(lua_State *L, const char *source, size_t length, const char *chunkname) {
    sj_context *c = sj_ctx(L);
    memset(&c->failure, 0, sizeof c->failure);
    return luaL_loadbufferx(L, source, length, chunkname, "t");
}

void sj_push_env(lua_State *L) {
    lua_createtable(L, 0, 4);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sj_ctx(L)->envmeta_ref);
    lua_setmetatable(L, -2);
}

void sj_bind_env(lua_State *L, int main_ref) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, main_ref);
    lua_insert(L, -2);
    if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);  // a chunk always has _ENV first
    lua_pop(L, 1);
}

// Keeps the error object and records where it was raised.
static int sj_message_handler(lua_State *L) {
    lua_Debug frame;
    for (int level = 1; lua_getstack(L, level, &frame); level++) {
        if (lua_getinfo(L, "Sl", &frame) && frame.currentline > 0) {
            sj_record_position(L, &frame);
            break;
        }
    }
    return 1;
}

static void reset_failure(sj_context *c) {
    c->failure.fatal = SJ_FATAL_NONE;
    c->failure.forbidden = 0;
    c->failure.line = 0;
    c->failure.source[0] = 0;
}

int sj_pcall(lua_State *L, int nargs, sj_limits limits) {
    sj_context *c = sj_ctx(L);
    reset_failure(c);
    c->limits = limits;
    c->remaining = limits.instructions;
    c->deadline_ns = now_ns() + limits.timeout_ns;
    c->memory_exceeded = 0;
    c->limit = c->used + limits.memory_bytes;
    c->hook_period = limits.instructions < SJ_HOOK_PERIOD ? (int)limits.instructions : SJ_HOOK_PERIOD;
    if (c->hook_period < 1) c->hook_period = 1;

    c->charged_since_clock = 0;
    c->pending_charge = 0;
    c->counted = 0;
    c->cpu_start_ns = 0;
    int base = lua_gettop(L) - nargs;  // the function's slot
    lua_pushcfunction(L, sj_message_handler);
    lua_insert(L, base);
    lua_sethook(L, sj_hook, LUA_MASKCOUNT, c->hook_period);
    c->enforce = 1;
    int status = lua_pcall(L, nargs, LUA_MULTRET, base);
    c->enforce = 0;
    lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);

    // A run that finished, but only after its deadline (inside one long C call), fails too.
    if (status == LUA_OK && now_ns() > c->deadline_ns) {
        lua_settop(L, base - 1);
        c->failure.fatal = SJ_FATAL_TIME;
        lua_pushliteral(L, "");
        status = LUA_ERRRUN;
    }
    if (status != LUA_OK && c->failure.fatal == SJ_FATAL_NONE && (c->memory_exceeded || status == LUA_ERRMEM)) {
        c->failure.fatal = SJ_FATAL_MEMORY;
    }
    if (status != LUA_OK && c->failure.fatal != SJ_FATAL_NONE) {
        char buffer[128];
        lua_pop(L, 1);
        lua_pushstring(L, fatal_message(c, buffer, sizeof buffer));
    }
    return status;
}

int64_t sj_instructions_used(lua_State *L) {
    sj_context *c = sj_ctx(L);
    int64_t used = c->limits.instructions - c->remaining;
    return used > 0 ? used : 0;
}

void sj_release_env(lua_State *L, int main_ref) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, sj_ctx(L)->sentinel_ref);
    sj_bind_env(L, main_ref);
}

// MARK: - Swift functions

static sj_dispatch_fn dispatcher = NULL;

void sj_set_dispatcher(sj_dispatch_fn function) { dispatcher = function; }

// Calls into Swift with the cap lifted, so that Swift's pushes never fail, then raises the
// Swift function's error here, after the Swift frames have returned.
static int sj_trampoline(lua_State *L) {
    sj_context *c = sj_ctx(L);
    int function_id = (int)lua_tointeger(L, lua_upvalueindex(1));
    int enforce = c->enforce;
    c->enforce = 0;
    int results = dispatcher ? dispatcher(L, c->owner, function_id) : -1;
    c->enforce = enforce;
    if (enforce) {
        // Converting arguments and running Swift took work and time the hook did not see.
        int64_t pending = c->pending_charge;
        c->pending_charge = 0;
        c->charged_since_clock += SJ_HOOK_PERIOD;
        sj_charge(L, pending + 1);
    }
    if (results < 0) {
        if (!lua_isstring(L, -1)) lua_pushliteral(L, "host function failed");
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return results;
}

void sj_register(lua_State *L, const char *table, const char *name, int function_id) {
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_BASE);
    if (table != NULL) {
        // Tables in the base are read-only proxies: write into the table behind the proxy.
        if (sj_rawgetfield(L, -1, table) == LUA_TTABLE && lua_getmetatable(L, -1)) {
            sj_rawgetfield(L, -1, "__index");
            lua_replace(L, -3);
            lua_pop(L, 1);
        } else {
            lua_pop(L, 1);
            lua_newtable(L);
            sj_push_readonly(L, -1);
            lua_setfield(L, -3, table);
        }
        lua_remove(L, -2);
    }
    lua_pushinteger(L, function_id);
    lua_pushcclosure(L, sj_trampoline, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

void sj_install_globals(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_BASE);
    lua_pushnil(L);
    while (lua_next(L, -3)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_pop(L, 2);
}

size_t sj_collect(lua_State *L) {
    lua_gc(L, LUA_GCCOLLECT);
    return sj_ctx(L)->used;
}

// MARK: - Macros as functions

int sj_registryindex(void) { return LUA_REGISTRYINDEX; }
void sj_pop(lua_State *L, int n) { lua_pop(L, n); }
void sj_newtable(lua_State *L) { lua_newtable(L); }
int sj_ref(lua_State *L) { return luaL_ref(L, LUA_REGISTRYINDEX); }
void sj_unref(lua_State *L, int ref) { luaL_unref(L, LUA_REGISTRYINDEX, ref); }
int sj_isinteger(lua_State *L, int index) { return lua_isinteger(L, index); }

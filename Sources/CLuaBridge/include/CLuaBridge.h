// CLuaBridge: the C half of the Lua sandbox.
//
// Everything that must not or cannot be done from Swift lives here: Lua's macros as
// functions, the capped allocator, the instruction hook, the safe replacements of
// pcall/xpcall/setmetatable/rawset, bounded library functions and the trampoline that
// raises Lua errors on behalf of Swift functions. Lua errors are longjmps; they never cross
// a Swift frame because Swift only calls the protected entry points below.
#ifndef SCHOOLJOURNAL_CLUABRIDGE_H
#define SCHOOLJOURNAL_CLUABRIDGE_H

#include <stddef.h>
#include <stdint.h>

typedef struct lua_State lua_State;

/// Why an evaluation was stopped by the sandbox rather than by the script itself.
typedef enum sj_fatal {
    SJ_FATAL_NONE = 0,
    SJ_FATAL_BUDGET = 1,
    SJ_FATAL_MEMORY = 2,
    SJ_FATAL_TIME = 3,
} sj_fatal;

/// The limits of one evaluation.
typedef struct sj_limits {
    int64_t instructions;
    size_t memory_bytes;
    int64_t timeout_ns;
} sj_limits;

/// What the sandbox knows about the last failed evaluation.
typedef struct sj_failure {
    sj_fatal fatal;
    /// The error came from a sandbox rule (a forbidden name, a write to a read-only table…).
    int forbidden;
    /// The innermost Lua frame when the error was raised; line is 0 when unknown.
    int line;
    char source[96];
} sj_failure;

/// Dispatches a call from Lua to a Swift function. Arguments are on the stack. Returns the
/// number of results pushed, or -1 after pushing an error message string, which the C
/// trampoline raises once the Swift frames have returned.
typedef int (*sj_dispatch_fn)(lua_State *L, void *owner, int function_id);

/// Installs the process-wide dispatcher for Swift functions. Call once before any state.
void sj_set_dispatcher(sj_dispatch_fn dispatcher);

/// Creates a sandboxed state: capped allocator, frozen base environment, locked string
/// metatable. Returns NULL when out of memory.
lua_State *sj_newstate(void);

/// Sets the pointer handed back to the dispatcher for this state's Swift functions.
void sj_set_owner(lua_State *L, void *owner);
void sj_close(lua_State *L);

/// Bytes currently allocated by the state.
size_t sj_memory_used(lua_State *L);

/// Runs a full garbage collection; returns the bytes still allocated.
size_t sj_collect(lua_State *L);

/// Registers a Swift function under `name` in the frozen base environment, or in the
/// library table `table` of that environment when `table` is not NULL.
void sj_register(lua_State *L, const char *table, const char *name, int function_id);

/// Pops the table on top and copies its fields into the frozen base environment, where every
/// later evaluation of the state sees them (a library written in Lua).
void sj_install_globals(lua_State *L);

/// Compiles a text chunk (never binary) and pushes the function. Returns a Lua status code;
/// on failure pushes the message.
int sj_load(lua_State *L, const char *source, size_t length, const char *chunkname);

/// Pushes a fresh environment table whose reads fall through to the frozen base.
void sj_push_env(lua_State *L);

/// Pops the table on top and makes it the _ENV of the chunk whose main function is stored in
/// the registry under `main_ref`, and so of every closure that chunk created.
void sj_bind_env(lua_State *L, int main_ref);

/// Rebinds the chunk's _ENV to an empty table after an evaluation, so that nothing of it (a
/// caller's bindings, a script's globals) stays reachable in the state.
void sj_release_env(lua_State *L, int main_ref);

/// Records work a Swift function did for a script (converting its arguments); the trampoline
/// charges it to the budget once the Swift frames have returned. Never raises.
void sj_add_charge(lua_State *L, int64_t cost);

/// Calls the function below `nargs` arguments under `limits`; results replace them (all
/// of them). Returns a Lua status code; on failure the message is on top and
/// `sj_last_failure` says why.
int sj_pcall(lua_State *L, int nargs, sj_limits limits);

/// The instructions the last sj_pcall used, as its budget counted them (VM instructions in
/// steps of the hook's period, charged library work, and CPU time beyond both).
int64_t sj_instructions_used(lua_State *L);

/// What stopped the last failed sj_pcall or sj_load.
const sj_failure *sj_last_failure(lua_State *L);

/// Wraps the table at `index` in a read-only proxy and pushes the proxy.
void sj_push_readonly(lua_State *L, int index);

/// When the table at `index` is a read-only proxy, pushes the table behind it and returns 1;
/// otherwise pushes nothing and returns 0.
int sj_push_proxied(lua_State *L, int index);

/// Charges `cost` instructions to the running evaluation's budget; raises the budget error
/// when it is spent. For C functions whose work the instruction hook cannot see.
void sj_charge(lua_State *L, int64_t cost);

/// Raises a sandbox violation ("forbidden") error with the caller's position. Never returns.
int sj_forbidden(lua_State *L, const char *message);

// Lua macros as functions, for Swift.
int sj_registryindex(void);
void sj_pop(lua_State *L, int n);
void sj_newtable(lua_State *L);
int sj_ref(lua_State *L);
void sj_unref(lua_State *L, int ref);
int sj_isinteger(lua_State *L, int index);

// Bounded pattern functions (sj_pattern.c); same contracts as Lua 5.4's string library,
// with every matching step charged to the budget.
int sj_str_find(lua_State *L);
int sj_str_match(lua_State *L);
int sj_str_gmatch(lua_State *L);
int sj_str_gsub(lua_State *L);

#endif

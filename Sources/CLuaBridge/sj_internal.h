// Private declarations shared by the C files of CLuaBridge.
#ifndef SCHOOLJOURNAL_SJ_INTERNAL_H
#define SCHOOLJOURNAL_SJ_INTERNAL_H

#include <lauxlib.h>
#include <lua.h>

#include "CLuaBridge.h"

/// Per-state bookkeeping, reachable from every thread of the state through the extra space.
typedef struct sj_context {
    void *owner;
    lua_State *main;
    int envmeta_ref;  // the metatable of every fresh _ENV, in the registry

    // Allocator.
    size_t used;
    size_t limit;
    int enforce;  // the cap applies only while script code runs
    int memory_exceeded;

    // Instruction budget and wall clock.
    int64_t remaining;
    int hook_period;
    int64_t deadline_ns;
    sj_limits limits;

    // Why the running evaluation failed.
    sj_failure failure;
} sj_context;

sj_context *sj_ctx(lua_State *L);

/// Pushes t[key] for the table at `index` without metamethods; returns its type.
int sj_rawgetfield(lua_State *L, int index, const char *key);

/// Records the innermost Lua frame as the failure's position.
void sj_record_position(lua_State *L, lua_Debug *frame);

/// Builds the frozen base environment (sj_env.c).
void sj_open_sandbox(lua_State *L);

/// Installs the bounded wrappers into the library tables being built (sj_limits.c).
void sj_open_bounded(lua_State *L, int base, int string_table, int table_table, int utf8_table);

/// The longest string a script may build, so that no single string operation (a comparison,
/// a copy) runs long between two checks of the clock.
#define SJ_MAX_STRING (1 << 20)

/// How many bytes of allocation cost as much as one instruction.
#define SJ_BYTES_PER_INSTRUCTION 16

/// Registry keys.
#define SJ_KEY_BASE "sj.base"
#define SJ_KEY_PROTECTED "sj.protected"

#endif

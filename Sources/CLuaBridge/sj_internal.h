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
    int sentinel_ref;  // the empty _ENV a chunk keeps between evaluations
    int64_t pending_charge;  // work a Swift function did, charged when it returns
    int64_t charged_since_clock;  // charges since the clock was last read

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
    // CPU the evaluation's thread used, against the instructions counted so far: work that
    // one VM instruction does (comparing two long strings) is charged by the time it took.
    int64_t counted;  // instructions charged so far
    int64_t cpu_start_ns;  // 0 until the first check
    int64_t cpu_base;  // what was counted at that check

    // Why the running evaluation failed.
    sj_failure failure;
} sj_context;

sj_context *sj_ctx(lua_State *L);

/// Pushes t[key] for the table at `index` without metamethods; returns its type.
int sj_rawgetfield(lua_State *L, int index, const char *key);

/// Records the innermost Lua frame as the failure's position.
void sj_record_position(lua_State *L, lua_Debug *frame);

/// Whether the table at `index` is a read-only proxy or another table scripts must not change.
int sj_is_protected(lua_State *L, int index);

/// Installs the raw-access table functions into the table at `table` (sj_table.c).
void sj_open_table(lua_State *L, int table);

/// Builds the frozen base environment (sj_env.c).
void sj_open_sandbox(lua_State *L);

/// Installs the bounded wrappers into the library tables being built (sj_limits.c).
void sj_open_bounded(lua_State *L, int base, int string_table, int table_table, int math_table, int utf8_table);

/// tostring without addresses (sj_limits.c).
int sj_tostring(lua_State *L);

/// The longest string a script may build, so that no single string operation (a comparison,
/// a copy) runs long between two checks of the clock.
#define SJ_MAX_STRING (1 << 20)

/// What one instruction of the budget stands for in CPU time. Lua's instructions take a few
/// nanoseconds; an evaluation that uses more CPU than its instructions explain is charged the
/// difference at this rate.
#define SJ_NS_PER_INSTRUCTION 25

/// A hash part of this many nodes or more is refused: with crafted integer keys that all
/// collide, rehashing one is quadratic inside a single instruction, where no limit can act.
/// 2^14 nodes of 24 bytes (Lua 5.4, 64-bit): about a second of rehashing at worst.
#define SJ_MAX_HASH_NODES (1 << 14)
#define SJ_NODE_SIZE 24

/// How many bytes of allocation cost as much as one instruction.
#define SJ_BYTES_PER_INSTRUCTION 16

/// Registry keys.
#define SJ_KEY_BASE "sj.base"
#define SJ_KEY_PROTECTED "sj.protected"
#define SJ_KEY_PRIVATE "sj.private_metatables"

#endif

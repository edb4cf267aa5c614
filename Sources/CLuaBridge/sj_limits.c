// Library functions whose work the instruction hook cannot see, because it happens inside
// one C call, pay for it up front: each wrapper charges the budget for the work its
// arguments ask for before calling Lua's own function.
#include <limits.h>
#include <string.h>

#include "sj_internal.h"

typedef int64_t (*sj_cost)(lua_State *L);

static int64_t clamp_span(lua_Integer from, lua_Integer to) {
    if (to < from) return 0;
    lua_Unsigned span = (lua_Unsigned)to - (lua_Unsigned)from;
    return span >= (lua_Unsigned)INT64_MAX ? INT64_MAX : (int64_t)span + 1;
}

// Bytes of every string argument, scaled to instructions.
static int64_t cost_strings(lua_State *L) {
    size_t total = 0;
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        if (lua_type(L, i) == LUA_TSTRING) total += lua_rawlen(L, i);
    }
    return 1 + (int64_t)(total / SJ_BYTES_PER_INSTRUCTION);
}

// string.byte, utf8.codepoint: one value pushed per byte at most.
static int64_t cost_per_byte(lua_State *L) {
    return cost_strings(L) + (lua_type(L, 1) == LUA_TSTRING ? (int64_t)lua_rawlen(L, 1) : 0);
}

static int64_t cost_arguments(lua_State *L) { return 1 + lua_gettop(L); }

// The length Lua's own function will use, __len included.
static int64_t table_length(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    return (int64_t)luaL_len(L, 1);
}

static int64_t cost_length(lua_State *L) { return 1 + table_length(L); }

static int64_t cost_sort(lua_State *L) {
    int64_t n = table_length(L);
    int64_t log = 1;
    while ((n >> log) > 0 && log < 63) log++;
    return n > INT64_MAX / log ? INT64_MAX : 1 + n * log;
}

// table.concat(t, sep, i, j) and table.unpack(t, i, j): the index span.
static int64_t cost_span(lua_State *L, int first_index) {
    lua_Integer i = luaL_optinteger(L, first_index, 1);
    lua_Integer j = lua_isnoneornil(L, first_index + 1) ? (lua_Integer)table_length(L)
                                                        : luaL_checkinteger(L, first_index + 1);
    return 1 + clamp_span(i, j);
}

static int64_t cost_concat(lua_State *L) { return cost_span(L, 3) + cost_strings(L); }
static int64_t cost_unpack(lua_State *L) { return cost_span(L, 2); }

// table.move(a1, f, e, t [,a2])
static int64_t cost_move(lua_State *L) {
    return 1 + clamp_span(luaL_checkinteger(L, 2), luaL_checkinteger(L, 3));
}

static const sj_cost costs[] = {
    cost_strings, cost_per_byte, cost_arguments, cost_length, cost_sort, cost_concat, cost_unpack, cost_move,
};
enum { STRINGS, PER_BYTE, ARGUMENTS, LENGTH, SORT, CONCAT, UNPACK, MOVE };

static int bounded_call(lua_State *L) {
    sj_cost cost = costs[lua_tointeger(L, lua_upvalueindex(2))];
    sj_charge(L, cost(L));
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

// Replaces table[name] (at index `table`) with a wrapper charging `cost` first.
static void bound(lua_State *L, int table, const char *name, int cost) {
    lua_getfield(L, table, name);
    lua_pushinteger(L, cost);
    lua_pushcclosure(L, bounded_call, 2);
    lua_setfield(L, table, name);
}

// string.rep written out: Lua's own loops n times even when the result is empty.
static int bounded_rep(lua_State *L) {
    size_t length, separator_length;
    const char *s = luaL_checklstring(L, 1, &length);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *separator = luaL_optlstring(L, 3, "", &separator_length);
    if (n <= 0 || length + separator_length == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    size_t unit = length + separator_length;
    if ((lua_Unsigned)n > SJ_MAX_STRING / unit + 1 || (size_t)n * length + (size_t)(n - 1) * separator_length > SJ_MAX_STRING) {
        sj_ctx(L)->memory_exceeded = 1;
        return luaL_error(L, "string.rep: the result would be longer than %d KiB", SJ_MAX_STRING / 1024);
    }
    size_t total = (size_t)n * length + (size_t)(n - 1) * separator_length;
    sj_charge(L, 1 + (int64_t)(total / SJ_BYTES_PER_INSTRUCTION));
    luaL_Buffer buffer;
    char *p = luaL_buffinitsize(L, &buffer, total);
    for (lua_Integer i = 0; i < n; i++) {
        memcpy(p, s, length);
        p += length;
        if (i + 1 < n && separator_length > 0) {
            memcpy(p, separator, separator_length);
            p += separator_length;
        }
    }
    luaL_pushresultsize(&buffer, total);
    return 1;
}

void sj_open_bounded(lua_State *L, int base, int string_table, int table_table, int utf8_table) {
    bound(L, base, "tonumber", STRINGS);
    bound(L, base, "tostring", STRINGS);
    static const char *const by_bytes[] = {"format", "len", "lower", "reverse", "sub", "upper", NULL};
    for (const char *const *name = by_bytes; *name; name++) bound(L, string_table, *name, STRINGS);
    bound(L, string_table, "byte", PER_BYTE);
    bound(L, string_table, "char", ARGUMENTS);
    lua_pushcfunction(L, bounded_rep);
    lua_setfield(L, string_table, "rep");
    static const luaL_Reg patterns[] = {
        {"find", sj_str_find}, {"match", sj_str_match}, {"gmatch", sj_str_gmatch}, {"gsub", sj_str_gsub}, {NULL, NULL},
    };
    for (const luaL_Reg *r = patterns; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setfield(L, string_table, r->name);
    }

    bound(L, table_table, "concat", CONCAT);
    bound(L, table_table, "insert", LENGTH);
    bound(L, table_table, "remove", LENGTH);
    bound(L, table_table, "sort", SORT);
    bound(L, table_table, "unpack", UNPACK);
    bound(L, table_table, "move", MOVE);
    bound(L, table_table, "pack", ARGUMENTS);

    bound(L, utf8_table, "char", ARGUMENTS);
    bound(L, utf8_table, "codepoint", PER_BYTE);
    bound(L, utf8_table, "len", STRINGS);
    bound(L, utf8_table, "offset", STRINGS);
    bound(L, utf8_table, "codes", STRINGS);
}

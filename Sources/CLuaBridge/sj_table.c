// The table library of the sandbox, written out with raw access. Lua's own functions ask
// `#t` through __len and read through __index/__newindex, so a metamethod can answer the cost
// check with one length and the loop with another, or make every element read a long walk
// inside one C call. Here the length is read once, raw, charged, and used; every element
// access is raw. Read-only proxies are read through to the table behind them and refuse
// writes.
#include <limits.h>
#include <string.h>

#include "sj_internal.h"

/// The most values one call may push (unpack); the Lua stack and VARARG copies stay small.
#define SJ_MAX_RESULTS 8192

// The table argument at `index` for reading: the table itself, or the table behind a proxy.
static int readable(lua_State *L, int index) {
    luaL_checktype(L, index, LUA_TTABLE);
    if (sj_push_proxied(L, index)) {
        lua_replace(L, index);
    }
    return index;
}

static int writable(lua_State *L, int index) {
    luaL_checktype(L, index, LUA_TTABLE);
    if (sj_is_protected(L, index)) sj_forbidden(L, "attempt to change a read-only table");
    return index;
}

static lua_Integer raw_length(lua_State *L, int index) { return (lua_Integer)lua_rawlen(L, index); }

static int t_insert(lua_State *L) {
    int t = writable(L, 1);
    lua_Integer size = raw_length(L, t);
    lua_Integer position = size + 1;
    switch (lua_gettop(L)) {
        case 2:
            break;
        case 3:
            position = luaL_checkinteger(L, 2);
            luaL_argcheck(L, (lua_Unsigned)position - 1u < (lua_Unsigned)size + 1u, 2, "position out of bounds");
            sj_charge(L, size - position + 2);
            for (lua_Integer i = size + 1; i > position; i--) {
                lua_rawgeti(L, t, i - 1);
                lua_rawseti(L, t, i);
            }
            break;
        default:
            return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_rawseti(L, t, position);
    return 0;
}

static int t_remove(lua_State *L) {
    int t = writable(L, 1);
    lua_Integer size = raw_length(L, t);
    lua_Integer position = luaL_optinteger(L, 2, size);
    if (position != size) {
        luaL_argcheck(L, (lua_Unsigned)position - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    }
    sj_charge(L, size - position + 2);
    lua_rawgeti(L, t, position);
    for (; position < size; position++) {
        lua_rawgeti(L, t, position + 1);
        lua_rawseti(L, t, position);
    }
    lua_pushnil(L);
    lua_rawseti(L, t, position);
    return 1;
}

static int64_t span(lua_Integer from, lua_Integer to) {
    if (to < from) return 0;
    lua_Unsigned count = (lua_Unsigned)to - (lua_Unsigned)from;
    return count >= (lua_Unsigned)INT64_MAX ? INT64_MAX : (int64_t)count + 1;
}

static int t_move(lua_State *L) {
    lua_Integer first = luaL_checkinteger(L, 2);
    lua_Integer end = luaL_checkinteger(L, 3);
    lua_Integer target = luaL_checkinteger(L, 4);
    int destination = lua_isnoneornil(L, 5) ? 1 : 5;
    writable(L, destination);
    readable(L, 1);
    if (end >= first) {
        luaL_argcheck(L, first > 0 || end < LUA_MAXINTEGER + first, 3, "too many elements to move");
        lua_Integer count = end - first;
        luaL_argcheck(L, target <= LUA_MAXINTEGER - count, 4, "destination wrap around");
        sj_charge(L, span(first, end));
        if (target > end || target <= first || (destination != 1 && !lua_rawequal(L, 1, destination))) {
            for (lua_Integer i = 0; i <= count; i++) {
                lua_rawgeti(L, 1, first + i);
                lua_rawseti(L, destination, target + i);
            }
        } else {
            for (lua_Integer i = count; i >= 0; i--) {
                lua_rawgeti(L, 1, first + i);
                lua_rawseti(L, destination, target + i);
            }
        }
    }
    lua_pushvalue(L, destination);
    return 1;
}

static int t_concat(lua_State *L) {
    int t = readable(L, 1);
    size_t separator_length;
    const char *separator = luaL_optlstring(L, 2, "", &separator_length);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer last = lua_isnoneornil(L, 4) ? raw_length(L, t) : luaL_checkinteger(L, 4);
    sj_charge(L, span(i, last));
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    for (; i <= last; i++) {
        lua_rawgeti(L, t, i);
        if (!lua_isstring(L, -1)) {
            return luaL_error(L, "invalid value (at index %I) in table for 'concat'", (LUAI_UACINT)i);
        }
        size_t length;
        lua_tolstring(L, -1, &length);
        sj_charge(L, (int64_t)(length / SJ_BYTES_PER_INSTRUCTION));
        luaL_addvalue(&buffer);
        if (i != last) luaL_addlstring(&buffer, separator, separator_length);
        if (i == LUA_MAXINTEGER) break;
    }
    luaL_pushresult(&buffer);
    return 1;
}

static int t_unpack(lua_State *L) {
    int t = readable(L, 1);
    lua_Integer first = luaL_optinteger(L, 2, 1);
    lua_Integer last = lua_isnoneornil(L, 3) ? raw_length(L, t) : luaL_checkinteger(L, 3);
    if (first > last) return 0;
    int64_t count = span(first, last);
    if (count > SJ_MAX_RESULTS || !lua_checkstack(L, (int)count)) {
        return luaL_error(L, "too many results to unpack (at most %d)", SJ_MAX_RESULTS);
    }
    sj_charge(L, count);
    for (lua_Integer i = first; i <= last; i++) {
        lua_rawgeti(L, t, i);
        if (i == LUA_MAXINTEGER) break;
    }
    return (int)count;
}

// MARK: - Sorting

// Compares t[a] < t[b] (both pushed), by the comparator at index 2 or by Lua's order.
// Comparing two long strings costs in proportion to their length.
static int less_than(lua_State *L, int t, lua_Integer a, lua_Integer b) {
    if (lua_isnoneornil(L, 2)) {
        lua_rawgeti(L, t, a);
        lua_rawgeti(L, t, b);
        if (lua_type(L, -1) == LUA_TSTRING && lua_type(L, -2) == LUA_TSTRING) {
            size_t left = lua_rawlen(L, -2), right = lua_rawlen(L, -1);
            sj_charge(L, 1 + (int64_t)((left < right ? left : right) / SJ_BYTES_PER_INSTRUCTION));
        } else {
            sj_charge(L, 1);
        }
        int result = lua_compare(L, -2, -1, LUA_OPLT);
        lua_pop(L, 2);
        return result;
    }
    lua_pushvalue(L, 2);
    lua_rawgeti(L, t, a);
    lua_rawgeti(L, t, b);
    lua_call(L, 2, 1);
    int result = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return result;
}

static void swap(lua_State *L, int t, lua_Integer a, lua_Integer b) {
    lua_rawgeti(L, t, a);
    lua_rawgeti(L, t, b);
    lua_rawseti(L, t, a);
    lua_rawseti(L, t, b);
}

static void sift_down(lua_State *L, int t, lua_Integer root, lua_Integer count) {
    for (;;) {
        lua_Integer child = 2 * root;
        if (child > count) return;
        if (child < count && less_than(L, t, child, child + 1)) child++;
        if (!less_than(L, t, root, child)) return;
        swap(L, t, root, child);
        root = child;
    }
}

// Heapsort on 1…n: O(n log n) comparisons whatever the comparator answers, no recursion.
static int t_sort(lua_State *L) {
    int t = writable(L, 1);
    lua_Integer count = raw_length(L, t);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    luaL_argcheck(L, count < INT_MAX, 1, "array too big");
    for (lua_Integer root = count / 2; root >= 1; root--) sift_down(L, t, root, count);
    for (lua_Integer end = count; end > 1; end--) {
        swap(L, t, 1, end);
        sift_down(L, t, 1, end - 1);
    }
    return 0;
}

void sj_open_table(lua_State *L, int table) {
    static const luaL_Reg functions[] = {
        {"insert", t_insert}, {"remove", t_remove}, {"move", t_move},     {"concat", t_concat},
        {"unpack", t_unpack}, {"sort", t_sort},     {NULL, NULL},
    };
    for (const luaL_Reg *f = functions; f->name; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, table, f->name);
    }
}

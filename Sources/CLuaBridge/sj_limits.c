// Library functions whose work the instruction hook cannot see, because it happens inside
// one C call, pay for it up front: each wrapper charges the budget for the work its
// arguments ask for before calling Lua's own function. Functions whose work cannot be known
// up front are written out here (string.rep, tostring, utf8.codes) or in sj_table.c.
#include <limits.h>
#include <string.h>

#include "sj_internal.h"

/// The most values string.byte and utf8.codepoint push at once.
#define SJ_MAX_RESULTS 8192

// Bytes of every string argument, scaled to instructions, plus one per argument: numeric
// strings are parsed, long strings compared, so their length is what a call costs.
static int64_t cost_arguments(lua_State *L) {
    size_t total = 0;
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        if (lua_type(L, i) == LUA_TSTRING) total += lua_rawlen(L, i);
    }
    return 1 + n + (int64_t)(total / SJ_BYTES_PER_INSTRUCTION);
}

static int bounded_call(lua_State *L) {
    sj_charge(L, cost_arguments(L));
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

// Replaces every C function of the table at `table` with a charged wrapper.
static void bound_all(lua_State *L, int table) {
    lua_pushnil(L);
    while (lua_next(L, table)) {
        if (lua_iscfunction(L, -1)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_pushcclosure(L, bounded_call, 1);
            lua_rawset(L, table);
        } else {
            lua_pop(L, 1);
        }
    }
}

// Wraps one function `name` of the table at `table`.
static void bound(lua_State *L, int table, const char *name) {
    lua_getfield(L, table, name);
    lua_pushcclosure(L, bounded_call, 1);
    lua_setfield(L, table, name);
}

// MARK: - Strings

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
    if ((lua_Unsigned)n > SJ_MAX_STRING / unit + 1 ||
        (size_t)n * length + (size_t)(n - 1) * separator_length > SJ_MAX_STRING) {
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

// tostring without addresses: `table`, `function`, or what __tostring / __name say. An
// address would tell a script where the server's code and heap are.
int sj_tostring(lua_State *L) {
    luaL_checkany(L, 1);
    if (luaL_callmeta(L, 1, "__tostring")) {
        if (!lua_isstring(L, -1)) return luaL_error(L, "'__tostring' must return a string");
        return 1;
    }
    switch (lua_type(L, 1)) {
        case LUA_TNUMBER:
        case LUA_TSTRING:
        case LUA_TBOOLEAN:
        case LUA_TNIL:
            sj_charge(L, cost_arguments(L));
            luaL_tolstring(L, 1, NULL);
            return 1;
        default:
            if (luaL_getmetafield(L, 1, "__name") == LUA_TSTRING) return 1;
            lua_pushstring(L, luaL_typename(L, 1));
            return 1;
    }
}

// string.format with no %p, and with %s of tables and functions through the safe tostring.
static int bounded_format(lua_State *L) {
    size_t length;
    const char *format = luaL_checklstring(L, 1, &length);
    int argument = 1;
    for (size_t i = 0; i < length; i++) {
        if (format[i] != '%') continue;
        i++;
        if (i < length && format[i] == '%') continue;
        while (i < length && strchr("-+ #0123456789.", format[i])) i++;
        if (i >= length) break;
        argument++;
        if (format[i] == 'p') return sj_forbidden(L, "string.format: '%p' is not available in rule scripts");
        if ((format[i] == 's' || format[i] == 'q') && argument <= lua_gettop(L)) {
            int type = lua_type(L, argument);
            if (type != LUA_TSTRING && type != LUA_TNUMBER && type != LUA_TBOOLEAN && type != LUA_TNIL) {
                lua_pushcfunction(L, sj_tostring);
                lua_pushvalue(L, argument);
                lua_call(L, 1, 1);
                lua_replace(L, argument);
            }
        }
    }
    sj_charge(L, cost_arguments(L));
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

// string.byte and utf8.codepoint push a value per byte: at most SJ_MAX_RESULTS at once.
static int bounded_many(lua_State *L) {
    size_t length;
    luaL_checklstring(L, 1, &length);
    lua_Integer first = luaL_optinteger(L, 2, 1);
    lua_Integer last = luaL_optinteger(L, 3, first);
    lua_Integer n = (lua_Integer)length;
    if (first < 0) first = first < -n ? 1 : n + first + 1;
    if (last < 0) last = n + last + 1;
    if (last > n) last = n;
    if (first < 1) first = 1;
    if (last >= first && last - first >= SJ_MAX_RESULTS) {
        return luaL_error(L, "at most %d values at once; take the string in pieces", SJ_MAX_RESULTS);
    }
    sj_charge(L, cost_arguments(L) + (last >= first ? last - first + 1 : 0));
    lua_CFunction original = lua_tocfunction(L, lua_upvalueindex(1));
    return original(L);
}

// MARK: - UTF-8

static int is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The iterator of utf8.codes, as Lua's strict one but looking at most three bytes ahead to
// find the next character, whatever position the caller passes.
static int codes_next(lua_State *L) {
    size_t length;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &length);
    lua_Unsigned n = (lua_Unsigned)luaL_checkinteger(L, 2);
    sj_charge(L, 1);
    for (int skipped = 0; n < length && is_continuation(s[n]); skipped++, n++) {
        if (skipped == 3) return luaL_error(L, "invalid UTF-8 code");
    }
    if (n >= length) return 0;
    unsigned char lead = s[n];
    int extra = lead < 0x80 ? 0 : lead < 0xC0 ? -1 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : lead < 0xF8 ? 3 : -1;
    if (extra < 0 || n + (lua_Unsigned)extra >= length) return luaL_error(L, "invalid UTF-8 code");
    lua_Integer code = extra == 0 ? lead : lead & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
        if (!is_continuation(s[n + k])) return luaL_error(L, "invalid UTF-8 code");
        code = (code << 6) | (s[n + k] & 0x3F);
    }
    static const lua_Integer minimum[] = {0, 0x80, 0x800, 0x10000};
    lua_Unsigned after = n + (lua_Unsigned)extra + 1;
    if (code < minimum[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ||
        (after < length && is_continuation(s[after]))) {
        return luaL_error(L, "invalid UTF-8 code");
    }
    lua_pushinteger(L, (lua_Integer)n + 1);
    lua_pushinteger(L, code);
    return 2;
}

// utf8.codes(s): for position, code in utf8.codes(s) do … end
static int bounded_codes(lua_State *L) {
    luaL_checkstring(L, 1);
    luaL_argcheck(L, !lua_toboolean(L, 2), 2, "lax mode is not available in rule scripts");
    lua_pushcfunction(L, codes_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

void sj_open_bounded(lua_State *L, int base, int string_table, int table_table, int math_table, int utf8_table) {
    bound(L, base, "tonumber");
    lua_pushcfunction(L, sj_tostring);
    lua_setfield(L, base, "tostring");
    bound(L, base, "select");

    bound_all(L, string_table);
    lua_getfield(L, string_table, "format");
    lua_getupvalue(L, -1, 1);  // the original, inside the wrapper bound_all made
    lua_remove(L, -2);
    lua_pushcclosure(L, bounded_format, 1);
    lua_setfield(L, string_table, "format");
    lua_pushcfunction(L, bounded_rep);
    lua_setfield(L, string_table, "rep");
    lua_getfield(L, string_table, "byte");
    lua_getupvalue(L, -1, 1);
    lua_remove(L, -2);
    lua_pushcclosure(L, bounded_many, 1);
    lua_setfield(L, string_table, "byte");
    static const luaL_Reg patterns[] = {
        {"find", sj_str_find}, {"match", sj_str_match}, {"gmatch", sj_str_gmatch}, {"gsub", sj_str_gsub}, {NULL, NULL},
    };
    for (const luaL_Reg *r = patterns; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setfield(L, string_table, r->name);
    }

    sj_open_table(L, table_table);
    bound(L, table_table, "pack");

    bound_all(L, math_table);

    bound_all(L, utf8_table);
    lua_getfield(L, utf8_table, "codepoint");
    lua_getupvalue(L, -1, 1);
    lua_remove(L, -2);
    lua_pushcclosure(L, bounded_many, 1);
    lua_setfield(L, utf8_table, "codepoint");
    lua_pushcfunction(L, bounded_codes);
    lua_setfield(L, utf8_table, "codes");
}

// The frozen base environment: an allow-list of functions, read-only library proxies,
// safe replacements of pcall, xpcall, setmetatable and rawset.
#include <string.h>

#include <lualib.h>

#include "sj_internal.h"

static const char *const locked = "locked";

// MARK: - Read-only proxies

int sj_is_protected(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_PROTECTED);
    lua_pushvalue(L, index);
    int result = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return result;
}

static int proxy_newindex(lua_State *L) { return sj_forbidden(L, "attempt to change a read-only table"); }

// The table behind a proxy, from the proxy's metatable (raw reads only).
static void push_target(lua_State *L, int proxy) {
    lua_getmetatable(L, proxy);
    sj_rawgetfield(L, -1, "__index");
    lua_remove(L, -2);
}

int sj_push_proxied(lua_State *L, int index) {
    if (lua_type(L, index) != LUA_TTABLE || !sj_is_protected(L, index)) return 0;
    push_target(L, index);
    return 1;
}

static int proxy_len(lua_State *L) {
    push_target(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

static int proxy_next(lua_State *L) {
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

// pairs(proxy) iterates the table behind it without ever handing that table out.
static int proxy_pairs(lua_State *L) {
    push_target(L, 1);
    lua_pushcclosure(L, proxy_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void sj_push_readonly(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, proxy_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, proxy_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, proxy_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushstring(L, locked);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_PROTECTED);
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

// MARK: - Safe builtins

// Budget, clock and memory failures are not the script's to catch.
static void rethrow_if_fatal(lua_State *L, int status) {
    sj_context *c = sj_ctx(L);
    if (status == LUA_OK) return;
    if (c->failure.fatal != SJ_FATAL_NONE || c->memory_exceeded || status == LUA_ERRMEM) {
        if (c->failure.fatal == SJ_FATAL_NONE) c->failure.fatal = SJ_FATAL_MEMORY;
        lua_error(L);
    }
    c->failure.forbidden = 0;  // the script handled it
}

static int safe_pcall(lua_State *L) {
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    rethrow_if_fatal(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

// When the hook raises a limit error, Lua calls the message handler before the error lands
// in a protected call, and hooks stay off until it lands: a Lua handler would run unbounded.
// So the script's handler runs only for the script's own errors.
static int guarded_handler(lua_State *L) {
    sj_context *c = sj_ctx(L);
    if (c->failure.fatal != SJ_FATAL_NONE || c->memory_exceeded) return 1;  // keep the error as it is
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int safe_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, guarded_handler, 1);
    lua_pushvalue(L, 1);  // f
    lua_replace(L, 2);    // f to slot 2
    lua_replace(L, 1);    // the guarded handler to slot 1
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    rethrow_if_fatal(L, status);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1);  // the handler's slot becomes the status
    return lua_gettop(L);
}

// Whether the metatable at `index` is a copy setmetatable made, and whether a script may
// replace it (1), or it carries the script's own __metatable protection (0); -1 otherwise.
static int private_copy(lua_State *L, int index) {
    index = lua_absindex(L, index);
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_PRIVATE);
    lua_pushvalue(L, index);
    int type = lua_rawget(L, -2);
    int result = type == LUA_TNIL ? -1 : lua_toboolean(L, -1);
    lua_pop(L, 2);
    return result;
}

// setmetatable gives the table a private copy of the metatable, so that fields added to the
// metatable afterwards (a late __mode or __gc, which the collector reads) change nothing.
// getmetatable still returns the script's own table, through __metatable. Finalizers and weak
// tables are refused: finalizers run with hooks off, and weak keys make collection quadratic.
static int safe_setmetatable(lua_State *L) {
    int type = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, type == LUA_TNIL || type == LUA_TTABLE, 2, "nil or table");
    if (sj_is_protected(L, 1)) return sj_forbidden(L, "attempt to change a read-only table");
    if (lua_getmetatable(L, 1)) {
        int ours = private_copy(L, -1);
        lua_pop(L, 1);
        if (ours != 1 && luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) {
            return luaL_error(L, "cannot change a protected metatable");
        }
    }
    lua_settop(L, 2);
    if (type == LUA_TNIL) {
        lua_setmetatable(L, 1);
        return 1;
    }
    if (sj_rawgetfield(L, 2, "__gc") != LUA_TNIL) {
        return sj_forbidden(L, "metatables with __gc are not allowed in rule scripts");
    }
    if (sj_rawgetfield(L, 2, "__mode") != LUA_TNIL) {
        return sj_forbidden(L, "weak tables (__mode) are not available in rule scripts");
    }
    int protected_by_script = sj_rawgetfield(L, 2, "__metatable") != LUA_TNIL;
    lua_settop(L, 2);
    lua_newtable(L);  // the copy, at 3
    int64_t fields = 0;
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 3);
        fields++;
    }
    sj_charge(L, 1 + fields);
    if (!protected_by_script) {
        lua_pushvalue(L, 2);
        lua_setfield(L, 3, "__metatable");
    }
    lua_getfield(L, LUA_REGISTRYINDEX, SJ_KEY_PRIVATE);
    lua_pushvalue(L, 3);
    lua_pushboolean(L, !protected_by_script);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    lua_setmetatable(L, 1);
    lua_settop(L, 1);
    return 1;
}

static int safe_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    if (sj_is_protected(L, 1)) return sj_forbidden(L, "attempt to change a read-only table");
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

// MARK: - Names a script might reach for

static const char *const forbidden_globals[] = {
    "load", "loadstring", "loadfile", "dofile", "require", "package", "io", "os", "debug",
    "collectgarbage", "coroutine", "_G", "print", "module", "setfenv", "getfenv", "newproxy",
    NULL,
};

static int base_missing(lua_State *L) {
    const char *name = lua_tostring(L, 2);
    if (name != NULL) {
        for (const char *const *f = forbidden_globals; *f; f++) {
            if (strcmp(*f, name) == 0) {
                if (strcmp(name, "print") == 0) {
                    return sj_forbidden(L, "'print' is not available in rule scripts; use log(...)");
                }
                lua_pushfstring(L, "'%s' is not available in rule scripts", name);
                return sj_forbidden(L, lua_tostring(L, -1));
            }
        }
    }
    return 0;
}

static int library_missing(lua_State *L) {
    const char *name = lua_tostring(L, 2);
    const char *library = lua_tostring(L, lua_upvalueindex(1));
    static const char *const forbidden_fields[] = {"dump", "pack", "unpack", "packsize", "random", "randomseed", NULL};
    if (name != NULL) {
        for (const char *const *f = forbidden_fields; *f; f++) {
            if (strcmp(*f, name) == 0 && !(strcmp(name, "unpack") == 0 && strcmp(library, "table") == 0)) {
                lua_pushfstring(L, "'%s.%s' is not available in rule scripts", library, name);
                return sj_forbidden(L, lua_tostring(L, -1));
            }
        }
    }
    return 0;
}

// MARK: - Building the base

// Copies the allowed functions of the library on top into a fresh table and leaves it.
static void copy_allowed(lua_State *L, const char *const *names) {
    int source = lua_gettop(L);
    lua_newtable(L);
    for (const char *const *name = names; *name; name++) {
        if (lua_getfield(L, source, *name) != LUA_TNIL) {
            lua_setfield(L, -2, *name);
        } else {
            lua_pop(L, 1);
        }
    }
    lua_remove(L, source);
}

static void set_missing_handler(lua_State *L, const char *library) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, library);
    lua_pushcclosure(L, library_missing, 1);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, locked);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

// Opens a standard library, keeps the allowed names, and installs a read-only proxy of it in
// the base (at index `base`). Leaves the writable table behind the proxy on the stack.
static void add_library(lua_State *L, int base, const char *name, lua_CFunction open,
                        const char *const *allowed) {
    luaL_requiref(L, name, open, 0);
    copy_allowed(L, allowed);
    set_missing_handler(L, name);
    sj_push_readonly(L, -1);
    lua_setfield(L, base, name);
}

void sj_open_sandbox(lua_State *L) {
    static const char *const base_names[] = {
        "assert", "error", "ipairs", "next", "pairs", "select", "tonumber", "tostring", "type",
        "rawequal", "rawget", "rawlen", "getmetatable", "_VERSION", NULL,
    };
    static const char *const string_names[] = {
        "byte", "char", "format", "len", "lower", "rep", "reverse", "sub", "upper", NULL,
    };
    static const char *const table_names[] = {"concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL};
    static const char *const math_names[] = {
        "abs", "ceil", "floor", "fmod", "huge", "maxinteger", "mininteger", "max", "min", "modf", "pi",
        "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "tointeger", "type", "ult", NULL,
    };
    static const char *const utf8_names[] = {"char", "charpattern", "codes", "codepoint", "len", "offset", NULL};

    // Tables the sandbox protects from rawset and setmetatable; weak so proxies can die.
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, SJ_KEY_PROTECTED);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setfield(L, LUA_REGISTRYINDEX, SJ_KEY_PRIVATE);

    luaL_requiref(L, "_G", luaopen_base, 0);
    copy_allowed(L, base_names);
    int base = lua_gettop(L);
    static const luaL_Reg safe[] = {
        {"pcall", safe_pcall}, {"xpcall", safe_xpcall}, {"setmetatable", safe_setmetatable},
        {"rawset", safe_rawset}, {NULL, NULL},
    };
    luaL_setfuncs(L, safe, 0);

    add_library(L, base, LUA_STRLIBNAME, luaopen_string, string_names);
    add_library(L, base, LUA_TABLIBNAME, luaopen_table, table_names);
    add_library(L, base, LUA_MATHLIBNAME, luaopen_math, math_names);
    add_library(L, base, LUA_UTF8LIBNAME, luaopen_utf8, utf8_names);
    sj_open_bounded(L, base, base + 1, base + 2, base + 3, base + 4);

    // Strings index the bounded string table; their metatable is locked so no script can
    // change string methods for the scripts after it.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, base + 1);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, locked);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);
    lua_settop(L, base);

    // Unknown names read as nil, except the ones a script reaches for to escape.
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, base_missing);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, locked);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, base);
    lua_pushvalue(L, base);
    lua_setfield(L, LUA_REGISTRYINDEX, SJ_KEY_BASE);

    // Every evaluation gets a fresh _ENV with this metatable.
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, base);
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, locked);
    lua_setfield(L, -2, "__metatable");
    sj_ctx(L)->envmeta_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    sj_ctx(L)->sentinel_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 1);
    // The state's own globals table keeps the full libraries; no script ever sees it.
}

-- expect: {"after":"still running","message":"working/pcall_catches_errors.lua:2: bad mark","ok":false,"table_error":"custom"}
local ok, message = pcall(function() error("bad mark") end)
local _, object = pcall(error, { code = "custom" })
return { ok = ok, message = message, table_error = object.code, after = "still running" }

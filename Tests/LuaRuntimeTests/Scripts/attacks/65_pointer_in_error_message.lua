-- attack: tostring of a C function is its code address (and %p of a table its heap address)
-- expect: forbidden|runtime
-- Scripts learn the addresses of the host binary (safe_pcall), of liblua (math.floor) and of
-- the heap, defeating ASLR, and can put them in results, logs and error messages.
error("pcall at " .. tostring(pcall) .. ", floor at " .. tostring(math.floor) .. ", heap at " .. string.format("%p", {}))

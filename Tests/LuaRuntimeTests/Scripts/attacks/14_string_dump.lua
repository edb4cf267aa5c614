-- attack: dump a function to bytecode to craft a binary chunk
-- expect: forbidden
return string.dump(function() return 1 end)

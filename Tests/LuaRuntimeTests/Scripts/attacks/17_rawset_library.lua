-- attack: rawset through the read-only proxy of a library
-- expect: forbidden
rawset(math, "floor", function() return 0 end)

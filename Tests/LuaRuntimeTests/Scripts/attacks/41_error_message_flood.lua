-- attack: raise an error carrying a megabyte of text
-- expect: runtime
error(("x"):rep(1000000))

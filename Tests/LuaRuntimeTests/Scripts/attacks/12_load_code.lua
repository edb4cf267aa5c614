-- attack: compile new code at run time, outside the allow-list
-- expect: forbidden
return load("return 1")()

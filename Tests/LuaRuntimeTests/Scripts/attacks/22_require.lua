-- attack: load a C module through require
-- expect: forbidden
return require("os")

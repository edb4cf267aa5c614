-- attack: reach string.dump as a string method, through the string metatable instead of the library proxy
-- expect: forbidden
return (""):dump()

-- expect: {"concat":"1,2,3","moved":[1,1,2],"packed":2,"removed":3,"unpacked":3}
local t = { 1, 2, 3 }
local moved = table.move({ 1, 2, 3 }, 1, 2, 2)
local removed = table.remove({ 1, 2, 3 })
return {
  concat = table.concat(t, ","),
  unpacked = select("#", table.unpack(t)),
  packed = table.pack(1, 2).n,
  moved = moved,
  removed = removed,
}

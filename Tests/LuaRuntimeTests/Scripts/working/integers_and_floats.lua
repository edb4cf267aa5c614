-- expect: {"division":1.5,"float":3.0,"floor_division":1,"int":3,"is_float":"float","is_int":"integer","mixed":2.5}
return {
  int = 3,
  float = 3.0,
  division = 3 / 2,
  floor_division = 3 // 2,
  is_int = math.type(3),
  is_float = math.type(3.0),
  mixed = 1 + 1.5,
}

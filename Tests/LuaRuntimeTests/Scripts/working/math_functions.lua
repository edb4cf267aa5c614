-- expect: {"floor":3,"huge":"inf","max":9,"pi":true,"sqrt":3.0,"tointeger":4}
return {
  floor = math.floor(3.7),
  max = math.max(1, 9, 4),
  sqrt = math.sqrt(9),
  pi = math.abs(math.pi - 3.14159) < 1e-5,
  tointeger = math.tointeger(4.0),
  huge = math.huge,
}

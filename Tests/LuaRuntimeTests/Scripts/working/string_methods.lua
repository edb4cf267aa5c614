-- expect: {"count":2,"formatted":"  3.14|007|x","found":3,"replaced":"a-b-c","upper":"HELLO"}
local replaced, count = ("a b c"):gsub(" ", "-")
return {
  upper = ("hello"):upper(),
  formatted = string.format("%6.2f|%03d|%s", 3.14159, 7, "x"),
  replaced = replaced,
  count = count,
  found = ("hello world"):find("l"),
}

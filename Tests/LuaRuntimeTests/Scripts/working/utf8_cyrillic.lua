-- expect: {"bytes":12,"chars":"пр","first":1087,"length":6,"letters":["п","р","и","в","е","т"]}
local word = "привет"
local letters = {}
for _, code in utf8.codes(word) do letters[#letters + 1] = utf8.char(code) end
return {
  length = utf8.len(word),
  bytes = #word,
  first = utf8.codepoint(word, 1),
  chars = utf8.char(1087, 1088),
  letters = letters,
}

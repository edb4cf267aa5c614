-- attack: unpack a hundred million values
-- expect: instruction-budget
return table.unpack({}, 1, 1e8)

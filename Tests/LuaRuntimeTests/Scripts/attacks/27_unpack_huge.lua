-- attack: unpack a hundred million values
-- expect: runtime|instruction-budget
return table.unpack({}, 1, 1e8)

-- attack: table.move over 2^40 indices inside one C call
-- expect: instruction-budget
return table.move({}, 1, 2^40, 1)

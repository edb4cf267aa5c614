-- expect: {"concat":"5 баллов","number":42,"sum":11}
return { sum = "10" + 1, concat = 5 .. " баллов", number = tonumber("42") }

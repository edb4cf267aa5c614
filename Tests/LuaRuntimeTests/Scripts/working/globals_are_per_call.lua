-- expect: 1
counter = (counter or 0) + 1
return counter

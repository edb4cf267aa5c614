-- attack: print to the server's standard output
-- expect: forbidden
print("hello")

-- attack: read a file of the server
-- expect: forbidden
return io.open("/etc/passwd"):read("a")

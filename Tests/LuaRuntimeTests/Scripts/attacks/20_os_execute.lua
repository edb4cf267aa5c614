-- attack: run a shell command
-- expect: forbidden
return os.execute("touch /tmp/sandbox-escaped")

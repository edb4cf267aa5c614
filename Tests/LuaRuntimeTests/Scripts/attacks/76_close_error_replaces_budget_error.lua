-- attack: a __close that raises a plain error while the budget error unwinds, hoping pcall sees only that
-- expect: instruction-budget
-- Contained: rethrow_if_fatal looks at the sandbox's flags, not at the error object.
while true do
  pcall(function()
    local guard <close> = setmetatable({}, { __close = function() error("just a normal error") end })
    while true do end
  end)
end

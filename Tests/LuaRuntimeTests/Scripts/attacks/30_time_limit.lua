-- attack: an endless loop under a budget too big to matter; the clock stops it
-- expect: time-limit
-- limits: instructions=1000000000000 timeout-ms=200
while true do end

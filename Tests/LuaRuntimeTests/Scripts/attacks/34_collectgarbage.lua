-- attack: stop the collector so garbage piles up
-- expect: forbidden
collectgarbage("stop")

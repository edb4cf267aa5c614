-- attack: reseed the random generator shared by later scripts
-- expect: forbidden
math.randomseed(42)

module Main where
--L:070 Haskell: -- comments; the end of the file ends this step.
main :: IO ()
main = print 70

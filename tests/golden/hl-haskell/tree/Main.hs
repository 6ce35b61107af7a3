--H:010 Haskell: a signature, a function, a string.
module Main where

greet :: String -> String
greet name = "hello " ++ name -- say it

main :: IO ()
main = putStrLn (greet "world")
--:

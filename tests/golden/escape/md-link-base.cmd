md --link-base https://example.org/src(1)/

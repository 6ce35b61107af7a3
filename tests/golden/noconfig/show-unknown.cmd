show Q

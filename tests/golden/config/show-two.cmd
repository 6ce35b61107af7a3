show Drivers P

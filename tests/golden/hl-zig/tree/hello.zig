//H:010 Zig: a function, a constant, a string.
const std = @import("std");
const MAX_LEN = 42; // the answer
pub fn main() void {
    std.debug.print("hello {d}\n", .{MAX_LEN});
}
//:

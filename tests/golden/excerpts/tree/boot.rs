impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        //X:060 In an impl of a trait, spaces then a tab later: cut to a
        // tab stop, eight columns.
        write!(f, "{}",	self.0)
        //:
    }
}

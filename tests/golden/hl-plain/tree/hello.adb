--H:040 Ada: comments and strings, with no grammar.
with Ada.Text_IO;
procedure Hello is
begin
   Ada.Text_IO.Put_Line ("hello"); -- say it
end Hello;
--:

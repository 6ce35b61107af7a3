/*G:010 A step <script>pwned('prose-script')</script> title.
 *
 * <img src=x onerror=pwned('prose-img')>
 *
 * [click](javascript:pwned('prose-link')) and `<script>pwned('code-span')</script>`
 *
 * "><svg onload=pwned('prose-attr')> and '><svg onload=pwned('prose-attr1')>
 *
 * </style><script>pwned('prose-style')</script>
 *
 * </script><script>pwned('prose-script-end')</script> <!--<script>
 *
 * [G:020"><svg onload=pwned('xref')>] [G:020] [<img src=x onerror=pwned('bracket')>]
 *
 * <script>window.__pwned = 'prose'; document.title = 'PWNED'</script>
 */
int guest(void) /* </script><script>pwned('code-comment')</script> */
{
	const char *s = "<img src=x onerror=pwned('code-string')>";
	const char *t = "</style><script>pwned('code-style')</script>";
	const char *u = "\"><svg onload=pwned('code-attr')>";
	return s < t && t > u; /* ]]> <!-- --> & &amp; &lt; */
}
/*:*/

/*G:020 "><svg onload=pwned('title-attr')> in a title, and a search
 * result: <img src=x onerror=pwned('search')>
 */
int other(void) { return 0; }
/*:*/

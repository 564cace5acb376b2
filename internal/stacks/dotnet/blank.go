package dotnet

import "github.com/vetfolio/vetfolio/internal/scan"

// Code returns data with C# comments blanked (replaced by spaces, newlines
// kept) so offsets and lines still match, and a word in a comment is not
// read as code. String literals are kept. Of a file the collector lends,
// the result is made once and shared: callers must not write into it.
func Code(data []byte) []byte { return codeView.Of(data) }

// Skeleton is Code with the contents of string and character literals
// blanked too (the quotes kept), so that braces and brackets inside strings
// do not upset matching. Shared as Code's result is.
func Skeleton(data []byte) []byte { return skeletonView.Of(data) }

// The routes, controllers and documentation readers each ask for these
// views of the same file: made once per file the collector lends.
var (
	codeView     = scan.NewView(func(b []byte) []byte { return blank(b, false) })
	skeletonView = scan.NewView(func(b []byte) []byte { return blank(b, true) })
)

// blank walks C#'s lexical forms: // and /* */ comments, regular strings
// with backslash escapes, verbatim @"" strings with "" escapes spanning
// lines, interpolated $"" and $@"" strings, raw """ strings of any quote
// count, and character literals.
func blank(data []byte, strs bool) []byte {
	out := make([]byte, len(data))
	copy(out, data)
	fill := func(from, to int) {
		for i := from; i < to && i < len(out); i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	n := len(data)
	for i := 0; i < n; i++ {
		c := data[i]
		switch {
		case c == '/' && i+1 < n && data[i+1] == '/':
			j := i
			for j < n && data[j] != '\n' {
				j++
			}
			fill(i, j)
			i = j
		case c == '/' && i+1 < n && data[i+1] == '*':
			j := i + 2
			for j+1 < n && !(data[j] == '*' && data[j+1] == '/') {
				j++
			}
			end := min(j+2, n)
			fill(i, end)
			i = end - 1
		case c == '\'':
			j := i + 1
			for j < n && data[j] != '\'' && data[j] != '\n' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if strs {
				fill(i+1, j)
			}
			i = j
		case c == '"':
			verbatim := false
			for k := i - 1; k >= 0 && k >= i-2; k-- {
				if data[k] == '@' {
					verbatim = true
				} else if data[k] != '$' {
					break
				}
			}
			quotes := 0
			for i+quotes < n && data[i+quotes] == '"' {
				quotes++
			}
			var end int // index just past the closing quote(s)
			switch {
			case quotes >= 3:
				end = closeRaw(data, i+quotes, quotes)
				if strs {
					fill(i+quotes, end-quotes)
				}
			case quotes == 2 && !verbatim:
				end = i + 2 // ""
			case verbatim:
				j := i + 1
				for j < n {
					if data[j] == '"' {
						if j+1 < n && data[j+1] == '"' {
							j += 2
							continue
						}
						break
					}
					j++
				}
				end = min(j+1, n)
				if strs {
					fill(i+1, end-1)
				}
			default:
				j := i + 1
				for j < n && data[j] != '"' && data[j] != '\n' {
					if data[j] == '\\' {
						j++
					}
					j++
				}
				end = min(j+1, n)
				if strs {
					fill(i+1, end-1)
				}
			}
			i = end - 1
		}
	}
	return out
}

// closeRaw returns the index just past the run of quotes that closes a raw
// string opened by quotes quotes, content starting at from.
func closeRaw(data []byte, from, quotes int) int {
	run := 0
	for j := from; j < len(data); j++ {
		if data[j] == '"' {
			run++
			if run >= quotes && (j+1 >= len(data) || data[j+1] != '"') {
				return j + 1
			}
			continue
		}
		run = 0
	}
	return len(data)
}

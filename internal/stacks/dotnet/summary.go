package dotnet

import (
	"bytes"
	"unicode/utf8"
)

var (
	summaryOpen  = []byte("<summary>")
	summaryClose = []byte("</summary>")
)

// summaryRunes is how far (in characters) a summary's closing tag may be
// from its opening one and still be read as one summary.
const summaryRunes = 600

// summarizedActions counts the XML doc comments that Swashbuckle and NSwag
// publish as an action's summary: a `/// <summary>` line whose
// `</summary>` closes within 600 characters, the rest of that line, more
// `///` lines, attribute lines, and then an [HttpGet] … [HttpPatch] or
// [Route] attribute. It counts exactly what the regexp
//
//	(?m)^[ \t]*///[ \t]*<summary>[\s\S]{0,600}?</summary>[^\n]*\n(?:[ \t]*///[^\n]*\n)*(?:[ \t]*\[[^\n]*\]\s*\n)*[ \t]*\[\s*(?:Http(?:Get|Post|Put|Delete|Patch)|Route)\b
//
// finds, non-overlapping (TestSummarizedActionsAnswersAsTheRegexp). It is
// written by hand because Go's regexp runs the bounded repetition as 600
// threads over every byte of every summary: seconds on a repository with
// thousands of documented members. Its own work is linear in the file:
// what every summary of a run of `///` lines would scan again (the run,
// the attributes after it, the line's end) is remembered.
func summarizedActions(data []byte) int {
	s := summaryScan{data: data, nlFrom: 1, docFrom: 1, attrFrom: -1}
	count := 0
	for at := 0; ; {
		i := bytes.Index(data[at:], summaryOpen)
		if i < 0 {
			return count
		}
		open := at + i
		// A match starts at a line start with only `///` and blanks before
		// the tag. That line cannot start before at: at is the start of a
		// routing attribute's line (no `///` there) or just past a tag on
		// this line.
		if _, ok := docLineStart(data, open); ok {
			if end, ok := s.summaryFrom(open + len(summaryOpen)); ok {
				count++
				at = end
				continue
			}
		}
		at = open + 1
	}
}

// summaryScan remembers the last answers of the forward scans, which
// neighbouring summaries ask again.
type summaryScan struct {
	data []byte
	// Every position in [nlFrom, nlAt] has its next newline at nlAt
	// (len(data): none).
	nlFrom, nlAt int
	// Every line start in [docFrom, docTo] ends its run of `///` lines at
	// docTo.
	docFrom, docTo int
	// The answer of actionAfter's attribute scan from attrFrom.
	attrFrom, attrResume int
	attrOK               bool
}

// docLineStart reads `^[ \t]*///[ \t]*` backwards from a tag at open and
// returns the line start (whether it does). The work is bounded by the blanks and slashes
// right before the tag, which no other tag's reading covers.
func docLineStart(data []byte, open int) (int, bool) {
	i := open
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	if i < 3 || string(data[i-3:i]) != "///" {
		return 0, false
	}
	i -= 3
	for i > 0 && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	return i, i == 0 || data[i-1] == '\n'
}

// nextNewline returns the index of the first newline at or after p, or -1.
func (s *summaryScan) nextNewline(p int) int {
	if p < s.nlFrom || p > s.nlAt {
		s.nlFrom, s.nlAt = p, len(s.data)
		if i := bytes.IndexByte(s.data[p:], '\n'); i >= 0 {
			s.nlAt = p + i
		}
	}
	if s.nlAt == len(s.data) {
		return -1
	}
	return s.nlAt
}

// summaryFrom tries each `</summary>` in reach of a summary's text, the
// nearest first (the repetition is lazy), and returns where the search for
// the next summary resumes after the first that leads to an action.
func (s *summaryScan) summaryFrom(text int) (int, bool) {
	runes, counted := 0, text
	for from := text; ; {
		i := bytes.Index(s.data[from:], summaryClose)
		if i < 0 {
			return 0, false
		}
		closeAt := from + i
		runes += utf8.RuneCount(s.data[counted:closeAt])
		counted = closeAt
		if runes > summaryRunes {
			return 0, false
		}
		if end, ok := s.actionAfter(closeAt + len(summaryClose)); ok {
			return end, true
		}
		from = closeAt + 1
	}
}

// actionAfter matches what follows a summary's closing tag: the rest of
// its line, further `///` lines, attribute lines, then the routing
// attribute. It returns the start of the routing attribute's line: the
// regexp's match ends further along that line or on a later attribute
// line, but no summary can start in between, so the next search may
// resume there.
func (s *summaryScan) actionAfter(p int) (int, bool) {
	nl := s.nextNewline(p)
	if nl < 0 {
		return 0, false
	}
	r := s.skipDocLines(nl + 1)
	if r != s.attrFrom {
		s.attrFrom = r
		s.attrResume, s.attrOK = s.attributesFrom(r)
	}
	return s.attrResume, s.attrOK
}

// skipDocLines takes the `///` lines from the line start r greedily: they
// are never given back, since an attribute line cannot start with `///`.
func (s *summaryScan) skipDocLines(r int) int {
	if s.docFrom <= r && r <= s.docTo {
		return s.docTo
	}
	from, data := r, s.data
	for {
		eol := bytes.IndexByte(data[r:], '\n')
		if eol < 0 || !bytes.HasPrefix(bytes.TrimLeft(data[r:r+eol], " \t"), []byte("///")) {
			break
		}
		r += eol + 1
	}
	s.docFrom, s.docTo = from, r
	return r
}

// attributesFrom matches `(?:[ \t]*\[[^\n]*\]\s*\n)*` and then the routing
// attribute from the line start r.
func (s *summaryScan) attributesFrom(r int) (int, bool) {
	data := s.data
	for {
		if routingAttributeAt(data, r) {
			return r, true
		}
		if !attributeLineAt(data, r) {
			return 0, false
		}
		// After an attribute line, `\s*\n` may also take blank lines: the
		// next attribute is on the first line with something else on it.
		r += bytes.IndexByte(data[r:], '\n') + 1
		for {
			eol := bytes.IndexByte(data[r:], '\n')
			if eol < 0 || len(bytes.TrimLeft(data[r:r+eol], " \t\f\r")) > 0 {
				break
			}
			r += eol + 1
		}
	}
}

// attributeLineAt reports whether the line at r is `[ \t]*\[[^\n]*\]`
// followed by blanks and its newline.
func attributeLineAt(data []byte, r int) bool {
	eol := bytes.IndexByte(data[r:], '\n')
	if eol < 0 {
		return false
	}
	body := bytes.TrimLeft(data[r:r+eol], " \t")
	if len(body) == 0 || body[0] != '[' {
		return false
	}
	body = bytes.TrimRight(body[1:], " \t\f\r")
	return len(body) > 0 && body[len(body)-1] == ']'
}

var routingAttributes = [][]byte{[]byte("HttpGet"), []byte("HttpPost"), []byte("HttpPut"), []byte("HttpDelete"), []byte("HttpPatch"), []byte("Route")}

// routingAttributeAt reports whether `[ \t]*\[\s*(?:Http(?:Get|Post|Put|
// Delete|Patch)|Route)\b` matches at r.
func routingAttributeAt(data []byte, r int) bool {
	b := bytes.TrimLeft(data[r:], " \t")
	if len(b) == 0 || b[0] != '[' {
		return false
	}
	b = bytes.TrimLeft(b[1:], " \t\n\f\r")
	for _, name := range routingAttributes {
		if bytes.HasPrefix(b, name) && (len(b) == len(name) || !isWordByte(b[len(name)])) {
			return true
		}
	}
	return false
}

// isWordByte is \w: the bytes on the inner side of a \b.
func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

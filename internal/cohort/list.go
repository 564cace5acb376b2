package cohort

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/internal/github"
)

// Entry is one target of a cohort.
type Entry struct {
	// Target is a folder, owner/repo or a GitHub URL.
	Target string `json:"target"`
	// URL is the deployed URL given for it, if any.
	URL string `json:"url,omitempty"`
	// Label names it in the report (a mentee's name), if given.
	Label string `json:"label,omitempty"`
	// Line is where it was read in the list (0 for a command-line target).
	Line int `json:"-"`
}

// Name is how the entry is shown: its label, else its target.
func (e Entry) Name() string {
	if e.Label != "" {
		return printable(e.Label)
	}
	return printable(e.Target)
}

// LineError is a bad line of a target list.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ListError holds every bad line of a target list.
type ListError struct{ Lines []*LineError }

func (e *ListError) Error() string {
	msg := e.Lines[0].Error()
	if n := len(e.Lines) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more bad line%s)", n, plural(n))
	}
	return msg
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// maxListBytes bounds a target list: a cohort of thousands fits easily.
const maxListBytes = 8 << 20

// ReadList reads a target list: one target a line with an optional
// deployed URL and label ("owner/repo https://api.example.com Alice"), #
// comments and blank lines allowed; or CSV with a header naming a target
// column (target, repo or repository) and optionally url and label
// columns. name is the file's name for messages. exists says whether a
// local folder exists (nil means the disk).
func ReadList(r io.Reader, name string, exists func(string) bool) ([]Entry, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxListBytes {
		return nil, &ListError{Lines: []*LineError{{File: name, Line: 1, Msg: "the list is larger than 8 MiB"}}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if exists == nil {
		exists = func(p string) bool { _, err := os.Stat(p); return err == nil }
	}
	var entries []Entry
	var bad []*LineError
	if header, line := firstLine(data); isCSVHeader(header) {
		entries, bad = readCSV(data, name, line)
	} else {
		entries, bad = readLines(data, name)
	}
	seen := map[string]int{}
	for _, e := range entries {
		if msg := checkTarget(e.Target, exists); msg != "" {
			bad = append(bad, &LineError{File: name, Line: e.Line, Msg: msg})
			continue
		}
		if e.URL != "" {
			if msg := checkURL(e.URL); msg != "" {
				bad = append(bad, &LineError{File: name, Line: e.Line, Msg: msg})
				continue
			}
		}
		key := Key(e.Target)
		if prev, dup := seen[key]; dup {
			bad = append(bad, &LineError{File: name, Line: e.Line, Msg: fmt.Sprintf("%s is already listed on line %d", e.Target, prev)})
			continue
		}
		seen[key] = e.Line
	}
	if len(bad) > 0 {
		sortLineErrors(bad)
		return nil, &ListError{Lines: bad}
	}
	if len(entries) == 0 {
		return nil, &ListError{Lines: []*LineError{{File: name, Line: 1, Msg: "no targets in the list"}}}
	}
	return entries, nil
}

func sortLineErrors(l []*LineError) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && l[j].Line < l[j-1].Line; j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// firstLine is the first line that is neither blank nor a comment, and
// its number.
func firstLine(data []byte) (string, int) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxListBytes)
	n := 0
	for sc.Scan() {
		n++
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			return l, n
		}
	}
	return "", 0
}

var (
	targetColumns = []string{"target", "repo", "repository", "github"}
	urlColumns    = []string{"url", "deployed_url", "deployed url", "live_url", "live url", "deployment"}
	labelColumns  = []string{"label", "name", "student", "mentee"}
)

func isCSVHeader(l string) bool {
	if !strings.Contains(l, ",") {
		return false
	}
	for _, f := range strings.Split(l, ",") {
		f = strings.ToLower(strings.Trim(strings.TrimSpace(f), `"`))
		for _, c := range targetColumns {
			if f == c {
				return true
			}
		}
	}
	return false
}

func column(header []string, names []string) int {
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

func readCSV(data []byte, name string, headerLine int) ([]Entry, []*LineError) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, []*LineError{csvError(name, headerLine, err)}
	}
	ti, ui, li := column(header, targetColumns), column(header, urlColumns), column(header, labelColumns)
	var out []Entry
	var bad []*LineError
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			bad = append(bad, csvError(name, 0, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(pe.Err, csv.ErrFieldCount) {
				break // the reader cannot resynchronise after a broken quote
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			bad = append(bad, &LineError{File: name, Line: line, Msg: fmt.Sprintf("%d fields, but the header has %d", len(rec), len(header))})
			continue
		}
		get := func(i int) string {
			if i < 0 {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		e := Entry{Target: get(ti), URL: get(ui), Label: get(li), Line: line}
		if e.Target == "" && e.URL == "" && e.Label == "" {
			continue
		}
		if e.Target == "" {
			bad = append(bad, &LineError{File: name, Line: line, Msg: fmt.Sprintf("no value in the %q column", header[ti])})
			continue
		}
		out = append(out, e)
	}
	return out, bad
}

func csvError(name string, line int, err error) *LineError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &LineError{File: name, Line: pe.Line, Msg: "bad CSV: " + pe.Err.Error()}
	}
	return &LineError{File: name, Line: line, Msg: "bad CSV: " + err.Error()}
}

func readLines(data []byte, name string) ([]Entry, []*LineError) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), maxListBytes)
	var out []Entry
	var bad []*LineError
	n := 0
	for sc.Scan() {
		n++
		l := stripComment(sc.Text())
		fields := strings.Fields(l)
		if len(fields) == 0 {
			continue
		}
		e := Entry{Target: fields[0], Line: n}
		rest := fields[1:]
		if len(rest) > 0 && strings.Contains(rest[0], "://") {
			e.URL, rest = rest[0], rest[1:]
		}
		e.Label = strings.Join(rest, " ")
		if e.Label != "" && strings.Contains(e.Label, "://") {
			bad = append(bad, &LineError{File: name, Line: n, Msg: fmt.Sprintf("%q: the deployed URL comes right after the target (target [url] [label])", l)})
			continue
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		bad = append(bad, &LineError{File: name, Line: n + 1, Msg: err.Error()})
	}
	return out, bad
}

// stripComment removes a # comment: a whole line, or one after a space
// (a # inside a URL stays).
func stripComment(l string) string {
	t := strings.TrimSpace(l)
	if strings.HasPrefix(t, "#") {
		return ""
	}
	for i := 1; i < len(t); i++ {
		if t[i] == '#' && (t[i-1] == ' ' || t[i-1] == '\t') {
			return t[:i]
		}
	}
	return t
}

// checkTarget says what is wrong with a target, or "".
func checkTarget(t string, exists func(string) bool) string {
	if exists(t) {
		return ""
	}
	if github.LooksRemote(t) {
		if _, err := github.ParseTarget(t); err != nil {
			return err.Error()
		}
		return ""
	}
	return fmt.Sprintf("%q is neither owner/repo, a GitHub URL nor an existing folder", t)
}

func checkURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("deployed URL %q is not an http(s) URL", redact(raw))
	}
	return ""
}

// userinfo is a URL's user information, up to the last @ before the path
// (a password may hold an @).
var userinfo = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://)[^/\s]*@`)

// redact hides credentials written into a URL. It works on the text, not
// on url.Parse, because the URLs it is given are the ones that failed to
// parse.
func redact(raw string) string { return userinfo.ReplaceAllString(raw, "${1}***@") }

// Key identifies a target whatever way it is written: owner/repo of a
// GitHub target (lower-case, host kept for Enterprise), else the path.
func Key(target string) string {
	if github.LooksRemote(target) {
		if t, err := github.ParseTarget(target); err == nil {
			k := strings.ToLower(t.Repo())
			if t.Enterprise() {
				k = strings.ToLower(t.Host) + "/" + k
			}
			if t.Ref != "" {
				k += "@" + t.Ref
			}
			return k
		}
	}
	return strings.TrimSuffix(target, "/")
}

// Shard is the I-th of N deterministic shares of a list (1 ≤ I ≤ N).
type Shard struct{ I, N int }

// ParseShard reads "I/N".
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return Shard{}, fmt.Errorf("--shard %q: want I/N with 1 ≤ I ≤ N, such as 2/4", s)
	}
	return Shard{I: i, N: n}, nil
}

// Has reports whether the target falls into the shard: a hash of its key,
// so a target stays in its shard however the list is ordered or grows.
func (s Shard) Has(target string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(Key(target)))
	return int(h.Sum64()%uint64(s.N)) == s.I-1
}

// Select keeps the entries of the shard, in order.
func (s Shard) Select(entries []Entry) []Entry {
	var out []Entry
	for _, e := range entries {
		if s.Has(e.Target) {
			out = append(out, e)
		}
	}
	return out
}

// String is "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

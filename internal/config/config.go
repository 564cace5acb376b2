// Package config reads .vetfolio.yaml, the per-repository configuration of
// an audit: the deployed URL, the profile, paths to leave out, checks that
// do not apply (with the reason), weight overrides and the thresholds a CI
// job enforces. Decoding is strict: an unknown key, a wrong type or an
// unknown check ID is an error naming the file, line and key, with the
// closest valid name.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"net/url"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/vetfolio/vetfolio/rules"
)

// FileName is the configuration file read from the audited root.
const FileName = ".vetfolio.yaml"

// Config is a parsed configuration file. Zero values mean "not set".
type Config struct {
	// Path is the file it was read from, as named to the user.
	Path string
	// URL is the deployed URL of the project.
	URL string
	// Profile names the job profile (saas, platform, agency, enterprise).
	Profile string
	// Ignore lists slash-separated paths or globs left out of the audit
	// ("docs/", "legacy/**", "**/*.ipynb").
	Ignore []string
	// Checks maps check IDs to their settings.
	Checks map[string]Check
	// Weights override the profile's criterion weights.
	Weights map[string]float64
	// FailUnder is the least overall score; nil when not set.
	FailUnder *int
	// Minimums are the least scores of single criteria.
	Minimums map[string]int
}

// Check is the setting of one check.
type Check struct {
	// Off leaves the check out of the score; Reason says why, and is
	// required with Off.
	Off    bool
	Reason string
}

// Suppressions maps each check turned off to its reason.
func (c *Config) Suppressions() map[string]string {
	if c == nil {
		return nil
	}
	m := map[string]string{}
	for id, k := range c.Checks {
		if k.Off {
			m[id] = k.Reason
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// Error is a mistake in a configuration file.
type Error struct {
	File         string
	Line, Column int
	// Key is the dotted key the mistake is at ("checks.auth.present"), ""
	// for the file as a whole.
	Key string
	Msg string
	// More are the file's further mistakes, in file order, so one run of
	// 'vetfolio config check' lists them all.
	More []*Error
}

// All returns this mistake and the ones after it.
func (e *Error) All() []*Error { return append([]*Error{e}, e.More...) }

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Column)
	}
	if e.Key == "" {
		return loc + ": " + e.Msg
	}
	return loc + ": " + e.Key + ": " + e.Msg
}

// MaxFileBytes bounds a configuration file. A real one is a few hundred
// bytes; the bound keeps a hostile file in an audited repository from
// holding the YAML parser, whose time grows with the square of the
// nesting, for minutes.
const MaxFileBytes = 64 << 10

// Load reads and parses the configuration file at name.
func Load(name string) (*Config, error) {
	data, err := readFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{File: name, Msg: "no such file"}
		}
		if u := errors.Unwrap(err); u != nil {
			err = u // the path is already in the message
		}
		return nil, &Error{File: name, Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	return Parse(name, data)
}

// readFile reads at most one byte more than MaxFileBytes, so Parse can
// refuse a larger file without it being read whole.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
}

// maxFlowNesting is the deepest [ ] / { } nesting accepted: the schema's
// deepest value (minimums: {criterion: {...}}) needs three. The YAML
// parser's cost grows with the nesting (a 64 KiB "[[[…" took 1.6 GB),
// so deeper input is refused before it is parsed.
const maxFlowNesting = 8

// flowNesting finds where flow collections nest deeper than
// maxFlowNesting, skipping quoted strings and comments.
func flowNesting(data []byte) (line, col int, deep bool) {
	depth, line, col := 0, 1, 0
	var quote byte
	comment := false
	for i, b := range data {
		col++
		switch {
		case b == '\n':
			line, col, comment = line+1, 0, false
			if quote == '"' || quote == '\'' {
				continue // a quoted scalar may span lines
			}
		case comment:
		case quote != 0:
			if b == '\\' && quote == '"' && i+1 < len(data) {
				continue
			}
			if b == quote && !(quote == '"' && i > 0 && data[i-1] == '\\') {
				quote = 0
			}
		case (b == '"' || b == '\'') && (i == 0 || strings.IndexByte(" \t\n[{,:-", data[i-1]) >= 0):
			// Only at a scalar's start: the ' of "don't" opens nothing.
			quote = b
		case b == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			comment = true
		case b == '[' || b == '{':
			if depth++; depth > maxFlowNesting {
				return line, col, true
			}
		case b == ']' || b == '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, 0, false
}

// Parse parses a configuration file's content; name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{Path: name}
	if len(data) > MaxFileBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("larger than %d KiB; a configuration file holds a few settings", MaxFileBytes>>10)}
	}
	if line, col, deep := flowNesting(data); deep {
		return nil, &Error{File: name, Line: line, Column: col,
			Msg: fmt.Sprintf("nested more than %d levels deep in [ ] or { }; the schema nests at most 3", maxFlowNesting)}
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		e := &Error{File: name, Msg: "invalid YAML"}
		var ye interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &ye) {
			e.Msg = "invalid YAML: " + ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				e.Line, e.Column = tk.Position.Line, tk.Position.Column
			}
		}
		return nil, e
	}
	var body ast.Node
	for _, doc := range file.Docs {
		if doc == nil || doc.Body == nil || isComment(doc.Body) {
			continue
		}
		if body != nil {
			return nil, errAt(name, doc.Body, "", "holds more than one YAML document; keep one")
		}
		body = doc.Body
	}
	if body == nil {
		return c, nil // an empty file, or only comments
	}
	d := &decoder{file: name}
	d.root(c, body)
	if len(d.errs) > 0 {
		first := d.errs[0]
		first.More = d.errs[1:]
		return nil, first
	}
	return c, nil
}

func isComment(n ast.Node) bool {
	t := n.Type()
	return t == ast.CommentType || t == ast.CommentGroupType
}

// topKeys are the keys of the file, in the order the schema lists them.
var topKeys = []string{"url", "profile", "ignore", "checks", "weights", "fail_under", "minimums"}

// decoder walks the YAML tree. err is the first mistake in the value
// being read, which stops reading that value; errs keeps every mistake,
// and the walk goes on with the next setting or item.
type decoder struct {
	file string
	err  *Error
	errs []*Error
}

// maxErrors bounds the mistakes kept: past a few dozen the file is not a
// configuration with typos in it.
const maxErrors = 50

func (d *decoder) fail(n ast.Node, key, format string, a ...any) {
	e := errAt(d.file, n, key, fmt.Sprintf(format, a...))
	if d.err == nil {
		d.err = e
	}
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, e)
	}
}

func errAt(file string, n ast.Node, key, msg string) *Error {
	e := &Error{File: file, Key: key, Msg: msg}
	if n != nil {
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			e.Line, e.Column = tk.Position.Line, tk.Position.Column
		}
	}
	return e
}

// unwrap looks through anchors and tags to the value they hold.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// entries returns a mapping's key/value pairs, or fails for another kind
// of node. Keys are plain strings; merge keys and aliases are refused so
// that every setting is written where it applies.
func (d *decoder) entries(n ast.Node, key, what string) []entry {
	n = unwrap(n)
	m, ok := n.(*ast.MappingNode)
	if !ok {
		if mv, single := n.(*ast.MappingValueNode); single {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			d.fail(n, key, "must be a mapping of %s, not %s", what, describe(n))
			return nil
		}
	}
	var out []entry
	for _, mv := range m.Values {
		if mv.Key == nil {
			continue
		}
		if mv.Key.IsMergeKey() {
			d.fail(mv.Key, key, "merge keys (<<) are not supported; write each setting out")
			return nil
		}
		k, ok := unwrap(mv.Key).(ast.ScalarNode)
		if !ok {
			d.fail(mv.Key, key, "keys must be plain names")
			return nil
		}
		out = append(out, entry{name: fmt.Sprint(k.GetValue()), key: mv.Key, value: mv.Value})
	}
	return out
}

type entry struct {
	name  string
	key   ast.Node
	value ast.Node
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func (d *decoder) root(c *Config, body ast.Node) {
	if isNull(body) {
		return
	}
	for _, e := range d.entries(body, "", "settings ("+strings.Join(topKeys, ", ")+")") {
		d.err = nil // a mistake in one setting does not hide the next
		if isNull(e.value) {
			continue // "url:" with nothing after it leaves the default
		}
		switch e.name {
		case "url":
			c.URL = d.url(e)
		case "profile":
			c.Profile = d.profile(e)
		case "ignore":
			c.Ignore = d.ignore(e)
		case "checks":
			c.Checks = d.checks(e)
		case "weights":
			c.Weights = d.weights(e)
		case "fail_under":
			v := d.score(e.value, "fail_under")
			c.FailUnder = &v
		case "minimums":
			c.Minimums = d.minimums(e)
		default:
			d.fail(e.key, "", "unknown key %q%s", e.name, suggest(e.name, topKeys))
		}
	}
}

func (d *decoder) str(n ast.Node, key, what string) string {
	n = unwrap(n)
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value
	case *ast.LiteralNode:
		return v.Value.Value
	}
	d.fail(n, key, "must be %s, not %s", what, describe(n))
	return ""
}

func (d *decoder) url(e entry) string {
	raw := strings.TrimSpace(d.str(e.value, "url", "a URL string"))
	if d.err != nil {
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		d.fail(e.value, "url", "must be an http:// or https:// URL such as https://my-api.onrender.com")
	case u.User != nil:
		d.fail(e.value, "url", "must not carry credentials; give the public address")
	}
	return raw
}

func (d *decoder) profile(e entry) string {
	name := d.str(e.value, "profile", "a profile name")
	if d.err != nil {
		return ""
	}
	if _, err := rules.LookupProfile(name); err != nil || name == "" {
		d.fail(e.value, "profile", "unknown profile %q%s", name, suggestOrList(name, rules.ProfileNames()))
	}
	return name
}

func (d *decoder) ignore(e entry) []string {
	n := unwrap(e.value)
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.fail(n, "ignore", "must be a list of paths or globs (ignore: [docs/, \"**/*.ipynb\"]), not %s", describe(n))
		return nil
	}
	var out []string
	for i, v := range seq.Values {
		key := fmt.Sprintf("ignore[%d]", i)
		d.err = nil
		p := strings.TrimSpace(d.str(v, key, "a path or glob"))
		if d.err != nil {
			continue
		}
		if msg := checkPattern(p); msg != "" {
			d.fail(v, key, "%s", msg)
			continue
		}
		out = append(out, p)
	}
	return out
}

func (d *decoder) checks(e entry) map[string]Check {
	ids := rules.CheckIDs()
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
	}
	out := map[string]Check{}
	for _, c := range d.entries(e.value, "checks", "check IDs to settings") {
		d.err = nil
		if !known[c.name] {
			if crit, _ := rules.Lookup(c.name); crit != nil {
				d.fail(c.key, "checks", "%q is a criterion, not a check; set its weight to 0 under weights to leave it out, or name one of its checks (%s)",
					c.name, crit.Checks[0].ID)
				continue
			}
			d.fail(c.key, "checks", "unknown check %q%s", c.name, suggestOrHint(c.name, ids, "'vetfolio rules' lists them"))
			continue
		}
		key := join("checks", c.name)
		var k Check
		var reasonKey, offKey ast.Node
		for _, f := range d.entries(c.value, key, "off and reason") {
			switch f.name {
			case "off":
				offKey = f.key
				b, ok := unwrap(f.value).(*ast.BoolNode)
				if !ok {
					d.fail(f.value, join(key, "off"), "must be true or false, not %s", describe(f.value))
					continue
				}
				k.Off = b.Value
			case "reason":
				reasonKey = f.key
				if !isNull(f.value) {
					k.Reason = strings.TrimSpace(d.str(f.value, join(key, "reason"), "a sentence"))
				}
			default:
				d.fail(f.key, key, "unknown key %q%s", f.name, suggest(f.name, []string{"off", "reason"}))
			}
		}
		if d.err != nil {
			continue
		}
		switch {
		case k.Off && k.Reason == "":
			at := offKey
			if reasonKey != nil {
				at = reasonKey
			}
			d.fail(at, key, "off needs a reason, shown in every report as \"not applied: <reason>\"")
			continue
		case !k.Off && k.Reason != "":
			d.fail(reasonKey, key, "has a reason but is not off; add off: true")
			continue
		}
		out[c.name] = k
	}
	return out
}

func criterionIDs() []string {
	var ids []string
	for _, c := range rules.All() {
		ids = append(ids, c.ID)
	}
	return ids
}

// criterion checks a criterion key; a check ID is pointed at its criterion.
func (d *decoder) criterion(parent string, e entry) bool {
	if c, _ := rules.Lookup(e.name); c != nil && c.ID == e.name {
		return true
	}
	if c, k := rules.Lookup(e.name); k != nil {
		d.fail(e.key, parent, "%q is a check; %s applies to criteria, such as %q", e.name, parent, c.ID)
		return false
	}
	d.fail(e.key, parent, "unknown criterion %q%s", e.name, suggestOrList(e.name, criterionIDs()))
	return false
}

func (d *decoder) weights(e entry) map[string]float64 {
	out := map[string]float64{}
	for _, w := range d.entries(e.value, "weights", "criteria to weights") {
		d.err = nil
		if !d.criterion("weights", w) {
			continue
		}
		key := join("weights", w.name)
		var v float64
		switch n := unwrap(w.value).(type) {
		case *ast.IntegerNode:
			v = float64(toInt(n))
		case *ast.FloatNode:
			v = n.Value
		default:
			d.fail(w.value, key, "must be a number from 0 to 100, not %s", describe(w.value))
			continue
		}
		if v < 0 || v > 100 || math.IsNaN(v) {
			d.fail(w.value, key, "must be a number from 0 to 100, not %g", v)
			continue
		}
		out[w.name] = v
	}
	if len(out) == len(criterionIDs()) && slices.Max(slices.Collect(maps.Values(out))) == 0 {
		// Nothing would be scored: every report would read 0/100, grade F.
		d.fail(e.key, "weights", "sets every criterion to 0, which leaves nothing to score; give at least one a weight above 0")
		return nil
	}
	return out
}

func (d *decoder) minimums(e entry) map[string]int {
	out := map[string]int{}
	for _, m := range d.entries(e.value, "minimums", "criteria to scores") {
		d.err = nil
		if !d.criterion("minimums", m) {
			continue
		}
		out[m.name] = d.score(m.value, join("minimums", m.name))
	}
	return out
}

// score reads a whole number from 0 to 100.
func (d *decoder) score(n ast.Node, key string) int {
	n = unwrap(n)
	i, ok := n.(*ast.IntegerNode)
	if !ok {
		d.fail(n, key, "must be a whole number from 0 to 100, not %s", describe(n))
		return 0
	}
	v := toInt(i)
	if v < 0 || v > 100 {
		d.fail(n, key, "must be a whole number from 0 to 100, not %d", v)
	}
	return int(v)
}

func toInt(n *ast.IntegerNode) int64 {
	switch v := n.Value.(type) {
	case int64:
		return v
	case uint64:
		if v > math.MaxInt32 {
			return math.MaxInt32
		}
		return int64(v)
	}
	return 0
}

func isNull(n ast.Node) bool {
	return n == nil || unwrap(n).Type() == ast.NullType
}

// describe names a YAML value's kind for an error message.
func describe(n ast.Node) string {
	n = unwrap(n)
	if n == nil {
		return "nothing"
	}
	switch v := n.(type) {
	case *ast.StringNode:
		s := v.Value
		if len(s) > 40 {
			s = s[:40] + "..."
		}
		return fmt.Sprintf("the string %q", s)
	case *ast.IntegerNode, *ast.FloatNode:
		return "the number " + n.String()
	case *ast.BoolNode:
		return fmt.Sprintf("%v", v.Value)
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode:
		return "nothing"
	case *ast.AliasNode:
		return "an alias"
	}
	return "a " + strings.ToLower(n.Type().String())
}

// checkPattern says what is wrong with an ignore pattern, or "".
func checkPattern(p string) string {
	switch {
	case p == "":
		return "must not be empty"
	case strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") || p == "..":
		return fmt.Sprintf("%q must be relative to the repository root, without a leading / or ..", p)
	case strings.Contains(p, `\`):
		return fmt.Sprintf("%q must use / between folders", p)
	}
	for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Sprintf("%q is not a valid glob: %v", p, err)
		}
		if seg != "**" && strings.Count(seg, "*") > MaxStarsPerSegment {
			return fmt.Sprintf("%q has more than %d * in one folder name; each costs matching time on every file, so use fewer", p, MaxStarsPerSegment)
		}
	}
	return ""
}

// Suggest returns ` (did you mean "x"?)` for the valid name closest to a
// mistyped one, or "" when none is close.
func Suggest(name string, valid []string) string { return suggest(name, valid) }

func suggest(name string, valid []string) string {
	best, bestDist := "", max(2, len(name)/3)+1
	for _, v := range valid {
		if d := levenshtein(strings.ToLower(name), v); d < bestDist {
			best, bestDist = v, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func suggestOrList(name string, valid []string) string {
	if s := suggest(name, valid); s != "" {
		return s
	}
	sorted := append([]string(nil), valid...)
	sort.Strings(sorted)
	return " (valid: " + strings.Join(sorted, ", ") + ")"
}

func suggestOrHint(name string, valid []string, hint string) string {
	if s := suggest(name, valid); s != "" {
		return s
	}
	return " (" + hint + ")"
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

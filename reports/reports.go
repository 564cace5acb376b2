// Package reports renders a scorecard. Every format is a view of the one
// rules.Scorecard; a renderer writes to an io.Writer and returns an error,
// nothing more.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// Renderer writes one view of a scorecard.
type Renderer interface {
	Render(w io.Writer, sc *rules.Scorecard) error
}

// RendererFunc adapts a function to a Renderer.
type RendererFunc func(w io.Writer, sc *rules.Scorecard) error

// Render calls f.
func (f RendererFunc) Render(w io.Writer, sc *rules.Scorecard) error { return f(w, sc) }

// Options shape the human-readable formats.
type Options struct {
	// Color uses ANSI colours (text on a terminal).
	Color bool
	// Verbose shows every check with its evidence.
	Verbose bool
	// Width is the terminal's width in columns: the text report wraps its
	// lines at spaces to fit it. 0 (a pipe, a file) leaves lines whole.
	Width int
	// LinkBase, when set, makes evidence links in Markdown absolute: the
	// repository-relative path is appended to it (for a GitHub step
	// summary, "https://github.com/OWNER/REPO/blob/SHA/").
	LinkBase string
}

// factories maps a format name to its constructor; formats add themselves
// here in the file that defines them.
var factories = map[string]func(Options) Renderer{
	"json":     func(Options) Renderer { return RendererFunc(JSON) },
	"text":     func(o Options) Renderer { return Text{Options: o} },
	"markdown": func(o Options) Renderer { return Markdown{Options: o} },
	"sarif":    func(Options) Renderer { return SARIF{} },
	"html":     func(Options) Renderer { return HTML{} },
	"badge":    func(Options) Renderer { return RendererFunc(Badge) },
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(factories))
	for n := range factories {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the renderer for a format name.
func Lookup(name string, opt Options) (Renderer, error) {
	f, ok := factories[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (valid: %s)", name, strings.Join(Formats(), ", "))
	}
	return f(opt), nil
}

// codeSpans renders text that may hold `code spans` (check messages and fix
// steps use them for commands): text outside the backticks goes through
// text, the spans through code. An unpaired backtick is plain text.
func codeSpans(s string, text, code func(string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			break
		}
		b.WriteString(text(s[:i]))
		b.WriteString(code(s[i+1 : i+1+j]))
		s = s[i+2+j:]
	}
	b.WriteString(text(s))
	return b.String()
}

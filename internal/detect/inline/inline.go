// Package inline finds findings silenced in the code: a comment
// "vetfolio:ignore CHECK-ID reason" next to the code a check misjudges
// (an error handler that lives in the API gateway, say). The audit applies
// them like the configuration's turned-off checks, shows them as such in
// every report, and leaves them out under --strict.
package inline

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

var marker = []byte("vetfolio:ignore")

// directive is the marker, a check ID and a reason on the rest of the line.
var directive = regexp.MustCompile(`vetfolio:ignore[ \t]+([a-z][a-z-]*\.[a-z][a-z0-9-]*)(?:[ \t]+([^\r\n]*))?`)

// maxIgnores bounds what one repository can silence; a real project needs
// a handful.
const maxIgnores = 50

// Detector collects the directives.
type Detector struct {
	found []facts.InlineIgnore
}

// New returns a detector.
func New() *Detector { return &Detector{} }

// Wants reads program source and configuration files, where a reviewer
// would put such a comment.
func (d *Detector) Wants(p scan.PathInfo) bool {
	if p.Source {
		return true
	}
	switch p.Ext {
	// Not .json: it has no comments, and reading every JSON file (lock
	// files, fixtures) for a directive it cannot hold is wasted work.
	case ".yaml", ".yml", ".toml", ".properties", ".xml", ".cfg", ".ini", ".env", ".sql":
		return true
	}
	return false
}

// Scan finds the directives of one file. It reads Data, not the code with
// comments blanked: the directive lives in a comment.
func (d *Detector) Scan(f scan.File) {
	if f.Data == nil || len(d.found) >= maxIgnores || !bytes.Contains(f.Data, marker) {
		return
	}
	for _, m := range directive.FindAllSubmatchIndex(f.Data, -1) {
		reason := ""
		if m[4] >= 0 {
			reason = strings.TrimSpace(string(f.Data[m[4]:m[5]]))
			// A block comment's closer is not part of the reason.
			reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(reason, "*/"), "-->"))
		}
		d.found = append(d.found, facts.InlineIgnore{Check: string(f.Data[m[2]:m[3]]), Reason: reason,
			Path: f.Path, Line: scan.LineAt(f.Data, m[0])})
		if len(d.found) >= maxIgnores {
			return
		}
	}
}

// Finish records the directives in file order.
func (d *Detector) Finish(inv *facts.Facts) {
	sort.SliceStable(d.found, func(i, j int) bool {
		if d.found[i].Path != d.found[j].Path {
			return d.found[i].Path < d.found[j].Path
		}
		return d.found[i].Line < d.found[j].Line
	})
	inv.InlineIgnores = d.found
}

package reports

import (
	"cmp"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// RepoPath turns a path relative to the audited folder into one relative
// to where vetfolio ran: a target given as a relative folder
// ("examples/api") prefixes its paths, so SARIF results, annotations and
// Markdown links point at the right file when a subfolder of a checkout is
// audited. Absolute targets, remote ones and targets outside the working
// folder leave paths as they are.
func RepoPath(sc *rules.Scorecard, p string) string {
	prefix := targetPrefix(sc)
	if prefix == "" {
		return p
	}
	return path.Join(prefix, p)
}

func targetPrefix(sc *rules.Scorecard) string {
	if sc == nil || sc.Target.Kind != "local" || sc.Target.Path == "" {
		return ""
	}
	p := filepath.ToSlash(sc.Target.Path)
	if path.IsAbs(p) || filepath.IsAbs(sc.Target.Path) || filepath.VolumeName(sc.Target.Path) != "" {
		return ""
	}
	p = path.Clean(p)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// pathURL escapes each segment of a slash-separated path for use in a
// link, keeping the slashes.
func pathURL(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// evidenceLink is the link target of a piece of evidence: the URL seen
// live, or the repository path with a #Lnn anchor, under base when given.
func evidenceLink(sc *rules.Scorecard, e rules.Location, base string) string {
	if e.URL != "" {
		return e.URL
	}
	s := base + pathURL(RepoPath(sc, e.Path))
	if e.Line > 0 {
		s += fmt.Sprintf("#L%d", e.Line)
	}
	return s
}

// sortedFixes returns the fixes by points gained, most first; the
// scorecard is already in that order, but a hand-built one may not be.
func sortedFixes(sc *rules.Scorecard) []rules.Fix {
	fixes := slices.Clone(sc.Fixes)
	slices.SortStableFunc(fixes, func(a, b rules.Fix) int { return cmp.Compare(b.Gain, a.Gain) })
	return fixes
}

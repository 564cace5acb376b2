package reports

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// mustHaves are the criteria the career guide calls essential for a first
// backend job: "a complete deployed REST API with authentication and a
// relational database". Until the scorecard carries its own gates, a
// must-have whose criterion fails is shown as a gate not met.
var mustHaves = []string{"auth", "database", "deployment"}

// gate is one must-have: met unless its criterion failed. A skipped
// criterion could not be judged and is neither met nor failed.
type gate struct {
	ID, Title, Status string
	Score             int
	Met, Judged       bool
}

func gates(sc *rules.Scorecard) []gate {
	var out []gate
	for _, cr := range sc.Criteria {
		if !slices.Contains(mustHaves, cr.ID) || cr.Weight <= 0 {
			continue
		}
		g := gate{ID: cr.ID, Title: cr.Title, Status: cr.Status, Score: cr.Score,
			Judged: cr.Status != rules.StatusSkipped}
		g.Met = g.Judged && cr.Status != rules.StatusFail
		out = append(out, g)
	}
	return out
}

// mustHavePrefix starts the title of a gate not met.
const mustHavePrefix = "must-have not met: "

// blocker is something a reviewer stops at before reading any fix:
// a committed secret, a leak seen on the live service, a must-have not met.
type blocker struct {
	// Kind is secret, leak or gate.
	Kind string
	// Criterion is the criterion of a gate.
	Criterion string
	Title     string
	Evidence  []rules.Location
}

// blockers lists what ends a review, most serious first: committed
// secrets, then leaks on the live service, then must-haves not met.
func blockers(sc *rules.Scorecard) []blocker {
	var out []blocker
	if f := sc.Facts; f != nil {
		if n := len(f.Secrets); n > 0 {
			them := "them"
			if n == 1 {
				them = "it"
			}
			b := blocker{Kind: "secret", Title: fmt.Sprintf("%d committed secret%s (values redacted): rotate %s and remove %[3]s from the history", n, plural(n), them)}
			for _, s := range f.Secrets {
				b.Evidence = append(b.Evidence, rules.Location{Path: s.Path, Line: s.Line})
			}
			out = append(out, b)
		}
		if f.Live != nil && len(f.Live.Leaks) > 0 {
			var kinds []string
			b := blocker{Kind: "leak"}
			for _, l := range f.Live.Leaks {
				if !slices.Contains(kinds, l.Kind) {
					kinds = append(kinds, l.Kind)
				}
				b.Evidence = append(b.Evidence, rules.Location{URL: leakURL(f.Live.URL, l.Path)})
			}
			b.Title = "the live service leaks internals: " + strings.Join(kinds, ", ")
			out = append(out, b)
		}
	}
	for _, g := range gates(sc) {
		if g.Judged && !g.Met {
			out = append(out, blocker{Kind: "gate", Criterion: g.ID, Title: fmt.Sprintf("%s%s (%d/100)", mustHavePrefix, g.Title, g.Score)})
		}
	}
	return out
}

func leakURL(base, p string) string {
	if base == "" {
		return p
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(p, "/")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// cliHint matches a parenthesised hint that names a command-line flag,
// such as "(give one with --url)".
var cliHint = regexp.MustCompile(`\s*\([^()]*\s--[a-z][a-z-]*[^()]*\)`)

// withoutCLIHints removes command-line hints from a message meant for a
// page someone else reads: a reviewer cannot run the candidate's command.
func withoutCLIHints(s string) string { return cliHint.ReplaceAllString(s, "") }

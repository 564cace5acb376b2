package reports

import (
	"fmt"
	"strings"

	"github.com/vetfolio/vetfolio/rules"
)

// rubricNote says in one line when a configuration changed the rubric the
// score was computed on, so a recruiter reading any format can tell a
// configured score from the default one; "" when it did not.
func rubricNote(sc *rules.Scorecard) string {
	a := sc.Config
	if a == nil {
		return ""
	}
	if !a.RubricChanged {
		if a.Strict {
			return fmt.Sprintf("strict: the repository's own %s was left out (%s)", configName(a), strings.Join(a.Ignored, ", "))
		}
		return ""
	}
	var what []string
	if n := len(a.Suppressed) - a.Inline; n > 0 {
		what = append(what, plural(n, "check")+" turned off")
	}
	if a.Inline > 0 {
		what = append(what, plural(a.Inline, "check")+" silenced by vetfolio:ignore comments")
	}
	if len(a.Weights) > 0 {
		what = append(what, "weights changed")
	}
	if a.ProfileSource == "config" {
		what = append(what, "profile chosen")
	}
	who := "the repository's own " + configName(a)
	switch a.Source {
	case "file":
		who = configName(a)
	case "inline":
		who = "the repository's code"
	}
	note := fmt.Sprintf("* %s changed the rubric: %s", who, strings.Join(what, ", "))
	if a.Source != "file" {
		note += "; --strict scores it on the default rubric"
	}
	return note
}

func configName(a *rules.Applied) string {
	if a.Path == "" {
		return ".vetfolio.yaml"
	}
	return a.Path
}

// plural says "1 check" or "3 checks".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// bannerNotes puts the gates and rubric lines before the audit's notes,
// for the formats that show notes at the top.
func bannerNotes(sc *rules.Scorecard) []string {
	var notes []string
	if line := sc.CapLine(); line != "" {
		notes = append(notes, line)
	}
	if note := rubricNote(sc); note != "" {
		notes = append(notes, note)
	}
	return append(notes, sc.Notes...)
}

// nextGradeLine says what the next grade needs, by check ID.
func nextGradeLine(sc *rules.Scorecard) string {
	ng := sc.NextGrade
	if ng == nil || len(ng.Checks) == 0 {
		return ""
	}
	return fmt.Sprintf("grade %s needs %s more: %s", ng.Grade, plural(ng.Points, "point"), strings.Join(ng.Checks, ", "))
}

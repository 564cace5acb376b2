package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

func TestTextNeverPassesEscapeSequencesFromTheRepository(t *testing.T) {
	hostile := "\x1b]0;owned\x07\x1b[2J"
	sc := &rules.Scorecard{Profile: "saas", Score: 40, Grade: "F",
		Target: rules.Target{Kind: "local", Path: "repo" + hostile},
		Criteria: []rules.CriterionResult{{ID: "auth", Title: "Authentication", Score: 0, Status: rules.StatusFail,
			Checks: []rules.CheckResult{{ID: "auth.mechanism", Message: "found " + hostile,
				Evidence: []rules.Location{{Path: "app/" + hostile + ".py", Line: 3}}}}}},
		Fixes: []rules.Fix{{Criterion: "auth", Check: "auth.mechanism", Title: "Add auth" + hostile, Gain: 5,
			Steps: []string{"do it" + hostile}, Evidence: []rules.Location{{Path: "x" + hostile}}}},
		Facts: &rules.Facts{Secrets: []rules.Secret{{Path: "s" + hostile, Line: 1, Rule: "r", Redacted: "k = ab****" + hostile}}},
		Notes: []string{"note" + hostile},
	}
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (Text{Options: Options{Color: color, Verbose: true}}).Render(&buf, sc); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x07") {
			t.Fatalf("colour=%v: an escape sequence from the repository reached the output: %q", color, out)
		}
		if color != strings.Contains(out, "\x1b[") {
			t.Fatalf("colour=%v: the report's own colours are wrong: %q", color, out)
		}
		if !strings.Contains(out, "found \uFFFD") {
			t.Fatalf("the message was dropped instead of scrubbed: %q", out)
		}
	}
	if sc.Criteria[0].Checks[0].Message != "found "+hostile {
		t.Fatal("rendering changed the caller's scorecard")
	}
}

// The Markdown report is cat'ed and shown in CI logs: the repository's
// escape sequences must not reach it either.
func TestMarkdownNeverPassesEscapeSequencesFromTheRepository(t *testing.T) {
	hostile := "\x1b]0;owned\x07\x1b[2J"
	sc := &rules.Scorecard{Profile: "saas", Score: 40, Grade: "F",
		Target: rules.Target{Kind: "local", Path: "repo" + hostile},
		Criteria: []rules.CriterionResult{{ID: "auth", Title: "Authentication", Score: 0, Status: rules.StatusFail,
			Checks: []rules.CheckResult{{ID: "auth.mechanism", Message: "found " + hostile,
				Evidence: []rules.Location{{Path: "app/" + hostile + ".py", Line: 3}}}}}},
		Fixes: []rules.Fix{{Criterion: "auth", Check: "auth.mechanism", Title: "Add auth" + hostile, Gain: 5,
			Steps: []string{"do it" + hostile}, Evidence: []rules.Location{{Path: "x" + hostile}}}},
		Notes: []string{"note" + hostile},
	}
	var buf bytes.Buffer
	if err := (Markdown{}).Render(&buf, sc); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Fatalf("an escape sequence from the repository reached the Markdown: %q", out)
	}
	if !strings.Contains(out, "Add auth\uFFFD") {
		t.Fatalf("the fix title was dropped instead of scrubbed: %q", out)
	}
}

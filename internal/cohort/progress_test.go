package cohort

import (
	"bytes"
	"strings"
	"testing"
)

func TestBarShowsFailures(t *testing.T) {
	var buf bytes.Buffer
	b := &Bar{W: &buf}
	b.Start(2)
	b.Begin(Entry{Target: "a/b", Label: "Ana"})
	b.End(Entry{Target: "a/b", Label: "Ana"}, Row{Score: 80, Grade: "B"})
	b.Begin(Entry{Target: "c/d"})
	b.Note("GitHub rate limit running low")
	b.End(Entry{Target: "c/d"}, Row{Score: -1, Error: "not found (404)"})
	b.Finish()
	out := buf.String()
	for _, want := range []string{"c/d: failed: not found (404)", "rate limit running low", "auditing"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output lacks %q: %q", want, out)
		}
	}
}

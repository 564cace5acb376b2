package cohort

import "testing"

func TestCSVSafeDefusesFormulas(t *testing.T) {
	for _, in := range []string{"=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"} {
		if got := csvSafe(in); got != "'"+in {
			t.Errorf("csvSafe(%q) = %q, want it quoted", in, got)
		}
	}
	for _, in := range []string{"alice/api", "", "92", "Alice"} {
		if got := csvSafe(in); got != in {
			t.Errorf("csvSafe(%q) = %q, want it unchanged", in, got)
		}
	}
}

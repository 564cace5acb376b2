package scan_test

import (
	"testing"

	// Every detector and stack pack, so their patterns are registered.
	_ "github.com/vetfolio/vetfolio/internal/collect"
	"github.com/vetfolio/vetfolio/internal/scan"
)

// TestEveryRegisteredPatternAnswersAsRegexp covers the patterns the
// source-reading equivalence test cannot see: those of the stack packs and
// those built by helpers (pack.Num, pack.N, pack.Log, ...). Each is run on
// the same sample files, with the line-local and anchored searches, as
// regexp would.
func TestEveryRegisteredPatternAnswersAsRegexp(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range scan.DetectorPatterns(t) {
		seen[p] = true // checked by TestPrefilteredSearchEqualsRegexpOnEveryDetectorPattern
	}
	// A quarter of the samples: the packs' patterns are many, and the machine
	// running the suite is shared.
	var inputs [][]byte
	for i, in := range scan.SampleInputs(t) {
		if i%4 == 0 {
			inputs = append(inputs, in)
		}
	}
	checked := 0
	for _, p := range scan.RegisteredPatterns() {
		if seen[p] {
			continue
		}
		seen[p] = true
		checked++
		for _, in := range inputs {
			scan.AssertSameAnswers(t, p, in)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d registered patterns beyond the detectors' own; is the registry filled?", checked)
	}
	t.Logf("%d more patterns over %d inputs", checked, len(inputs))
}

package rules

import "testing"

// TestScoreWithoutFacts: Score is public; a caller with no facts (an empty
// snapshot, a program that only wants the rubric's verdict on nothing)
// gets a scorecard judged on empty facts, not a nil-pointer panic.
func TestScoreWithoutFacts(t *testing.T) {
	p, err := LookupProfile("")
	if err != nil {
		t.Fatal(err)
	}
	var sc *Scorecard
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Score(nil) panicked: %v", r)
			}
		}()
		sc = Score(nil, p)
	}()
	want := Score(&Facts{}, p)
	if sc.Facts == nil {
		t.Error("scorecard without facts has nil Facts; the JSON contract needs the facts object")
	}
	if sc.Score != want.Score || sc.Grade != want.Grade || len(sc.Fixes) != len(want.Fixes) || len(sc.Fixes) == 0 {
		t.Errorf("Score(nil) = %d %s with %d fixes, want %d %s with %d", sc.Score, sc.Grade, len(sc.Fixes), want.Score, want.Grade, len(want.Fixes))
	}
}

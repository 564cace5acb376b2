package rules

import "testing"

func TestZeroWeightCriterionOffersNoFixes(t *testing.T) {
	p, err := LookupProfile("saas")
	if err != nil {
		t.Fatal(err)
	}
	with := Score(&Facts{}, p)
	p.Weights["auth"] = 0
	without := Score(&Facts{}, p)
	count := func(sc *Scorecard) (n int) {
		for _, f := range sc.Fixes {
			if f.Criterion == "auth" {
				n++
			}
		}
		return n
	}
	if count(with) == 0 {
		t.Fatal("empty facts should fail some auth checks")
	}
	if n := count(without); n != 0 {
		t.Fatalf("%d fixes offered for a criterion weighted 0", n)
	}
}

package secret

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The pair filter only spares searches: with it, activeRules picks the
// same rules as without, the per-line texts scanLine skips are never in
// the file, and one scratch set serves file after file, empty again after
// each.
func TestPairFilterPicksTheSameRules(t *testing.T) {
	var pieces []string
	for _, r := range tokenRules {
		for _, kw := range r.keywords {
			pieces = append(pieces, kw, kw[:len(kw)/2], kw[len(kw)/2:])
		}
	}
	pieces = append(pieces, " ", "\n", "x", "=", "\"", "ab", "_", "-", ".", "private", " key", "aws", "twil", "io", ":/", "/", "password", "@tcp", "(",
		"secret_", "key_base")
	rng := rand.New(rand.NewPCG(3, 4))
	ps := new(pairSet)
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		lower := asciiLower([]byte(b.String()))
		ps.add(lower)
		got, want := activeRules(lower, ps), activeRules(lower, nil)
		for _, w := range []string{"private key", "aws", "twilio", "://", "password=", "@tcp(", "secret_key_base"} {
			if !ps.mayContain(w) && strings.Contains(string(lower), w) {
				t.Fatalf("%q holds %q, the pair set says it cannot", lower, w)
			}
		}
		ps.remove(lower)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: %d rules with the pair filter, %d without", lower, len(got), len(want))
		}
		if *ps != (pairSet{}) {
			t.Fatalf("%q: the pair set is not empty after the file", lower)
		}
	}
}

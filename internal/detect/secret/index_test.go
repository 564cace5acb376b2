package secret

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// The file's literal index only spares searches: with it, activeRules
// picks the same rules as without, and the per-line texts scanLine skips
// are never in the file, in any case.
func TestLiteralIndexPicksTheSameRules(t *testing.T) {
	var pieces []string
	for _, r := range tokenRules {
		for _, kw := range r.keywords {
			pieces = append(pieces, kw, strings.ToUpper(kw), kw[:len(kw)/2], kw[len(kw)/2:])
		}
	}
	pieces = append(pieces, " ", "\n", "x", "=", "\"", "ab", "_", "-", ".", "private", " KEY", "aws", "twil", "IO", ":/", "/",
		"password", "@tcp", "(", "secret_", "KEY_BASE")
	rng := rand.New(rand.NewPCG(3, 4))
	ruledOut := 0
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		data := []byte(b.String())
		lower := asciiLower(data)
		x := scan.NewIndexed(data)
		x.Lend(1)
		may := func(w string) bool { return scan.MayContain(data, w) }
		got, want := activeRules(lower, may), activeRules(lower, nil)
		for _, w := range []string{"private key", "aws", "twilio", "://", "password=", "@tcp(", "secret_key_base"} {
			if !may(w) {
				ruledOut++
				if strings.Contains(string(lower), w) {
					t.Fatalf("%q holds %q, the index says it cannot", data, w)
				}
			}
		}
		x.Release()
		if !slices.Equal(got, want) {
			t.Fatalf("%q: %d rules with the index, %d without", data, len(got), len(want))
		}
	}
	if ruledOut == 0 {
		t.Fatal("the index ruled nothing out: the test checks nothing")
	}
}

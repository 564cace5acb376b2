package dotnet

import (
	"math/rand"
	"strings"
	"testing"
)

func TestClosesOfAnswersAsMatchClose(t *testing.T) {
	pieces := []string{"{", "}", "(", ")", "x", "\n", "class X {", "}}"}
	rng := rand.New(rand.NewSource(5))
	inputs := []string{strings.Repeat("class X {\n", 500), strings.Repeat("}", 10) + "{{}"}
	for range 2000 {
		var b strings.Builder
		for range rng.Intn(50) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	for _, in := range inputs {
		skel := []byte(in)
		closes := closesOf(skel, '{', '}')
		for i, ch := range skel {
			if ch != '{' {
				if _, ok := closes[i]; ok {
					t.Fatalf("%q: an answer for %d, not a brace", in, i)
				}
				continue
			}
			if got, want := closes[i], matchClose(skel, i, '{', '}'); got != want {
				t.Fatalf("%q: brace at %d closes at %d, matchClose gives %d", in, i, got, want)
			}
		}
	}
}

func TestNextByteAnswersAsIndexByte(t *testing.T) {
	b := []byte("a;b;;c{d;")
	n := nextByte{b: b, c: ';', at: -2}
	for pos := 0; pos <= len(b); pos++ {
		if got, want := n.from(pos), strings.IndexByte(string(b[pos:]), ';'); got != want {
			t.Fatalf("from(%d) = %d, IndexByte gives %d", pos, got, want)
		}
	}
}

package php

import (
	"math/rand"
	"strings"
	"testing"
)

func TestCloseParenAnswersAsMatchParen(t *testing.T) {
	pieces := []string{"(", ")", "'", `"`, `\`, "x", "\n", "Route::get(", "->", " "}
	rng := rand.New(rand.NewSource(3))
	for range 3000 {
		var b strings.Builder
		for range rng.Intn(50) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		code := []byte(b.String())
		p := &routeParser{code: code, out: &FileRoutes{}, parens: map[int]int{}}
		if rng.Intn(2) == 0 {
			p.answerRouteParens()
		}
		for range 40 {
			open, to := rng.Intn(len(code)+1), rng.Intn(len(code)+1)
			if got, want := p.closeParen(open, to), matchParen(code, open, to); got != want {
				t.Fatalf("closeParen(%d, %d) on %q = %d, matchParen gives %d", open, to, code, got, want)
			}
		}
	}
}

// TestUnclosedRoutesParseInLinearWork: a file of unclosed
// Route::get('/x', calls made each one's scan run to the end of the file.
func TestUnclosedRoutesParseInLinearWork(t *testing.T) {
	code := []byte(strings.Repeat("Route::get('/x', ", 4000))
	var out FileRoutes
	p := &routeParser{file: "routes/api.php", code: code, out: &out, parens: map[int]int{}}
	p.answerRouteParens()
	p.block(0, len(code), routeCtx{})
	if p.scanned > 2*len(code) {
		t.Fatalf("the paren scans walked %d bytes over a %d-byte file", p.scanned, len(code))
	}
	if len(out.Routes) != 0 {
		t.Fatalf("unclosed calls gave routes: %v", out.Routes)
	}
}

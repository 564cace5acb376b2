package database

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// mayHoldEngineURL only spares the regexp: it must hold wherever urlEngine
// matches, in any case.
func TestEngineURLGateHoldsWhereverTheRegexpMatches(t *testing.T) {
	for _, s := range []string{
		"postgresql://u:p@db/app", "POSTGRES://x", "mysql+pymysql://root@localhost/db", "jdbc:mysql://h/db",
		"jdbc:oracle:thin:@h:1521:x", "jdbc:h2:mem:test", "jdbc:h2:file:./db", "jdbc:h2:tcp://h/db", "r2dbc:postgresql://h/db",
		"jdbc:sqlserver://h;db=x", "mongodb://localhost", "sqlite:///app.db", "jdbc:h2:postgresql", "cockroachdb://x",
		"JDBC:HSQLDB:MEM:x", "Jdbc:MySQL:MySQL", "url = 'MongoDB+srv://cluster'",
	} {
		if !urlEngine.MatchString(s) {
			t.Fatalf("%q: not an engine URL (fix the example)", s)
		}
		if !mayHoldEngineURL([]byte(s)) {
			t.Errorf("mayHoldEngineURL(%q) = false, the regexp matches", s)
		}
	}
	for _, s := range []string{"def f(x: int):\n    return {\"id\": x}\n", "from fastapi import APIRouter\nrouter = APIRouter(prefix=\"/r0\")\n", "postgres is the db: it runs"} {
		if mayHoldEngineURL([]byte(s)) {
			t.Errorf("mayHoldEngineURL(%q) = true, want the regexp spared", s)
		}
	}
	// Text made of the pattern's own pieces, in random case: wherever the
	// regexp matches, the gate must say so.
	pieces := []string{"jdbc:", "r2dbc:", "postgres", "postgresql", "mysql", "h2", "sqlite", "oracle", "mongodb", "+psycopg", ":",
		"//", "thin", "mem", "file", "tcp", "@", " ", "\n", "x", "=", "'"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(2) == 0 {
				p = strings.ToUpper(p)
			}
			b.WriteString(p)
		}
		s := b.String()
		if urlEngine.MatchString(s) && !mayHoldEngineURL([]byte(s)) {
			t.Fatalf("mayHoldEngineURL(%q) = false, the regexp matches", s)
		}
	}
}

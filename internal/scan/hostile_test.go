package scan_test

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// unitShapes are the lines a hostile input repeats, L standing for one of
// a pattern's start (or required) literals: each begins what a match
// begins and stops before the part that would end it (a closing paren, a
// value, a name), so a try at each of them may stay alive to the end.
var unitShapes = []string{
	"L", "L ", "L\n", "L(", "L (\n", "L x(", "L x(\n", "L x (", "L = ", "L x = (\n", "L x: ", "L '", `L "`,
	"L {", "L [", "L x\n", " L\n", "\tL x(\n", "L.x(", "L.x.y(\n", "L x, ", "L x,\n", "@L", `L("`, "L('\n",
	"L x = ", "L x\n  ",
}

// blankUnits keep alive a pattern that opens with a line start and a run
// of spaces or newlines (^\s*).
var blankUnits = []string{"\n", " \n", "\t\n", " ", "x\n"}

// hostileUnits returns the repeated pieces worth trying on pattern.
func hostileUnits(starts, required []string) []string {
	lits := starts
	if len(lits) == 0 {
		lits = append([]string{""}, required...)
	}
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, l := range lits {
		for _, shape := range unitShapes {
			add(strings.ReplaceAll(shape, "L", l))
		}
	}
	if len(starts) == 0 {
		for _, u := range blankUnits {
			add(u)
		}
	}
	return out
}

// hostileInput repeats unit to n bytes, then ends with a required literal
// so that the tries are not cut short for want of one.
func hostileInput(unit string, required []string, n int) []byte {
	tail := ""
	if len(required) > 0 {
		tail = required[0]
	}
	reps := max(1, (n-len(tail))/len(unit))
	return []byte(strings.Repeat(unit, reps) + tail)
}

// hostileCase is a registered anchored pattern with the unit that makes
// its tries read the most.
type hostileCase struct {
	pattern, unit string
	required      []string
	read          int // bytes read by the tries on a 1 KiB input, unbudgeted
}

// worstUnits finds, for every registered pattern searched by anchored
// tries, the unit whose repetition makes the tries read the most.
func worstUnits(t testing.TB) []hostileCase {
	var out []hostileCase
	seen := map[string]bool{}
	for _, p := range scan.RegisteredPatterns() {
		if seen[p] {
			continue
		}
		seen[p] = true
		anchored, starts, required := scan.AnchoredShape(p)
		if !anchored {
			continue
		}
		best := hostileCase{pattern: p, required: required}
		for _, u := range hostileUnits(starts, required) {
			_, a, _, m := scan.TriesWork(p, hostileInput(u, required, 1<<10), scan.Unlimited)
			if read := max(a, m); read > best.read {
				best.unit, best.read = u, read
			}
		}
		out = append(out, best)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].read > out[j].read })
	return out
}

// TestHostileSurvey prints, for each registered anchored pattern, the bytes
// its tries read unbudgeted on its worst input at 1 and 4 KiB: a ratio
// near 16 is quadratic. It takes minutes, so it runs only when asked:
// VETFOLIO_HOSTILE_SURVEY=1 go test ./internal/scan -run TestHostileSurvey -v
func TestHostileSurvey(t *testing.T) {
	if os.Getenv("VETFOLIO_HOSTILE_SURVEY") == "" {
		t.Skip("set VETFOLIO_HOSTILE_SURVEY=1 to survey the registered patterns")
	}
	cases := worstUnits(t)
	quadratic := 0
	for _, c := range cases {
		_, a4, _, m4 := scan.TriesWork(c.pattern, hostileInput(c.unit, c.required, 1<<10), scan.Unlimited)
		_, a16, _, m16 := scan.TriesWork(c.pattern, hostileInput(c.unit, c.required, 4<<10), scan.Unlimited)
		r4, r16 := max(a4, m4), max(a16, m16)
		ratio := float64(r16) / float64(max(r4, 1))
		if ratio > 8 {
			quadratic++
		}
		t.Logf("%6.1fx  read %9d -> %10d  unit %-14q %s", ratio, r4, r16, c.unit, c.pattern)
	}
	t.Logf("%d of %d anchored patterns read quadratically on their worst input", quadratic, len(cases))
}

// quickUnits are the few units per pattern the budget test repeats: blank
// lines for a pattern that opens with ^\s*, and a start literal left open
// (a call without its closing paren, a name without its value) otherwise.
func quickUnits(starts, required []string) []string {
	if len(starts) == 0 {
		out := []string{"\n", " \n"}
		if len(required) > 0 {
			out = append(out, required[0]+" x(\n")
		}
		return out
	}
	var out []string
	for _, shape := range []string{"L x(\n", "L (\n", "L x = "} {
		out = append(out, strings.ReplaceAll(shape, "L", starts[0]))
	}
	return out
}

// TestHostileInputsStayWithinBudget repeats, for every registered pattern
// searched by anchored tries, lines that begin a match and never finish
// one: unbudgeted, the tries of many of them read the rest of the text
// from each line (quadratic). The tries must stop at a linear bound (the
// budget, which one try may overshoot by the text's length) and the
// answers must still be regexp's.
func TestHostileInputsStayWithinBudget(t *testing.T) {
	const size = 2 << 10
	seen := map[string]bool{}
	anchored, fellBack := 0, map[string]bool{}
	for _, p := range scan.RegisteredPatterns() {
		ok, starts, required := scan.AnchoredShape(p)
		if seen[p] || !ok {
			continue
		}
		seen[p] = true
		anchored++
		for _, u := range quickUnits(starts, required) {
			in := hostileInput(u, required, size)
			// Linear, whatever the budget's constants: unbudgeted, these
			// inputs read hundreds of bytes per byte.
			limit := 16*len(in) + 64<<10
			_, all, _, match := scan.TriesWork(p, in, scan.TriesBudget(len(in)))
			if all > limit || match > limit {
				t.Fatalf("%q on %d × %q: tries read %d and %d bytes, over the linear bound of %d", p, len(in)/len(u), u, all, match, limit)
			}
			if all > scan.TriesBudget(len(in)) || match > scan.TriesBudget(len(in)) {
				fellBack[p] = true
			}
			scan.AssertSameAnswers(t, p, in)
		}
	}
	// Without a budget this many searches read quadratically: the test
	// must keep exercising the fallback, or it proves nothing.
	if len(fellBack) < 10 {
		t.Fatalf("only %d of %d anchored patterns spent their budget on hostile input; the inputs no longer reach it", len(fellBack), anchored)
	}
	t.Logf("%d of %d anchored patterns spent their budget on hostile input and answered as regexp", len(fellBack), anchored)
}

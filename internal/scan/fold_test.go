package scan

import (
	"regexp"
	"strings"
	"testing"
)

// Go's (?i) folds k to K (U+212A KELVIN SIGN) and s to ſ (U+017F LATIN
// SMALL LETTER LONG S), the only ASCII letters whose case folds leave
// ASCII; the prefilter's literals and the index fold ASCII case only. A
// text that spells a required word with them must still get regexp's
// answer, lent (its index answers) or not.
func TestPrefilterFoldsKelvinAndLongSAsRegexpDoes(t *testing.T) {
	registered := `(?i)secret_key_base["']?\s*(?::|=|=>)\s*["']?([A-Za-z0-9]{32,})` // secret's railsKeyRe
	found := false
	for _, p := range detectorPatterns(t) {
		found = found || p == registered
	}
	if !found {
		t.Fatalf("%q is no longer a detector pattern: pick another (?i) one holding s or k", registered)
	}
	const lineByLine = `(?i)\bapi_key[ \t]*=`
	cases := []struct{ pattern, in string }{
		{registered, "config.ſecret_key_base = \"abcdefghijklmnopqrstuvwxyz012345\"\n"},
		{registered, "SECRET_\u212AEY_BASE: abcdefghijklmnopqrstuvwxyz012345"},
		{`(?i)secret`, "x = \"ſecret\""}, // searched whole
		{`(?i)key`, "\u212Aey"},          // short text, no index
		{`(?i)\bapi_key\s*=`, "API_\u212AEY = 1"},
		{lineByLine, "api_key = 1\nx = 2\napi_\u212Aey = 3\n"},
		// Required literal after the start literal: the anchored walk
		// stops past the literal's last occurrence.
		{`(?i)\bcreate\b[\s\S]*?secrets\b`, "secrets\ncreate table ſecrets"},
		{`(?i)pass(?:word|wd)`, "paſſword"},
		{`(?i)(?:token|session)s`, "ſeſſionſ"}, // product and join of fold literals
	}
	if !compileNow(lineByLine).lineLocal {
		t.Fatalf("%q is not searched line by line: it no longer checks eachLine", lineByLine)
	}
	if r := compileNow(`(?i)\bcreate\b[\s\S]*?secrets\b`); r.starts != startLiteral {
		t.Fatalf("the anchored case is searched with starts %d: it no longer checks the anchored walk", r.starts)
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			ours, std := compileNow(tc.pattern), regexp.MustCompile(tc.pattern)
			if !std.MatchString(tc.in) {
				t.Fatalf("%q does not match %q: the case checks nothing", tc.pattern, tc.in)
			}
			if !ours.MatchString(tc.in) {
				t.Errorf("%q on %q: MatchString = false, regexp says true", tc.pattern, tc.in)
			}
			assertSameAnswers(t, ours, std, []byte(tc.in)) // unlent, then lent
		})
	}
}

// Every detector pattern gets regexp's answers on the sample files spelled
// with ſ for s and K for k.
func TestPrefilteredSearchEqualsRegexpWithUnicodeFolds(t *testing.T) {
	spell := []*strings.Replacer{
		strings.NewReplacer("s", "ſ", "S", "ſ"),
		strings.NewReplacer("k", "\u212A", "K", "\u212A"),
	}
	patterns := detectorPatterns(t)
	inputs := sampleInputs(t)
	for _, p := range patterns {
		if !strings.Contains(p, "(?i") {
			continue
		}
		ours, std := MustCompile(p), regexp.MustCompile(p)
		for _, in := range inputs {
			for _, r := range spell {
				assertSameAnswers(t, ours, std, []byte(r.Replace(string(in))))
			}
		}
	}
}

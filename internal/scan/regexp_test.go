package scan

import (
	"regexp"
	"strings"
	"testing"
)

func TestPrefilterNeverChangesTheAnswer(t *testing.T) {
	patterns := []string{
		`\bfrom celery import\b|@shared_task\b|@\w+\.task\b|\bBackgroundTasks\b`,
		`(?m)^CACHES\s*=|@cache_page\b`,
		`(?i)secret_key\s*=`,
		`\b(?:PageNumber|LimitOffset|Cursor)Pagination\b|\bPageable\b`,
		`a*b?`,
		`(?:jwt|JWT)\.(?:encode|sign)\(`,
		`x{2,}y`,
		`(?i)\b(?:jdbc:)?(postgres|postgresql|mysql|h2|hsqldb)(?:\+[a-z0-9]+)?(?:://|:(?:mem|file|h2))`,
		`(?m)^\s*(from\s+flask_smorest\b|import\s+flask_smorest\b)`,
		`[Ss]ecret(Key)?\s*=`,
		`(?i:limit)\s+\d+ OFFSET`,
		`(?i)(?:^|\W)((?:new_?|old_?)?pass(?:word|wd))(?:\W|$)`,
	}
	inputs := []string{
		"from celery import shared_task\n", "@app.task\ndef f(): pass", "CACHES = {}", "SECRET_KEY = 'x'",
		"class P(PageNumberPagination): pass", "Pageable p", "nothing here at all", "", "jwt.encode(x)",
		"JWT.sign(", "xxy", "xy", "background", "BackgroundTasks", "Secret_Key = 1", "SECRET_KEY=", "secret_ke",
		"jdbc:postgresql://db/x", "JDBC:H2:mem:test", "hsqldb:file:x", "h2 only", "import flask_smorest", "  from flask_smorest import Api",
		"SecretKey = 1", "secret=2", "LIMIT 10 OFFSET", "limit 5 offset", "new_Password = 1", "PASSWD", "passage", "old_passwd:",
	}
	for _, p := range patterns {
		ours, std := MustCompile(p), regexp.MustCompile(p)
		for _, in := range inputs {
			if got, want := ours.Match([]byte(in)), std.Match([]byte(in)); got != want {
				t.Errorf("%q on %q: Match = %v, regexp says %v", p, in, got, want)
			}
			if got, want := len(ours.FindAllIndex([]byte(in), -1)), len(std.FindAllIndex([]byte(in), -1)); got != want {
				t.Errorf("%q on %q: %d matches, regexp finds %d", p, in, got, want)
			}
		}
	}
}

func TestPrefilterLiterals(t *testing.T) {
	cases := []struct {
		pattern string
		want    int // number of literals; 0 = no prefilter
	}{
		{`\bfoo\b|bar`, 2},
		{`(?i)foo`, 1},
		{`(?i)föo`, 0},
		{`(?i)(?:^|\W)((?:new_?|old_?)?pass(?:word|wd))(?:\W|$)`, 3}, // passw, and K and ſ for its s
		{`a*`, 0},
		{`\w+\.task\(`, 1},
		{`(?:get|post)\(\s*['"]/`, 2},
		{`\b(h2|hsqldb):mem`, 1},
		{`(?m)^\s*(?:from\s+jwt\b|import\s+jwt\b)`, 2},
	}
	for _, tc := range cases {
		if got := len(compileNow(tc.pattern).lits); got != tc.want {
			t.Errorf("%q: %d literals, want %d", tc.pattern, got, tc.want)
		}
	}
}

func TestPrefilterPrefersRareWordsToKeywords(t *testing.T) {
	r := compileNow(`(?m)^\s*(?:from|import)\s+flask_login\b`)
	if len(r.lits) != 1 || string(r.lits[0]) != "flask_login" {
		t.Fatalf("literals = %q, want the module name, not a keyword every file holds", r.lits)
	}
	if r.Match([]byte("from flask import Flask\n")) {
		t.Fatal("matched a file without the module")
	}
	if !r.Match([]byte("x = 1\nfrom flask_login import login_user\n")) {
		t.Fatal("missed the import")
	}
}

func TestPrefilterSkipsPythonsPassKeyword(t *testing.T) {
	r := compileNow(`(?:new_|old_)?pass(?:word|wd)\b`)
	for _, l := range r.lits {
		if string(l) == "pass" {
			t.Fatalf("literals = %q: every Python file with a pass statement would run the regexp", r.lits)
		}
	}
	if r.Match([]byte("def f():\n    pass\n")) || !r.Match([]byte("user.passwd = x")) {
		t.Fatal("wrong answer")
	}
}

// compileNow compiles a pattern at once, so a test can read what its
// prefilter derived.
func compileNow(pattern string) *Regexp {
	r := MustCompile(pattern)
	r.compiled()
	return r
}

func TestCompiledAtFirstUse(t *testing.T) {
	r := MustCompile(`\bflask_login\b`)
	if r.re != nil {
		t.Fatal("compiled when declared")
	}
	if !r.Match([]byte("import flask_login")) || r.re == nil {
		t.Fatal("first use did not compile")
	}
	if r.String() != `\bflask_login\b` || r.Std().String() != `\bflask_login\b` {
		t.Fatal("pattern text lost")
	}
}

func TestCheckAllNamesABadPattern(t *testing.T) {
	bad := MustCompile(`(unclosed`)
	defer func() { // keep the registry clean for the other tests
		registry.Lock()
		registry.all = registry.all[:len(registry.all)-1]
		registry.Unlock()
	}()
	err := CheckAll()
	if err == nil || !strings.Contains(err.Error(), bad.pattern) {
		t.Fatalf("CheckAll = %v, want an error naming %q", err, bad.pattern)
	}
}

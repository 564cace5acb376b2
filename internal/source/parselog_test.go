package source

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// referenceParseLog is parseLog as it was before it was made cheaper: one
// string per line, strings.SplitN for the record and every path
// classified afresh. parseLog must return what it returns on any input.
func referenceParseLog(r io.Reader) ([]Commit, error) {
	var commits []Commit
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 2*maxLogLine)
	sc.Split(cutLines(maxLogLine))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, recordSep) {
			f := strings.SplitN(line[1:], fieldSep, 4)
			if len(f) < 4 {
				continue
			}
			when, _ := time.Parse(time.RFC3339, f[2])
			commits = append(commits, Commit{Hash: f[0], Email: strings.ToLower(f[1]), When: when, Subject: f[3], CodeKnown: true})
			continue
		}
		if line == "" || len(commits) == 0 {
			continue
		}
		status, p, ok := strings.Cut(line, "\t")
		p = strings.Trim(p, `"`)
		if !ok || status == "" || Skipped(p) {
			continue
		}
		c := &commits[len(commits)-1]
		c.Changed++
		code := scan.IsSource(p) && !scan.IsTestPath(p)
		if code {
			c.CodeChanged++
		}
		switch status[0] {
		case 'A':
			c.Added++
			if code {
				c.CodeAdded++
			}
		case 'D':
			c.Deleted++
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return commits, nil
}

// randomLog writes a git log of n commits in readLog's format, with the
// odd lines git or a hostile repository can produce mixed in: records
// with fields missing, paths before any record, quoted paths, CRLF, blank
// lines, upper-case e-mails, bad dates, non-UTF-8 bytes.
func randomLog(rng *rand.Rand, n int) string {
	pieces := []string{"app", "src", "node_modules", "vendor", "test", "tests", "spec", "lib", "build", "dist",
		".venv-x", "pkg.egg-info", "Controllers", "__tests__", "docs", "é", "\xff", "a b", "out"}
	bases := []string{"main.py", "test_main.py", "users.go", "users_test.go", "app.js", "app.min.js", "app.spec.ts",
		"index.d.ts", "UserTest.php", "README.md", "yarn.lock", "go.sum", "x.map", "Main.java", "MainTest.java",
		"Program.cs", "schema.sql", "Dockerfile", "\"quoted\".rb", "weird\x1fname.py", "ünï.py", "Q.PY"}
	statuses := []string{"A", "M", "D", "T", "R100", "", "A", "M"}
	emails := []string{"Dev@Example.COM", "dev@example.com", "", "ÄNNE@example.org", "x\x1f"}
	dates := []string{"2024-03-01T10:00:00+01:00", "2023-12-31T23:59:59Z", "2024-02-29T00:00:00-07:00", "not a date", ""}
	subjects := []string{"Add the app", "fix", "Merge pull request #1 from a/b", "", "feat(api)!: x", "tab\there", "a\x1fb\x1fc", "\xfe\xff"}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var b strings.Builder
	for range n {
		switch rng.IntN(20) {
		case 0:
			fmt.Fprintf(&b, "%s%x%s%s\n", recordSep, rng.Uint64(), fieldSep, pick(emails)) // fields missing
		case 1:
			b.WriteString("\n\n")
		case 2:
			b.WriteString("M\r\n")
		}
		fmt.Fprintf(&b, "%s%040x%s%s%s%s%s%s", recordSep, rng.Uint64(), fieldSep, pick(emails), fieldSep, pick(dates), fieldSep, pick(subjects))
		if rng.IntN(10) == 0 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
		if rng.IntN(3) > 0 {
			b.WriteString("\n")
		}
		for range rng.IntN(6) {
			var p strings.Builder
			for range rng.IntN(4) {
				p.WriteString(pick(pieces) + "/")
			}
			p.WriteString(pick(bases))
			path := p.String()
			if rng.IntN(8) == 0 {
				path = `"` + path + `"`
			}
			sep := "\t"
			if rng.IntN(30) == 0 {
				sep = " "
			}
			b.WriteString(pick(statuses) + sep + path)
			if rng.IntN(15) == 0 {
				b.WriteString("\r")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestParseLogMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 34))
	inputs := []string{"", "\n", "M\tapp/main.py\n", recordSep, recordSep + "h" + fieldSep + "e" + fieldSep + "d" + fieldSep}
	for range 300 {
		inputs = append(inputs, randomLog(rng, rng.IntN(40)))
	}
	inputs = append(inputs, randomLog(rng, 5000))
	for i, in := range inputs {
		want, werr := referenceParseLog(strings.NewReader(in))
		got, gerr := parseLog(strings.NewReader(in))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("input %d: error %v, want %v", i, gerr, werr)
		}
		if len(got) != len(want) {
			t.Fatalf("input %d (%.300q...): %d commits, want %d", i, in, len(got), len(want))
		}
		for j := range want {
			if !reflect.DeepEqual(got[j], want[j]) {
				t.Fatalf("input %d (%.300q...), commit %d:\n got %+v\nwant %+v", i, in, j, got[j], want[j])
			}
		}
	}
}

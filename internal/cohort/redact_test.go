package cohort

import (
	"strings"
	"testing"
)

// TestBadURLErrorHidesCredentials: a deployed URL that does not parse (a
// stray % in the password) is named in the error, but its user
// information is not: the error reaches CI logs.
func TestBadURLErrorHidesCredentials(t *testing.T) {
	for _, u := range []string{"https://alice:s3cret%zz@api.example.com", "https://alice:s3cret@api.example.com:bad", "ftp://alice:s3cret@api.example.com"} {
		_, err := ReadList(strings.NewReader("octo/api "+u+"\n"), "list.txt", func(string) bool { return false })
		if err == nil {
			t.Errorf("%s: accepted", u)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "api.example.com") {
			t.Errorf("%s: error %q", u, err)
		}
	}
}

// TestFailedRowHidesCredentials: a target or deployed URL with user
// information keeps it out of the row every cohort format is built from.
func TestFailedRowHidesCredentials(t *testing.T) {
	e := Entry{Target: "https://bob:PWtarget@github.com/o/r", URL: "https://bob:PWurl@api.example.com"}
	row := failedRow(e, errorString("open https://bob:PWtarget@github.com/o/r: cannot reach it"), Options{})
	for _, field := range []string{row.Target, row.URL, row.Error} {
		if strings.Contains(field, "PW") || !strings.Contains(field, "***@") {
			t.Errorf("row field %q keeps the credentials", field)
		}
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

// TestEscapesNeverReachTheTerminal: a label, a target and an error holding
// terminal escape sequences (from a list file, the API or a repository)
// reach neither cohort.txt, cohort.md nor the progress lines.
func TestEscapesNeverReachTheTerminal(t *testing.T) {
	evil := "\x1b]0;pwned\x07\x1b[2J"
	e := Entry{Target: "octo/api" + evil, Label: "Mallory" + evil}
	row := failedRow(e, errorString("open octo/api: "+evil+"boom"), Options{})
	rep := &Report{Rows: []Row{row}}
	var out strings.Builder
	for _, format := range []string{"text", "markdown"} {
		out.Reset()
		if err := rep.Render(&out, format); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(out.String(), "\x1b\x07") || !strings.Contains(out.String(), "Mallory") {
			t.Errorf("%s: escapes reach the output: %q", format, out.String())
		}
	}
	out.Reset()
	lines := &Lines{W: &out}
	lines.Start(1)
	lines.End(e, row)
	lines.Note("note " + evil)
	if strings.ContainsAny(out.String(), "\x1b\x07") || !strings.Contains(out.String(), "Mallory") {
		t.Errorf("progress lines: %q", out.String())
	}
}

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

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

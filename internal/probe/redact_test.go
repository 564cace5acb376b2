package probe

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRedactPasswordWithAt: an unescaped @ in a password ends the user
// information only at the last @ (as url.Parse reads it); redaction that
// stopped at the first one left the rest of the password in a URL that
// failed to parse and was echoed as is.
func TestRedactPasswordWithAt(t *testing.T) {
	if got := RedactURL("https://bob:p@ss%zz@api.example.com/"); got != "https://***@api.example.com/" {
		t.Errorf("RedactURL = %q", got)
	}
	live := Run(t.Context(), Config{URL: "https://bob:p@ss%zz@api.example.com/", UserGiven: true})
	if b, _ := json.Marshal(live); strings.Contains(string(b), "ss%zz") || live.Error == "" {
		t.Errorf("live = %s", b)
	}
}

package config

import (
	"strings"
	"testing"
)

// FuzzParse parses arbitrary configuration files: no panic, and every
// refusal is one line naming the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"profile: saas\nurl: https://x.onrender.com\nignore: [\"docs/**\", \"**/*_test.go\"]\n",
		"fail_under: 70\nminimums:\n  auth: 50\nchecks:\n  secrets.none:\n    enabled: false\n",
		"weights: {auth: 2, tests: 1}\n",
		"ignore: [[[[[[[[[[[[[[[[[[[[",
		"a: &x [*x]\n",
		"---\nprofile: api\n---\nprofile: saas\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(".vetfolio.yaml", data)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || !strings.Contains(msg, ".vetfolio.yaml") {
				t.Fatalf("error is not one line naming the file: %q", msg)
			}
			return
		}
		for _, g := range c.Ignore {
			Ignored([]string{g}, "a/b/c.py")
		}
	})
}

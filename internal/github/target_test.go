package github

import (
	"errors"
	"testing"
)

func TestParseTarget(t *testing.T) {
	ok := []struct {
		in                     string
		host, owner, name, ref string
	}{
		{"someone/project", "github.com", "someone", "project", ""},
		{"someone/project.git", "github.com", "someone", "project", ""},
		{"https://github.com/someone/project", "github.com", "someone", "project", ""},
		{"https://github.com/someone/project/", "github.com", "someone", "project", ""},
		{"https://github.com/someone/project.git", "github.com", "someone", "project", ""},
		{"https://www.github.com/someone/project", "github.com", "someone", "project", ""},
		{"http://github.com/someone/my.api", "github.com", "someone", "my.api", ""},
		{"https://github.com/someone/project/tree/feature/auth", "github.com", "someone", "project", "feature/auth"},
		{"https://github.com/someone/project/commit/abc1234", "github.com", "someone", "project", "abc1234"},
		{"github.com/someone/project", "github.com", "someone", "project", ""},
		{"GitHub.com/someone/project", "github.com", "someone", "project", ""},
		{"git@github.com:someone/project.git", "github.com", "someone", "project", ""},
		{"git@github.com:someone/project", "github.com", "someone", "project", ""},
		{"ssh://git@github.com/someone/project.git", "github.com", "someone", "project", ""},
		{"https://ghe.example.com/team/service", "ghe.example.com", "team", "service", ""},
		{"git@ghe.example.com:team/service.git", "ghe.example.com", "team", "service", ""},
		{"https://ghe.example.com:8443/team/service", "ghe.example.com", "team", "service", ""},
	}
	for _, c := range ok {
		got, err := ParseTarget(c.in)
		if err != nil {
			t.Errorf("ParseTarget(%q): %v", c.in, err)
			continue
		}
		if got.Host != c.host || got.Owner != c.owner || got.Name != c.name || got.Ref != c.ref || got.Raw != c.in {
			t.Errorf("ParseTarget(%q) = %+v, want %s %s/%s ref %q", c.in, got, c.host, c.owner, c.name, c.ref)
		}
		if !LooksRemote(c.in) {
			t.Errorf("LooksRemote(%q) = false", c.in)
		}
	}
	bad := []string{
		"", "https://github.com/someone", "https://github.com/", "git@github.com:someone", "git@github.com",
		"https://github.com/some_one/project", "https://github.com/someone/..", "https://gitlab.com/someone/project",
		"ftp://github.com/someone/project", "https://github.com/someone/project/issues/3", "someone/",
		"-someone/project",
	}
	for _, in := range bad {
		_, err := ParseTarget(in)
		var te *TargetError
		if !errors.As(err, &te) || te.ExitCode() != ExitUsage {
			t.Errorf("ParseTarget(%q) = %v, want a *TargetError with exit code 2", in, err)
		}
	}
	local := []string{".", "./api", "examples/fastapi-complete/app", "../x", "/abs/path", "api"}
	for _, in := range local {
		if LooksRemote(in) {
			t.Errorf("LooksRemote(%q) = true, want a local path", in)
		}
	}
}

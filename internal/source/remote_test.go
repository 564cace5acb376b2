package source

import (
	"context"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
)

func TestGitHubRemote(t *testing.T) {
	for url, want := range map[string]string{
		"https://github.com/ana/orders-api.git":         "ana/orders-api",
		"https://github.com/ana/orders-api":             "ana/orders-api",
		"https://x-access-token@github.com/ana/api.git": "ana/api",
		"git@github.com:ana/orders.api.git\n":           "ana/orders.api",
		"ssh://git@github.com/ana/orders-api.git":       "ana/orders-api",
		"https://gitlab.com/ana/orders-api.git":         "",
		"git@ghe.example.com:ana/orders-api.git":        "",
		"/srv/git/orders-api.git":                       "",
		"https://github.com/ana":                        "",
		"https://github.com.evil.example/ana/api":       "",
	} {
		if got := GitHubRemote(url); got != want {
			t.Errorf("GitHubRemote(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestLocalCheckoutKnowsItsGitHubOrigin(t *testing.T) {
	t0 := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	dir := fixture.Repo(t, "", []fixture.Commit{{When: t0, Files: map[string]string{"api/app.py": "x = 1\n", "README.md": "# api\n"}}})
	plain, err := openLocal(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	plain.Close()
	if plain.Remote != "" {
		t.Errorf("a checkout with no origin has remote %q", plain.Remote)
	}
	fixture.Git(t, dir, "remote", "add", "origin", "git@github.com:ana/orders-api.git")
	s, err := openLocal(context.Background(), dir+"/api")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Remote != "ana/orders-api" || s.RepoFolder != "api" {
		t.Errorf("remote %q, folder %q; want ana/orders-api and api", s.Remote, s.RepoFolder)
	}
}

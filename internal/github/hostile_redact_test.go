package github

import (
	"strings"
	"testing"
)

func TestGitHubAPIURLPasswordIsNotEchoed(t *testing.T) {
	opts := Options{Env: envOf(map[string]string{"GITHUB_API_URL": "ftp://admin:Hunter2pw@ghe.example.com/api/v3/"}), TokenCommand: noGH, NoCache: true}
	_, err := open(t, "someone/project", opts)
	if err == nil {
		t.Fatal("an ftp:// API URL was accepted")
	}
	if msg := err.Error(); strings.Contains(msg, "Hunter2pw") || !strings.Contains(msg, "GITHUB_API_URL") {
		t.Errorf("error %q echoes the password or does not name GITHUB_API_URL", msg)
	}
}

package source

import (
	"context"
	"regexp"
	"strings"
)

// githubRemote matches the URL of a repository on github.com in the forms
// git accepts: https://github.com/o/r(.git), git@github.com:o/r(.git),
// ssh://git@github.com/o/r(.git).
var githubRemote = regexp.MustCompile(`^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?/?$`)

// GitHubRemote returns owner/name when url is a github.com repository,
// and "" otherwise (another host, a local path, a malformed URL).
func GitHubRemote(url string) string {
	m := githubRemote.FindStringSubmatch(strings.TrimSpace(url))
	if m == nil {
		return ""
	}
	return m[1] + "/" + m[2]
}

// readRemote sets Remote from the checkout's origin, so reports can link
// evidence to the file on GitHub at the audited commit.
func (s *Snapshot) readRemote(ctx context.Context) {
	out, err := git(ctx, s.Dir, "config", "--get", "remote.origin.url")
	if err != nil {
		return
	}
	s.Remote = GitHubRemote(string(out))
}

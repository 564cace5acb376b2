package github

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Target is a repository on GitHub or a GitHub Enterprise server.
type Target struct {
	// Host is github.com or the Enterprise server's host name.
	Host  string
	Owner string
	Name  string
	// Ref is a branch, tag or SHA named in the URL (…/tree/REF); empty
	// means the default branch.
	Ref string
	// Raw is the target as the user gave it.
	Raw string
}

// Repo returns owner/name.
func (t Target) Repo() string { return t.Owner + "/" + t.Name }

// Enterprise reports whether the target lives on a GitHub Enterprise server.
func (t Target) Enterprise() bool { return t.Host != "github.com" }

// TargetError is a target that names a remote repository but cannot be
// read as one.
type TargetError struct {
	Target string
	Reason string
	// Hint says what to do instead; empty means the accepted forms.
	Hint string
}

func (e *TargetError) Error() string {
	hint := e.Hint
	if hint == "" {
		hint = "give owner/repo or https://github.com/owner/repo"
	}
	return fmt.Sprintf("%s: %s; %s", e.Target, e.Reason, hint)
}

// ExitCode is the usage error's code.
func (e *TargetError) ExitCode() int { return ExitUsage }

var (
	ownerRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)
	nameRE  = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)
	// shortRE is owner/repo with nothing else: the shape of a GitHub
	// shorthand. A local folder of that name wins (the caller checks).
	shortRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$`)
)

// otherForges are hosts that are not GitHub Enterprise servers, so that a
// GitLab URL gets a clear message instead of a request to /api/v3.
var otherForges = map[string]bool{
	"gitlab.com": true, "bitbucket.org": true, "codeberg.org": true, "gitea.com": true,
	"dev.azure.com": true, "sourceforge.net": true, "git.sr.ht": true,
}

// LooksRemote reports whether s is written like a remote repository: a URL,
// an scp-style git address, github.com/owner/repo or owner/repo. It does
// not look at the disk; the caller decides whether a folder of that name
// wins.
func LooksRemote(s string) bool {
	switch {
	case strings.Contains(s, "://"), strings.HasPrefix(s, "git@"):
		return true
	case strings.HasPrefix(strings.ToLower(s), "github.com/"), strings.HasPrefix(strings.ToLower(s), "www.github.com/"):
		return true
	}
	return shortRE.MatchString(strings.TrimSuffix(s, ".git"))
}

// ParseTarget reads owner/repo, https://github.com/owner/repo (with an
// optional /tree/REF), github.com/owner/repo, git@github.com:owner/repo.git,
// ssh://git@HOST/owner/repo.git and https://HOST/owner/repo for a GitHub
// Enterprise server.
func ParseTarget(raw string) (Target, error) {
	s := strings.TrimSpace(raw)
	bad := func(reason string) (Target, error) { return Target{}, &TargetError{Target: raw, Reason: reason} }
	if s == "" {
		return bad("empty target")
	}
	host, rest := "github.com", ""
	switch {
	case strings.HasPrefix(s, "git@"):
		at := strings.TrimPrefix(s, "git@")
		i := strings.IndexByte(at, ':')
		if i <= 0 {
			return bad("not a git address (want git@github.com:owner/repo.git)")
		}
		host, rest = at[:i], at[i+1:]
	case strings.Contains(s, "://"):
		u, err := url.Parse(s)
		if err != nil {
			return bad("not a valid URL")
		}
		switch u.Scheme {
		case "https", "http", "ssh", "git":
		default:
			return bad(fmt.Sprintf("unsupported URL scheme %q", u.Scheme))
		}
		if u.Host == "" {
			return bad("the URL has no host")
		}
		host, rest = u.Hostname(), strings.TrimPrefix(u.Path, "/")
	case strings.HasPrefix(strings.ToLower(s), "github.com/"), strings.HasPrefix(strings.ToLower(s), "www.github.com/"):
		i := strings.IndexByte(s, '/')
		rest = s[i+1:]
	default:
		rest = s
	}
	host = strings.ToLower(host)
	if host == "www.github.com" {
		host = "github.com"
	}
	if otherForges[host] {
		return bad(fmt.Sprintf("%s is not GitHub; only GitHub repositories can be audited remotely (clone it and audit the folder)", host))
	}
	rest = strings.TrimSuffix(rest, "/")
	parts := strings.Split(rest, "/")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return bad("no repository name (want owner/repo)")
	}
	t := Target{Host: host, Owner: parts[0], Name: strings.TrimSuffix(parts[1], ".git"), Raw: raw}
	switch {
	case len(parts) == 2:
	case len(parts) >= 4 && (parts[2] == "tree" || parts[2] == "commit"):
		t.Ref = strings.Join(parts[3:], "/")
	default:
		return bad("unexpected path after owner/repo")
	}
	if !ownerRE.MatchString(t.Owner) {
		return bad(fmt.Sprintf("%q is not a valid GitHub owner name", t.Owner))
	}
	if !nameRE.MatchString(t.Name) || t.Name == "." || t.Name == ".." {
		return bad(fmt.Sprintf("%q is not a valid repository name", t.Name))
	}
	return t, nil
}

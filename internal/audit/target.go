package audit

import (
	"context"
	"os"
	"strings"

	"github.com/vetfolio/vetfolio/internal/github"
	"github.com/vetfolio/vetfolio/internal/source"
)

// Open turns the request's target into a snapshot: owner/repo and GitHub
// (or GitHub Enterprise) URLs are read from GitHub, anything else is a
// local folder. A folder that exists on disk always wins, so a local
// checkout named like "owner/repo" is audited locally.
func Open(ctx context.Context, req Request) (*source.Snapshot, error) {
	if !remote(req.Target) {
		if req.Ref != "" {
			return nil, &github.TargetError{Target: req.Target, Reason: "--ref applies to GitHub targets only",
				Hint: "check out the ref and audit the folder, or give owner/repo"}
		}
		return source.LocalDeferred(ctx, req.Target)
	}
	t, err := github.ParseTarget(req.Target)
	if err != nil {
		return nil, err
	}
	if req.Offline {
		return nil, &github.TargetError{Target: req.Target, Reason: "a GitHub target needs the network, and --offline forbids it",
			Hint: "drop --offline, or clone the repository and audit the folder"}
	}
	return github.Open(ctx, t, github.Options{
		Ref: req.Ref, NoCache: req.NoCache, Wait: req.Wait, CommitCap: req.CommitCap,
		Env: req.Env, Progress: req.Progress, Transport: req.Transport,
	})
}

// remote reports whether target names a repository on GitHub rather than
// a folder on disk.
func remote(target string) bool {
	if _, err := os.Lstat(target); err == nil {
		return false
	}
	// "repos/nope" where repos/ is a folder here is a mistyped path, not
	// the GitHub repository nope of the user repos: say the folder is
	// missing instead of asking GitHub.
	if owner, _, ok := strings.Cut(target, "/"); ok && !strings.Contains(target, "://") {
		if fi, err := os.Stat(owner); err == nil && fi.IsDir() {
			return false
		}
	}
	return github.LooksRemote(target)
}

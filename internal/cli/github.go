package cli

import (
	"github.com/spf13/pflag"
)

// githubFlags are the audit flags that only matter for a GitHub target.
type githubFlags struct {
	Ref       string
	NoCache   bool
	Wait      bool
	CommitCap int
}

func addGitHubFlags(f *pflag.FlagSet, g *githubFlags) {
	f.StringVar(&g.Ref, "ref", "", "branch, tag or commit SHA of a GitHub target (default: its default branch)")
	f.BoolVar(&g.NoCache, "no-cache", false, "neither read nor write the cache of GitHub answers and tarballs")
	f.BoolVar(&g.Wait, "wait", false, "when the GitHub rate limit is exhausted, wait for it to reset (with a countdown) instead of failing")
	f.IntVar(&g.CommitCap, "commit-cap", 0, "read at most N commits of a GitHub target's history (default 1000)")
	_ = f.MarkHidden("commit-cap")
}

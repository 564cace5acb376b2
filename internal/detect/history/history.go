// Package history summarises a commit history the way a hiring manager
// reads it (stub: to be written).
package history

import (
	"time"

	"github.com/vetfolio/vetfolio/internal/source"
	"github.com/vetfolio/vetfolio/rules"
)

// Summarize turns commits (newest first) into the history facts.
func Summarize(commits []source.Commit, files []source.File, now time.Time) rules.History {
	return rules.History{Available: true, Commits: len(commits)}
}

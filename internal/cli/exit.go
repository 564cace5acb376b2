package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vetfolio/vetfolio/internal/audit"
	"github.com/vetfolio/vetfolio/internal/source"
)

// Exit codes, decided here and nowhere else; README documents them.
const (
	ExitOK = 0
	// ExitError is an unexpected failure (a bug, a full disk).
	ExitError = 1
	// ExitUsage is a bad flag, argument or format.
	ExitUsage = 2
	// ExitTarget is a target that cannot be read: no such folder, a file,
	// an empty folder, a corrupt repository.
	ExitTarget = 3
	// ExitBelowThreshold is an audit whose score is below --fail-under.
	ExitBelowThreshold = 4
	// ExitNotFound is a remote repository that does not exist or that the
	// token cannot see.
	ExitNotFound = 5
	// ExitAuth is a token that GitHub refused.
	ExitAuth = 6
	// ExitRateLimit is an exhausted API rate limit.
	ExitRateLimit = 7
	// ExitNetwork is a network failure or timeout talking to the API.
	ExitNetwork = 8
	// ExitSomeFailed is a multi-target audit in which some targets failed.
	ExitSomeFailed = 9
	// ExitNoBackend is a target with no backend project to judge (a notes
	// folder, a frontend-only app, an unknown language).
	ExitNoBackend = 10
	// ExitNoSchema is a target in which 'vetfolio schema' found no
	// migrations or models to draw.
	ExitNoSchema = 11
)

// UsageError is a mistake in how vetfolio was called.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usageErrorf(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// ThresholdError is a score below --fail-under; the report was still written.
type ThresholdError struct {
	Score, Min int
	Failed     []string
	// Targets are a cohort's targets scoring below Min, as "name (score)";
	// a cohort has no overall Score of its own.
	Targets []string
}

func (e *ThresholdError) Error() string {
	if len(e.Targets) > 0 {
		return fmt.Sprintf("below --fail-under %d: %s", e.Min, strings.Join(e.Targets, ", "))
	}
	var parts []string
	if e.Min >= 0 && e.Score < e.Min {
		parts = append(parts, fmt.Sprintf("score %d is below --fail-under %d", e.Score, e.Min))
	}
	if len(e.Failed) > 0 {
		parts = append(parts, "below the minimum for "+strings.Join(e.Failed, ", "))
	}
	if len(parts) == 0 {
		return fmt.Sprintf("score %d is below the threshold", e.Score)
	}
	return strings.Join(parts, "; ")
}

// ExitCoder is an error that knows its exit code (errors from the GitHub
// source implement it).
type ExitCoder interface {
	ExitCode() int
}

// exitCode maps an error to the process's exit code.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var usage *UsageError
	var target *source.TargetError
	var threshold *ThresholdError
	var coder ExitCoder
	var noBackend *audit.NoBackendError
	var noSchema *NoSchemaError
	switch {
	case errors.As(err, &noSchema):
		return ExitNoSchema
	case errors.As(err, &usage):
		return ExitUsage
	case errors.As(err, &noBackend):
		return ExitNoBackend
	case errors.As(err, &threshold):
		return ExitBelowThreshold
	case errors.As(err, &target):
		return ExitTarget
	case errors.As(err, &coder):
		return coder.ExitCode()
	}
	return ExitError
}

package github

import (
	"fmt"
)

// Exit codes of the failures this package reports; they match the CLI's
// table in internal/cli/exit.go.
const (
	ExitUsage     = 2
	ExitEmpty     = 3
	ExitNotFound  = 5
	ExitAuth      = 6
	ExitRateLimit = 7
	ExitNetwork   = 8
)

// Kind classifies a failure.
type Kind int

// The kinds of failure, each with its own exit code.
const (
	// NotFound is a repository or ref that does not exist, or that the
	// caller cannot see.
	NotFound Kind = iota + 1
	// NoAccess is a token that GitHub knows but that cannot read the
	// repository.
	NoAccess
	// BadToken is a token GitHub refused (401).
	BadToken
	// RateLimited is an exhausted primary rate limit, or a secondary limit
	// that outlasted the retries.
	RateLimited
	// Network is an unreachable server, a timeout or an unexpected answer.
	Network
	// Corrupt is a truncated or malformed tarball.
	Corrupt
	// Empty is a repository without commits.
	Empty
)

// Error is a failure to read a repository from GitHub. Its message is one
// line that says which request failed and why; it never holds the token.
type Error struct {
	Kind Kind
	// Request names the request, such as "GET /repos/o/r/commits".
	Request string
	// Msg is the user-facing explanation.
	Msg string
	Err error
}

func (e *Error) Error() string {
	if e.Request == "" {
		return e.Msg
	}
	return fmt.Sprintf("%s: %s", e.Request, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// ExitCode maps the failure to the CLI's exit code.
func (e *Error) ExitCode() int {
	switch e.Kind {
	case NotFound, NoAccess:
		return ExitNotFound
	case BadToken:
		return ExitAuth
	case RateLimited:
		return ExitRateLimit
	case Empty:
		return ExitEmpty
	}
	return ExitNetwork
}

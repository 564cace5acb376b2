package github

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

func TestAnAbsurdRateLimitResetIsClamped(t *testing.T) {
	repo := githubtest.FromGit(t, projectRepo(t), "someone", "project")
	srv := githubtest.New(repo)
	defer srv.Close()
	srv.Remaining = 0
	srv.Reset = time.Unix(1<<40, 0) // tens of thousands of years away
	_, err := open(t, "someone/project", options(t, srv, nil))
	if err == nil {
		t.Fatal("an exhausted limit succeeded")
	}
	msg := err.Error()
	if strings.Contains(msg, "in -") || !strings.Contains(msg, "X-RateLimit-Reset") {
		t.Errorf("message %q should say the server's reset time was invalid", msg)
	}

	// --wait waits at most the longest real window, in positive steps.
	opts := options(t, srv, nil)
	opts.Wait, opts.NoCache = true, true
	var progress bytes.Buffer
	opts.Progress = &progress
	var total time.Duration
	opts.Sleep = func(ctx context.Context, d time.Duration) error {
		if d <= 0 {
			t.Fatalf("asked to sleep %s", d)
		}
		total += d
		if total >= 10*time.Second {
			srv.Remaining = 60
		}
		return nil
	}
	if _, err := open(t, "someone/project", opts); err != nil {
		t.Fatalf("--wait: %v", err)
	}
	if strings.Contains(progress.String(), "in -") {
		t.Errorf("countdown shows a negative time: %q", progress.String())
	}
}

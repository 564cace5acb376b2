package audit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/config"
)

// runGuarded runs an audit of dir and fails the test, instead of hanging
// it, when the audit does not come back.
func runGuarded(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), Request{Target: dir, Offline: true, Version: "test", Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("the audit blocked on a pipe")
		return nil
	}
}

func TestPipesInTheTreeNeverBlockTheAudit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("from flask import Flask\napp = Flask(__name__)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// A symlink to the FIFO is listed (it may be a real file's link) and
	// must be refused when read.
	for _, name := range []string{"server.py", "README.md", "Dockerfile", "requirements.txt"} {
		if err := os.Symlink("pipe", filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := runGuarded(t, dir); err != nil {
		t.Fatalf("audit: %v", err)
	}

	// .vetfolio.yaml as a FIFO, then as a link to one: a clear config error.
	for _, make := range []func(string) error{
		func(p string) error { return syscall.Mkfifo(p, 0o644) },
		func(p string) error { return os.Symlink("pipe", p) },
	} {
		cfg := filepath.Join(dir, config.FileName)
		_ = os.Remove(cfg)
		if err := make(cfg); err != nil {
			t.Fatal(err)
		}
		err := runGuarded(t, dir)
		var ce *config.Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("err = %v, want a config error naming a non-regular file", err)
		}
	}
}

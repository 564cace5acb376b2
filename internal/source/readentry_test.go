package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestReadEntryRefusesASymlinkSwappedInAfterListing(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.py"), []byte("print(1)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, err := Local(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if len(snap.Files) != 1 || !snap.Files[0].Regular {
		t.Fatalf("files = %+v, want app.py listed as regular", snap.Files)
	}
	data, err := snap.ReadEntry(snap.Files[0], 1<<20)
	if err != nil || string(data) != "print(1)\n" {
		t.Fatalf("ReadEntry = %q, %v", data, err)
	}

	// The file becomes a link out of the tree between listing and reading.
	if err := os.Remove(filepath.Join(dir, "app.py")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "app.py")); err != nil {
		t.Fatal(err)
	}
	if data, err := snap.ReadEntry(snap.Files[0], 1<<20); err == nil {
		t.Fatalf("read %q through a symlink leaving the tree", data)
	}

	big := File{Path: "big.txt", Regular: true}
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := snap.ReadEntry(big, 1024); err == nil {
		t.Fatal("a file over the cap was read")
	}
}

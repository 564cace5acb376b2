package github

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/github/githubtest"
)

// extractInto extracts into a folder nested in a parent, so a test can
// see whether anything landed beside it.
func extractInto(t *testing.T, data []byte, lim Limits) (*extracted, string, string, error) {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "repo")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	x, err := extract(bytes.NewReader(data), dir, lim)
	return x, dir, parent, err
}

func onlyRepoIn(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "repo" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("something was written beside the repository: %v", names)
	}
}

func TestExtractRefusesEscapes(t *testing.T) {
	const top = "o-r-abc1234/"
	data := githubtest.Tarball(t,
		githubtest.Entry{Name: "pax_global_header", Type: tar.TypeXGlobalHeader, Body: "abc1234"},
		githubtest.Entry{Name: top, Type: tar.TypeDir},
		githubtest.Entry{Name: top + "app/main.py", Body: "print('ok')\n"},
		githubtest.Entry{Name: top + "../evil.txt", Body: "escaped"},
		githubtest.Entry{Name: top + "app/../../evil2.txt", Body: "escaped"},
		githubtest.Entry{Name: "/tmp/evil-abs.txt", Body: "absolute"},
		githubtest.Entry{Name: top + "link-out", Type: tar.TypeSymlink, Linkname: "../../etc/passwd"},
		githubtest.Entry{Name: top + "link-abs", Type: tar.TypeSymlink, Linkname: "/etc/passwd"},
		githubtest.Entry{Name: top + "link-in", Type: tar.TypeSymlink, Linkname: "app/main.py"},
		githubtest.Entry{Name: top + "hard-out", Type: tar.TypeLink, Linkname: "/etc/passwd"},
		githubtest.Entry{Name: top + "hard-in", Type: tar.TypeLink, Linkname: top + "app/main.py"},
		githubtest.Entry{Name: top + "dev-null", Type: tar.TypeChar},
		githubtest.Entry{Name: top + "fifo", Type: tar.TypeFifo},
		// A symlink to a folder inside, then a file through it: stays inside.
		githubtest.Entry{Name: top + "applink", Type: tar.TypeSymlink, Linkname: "app"},
		githubtest.Entry{Name: top + ".git/config", Body: "[core]\n"},
		githubtest.Entry{Name: top + "node_modules/pkg/index.js", Body: "x"},
		githubtest.Entry{Name: top + ".github/workflows/ci.yml", Body: "on: push\n"},
		// Committed build output is kept for the secret scan alone.
		githubtest.Entry{Name: top + "dist/config.js", Body: "exports.PORT = 1;\n"},
		githubtest.Entry{Name: top + "node_modules/pkg/dist/index.js", Body: "x"},
	)
	x, dir, parent, err := extractInto(t, data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	onlyRepoIn(t, parent)
	got := map[string]int64{}
	for _, f := range x.Files {
		got[f.Path] = f.Size
	}
	want := map[string]int64{"app/main.py": 12, "link-in": 11, "hard-in": 12, "applink": 3, ".github/workflows/ci.yml": 9, "dist/config.js": 18}
	for _, f := range x.Files {
		if f.Build != (f.Path == "dist/config.js") {
			t.Errorf("%s: Build = %v; only dist/config.js is build output", f.Path, f.Build)
		}
	}
	if len(got) != len(want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	for p, n := range want {
		if got[p] != n {
			t.Errorf("%s: size %d, want %d (files %v)", p, got[p], n, got)
		}
	}
	if !x.Workflows || !x.Complete || x.Commit != "abc1234" {
		t.Errorf("workflows %v complete %v commit %q", x.Workflows, x.Complete, x.Commit)
	}
	if _, err := os.Lstat(filepath.Join(dir, "link-out")); err == nil {
		t.Error("a symlink pointing outside was created")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		t.Error(".git from the archive was written")
	}
	notes := strings.Join(x.Notes, "\n")
	for _, w := range []string{"points outside", "would land outside", "special entries"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

func TestExtractCapsSizes(t *testing.T) {
	const top = "o-r-abc1234/"
	data := githubtest.Tarball(t,
		githubtest.Entry{Name: top + "a.txt", Body: strings.Repeat("a", 100)},
		githubtest.Entry{Name: top + "big.bin", Body: strings.Repeat("b", 5000)},
		githubtest.Entry{Name: top + "c.txt", Body: strings.Repeat("c", 600)},
		githubtest.Entry{Name: top + "d.txt", Body: strings.Repeat("d", 10)},
	)
	x, dir, _, err := extractInto(t, data, Limits{MaxTotal: 650, MaxFile: 1000, MaxEntries: 100, MaxStream: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	for _, f := range x.Files {
		sizes[f.Path] = f.Size
	}
	// big.bin is listed with its size but not unpacked; c.txt would pass
	// the total cap and is left out; d.txt still fits.
	if sizes["a.txt"] != 100 || sizes["big.bin"] != 5000 || sizes["d.txt"] != 10 || len(sizes) != 3 {
		t.Errorf("files = %v", sizes)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "big.bin")); bytes.Contains(data, []byte("b")) {
		t.Error("the oversized file's content was written")
	}
	notes := strings.Join(x.Notes, "\n")
	if !strings.Contains(notes, "listed but not unpacked") || !strings.Contains(notes, "left out") {
		t.Errorf("notes = %q", notes)
	}

	// Entry count cap.
	var many []githubtest.Entry
	for i := range 50 {
		many = append(many, githubtest.Entry{Name: top + strings.Repeat("f", i+1), Body: "x"})
	}
	x, _, _, err = extractInto(t, githubtest.Tarball(t, many...), Limits{MaxTotal: 1 << 20, MaxFile: 1 << 20, MaxEntries: 10, MaxStream: 1 << 20})
	if err != nil || len(x.Files) != 10 || x.Complete || !strings.Contains(strings.Join(x.Notes, " "), "more than 10 entries") {
		t.Errorf("entry cap: %d files, complete %v, notes %q, err %v", len(x.Files), x.Complete, x.Notes, err)
	}
}

// A compression bomb: a few KiB of gzip that unpack to 64 MiB of zeros.
func TestExtractStopsACompressionBomb(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	const size = 64 << 20
	tw.WriteHeader(&tar.Header{Name: "o-r-1/zeros.bin", Size: size, Mode: 0o644, Typeflag: tar.TypeReg})
	zero := make([]byte, 1<<20)
	for range size / len(zero) {
		tw.Write(zero)
	}
	tw.Close()
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes, not a bomb", buf.Len())
	}
	x, _, _, err := extractInto(t, buf.Bytes(), Limits{MaxTotal: 1 << 30, MaxFile: 1 << 30, MaxEntries: 10, MaxStream: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if x.Complete || !strings.Contains(strings.Join(x.Notes, " "), "unpacks to more than 8 MiB") {
		t.Errorf("complete %v notes %q", x.Complete, x.Notes)
	}
}

func TestExtractCorrupt(t *testing.T) {
	good := githubtest.Tarball(t, githubtest.Entry{Name: "o-r-1/a.txt", Body: strings.Repeat("hello ", 1000)})
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-6] ^= 0xff // the gzip checksum
	for name, data := range map[string][]byte{
		"not gzip": []byte("<html>502</html>"), "truncated": good[:len(good)/2], "bad checksum": flipped, "empty": nil,
	} {
		_, _, _, err := extractInto(t, data, DefaultLimits)
		if !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err = %v, want errCorrupt", name, err)
		}
	}
}

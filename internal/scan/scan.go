// Package scan holds what the fact detectors share: the file they are shown,
// the interface they implement, and helpers for reading source text.
package scan

import (
	"bytes"
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// File is one file of the snapshot as a detector sees it.
type File struct {
	// Path is slash-separated and relative to the audited root.
	Path string
	// Data is the content, or nil when no detector asked for it, the file
	// is binary, or it is larger than the scan cap.
	Data []byte
	// Code is Data with comments blanked (see Code), computed once by the
	// collector for source files; use Source() rather than reading it.
	// It is Data itself when there was no comment. Every detector reads
	// the same Data and Code at once: neither is ever written into.
	Code []byte
	// Info is Classify(Path), derived once by the collector for every
	// detector; use PathInfo() rather than reading it.
	Info *PathInfo
}

// PathInfo returns Classify(f.Path), the collector's when it gave one.
func (f File) PathInfo() PathInfo {
	if f.Info != nil && f.Info.Path == f.Path {
		return *f.Info
	}
	return Classify(f.Path)
}

// Source returns the file's content with comments blanked, computing it
// when the collector did not.
func (f File) Source() []byte {
	if f.Code != nil || f.Data == nil {
		return f.Code
	}
	return Code(f.Data, SourceExts[Ext(f.Path)])
}

// Detector finds one family of facts. The collector shows every detector
// every file's path in one pass, reads the contents only of files some
// detector Wants, then calls Finish on each detector in a fixed order, so
// a detector may read facts filled in by the ones before it.
//
// Scan is called from one goroutine at a time; a detector needs no locking.
type Detector interface {
	// Wants reports whether the detector needs the content of the file
	// at p.Path. Paths it does not want are still passed to Scan with nil
	// Data.
	Wants(p PathInfo) bool
	// Scan examines one file.
	Scan(f File)
	// Finish writes what the detector found into facts.
	Finish(inv *facts.Facts)
}

// Ext returns the lower-cased extension of p, with the dot (".py").
func Ext(p string) string { return strings.ToLower(path.Ext(p)) }

// Base returns the lower-cased last element of p.
func Base(p string) string { return strings.ToLower(path.Base(p)) }

// LineAt returns the 1-based line number of the byte offset off in data.
func LineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// SourceExts are the extensions of program source the detectors read.
var SourceExts = map[string]string{
	".py": "python", ".java": "java", ".kt": "kotlin", ".js": "javascript", ".mjs": "javascript",
	".cjs": "javascript", ".ts": "typescript", ".mts": "typescript", ".go": "go", ".rb": "ruby",
	".cs": "csharp", ".php": "php", ".rs": "rust", ".ex": "elixir", ".scala": "scala",
}

// IsSource reports whether p is program source in a language the detectors read.
func IsSource(p string) bool { return isSourceExt(p, Ext(p)) }

// isSourceExt is IsSource(p), given ext = Ext(p).
func isSourceExt(p, ext string) bool {
	_, ok := SourceExts[ext]
	return ok && !strings.HasSuffix(p, ".d.ts") && !strings.HasSuffix(p, ".min.js")
}

// PathInfo is a file's path with what the detectors' Wants ask of it
// first. The collector derives it once per file and hands the same value
// to every detector: a dozen detectors each lower-casing the name and
// walking the folders again cost more than the rest of the asking.
type PathInfo struct {
	// Path is slash-separated and relative to the audited root.
	Path string
	// Ext is Ext(Path), Base is Base(Path): lower-cased.
	Ext, Base string
	// Source is IsSource(Path), Test is IsTestPath(Path) and InTestDir is
	// InTestDir(Path).
	Source, Test, InTestDir bool
}

// Classify derives the PathInfo of p.
func Classify(p string) PathInfo {
	ext := Ext(p)
	info := PathInfo{Path: p, Ext: ext, Base: Base(p), Source: isSourceExt(p, ext)}
	inTest, inFixture := folderKinds(p)
	info.Test = info.Source && (inTest || testName(path.Base(p)))
	info.InTestDir = inFixture
	return info
}

// IsTestPath reports whether p is a test file by the conventions of the
// mainstream stacks (test_x.py, x_test.py, XTest.java, x.test.ts, x.spec.js,
// x_test.go, Django's tests.py, XTest.php, and files under tests/, test/,
// __tests__/, spec/).
func IsTestPath(p string) bool {
	if !IsSource(p) {
		return false
	}
	if testName(path.Base(p)) {
		return true
	}
	inTest, _ := folderKinds(p)
	return inTest
}

// testName reports whether a source file's base name (as written) names a
// test.
func testName(base string) bool {
	lower := strings.ToLower(base)
	stem := strings.TrimSuffix(lower, path.Ext(lower))
	switch {
	case strings.HasPrefix(lower, "test_") && strings.HasSuffix(lower, ".py"),
		lower == "tests.py", // Django's startapp module
		strings.HasSuffix(base, "Test.php"), strings.HasSuffix(base, "Tests.php"),
		strings.HasSuffix(stem, "_test"), strings.HasSuffix(stem, ".test"), strings.HasSuffix(stem, ".spec"),
		strings.HasSuffix(stem, "-test"), strings.HasSuffix(stem, ".e2e-spec"), strings.HasSuffix(stem, "_spec"):
		return true
	case strings.HasSuffix(base, "Test.java"), strings.HasSuffix(base, "Tests.java"), strings.HasSuffix(base, "IT.java"),
		strings.HasSuffix(base, "Test.kt"), strings.HasSuffix(base, "Tests.kt"), strings.HasSuffix(base, "Tests.cs"), strings.HasSuffix(base, "Test.cs"):
		return true
	}
	return false
}

// Folder kinds, the values of folderNames: a test folder (its source files
// are tests) is also a fixture folder (nothing in it is the project's own
// schema or configuration).
const (
	fixtureFolder = 1 << iota
	testFolder
)

// folderNames are the folder names that make a file a test or a fixture.
var folderNames = map[string]uint8{
	"tests": testFolder | fixtureFolder, "__tests__": testFolder | fixtureFolder,
	"spec": testFolder | fixtureFolder, "test": testFolder | fixtureFolder,
	"testdata": fixtureFolder, "fixtures": fixtureFolder, "e2e": fixtureFolder,
}

// folderKinds reports whether a folder p lies under is a test folder and
// whether one is a fixture folder, in one walk of the folders.
func folderKinds(p string) (inTest, inFixture bool) {
	var kinds uint8
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		k, ok := folderNames[seg]
		// Lower-casing allocates only for a name with upper case in it, and
		// no folder's name here is longer than "__tests__".
		if !ok && len(seg) <= len("__tests__") {
			k = folderNames[strings.ToLower(seg)]
		}
		kinds |= k
	}
	return kinds&testFolder != 0, kinds&fixtureFolder != 0
}

// MaxEvidence caps each evidence list a detector keeps: a report shows the
// first few places, not every one.
const MaxEvidence = 5

// AddEvidence appends l to ev unless ev is full or already holds l.
func AddEvidence(ev []facts.Location, l facts.Location) []facts.Location {
	if len(ev) >= MaxEvidence {
		return ev
	}
	for _, e := range ev {
		if e == l {
			return ev
		}
	}
	return append(ev, l)
}

// RepoPath returns p with its leading "../" segments removed. A subfolder
// audit of a monorepo is also shown the repository's root README, CI and
// deploy files as context, under paths relative to the audited folder
// ("../.github/workflows/ci.yml"); detectors that match such files by
// their place in a repository match RepoPath(p) and keep p as evidence.
func RepoPath(p string) string {
	for strings.HasPrefix(p, "../") {
		p = p[3:]
	}
	return p
}

// IsContext reports whether p is a context file from outside the audited
// folder (see RepoPath): not the candidate's code, only what a visitor of
// the repository sees around it.
func IsContext(p string) bool { return strings.HasPrefix(p, "../") }

// RepoFolderSetter is implemented by detectors that need to know where
// the audited folder sits in its repository, to tell whether a context
// file (a root CI workflow) is about it. The collector calls
// SetRepoFolder before the first Scan with the folder's slash-separated
// path from the repository root ("backend", "services/api"), or "" when
// the audited folder is the root or not in a repository.
type RepoFolderSetter interface {
	SetRepoFolder(folder string)
}

// BuildReader is implemented by detectors that also read committed build
// output (dist/config.js): the collector shows a build-output file to
// these detectors alone, and to each only when WantsBuild says so. The
// others never see its path, so compiled code is never judged as the
// candidate's.
type BuildReader interface {
	WantsBuild(p PathInfo) bool
}

// InTestDir reports whether p lies under a test or fixture folder
// (tests/, spec/, testdata/, fixtures/, e2e/).
func InTestDir(p string) bool {
	_, inFixture := folderKinds(p)
	return inFixture
}

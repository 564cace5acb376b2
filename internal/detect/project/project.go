// Package project detects what surrounds the code of a project: its tests,
// the CI that runs them, the configuration that deploys it and the README
// that presents it.
package project

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// scan.MaxEvidence caps evidence lists: a reader needs a few examples, not all.

type detector struct {
	tests  testScanner
	ci     ciScanner
	deploy deployScanner
	readme readmeScanner
}

// New returns the detector of tests, CI, deploy configuration and README.
func New() scan.Detector { return &detector{} }

// Wants asks only for the files each part reads: test sources and test
// configuration, CI files, deploy files whose content decides what they
// are, and READMEs.
func (d *detector) Wants(p scan.PathInfo) bool {
	return d.tests.wants(p) || d.ci.wants(p) || d.deploy.wants(p) || d.readme.wants(p)
}

// SetRepoFolder learns where the audited folder sits in its repository, so
// that a root CI workflow testing another folder is not taken for this
// one's (see scan.RepoFolderSetter).
func (d *detector) SetRepoFolder(folder string) { d.ci.repoFolder = folder }

func (d *detector) Scan(f scan.File) {
	p := f.PathInfo()
	if d.tests.wants(p) {
		d.tests.scan(f)
	}
	if d.ci.wants(p) {
		d.ci.scan(f)
	}
	// Deploy files are recognised by path too (terraform, Chart.yaml), so
	// every path is shown to the deploy scanner.
	d.deploy.scan(f)
	if d.readme.wants(p) {
		d.readme.scan(f)
	}
}

func (d *detector) Finish(inv *facts.Facts) {
	d.tests.finish(inv)
	d.ci.finish(inv)
	d.deploy.finish(inv)
	d.readme.finish(inv)
}

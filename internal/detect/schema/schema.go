// Package schema is the engine that reads a project's database schema:
// every active stack pack's schema readers (pack.Database.Schema) are
// shown the files they match, and internal/schema orders and applies what
// they found into facts.Schema.
package schema

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

type detector struct {
	readers []schema.Reader
	found   []schema.Found
}

// New returns the schema detector.
func New() scan.Detector {
	// A plain SQL dump (schema.sql) belongs to no stack.
	rs := []schema.Reader{schema.SQLSnapshot}
	for _, pk := range stacks.All() {
		rs = append(rs, pk.Database.Schema...)
	}
	return &detector{readers: rs}
}

// Wants asks for the files some reader matches, never for tests: a
// fixture's CREATE TABLE is not the project's schema.
func (d *detector) Wants(p scan.PathInfo) bool {
	if p.Test || p.InTestDir {
		return false
	}
	for _, r := range d.readers {
		if r.Path.MatchString(p.Path) {
			return true
		}
	}
	return false
}

// Scan hands the file to every reader that matches it.
func (d *detector) Scan(f scan.File) {
	if f.Data == nil { // the collector gives content only to files Wants asked for
		return
	}
	for _, r := range d.readers {
		if !r.Path.MatchString(f.Path) || !needs(f.Data, r.Need) {
			continue
		}
		res := r.Read(f)
		if len(res.Migrations)+len(res.Snapshot)+len(res.Models) > 0 {
			d.found = append(d.found, schema.Found{Tool: r.Tool, Result: res})
		}
	}
}

// Finish builds the schema.
func (d *detector) Finish(f *facts.Facts) {
	f.Schema = schema.Build(d.found)
}

func needs(data []byte, lits []string) bool {
	if len(lits) == 0 {
		return true
	}
	for _, l := range lits {
		if scan.Contains(data, l) { // the file's literal index answers most
			return true
		}
	}
	return false
}

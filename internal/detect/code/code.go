// Package code reads the application's source for what a reviewer sees by
// reading the handlers: the HTTP routes (facts.Endpoints, facts.Routes),
// central error handling and the status codes used (facts.ErrorHandling),
// logging, request logging and a health endpoint (facts.Logging), and the
// signals of a project beyond a hello-world CRUD: pagination, a client that
// consumes the API, background jobs, caching and the like (facts.Scope).
//
// Scan collects raw signals file by file; Finish resolves what needs the
// whole tree (router prefixes mounted in another file, Django views and DRF
// viewsets declared elsewhere, the stack's dependencies) and decides.
package code

import (
	"path"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// scan.MaxEvidence bounds every evidence list.

type detector struct {
	rt routeState
	er errorState
	lg logState
	sc scopeState
	sr sourcesState

	lines []int // scratch: the newline table of the file being scanned
}

// New returns the detector of routes, error handling, logging and scope.
func New() scan.Detector {
	return &detector{
		rt: newRouteState(),
		er: newErrorState(),
		lg: newLogState(),
		sc: newScopeState(),
	}
}

// configNames are the non-source files the detector reads.
var configNames = map[string]bool{
	"package.json": true, "pubspec.yaml": true,
	"logback.xml": true, "logback-spring.xml": true, "log4j2.xml": true, "log4j2-spring.xml": true,
	"application.properties": true, "application.yml": true, "application.yaml": true,
}

// Wants asks for application source (not tests) and the few configuration
// files that decide logging and the client.
func (d *detector) Wants(p scan.PathInfo) bool {
	if p.Source {
		return !p.Test
	}
	base := p.Base
	if configNames[base] {
		return true
	}
	// Spring profiles: application-prod.properties, application-dev.yml.
	return strings.HasPrefix(base, "application-") &&
		(strings.HasSuffix(base, ".properties") || strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml"))
}

func (d *detector) Scan(f scan.File) {
	d.sc.seePath(f.Path)
	if f.Data == nil {
		return
	}
	info := f.PathInfo()
	lang := scan.SourceExts[info.Ext]
	if lang == "" || !info.Source {
		d.lg.scanConfig(f.Path, f.Data)
		d.sc.scanConfig(f.Path, f.Data)
		return
	}
	if info.Test {
		return
	}
	d.sr.see(stacks.Group(f.Path), f.Path)
	code := f.Source()
	// The newline table's array is reused from file to file: a Location
	// keeps the line number, never the table.
	src := &source{path: f.Path, lang: lang, code: code, lines: d.lines[:0]}
	d.rt.scan(src)
	d.er.scan(src)
	d.lg.scan(src)
	d.sc.scan(src)
	d.lines = src.lines[:0]
}

func (d *detector) Finish(inv *facts.Facts) {
	d.sc.finishClient(inv)
	d.rt.finish(inv, d.sc.client)
	d.er.finish(inv)
	d.lg.finish(inv, d.rt.resolved)
	d.sc.finish(inv)
	d.sr.finish(inv)
}

// source is one file being scanned, its comments blanked.
type source struct {
	path string
	lang string
	code []byte
	// lines holds the offset of every newline, built on the first loc, so
	// thousands of matches in one file do not each count lines from the top.
	lines   []int
	counted bool // lines is built
	// routes counts the routes this file added, against maxFileRoutes.
	routes int
}

// maxFileRoutes bounds the routes one file may declare: a real API file
// declares dozens, a generated or hostile one must not grow the route
// list (and the work of resolving it) without bound.
const maxFileRoutes = 2000

func (s *source) loc(off int) facts.Location {
	if !s.counted {
		s.counted = true
		s.lines = s.lines[:0]
		for i, c := range s.code {
			if c == '\n' {
				s.lines = append(s.lines, i)
			}
		}
	}
	off = min(off, len(s.code))
	line, _ := slices.BinarySearch(s.lines, off)
	return facts.Location{Path: s.path, Line: line + 1}
}

// python, java, js and golang group the languages that share a syntax.
func (s *source) python() bool { return s.lang == "python" }
func (s *source) jvm() bool    { return s.lang == "java" || s.lang == "kotlin" }
func (s *source) js() bool     { return s.lang == "javascript" || s.lang == "typescript" }
func (s *source) golang() bool { return s.lang == "go" }

// group names the file's stack pack (internal/stacks): one for Java and
// Kotlin, one for JavaScript and TypeScript, the language itself otherwise.
func (s *source) group() string { return stacks.Group(s.path) }

// stem returns the path without its extension.
func stem(p string) string { return strings.TrimSuffix(p, path.Ext(p)) }

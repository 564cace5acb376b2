// Package stack detects the project's language, main backend framework,
// build tool and declared dependencies from its manifests (requirements,
// pyproject.toml, Pipfile, setup.py/cfg, pom.xml, build.gradle(.kts),
// package.json, go.mod, Gemfile, *.csproj, composer.json, Cargo.toml,
// mix.exs), falling back to the source files when no manifest decides.
//
// In a monorepo every folder with a manifest is a candidate project; the
// one whose dependencies name a backend framework wins, then the one with
// the most source files, then the shallowest. A frontend package.json
// beside a Go or Python backend therefore does not make the stack
// JavaScript.
package stack

import (
	"slices"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// unit is one candidate project: the manifests of one ecosystem in one folder.
type unit struct {
	eco       string
	dir       string
	manifests []manifest
	deps      map[string]bool
	tool      string
	web       bool
}

type manifest struct {
	path string
	deps map[string]bool
}

// source is one program file: its folder and language.
type source struct {
	path string
	lang string
}

type detector struct {
	units   map[string]*unit // by eco + "\x00" + dir
	sources []source
	// marks are files whose presence matters (lock files, tsconfig.json,
	// manage.py), by lower-cased base name, holding their folders.
	marks map[string][]string
	// netHTTP holds folders of Go files that serve with net/http.
	netHTTP []string
	// goImports holds Go files that import a web framework, with its name:
	// a go.mod never tidied lists the framework as "// indirect", which
	// the manifest reading leaves out.
	goImports []source
	// pyImports maps a Python file's path to the framework it imports.
	pyImports []source
}

// New returns a stack detector.
func New() scan.Detector {
	return &detector{units: map[string]*unit{}, marks: map[string][]string{}}
}

var markNames = map[string]bool{
	"poetry.lock": true, "pipfile.lock": true, "uv.lock": true, "pdm.lock": true,
	"package-lock.json": true, "yarn.lock": true, "pnpm-lock.yaml": true, "bun.lockb": true, "bun.lock": true,
	"tsconfig.json": true, "manage.py": true, "settings.gradle": true, "settings.gradle.kts": true,
}

func (d *detector) Wants(p scan.PathInfo) bool {
	if manifestKind(p.Path) != "" {
		return true
	}
	switch p.Ext {
	case ".go":
		return !strings.HasSuffix(p.Path, "_test.go")
	case ".py":
		return !p.Test
	}
	return false
}

func (d *detector) Scan(f scan.File) {
	base := scan.Base(f.Path)
	if markNames[base] {
		d.marks[base] = append(d.marks[base], dirName(f.Path))
	}
	if scan.IsSource(f.Path) {
		d.sources = append(d.sources, source{path: f.Path, lang: scan.SourceExts[scan.Ext(f.Path)]})
	}
	if f.Data == nil {
		return
	}
	if eco := manifestKind(f.Path); eco != "" {
		d.addManifest(eco, f)
		return
	}
	switch scan.Ext(f.Path) {
	case ".go":
		if servesNetHTTP(f.Data, f.Source()) {
			d.netHTTP = append(d.netHTTP, dirName(f.Path))
		}
		if fw := goFrameworkImport(f.Source()); fw != "" {
			d.goImports = append(d.goImports, source{path: f.Path, lang: fw})
		}
	case ".py":
		if fw := pythonImport(f.Data, f.Source()); fw != "" {
			d.pyImports = append(d.pyImports, source{path: f.Path, lang: fw})
		}
	}
}

func (d *detector) addManifest(eco string, f scan.File) {
	dir := dirName(f.Path)
	// requirements/base.txt and gradle/libs.versions.toml describe the
	// project in the folder above.
	if (eco == ecoPython && strings.HasSuffix(dir, "requirements")) ||
		(eco == ecoJVM && scan.Base(f.Path) == "libs.versions.toml") {
		dir = dirName(dir)
	}
	key := eco + "\x00" + dir
	u := d.units[key]
	if u == nil {
		u = &unit{eco: eco, dir: dir, deps: map[string]bool{}}
		d.units[key] = u
	}
	p := parseManifest(f.Path, f.Data)
	m := manifest{path: f.Path, deps: map[string]bool{}}
	for _, dep := range p.deps {
		if dep != "" {
			m.deps[dep] = true
			u.deps[dep] = true
		}
	}
	u.manifests = append(u.manifests, m)
	if p.tool != "" {
		u.tool = p.tool
	}
	u.web = u.web || p.web
}

var (
	goServeRe = scan.MustCompile(`http\.(?:ListenAndServe|ListenAndServeTLS|NewServeMux|HandleFunc|Handle)\(|&http\.Server\{|http\.Server\{`)
	pyImpRe   = scan.MustCompile(`(?m)^\s*(?:from|import)\s+(fastapi|flask|django)\b`)
)

var goFrameworkRe = scan.MustCompile(`"github\.com/(gin-gonic/gin|labstack/echo|go-chi/chi|gofiber/fiber|gorilla/mux)(?:/v\d+)?"`)

// goFrameworks names the framework of each module goFrameworkRe matches.
var goFrameworks = map[string]string{"gin-gonic/gin": "gin", "labstack/echo": "echo", "go-chi/chi": "chi",
	"gofiber/fiber": "fiber", "gorilla/mux": "gorilla"}

// goFrameworkImport returns the web framework a Go file imports, or "".
func goFrameworkImport(data []byte) string {
	m := goFrameworkRe.FindSubmatch(data)
	if m == nil {
		return ""
	}
	return goFrameworks[string(m[1])]
}

// servesNetHTTP reports whether a Go file serves with net/http; code is
// data with comments blanked (scan.File.Source).
func servesNetHTTP(data, code []byte) bool {
	if !scan.Contains(data, `"net/http"`) {
		return false
	}
	return goServeRe.Match(code)
}

// pythonImport returns the web framework a Python file imports, or "";
// code is data with comments blanked (scan.File.Source).
func pythonImport(data, code []byte) string {
	if !scan.Contains(data, "fastapi") && !scan.Contains(data, "flask") && !scan.Contains(data, "django") {
		return ""
	}
	m := pyImpRe.FindSubmatch(code)
	if m == nil {
		return ""
	}
	// The constants, not string(m[1]): one allocation fewer per file.
	switch string(m[1]) {
	case "fastapi":
		return "fastapi"
	case "flask":
		return "flask"
	}
	return "django"
}

// under reports whether p lies in folder dir ("" is the root).
func under(p, dir string) bool {
	return dir == "" || p == dir || strings.HasPrefix(p, dir+"/")
}

func depth(dir string) int {
	if dir == "" {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

// ecoLangs are the source languages that belong to an ecosystem: a
// pack's languages (sorted, for a stable count order), else those of the
// ecosystems no pack covers yet.
var ecoLangs = func() map[string][]string {
	out := map[string][]string{
		ecoRuby: {"ruby"}, ecoDotnet: {"csharp"}, ecoPHP: {"php"}, ecoRust: {"rust"}, ecoElixir: {"elixir"},
	}
	packed := map[string]bool{}
	for _, pk := range stacks.All() {
		if pk.Ecosystem == "" {
			continue
		}
		if !packed[pk.Ecosystem] {
			packed[pk.Ecosystem] = true
			out[pk.Ecosystem] = nil
		}
		for _, lang := range pk.Languages {
			if !slices.Contains(out[pk.Ecosystem], lang) {
				out[pk.Ecosystem] = append(out[pk.Ecosystem], lang)
			}
		}
		slices.Sort(out[pk.Ecosystem])
	}
	return out
}()

func (d *detector) countLangs(dir string) map[string]int {
	n := map[string]int{}
	for _, s := range d.sources {
		if under(s.path, dir) {
			n[s.lang]++
		}
	}
	return n
}

func (d *detector) hasMark(name, dir string) bool {
	for _, m := range d.marks[name] {
		if m == dir {
			return true
		}
	}
	return false
}

// hasMarkWithin reports whether name exists in dir or anywhere below it.
func (d *detector) hasMarkWithin(name, dir string) bool {
	for _, m := range d.marks[name] {
		if under(m, dir) {
			return true
		}
	}
	return false
}

type candidate struct {
	u          *unit
	frameworks []string
	strong     bool
	sources    int
	langs      map[string]int
}

// DecidesStack marks the detector whose facts (the Stack) every other
// detector is shown before it finishes.
func (d *detector) DecidesStack() {}

func (d *detector) Finish(inv *facts.Facts) {
	st := facts.Stack{Dependencies: map[string]bool{}}
	var cands []*candidate
	for _, u := range d.units {
		for dep := range u.deps {
			st.Dependencies[dep] = true
		}
		c := &candidate{u: u, langs: d.countLangs(u.dir)}
		for _, l := range ecoLangs[u.eco] {
			c.sources += c.langs[l]
		}
		c.frameworks = frameworksOf(u)
		switch {
		case len(c.frameworks) > 0:
		case u.eco == ecoGo:
			for _, src := range d.goImports {
				if under(src.path, u.dir) {
					c.frameworks = []string{src.lang}
					break
				}
			}
			if len(c.frameworks) > 0 {
				break
			}
			for _, dir := range d.netHTTP {
				if under(dir, u.dir) {
					c.frameworks = []string{"net-http"}
					break
				}
			}
		case u.eco == ecoPython:
			if d.hasMarkWithin("manage.py", u.dir) {
				c.frameworks = []string{"django"}
			} else if fw := d.importedIn(u.dir); fw != "" {
				c.frameworks = []string{fw}
			}
		}
		for _, fw := range c.frameworks {
			if !isWeak(fw) {
				c.strong = true
			}
		}
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.strong != b.strong {
			return a.strong
		}
		if (len(a.frameworks) > 0) != (len(b.frameworks) > 0) {
			return len(a.frameworks) > 0
		}
		if a.sources != b.sources {
			return a.sources > b.sources
		}
		if depth(a.u.dir) != depth(b.u.dir) {
			return depth(a.u.dir) < depth(b.u.dir)
		}
		return a.u.dir+a.u.eco < b.u.dir+b.u.eco
	})
	if len(cands) > 0 && (cands[0].sources > 0 || len(cands[0].frameworks) > 0 || !d.otherSources(cands[0].u.eco)) {
		main := cands[0]
		st.Language = d.language(main)
		st.Framework = firstOr(main.frameworks)
		st.Manifest = manifestOf(main)
		st.BuildTool = d.buildTool(main.u)
		seen := map[string]bool{}
		for _, c := range cands {
			for _, fw := range c.frameworks {
				if !seen[fw] {
					seen[fw] = true
					st.Frameworks = append(st.Frameworks, fw)
				}
			}
		}
	} else {
		d.fallback(&st)
	}
	st.Unsupported = unsupported(st)
	inv.Stack = st
}

// langNames and frameworkNames name the stacks no pack knows yet.
var (
	langNames      = map[string]string{"elixir": "Elixir", "rust": "Rust", "scala": "Scala"}
	frameworkNames = map[string]string{"phoenix": "Phoenix", "actix": "Actix Web", "axum": "Axum", "rocket": "Rocket", "warp": "warp"}
)

// unsupported names the stack when its language has no stack pack
// ("Elixir/Phoenix"), "" otherwise.
func unsupported(st facts.Stack) string {
	if st.Language == "" || stacks.ForLanguage(st.Language) != nil {
		return ""
	}
	name := langNames[st.Language]
	if name == "" {
		name = st.Language
	}
	if fw := frameworkNames[st.Framework]; fw != "" {
		name += "/" + fw
	} else if st.Framework != "" {
		name += "/" + st.Framework
	}
	return name
}

// otherSources reports whether the tree has source files in a language
// outside eco, for deciding whether a manifest with no sources of its own
// (a tooling package.json) should still name the stack.
func (d *detector) otherSources(eco string) bool {
	own := map[string]bool{}
	for _, l := range ecoLangs[eco] {
		own[l] = true
	}
	for _, s := range d.sources {
		if !own[s.lang] {
			return true
		}
	}
	return false
}

// fallback names the language with the most source files when no manifest
// decides, and a framework from the imports where that is cheap to see.
func (d *detector) fallback(st *facts.Stack) {
	n := d.countLangs("")
	best := ""
	for l, c := range n {
		if c > n[best] || (c == n[best] && l < best) {
			best = l
		}
	}
	st.Language = best
	switch best {
	case "python":
		if d.hasMarkWithin("manage.py", "") {
			st.Framework = "django"
		} else {
			st.Framework = d.importedIn("")
		}
		if st.Framework != "" {
			st.BuildTool = "pip"
		}
	case "go":
		if len(d.netHTTP) > 0 {
			st.Framework = "net-http"
		}
	}
	if st.Framework != "" {
		st.Frameworks = []string{st.Framework}
	}
}

// importedIn returns the framework most Python files under dir import.
func (d *detector) importedIn(dir string) string {
	n := map[string]int{}
	best := ""
	for _, s := range d.pyImports {
		if under(s.path, dir) {
			n[s.lang]++
			if n[s.lang] > n[best] || (n[s.lang] == n[best] && s.lang < best) {
				best = s.lang
			}
		}
	}
	return best
}

func (d *detector) language(c *candidate) string {
	switch c.u.eco {
	case ecoPython:
		return "python"
	case ecoJVM:
		if c.langs["kotlin"] > c.langs["java"] || (c.langs["java"] == 0 && c.u.deps["org.jetbrains.kotlin.jvm"]) {
			return "kotlin"
		}
		return "java"
	case ecoNode:
		ts, js := c.langs["typescript"], c.langs["javascript"]
		tsProject := c.u.deps["typescript"] || d.hasMarkWithin("tsconfig.json", c.u.dir)
		if ts > js || (tsProject && ts > 0 && ts >= js) || (tsProject && ts == 0 && js == 0) {
			return "typescript"
		}
		return "javascript"
	case ecoGo:
		return "go"
	case ecoRuby:
		return "ruby"
	case ecoDotnet:
		return "csharp"
	case ecoPHP:
		return "php"
	case ecoRust:
		return "rust"
	case ecoElixir:
		return "elixir"
	}
	return ""
}

func (d *detector) buildTool(u *unit) string {
	switch u.eco {
	case ecoPython:
		switch {
		case u.tool == "poetry" || d.hasMark("poetry.lock", u.dir):
			return "poetry"
		case u.tool == "pipenv" || d.hasMark("pipfile.lock", u.dir):
			return "pipenv"
		case d.hasMark("uv.lock", u.dir):
			return "uv"
		case d.hasMark("pdm.lock", u.dir):
			return "pdm"
		}
		return "pip"
	case ecoJVM:
		for _, m := range u.manifests {
			if scan.Base(m.path) == "pom.xml" {
				return "maven"
			}
		}
		return "gradle"
	case ecoNode:
		if u.tool != "" {
			return u.tool
		}
		for _, dir := range []string{u.dir, ""} {
			switch {
			case d.hasMark("pnpm-lock.yaml", dir):
				return "pnpm"
			case d.hasMark("yarn.lock", dir):
				return "yarn"
			case d.hasMark("bun.lockb", dir), d.hasMark("bun.lock", dir):
				return "bun"
			}
		}
		return "npm"
	}
	return map[string]string{ecoGo: "go", ecoRuby: "bundler", ecoDotnet: "dotnet", ecoPHP: "composer", ecoRust: "cargo", ecoElixir: "mix"}[u.eco]
}

// manifestPref orders a unit's manifests when none declares the framework.
var manifestPref = []string{"pyproject.toml", "pipfile", "requirements.txt", "setup.py", "setup.cfg", "pom.xml", "build.gradle.kts", "build.gradle"}

func manifestOf(c *candidate) string {
	ms := append([]manifest(nil), c.u.manifests...)
	rank := func(p string) int {
		b := scan.Base(p)
		for i, n := range manifestPref {
			if b == n {
				return i
			}
		}
		return len(manifestPref)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ri, rj := rank(ms[i].path), rank(ms[j].path); ri != rj {
			return ri < rj
		}
		return ms[i].path < ms[j].path
	})
	if fw := firstOr(c.frameworks); fw != "" {
		for _, m := range ms {
			if fws := frameworksOf(&unit{eco: c.u.eco, deps: m.deps}); len(fws) > 0 && fws[0] == fw {
				return m.path
			}
		}
	}
	if len(ms) > 0 {
		return ms[0].path
	}
	return ""
}

func firstOr(s []string) string {
	if len(s) > 0 {
		return s[0]
	}
	return ""
}

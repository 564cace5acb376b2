package stack

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/vetfolio/vetfolio/internal/scan"
)

// Ecosystems group manifests that describe one buildable project.
const (
	ecoPython = "python"
	ecoJVM    = "jvm"
	ecoNode   = "node"
	ecoGo     = "go"
	ecoRuby   = "ruby"
	ecoDotnet = "dotnet"
	ecoPHP    = "php"
	ecoRust   = "rust"
	ecoElixir = "elixir"
)

// parsed is what one manifest declares.
type parsed struct {
	deps []string
	// tool is a build tool the manifest itself implies (poetry for a
	// [tool.poetry] pyproject), "" when the ecosystem default applies.
	tool string
	// web is set by a .csproj whose SDK is Microsoft.NET.Sdk.Web.
	web bool
}

// manifestKind returns the ecosystem of a manifest path, or "".
func manifestKind(p string) string {
	base := baseName(p)
	lower := strings.ToLower(base)
	switch {
	case lower == "pyproject.toml", lower == "pipfile", lower == "setup.py", lower == "setup.cfg":
		return ecoPython
	case strings.HasPrefix(lower, "requirements") && (strings.HasSuffix(lower, ".txt") || strings.HasSuffix(lower, ".in")):
		return ecoPython
	case strings.HasSuffix(lower, ".txt") && strings.HasSuffix(dirName(p), "requirements"):
		return ecoPython
	case lower == "pom.xml", lower == "build.gradle", lower == "build.gradle.kts", lower == "libs.versions.toml":
		return ecoJVM
	case lower == "package.json":
		return ecoNode
	case lower == "go.mod":
		return ecoGo
	case lower == "gemfile":
		return ecoRuby
	case strings.HasSuffix(lower, ".csproj"), strings.HasSuffix(lower, ".fsproj"):
		return ecoDotnet
	case lower == "composer.json":
		return ecoPHP
	case lower == "cargo.toml":
		return ecoRust
	case lower == "mix.exs":
		return ecoElixir
	}
	return ""
}

// parseManifest reads the dependencies a manifest declares. Malformed
// manifests yield what could be read; they never fail the audit.
func parseManifest(p string, data []byte) parsed {
	lower := strings.ToLower(baseName(p))
	switch {
	case lower == "pyproject.toml":
		return parsePyproject(data)
	case lower == "pipfile":
		return parsePipfile(data)
	case lower == "setup.py":
		return parsed{deps: parseSetupPy(data)}
	case lower == "setup.cfg":
		return parsed{deps: parseSetupCfg(data)}
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".in"):
		return parsed{deps: parseRequirements(data)}
	case lower == "pom.xml":
		return parsed{deps: parsePom(data)}
	case lower == "build.gradle", lower == "build.gradle.kts":
		return parsed{deps: parseGradle(data)}
	case lower == "libs.versions.toml":
		return parsed{deps: parseVersionCatalog(data)}
	case lower == "package.json":
		return parsePackageJSON(data)
	case lower == "go.mod":
		return parsed{deps: parseGoMod(data)}
	case lower == "gemfile":
		return parsed{deps: matchAll(gemRe, data, 1)}
	case strings.HasSuffix(lower, ".csproj"), strings.HasSuffix(lower, ".fsproj"):
		return parseCsproj(data)
	case lower == "composer.json":
		return parseComposer(data)
	case lower == "cargo.toml":
		return parsed{deps: parseCargo(data)}
	case lower == "mix.exs":
		return parsed{deps: matchAll(mixRe, data, 1)}
	}
	return parsed{}
}

// NormalizePython normalises a PyPI name the way the vocabulary spells it:
// lower case, "_" and "." as "-".
func NormalizePython(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	return strings.NewReplacer("_", "-", ".", "-").Replace(name)
}

var pep508Name = scan.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)`)

// pep508 returns the normalised distribution name of a requirement string
// ("fastapi[all]>=0.100; python_version>'3.8'" → "fastapi").
func pep508(req string) string {
	m := pep508Name.FindStringSubmatch(req)
	if m == nil {
		return ""
	}
	return NormalizePython(m[1])
}

var eggRe = scan.MustCompile(`#egg=([A-Za-z0-9._-]+)`)

func parseRequirements(data []byte) []string {
	var deps []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := eggRe.FindStringSubmatch(line); m != nil {
			deps = append(deps, NormalizePython(m[1]))
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-") {
			continue
		}
		// "name @ https://..." direct references keep their name.
		if n := pep508(line); n != "" && !strings.Contains(strings.SplitN(line, "@", 2)[0], "://") {
			deps = append(deps, n)
		}
	}
	return deps
}

func parsePyproject(data []byte) parsed {
	var doc struct {
		Project struct {
			Dependencies         []string            `toml:"dependencies"`
			OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		} `toml:"project"`
		DependencyGroups map[string][]any `toml:"dependency-groups"`
		Tool             struct {
			Poetry *struct {
				Dependencies    map[string]any `toml:"dependencies"`
				DevDependencies map[string]any `toml:"dev-dependencies"`
				Group           map[string]struct {
					Dependencies map[string]any `toml:"dependencies"`
				} `toml:"group"`
			} `toml:"poetry"`
			PDM *struct {
				DevDependencies map[string][]string `toml:"dev-dependencies"`
			} `toml:"pdm"`
			UV *struct {
				DevDependencies []string `toml:"dev-dependencies"`
			} `toml:"uv"`
		} `toml:"tool"`
	}
	var out parsed
	if _, err := toml.Decode(string(data), &doc); err != nil {
		// A pyproject that does not parse still names its dependencies in
		// quoted requirement strings; take what the requirement lines say.
		return parsed{deps: parseLooseQuoted(data)}
	}
	add := func(reqs []string) {
		for _, r := range reqs {
			if n := pep508(r); n != "" {
				out.deps = append(out.deps, n)
			}
		}
	}
	add(doc.Project.Dependencies)
	for _, g := range doc.Project.OptionalDependencies {
		add(g)
	}
	for _, g := range doc.DependencyGroups {
		for _, r := range g {
			if s, ok := r.(string); ok {
				add([]string{s})
			}
		}
	}
	if po := doc.Tool.Poetry; po != nil {
		out.tool = "poetry"
		keys := func(m map[string]any) {
			for k := range m {
				if n := NormalizePython(k); n != "python" {
					out.deps = append(out.deps, n)
				}
			}
		}
		keys(po.Dependencies)
		keys(po.DevDependencies)
		for _, g := range po.Group {
			keys(g.Dependencies)
		}
	}
	if pdm := doc.Tool.PDM; pdm != nil {
		for _, g := range pdm.DevDependencies {
			add(g)
		}
	}
	if uv := doc.Tool.UV; uv != nil {
		add(uv.DevDependencies)
	}
	return out
}

var quotedReqRe = scan.MustCompile(`(?m)^\s*"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:[<>=!~;@ ].*)?",?\s*$`)

func parseLooseQuoted(data []byte) []string {
	var deps []string
	for _, m := range quotedReqRe.FindAllSubmatch(data, -1) {
		deps = append(deps, NormalizePython(string(m[1])))
	}
	return deps
}

func parsePipfile(data []byte) parsed {
	var doc struct {
		Packages    map[string]any `toml:"packages"`
		DevPackages map[string]any `toml:"dev-packages"`
	}
	out := parsed{tool: "pipenv"}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return out
	}
	for k := range doc.Packages {
		out.deps = append(out.deps, NormalizePython(k))
	}
	for k := range doc.DevPackages {
		out.deps = append(out.deps, NormalizePython(k))
	}
	return out
}

var (
	installRequiresRe = scan.MustCompile(`(?s)install_requires\s*=\s*\[(.*?)\]`)
	quotedRe          = scan.MustCompile(`["']([^"'\n]+)["']`)
)

func parseSetupPy(data []byte) []string {
	var deps []string
	for _, block := range installRequiresRe.FindAllSubmatch(data, -1) {
		for _, q := range quotedRe.FindAllSubmatch(block[1], -1) {
			if n := pep508(string(q[1])); n != "" {
				deps = append(deps, n)
			}
		}
	}
	return deps
}

func parseSetupCfg(data []byte) []string {
	var deps []string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "install_requires") && strings.Contains(line, "=") {
			in = true
			if rest := strings.TrimSpace(line[strings.Index(line, "=")+1:]); rest != "" {
				if n := pep508(rest); n != "" {
					deps = append(deps, n)
				}
			}
			continue
		}
		if !in {
			continue
		}
		// Continuation lines are indented; anything else ends the value.
		if line == "" || line[0] == '#' {
			continue
		}
		if raw[0] != ' ' && raw[0] != '\t' {
			in = false
			continue
		}
		if n := pep508(line); n != "" {
			deps = append(deps, n)
		}
	}
	return deps
}

type pomDep struct {
	GroupID    string `xml:"groupId"`
	ArtifactID string `xml:"artifactId"`
}

func parsePom(data []byte) []string {
	var doc struct {
		Parent       pomDep   `xml:"parent"`
		Dependencies []pomDep `xml:"dependencies>dependency"`
		Managed      []pomDep `xml:"dependencyManagement>dependencies>dependency"`
		Plugins      []pomDep `xml:"build>plugins>plugin"`
		Profiles     []struct {
			Dependencies []pomDep `xml:"dependencies>dependency"`
		} `xml:"profiles>profile"`
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return nil
	}
	var deps []string
	add := func(d pomDep) {
		g, a := strings.ToLower(strings.TrimSpace(d.GroupID)), strings.ToLower(strings.TrimSpace(d.ArtifactID))
		if a == "" {
			return
		}
		deps = append(deps, a)
		if g != "" {
			deps = append(deps, g+":"+a)
		}
	}
	add(doc.Parent)
	for _, list := range [][]pomDep{doc.Dependencies, doc.Managed, doc.Plugins} {
		for _, d := range list {
			add(d)
		}
	}
	for _, p := range doc.Profiles {
		for _, d := range p.Dependencies {
			add(d)
		}
	}
	return deps
}

var (
	// implementation 'g:a:v', implementation("g:a"), kapt "g:a", ...
	gradleCoordRe = scan.MustCompile(`(?m)^\s*(?:implementation|api|compileOnly|runtimeOnly|testImplementation|testCompileOnly|testRuntimeOnly|annotationProcessor|kapt|ksp|developmentOnly|compile|testCompile|runtime)\s*\(?\s*(?:(?:enforcedPlatform|platform)\s*\(?\s*)?["']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)`)
	// implementation group: 'g', name: 'a'
	gradleMapRe = scan.MustCompile(`group\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']\s*,\s*name\s*[:=]\s*["']([A-Za-z0-9_.\-]+)["']`)
	// id 'org.springframework.boot' / id("org.springframework.boot") / apply plugin: 'org.springframework.boot'
	gradlePluginRe = scan.MustCompile(`(?:\bid\s*\(?\s*|apply\s+plugin\s*:\s*)["']([A-Za-z0-9_.\-]+)["']`)
	// kotlin("jvm"), kotlin("plugin.spring")
	gradleKotlinRe = scan.MustCompile(`\bkotlin\s*\(\s*"([a-z.]+)"\s*\)`)
	// Version-catalog aliases: implementation(libs.spring.boot.starter.web)
	gradleAliasRe = scan.MustCompile(`\blibs\.([A-Za-z0-9_.\-]+)`)
)

func parseGradle(data []byte) []string {
	var deps []string
	coord := func(g, a string) {
		g, a = strings.ToLower(g), strings.ToLower(a)
		deps = append(deps, a, g+":"+a)
	}
	for _, m := range gradleCoordRe.FindAllSubmatch(data, -1) {
		coord(string(m[1]), string(m[2]))
	}
	for _, m := range gradleMapRe.FindAllSubmatch(data, -1) {
		coord(string(m[1]), string(m[2]))
	}
	for _, m := range gradlePluginRe.FindAllSubmatch(data, -1) {
		deps = append(deps, strings.ToLower(string(m[1])))
	}
	for _, m := range gradleKotlinRe.FindAllSubmatch(data, -1) {
		deps = append(deps, "org.jetbrains.kotlin."+string(m[1]))
	}
	for _, m := range gradleAliasRe.FindAllSubmatch(data, -1) {
		// Aliases are resolved against the catalog in Finish; here only a
		// spring-boot plugin alias (libs.plugins.spring.boot) is telling.
		a := strings.ToLower(string(m[1]))
		if strings.HasPrefix(a, "plugins.spring.boot") || strings.HasPrefix(a, "plugins.springboot") {
			deps = append(deps, "org.springframework.boot")
		}
	}
	return deps
}

func parseVersionCatalog(data []byte) []string {
	var doc struct {
		Libraries map[string]any `toml:"libraries"`
		Plugins   map[string]any `toml:"plugins"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil
	}
	var deps []string
	coord := func(ga string) {
		parts := strings.Split(strings.ToLower(ga), ":")
		if len(parts) >= 2 {
			deps = append(deps, parts[1], parts[0]+":"+parts[1])
		}
	}
	for _, v := range doc.Libraries {
		switch v := v.(type) {
		case string:
			coord(v)
		case map[string]any:
			if m, ok := v["module"].(string); ok {
				coord(m)
			} else if g, ok := v["group"].(string); ok {
				if n, ok := v["name"].(string); ok {
					coord(g + ":" + n)
				}
			}
		}
	}
	for _, v := range doc.Plugins {
		switch v := v.(type) {
		case string:
			deps = append(deps, strings.ToLower(strings.SplitN(v, ":", 2)[0]))
		case map[string]any:
			if id, ok := v["id"].(string); ok {
				deps = append(deps, strings.ToLower(id))
			}
		}
	}
	return deps
}

func parsePackageJSON(data []byte) parsed {
	var doc struct {
		Dependencies         map[string]any `json:"dependencies"`
		DevDependencies      map[string]any `json:"devDependencies"`
		PeerDependencies     map[string]any `json:"peerDependencies"`
		OptionalDependencies map[string]any `json:"optionalDependencies"`
		PackageManager       string         `json:"packageManager"`
	}
	var out parsed
	if err := json.Unmarshal(data, &doc); err != nil {
		return out
	}
	for _, m := range []map[string]any{doc.Dependencies, doc.DevDependencies, doc.PeerDependencies, doc.OptionalDependencies} {
		for k := range m {
			out.deps = append(out.deps, strings.ToLower(k))
		}
	}
	if pm := strings.SplitN(doc.PackageManager, "@", 2)[0]; pm == "pnpm" || pm == "yarn" || pm == "npm" || pm == "bun" {
		out.tool = pm
	}
	return out
}

func parseGoMod(data []byte) []string {
	var deps []string
	inBlock := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		indirect := false
		if i := strings.Index(line, "//"); i >= 0 {
			// Indirect requirements are other modules' choices, not the
			// project's: a transitive JWT library is not the project's auth.
			indirect = strings.Contains(line[i:], "indirect")
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 || (indirect && fields[0] != ")") {
			continue
		}
		switch {
		case inBlock && fields[0] == ")":
			inBlock = false
		case inBlock:
			deps = append(deps, fields[0])
		case fields[0] == "require" && len(fields) >= 2 && fields[1] == "(":
			inBlock = true
		case fields[0] == "require" && len(fields) >= 3:
			deps = append(deps, fields[1])
		}
	}
	return deps
}

var (
	gemRe = scan.MustCompile(`(?m)^\s*gem\s+["']([A-Za-z0-9_.\-]+)["']`)
	mixRe = scan.MustCompile(`\{\s*:([a-z0-9_]+)\s*,`)
)

func matchAll(re *scan.Regexp, data []byte, group int) []string {
	var out []string
	for _, m := range re.FindAllSubmatch(data, -1) {
		out = append(out, strings.ToLower(string(m[group])))
	}
	return out
}

func parseCsproj(data []byte) parsed {
	var doc struct {
		Sdk   string `xml:"Sdk,attr"`
		Items []struct {
			Refs []struct {
				Include string `xml:"Include,attr"`
			} `xml:"PackageReference"`
		} `xml:"ItemGroup"`
	}
	var out parsed
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return out
	}
	out.web = strings.EqualFold(doc.Sdk, "Microsoft.NET.Sdk.Web")
	for _, g := range doc.Items {
		for _, r := range g.Refs {
			if r.Include != "" {
				out.deps = append(out.deps, strings.ToLower(r.Include))
			}
		}
	}
	return out
}

func parseComposer(data []byte) parsed {
	var doc struct {
		Require    map[string]any `json:"require"`
		RequireDev map[string]any `json:"require-dev"`
	}
	var out parsed
	if err := json.Unmarshal(data, &doc); err != nil {
		return out
	}
	for _, m := range []map[string]any{doc.Require, doc.RequireDev} {
		for k := range m {
			out.deps = append(out.deps, strings.ToLower(k))
		}
	}
	return out
}

func parseCargo(data []byte) []string {
	var doc struct {
		Dependencies    map[string]any `toml:"dependencies"`
		DevDependencies map[string]any `toml:"dev-dependencies"`
		Workspace       struct {
			Dependencies map[string]any `toml:"dependencies"`
		} `toml:"workspace"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil
	}
	var deps []string
	for _, m := range []map[string]any{doc.Dependencies, doc.DevDependencies, doc.Workspace.Dependencies} {
		for k := range m {
			deps = append(deps, strings.ToLower(k))
		}
	}
	return deps
}

func baseName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[i+1:]
	}
	return p
}

func dirName(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

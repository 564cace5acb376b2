// Package secret finds credentials committed to the repository: cloud and
// API keys, tokens, private keys, passwords in database URLs and framework
// secrets written into tracked config. A finding keeps where the secret is
// and which rule matched; the value itself is masked at once and never
// stored.
//
// Rules are named the way gitleaks names them (aws-access-key-id,
// github-token, private-key, ...). Placeholders such as `changeme`,
// `${JWT_SECRET}` or `<your-key>` are recognised and not reported, and
// example files (.env.example, *.sample, *.template, *.dist) are skipped.
// In a committed .env file any password, secret, token or API key value
// that is no placeholder is reported (env-file-secret), however human.
package secret

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// maxPerFile caps the findings of one file, so a dump of keys does not
// flood the report.
const maxPerFile = 20

// maxLine is the longest line the assignment rules look at; token rules
// still see longer lines (Go's regexp is linear, but a minified line is
// not where a hand-written assignment lives).
const maxLine = 4096

type detector struct {
	found []facts.Secret
	lower []byte // scratch: the file being scanned, lower-cased
}

// New returns the committed-secrets detector.
func New() scan.Detector { return &detector{} }

// Wants reports whether p is a config, source or key file that is not an
// example file. Lock files and minified bundles are skipped.
func (d *detector) Wants(p scan.PathInfo) bool {
	return classify(p.Base, p.Ext) != kindNone
}

// WantsBuild reports whether the scan reads a committed build-output
// file (dist/config.js): the same files as in the candidate's own folders.
// Nothing else judges build output, but a secret compiled into it is
// committed all the same.
func (d *detector) WantsBuild(p scan.PathInfo) bool { return d.Wants(p) }

func (d *detector) Scan(f scan.File) {
	if f.Data == nil {
		return
	}
	info := f.PathInfo()
	k := classify(info.Base, info.Ext)
	if k == kindNone {
		return
	}
	// The lower-cased copy lives in a buffer kept for the next file: what
	// a scan keeps (facts.Secret) is strings copied out of it.
	d.lower = appendASCIILower(d.lower[:0], f.Data)
	d.found = append(d.found, packFilter(f.Path, f.Data, scanFile(info, f.Data, d.lower, k))...)
	d.found = append(d.found, packFind(f.Path, f.Data)...)
}

// packFilter drops the findings a stack pack says are no secret
// (Pack.Secrets.NotSecret), judged on the finding's line.
func packFilter(p string, data []byte, found []facts.Secret) []facts.Secret {
	var filters []func(path, line string) bool
	for _, pk := range stacks.All() {
		if pk.Secrets.NotSecret != nil {
			filters = append(filters, pk.Secrets.NotSecret)
		}
	}
	if len(filters) == 0 || len(found) == 0 {
		return found
	}
	lines := bytes.Split(data, []byte("\n"))
	out := found[:0]
	for _, s := range found {
		keep := true
		if s.Line >= 1 && s.Line <= len(lines) {
			for _, notSecret := range filters {
				if notSecret(p, string(lines[s.Line-1])) {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, s)
		}
	}
	return out
}

// packFind adds the secrets the stack packs find (Pack.Secrets.Find).
// Their values are never taken: a finding is a line and a rule.
func packFind(p string, data []byte) []facts.Secret {
	var out []facts.Secret
	for _, pk := range stacks.All() {
		if pk.Secrets.Find == nil {
			continue
		}
		for _, s := range pk.Secrets.Find(p, data) {
			if len(out) < maxPerFile {
				out = append(out, facts.Secret{Path: p, Line: s.Line, Rule: s.Rule, Redacted: s.Redacted})
			}
		}
	}
	return out
}

func (d *detector) Finish(inv *facts.Facts) {
	sort.SliceStable(d.found, func(i, j int) bool {
		if d.found[i].Path != d.found[j].Path {
			return d.found[i].Path < d.found[j].Path
		}
		return d.found[i].Line < d.found[j].Line
	})
	if inv.Secrets == nil {
		inv.Secrets = []facts.Secret{}
	}
	inv.Secrets = append(inv.Secrets, d.found...)
}

// fileKind decides which rules apply to a file.
type fileKind int

const (
	kindNone fileKind = iota
	// kindEnv: .env files; unquoted KEY=value assignments.
	kindEnv
	// kindConfig: properties, YAML, TOML, INI, JSON, Dockerfile, shell,
	// Terraform; unquoted values count.
	kindConfig
	// kindManifest: package.json and the like; token rules only.
	kindManifest
	// kindSource: program source; only quoted literals count.
	kindSource
	// kindKey: .pem, .key, id_rsa.
	kindKey
)

var configExts = map[string]bool{
	".properties": true, ".yml": true, ".yaml": true, ".toml": true, ".ini": true, ".cfg": true,
	".conf": true, ".json": true, ".tf": true, ".tfvars": true, ".sh": true, ".bash": true,
	".xml": true, ".config": true, ".env": true,
}

var sourceExts = map[string]bool{
	".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".mts": true, ".java": true,
	".kt": true, ".go": true, ".rb": true, ".php": true, ".cs": true, ".rs": true, ".scala": true,
	".ex": true, ".exs": true, ".jsx": true, ".tsx": true,
}

// skipNames are files that hold hashes and ids, never hand-written secrets.
var skipNames = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "composer.lock": true, "pipfile.lock": true,
	"pnpm-lock.yaml": true, "yarn.lock": true, "poetry.lock": true, "go.sum": true, "cargo.lock": true,
	"gemfile.lock": true, "tsconfig.json": true, "jsconfig.json": true, ".eslintrc.json": true,
}

// manifestNames are scanned with the token rules only.
var manifestNames = map[string]bool{
	"package.json": true, "composer.json": true, "pom.xml": true, "app.json": true,
}

// classify tells which rules read a file, by its lower-cased base name and
// extension.
func classify(base, ext string) fileKind {
	if skipNames[base] || isExampleName(base) {
		return kindNone
	}
	if strings.HasSuffix(base, ".min.js") || strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".map") {
		return kindNone
	}
	switch {
	case base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env") || base == ".envrc" ||
		envCopy(base):
		return kindEnv
	case manifestNames[base]:
		return kindManifest
	case base == "dockerfile" || strings.HasPrefix(base, "dockerfile.") || strings.HasSuffix(base, ".dockerfile") ||
		strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose."):
		return kindConfig
	case base == "id_rsa" || base == "id_dsa" || base == "id_ecdsa" || base == "id_ed25519":
		return kindKey
	}
	switch {
	case ext == ".pem" || ext == ".key" || ext == ".p8":
		return kindKey
	case configExts[ext]:
		return kindConfig
	case sourceExts[ext]:
		return kindSource
	}
	return kindNone
}

// isExampleName reports whether a file is an example meant to be copied
// (.env.example, config.sample.yml, settings.template.py, .env.dist).
// envCopy reports a copy of a .env file kept under another name, such as
// the timestamped ones editor history extensions commit
// (.history/.env_20240506082904) or .env_backup; not .env_example.
func envCopy(base string) bool {
	if !strings.HasPrefix(base, ".env_") {
		return false
	}
	for _, w := range []string{"example", "sample", "template", "dist"} {
		if strings.Contains(base, w) {
			return false
		}
	}
	return true
}

func isExampleName(base string) bool {
	for seg := range strings.SplitSeq(base, ".") {
		switch seg {
		case "example", "examples", "sample", "samples", "template", "tmpl", "dist", "tpl":
			return true
		}
	}
	return false
}

// inTestFolder reports whether p sits in a test or fixture folder
// (testdata/key.pem for TLS tests).
func inTestFolder(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		switch strings.ToLower(seg) {
		case "test", "tests", "testdata", "fixtures", "__fixtures__", "__tests__", "spec", "testing":
			return true
		}
	}
	return false
}

// isTestEnv reports whether an env file configures the test suite
// (.env.test, .env.testing, test.env): such files are committed on
// purpose and hold throw-away values.
func isTestEnv(base string) bool {
	for seg := range strings.SplitSeq(base, ".") {
		switch seg {
		case "test", "testing", "ci":
			return true
		}
	}
	return false
}

// isDjangoSettings reports whether p is a Django settings module.
func isDjangoSettings(p string) bool {
	base := scan.Base(p)
	if scan.Ext(base) != ".py" {
		return false
	}
	if strings.HasPrefix(base, "settings") {
		return true
	}
	return path.Base(path.Dir(p)) == "settings"
}

// isSpringConfig reports whether p is a Spring Boot application config.
func isSpringConfig(p string) bool {
	base := scan.Base(p)
	if !strings.HasPrefix(base, "application") && !strings.HasPrefix(base, "bootstrap") {
		return false
	}
	switch scan.Ext(base) {
	case ".properties", ".yml", ".yaml":
		return true
	}
	return false
}

// scanFile runs the rules over the content of the file info classifies;
// lower is asciiLower(data).
func scanFile(info scan.PathInfo, data, lower []byte, k fileKind) []facts.Secret {
	p, ext := info.Path, info.Ext
	s := &fileScan{path: p, kind: k, data: data, lower: lower}
	s.django = isDjangoSettings(p)
	s.spring = isSpringConfig(p)
	s.devise = strings.HasSuffix(p, "config/initializers/devise.rb")
	s.test = info.Test || inTestFolder(p)
	s.testEnv = isTestEnv(info.Base)
	s.yaml = ext == ".yml" || ext == ".yaml"
	s.dbConfigFile = k == kindSource || ext == ".ini" || ext == ".cfg"
	s.dbConfig = s.dbConfigFile || k == kindConfig && (s.yaml || ext == ".json" || ext == ".toml" || ext == ".properties")
	// The file's literal index (the collector lends it while the file is
	// scanned) rules texts out in any ASCII case, so for lower too; a
	// buffer that is not lent rules nothing out.
	may := func(w string) bool { return scan.MayContain(data, w) }
	s.lacks.pem = !may("private key")
	s.lacks.aws = !may("aws")
	s.lacks.twilio = !may("twilio")
	s.lacks.url = !may("://")
	s.lacks.dsn = !may("password=") && !may("@tcp(")
	s.lacks.railsKey = !may("secret_key_base")
	s.active = activeRules(lower, may)
	s.gcp = scan.Ext(p) == ".json" && bytes.Contains(lower, []byte(`service_account`)) && bytes.Contains(lower, []byte(`"private_key"`))
	s.run()
	return s.out
}

// asciiLower lower-cases ASCII letters only, so offsets stay those of the
// original even in invalid UTF-8.
func asciiLower(b []byte) []byte { return appendASCIILower(make([]byte, 0, len(b)), b) }

// appendASCIILower appends asciiLower(b) to dst.
func appendASCIILower(dst, b []byte) []byte {
	n := len(dst)
	dst = append(dst, b...)
	out := dst[n:]
	for i, c := range out {
		if 'A' <= c && c <= 'Z' {
			out[i] = c + ('a' - 'A')
		}
	}
	return dst
}
